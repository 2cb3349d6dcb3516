// Builds dist/: one CommonJS bundle of src/ (dist/spm.cjs) and a V8 code cache for it
// (dist/spm.cjs.cache), which bin/spm.js loads. Startup is most of a CLI's time; what each
// choice here earns is measured in docs/performance.md (`npm run bench` reproduces it).
// - One CommonJS file: no ESM loader, one read, and a code cache V8 can take whole.
// - better-sqlite3's JavaScript is bundled (compiled from the cache like the rest); only its
//   native addon is loaded from node_modules, and only when a command opens the database.
// - The libraries a few paths need (prompts, CSV, progress bars) stay in node_modules
//   and are loaded on the path that needs them. esbuild turns their import() into require()
//   (`supported: dynamic-import false`): import() inside a vm.Script has no loader once V8
//   takes the code from the cache, and Node ≥ 20.19 can require() the ESM-only prompts.
// - commander's top-level require('node:child_process') (6 ms, only for git-style external
//   subcommands, which spm has none of) is served by a stub that loads it on first use.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const bundle = 'dist/spm.cjs';
const external = ['@inquirer/prompts', 'cli-progress', 'csv-parse', 'csv-stringify', 'bindings', '*.node', 'better-sqlite3/package.json'];

/** commander's child_process, loaded when commander first calls it (never, in spm). */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(plugin) {
    plugin.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    plugin.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

/**
 * chalk works out a default colour level when it is loaded (its vendored supports-color asks
 * node:tty about stdout and stderr: ~4 ms of built-in modules, streams and net among them). spm
 * never uses that default: src/ui/theme.ts makes its own Chalk with the level spm decides. So
 * chalk's detector is a stub that says "no colour", and a piped run never loads node:tty.
 */
const noColorDetection = {
  name: 'no-color-detection',
  setup(plugin) {
    plugin.onResolve({ filter: /^#supports-color$/ }, (args) =>
      (/[\\/]chalk[\\/]/.test(args.importer) ? { path: 'supports-color', namespace: 'no-color-detection' } : undefined));
    plugin.onLoad({ filter: /.*/, namespace: 'no-color-detection' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

/**
 * better-sqlite3 finds its addon through the `bindings` package, which probes a dozen paths
 * relative to the calling file (wrong once bundled, and ~4 ms). The stub opens the Release build
 * at the path from dist/ where the build found it, with process.dlopen (what require() does for
 * a .node file, without ~0.6 ms of resolving the path: stat, realpath and package.json reads
 * along node_modules). Not there (an installed copy whose node_modules lies elsewhere): it is
 * require()d from node_modules as usual, and only when that fails asked of `bindings`.
 */
const addonFromDist = (() => {
  try {
    return relative(fileURLToPath(new URL('../dist/', import.meta.url)), createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node'));
  } catch {
    return undefined; // no Release build here: the stub goes through node_modules
  }
})();
/** The first thing the stub tries: the addon where the build found it, opened directly. */
const addonAtBuildPath = addonFromDist === undefined ? '' : `
        const addon = { exports: {} };
        try {
          process.dlopen(addon, require('node:path').join(__dirname, ${JSON.stringify(addonFromDist)}));
          return addon.exports;
        } catch {}`;
const sqliteAddon = {
  name: 'sqlite-addon',
  setup(plugin) {
    plugin.onResolve({ filter: /^bindings$/ }, (args) =>
      (/[\\/]better-sqlite3[\\/]/.test(args.importer) ? { path: 'bindings', namespace: 'sqlite-addon' } : undefined));
    plugin.onLoad({ filter: /.*/, namespace: 'sqlite-addon' }, () => ({
      contents: `module.exports = (name) => {${addonAtBuildPath}
        try {
          return require('better-sqlite3/build/Release/better_sqlite3.node');
        } catch {
          return require('bindings')({ bindings: name, module_root: require('node:path').dirname(require.resolve('better-sqlite3/package.json')) });
        }
      };`,
      loader: 'js',
    }));
  },
};

/**
 * The charting library (src/ui/charts-lib.ts: vega + vega-lite) is its own bundle,
 * dist/charts.cjs, required only by `spm report --html`, so the text report neither reads nor
 * compiles it. It cannot stay in node_modules like the libraries above: vega's Node build has a
 * top-level await (vega-canvas probing for the optional `canvas` package), which require()
 * refuses. Bundled here with vega-canvas's browser build (no canvas in Node: vega estimates text
 * widths, which an SVG does not need to be exact about).
 */
const chartsBundle = {
  name: 'charts-bundle',
  setup(plugin) {
    plugin.onResolve({ filter: /[\\/]charts-lib\.js$/ }, () => ({ path: './charts.cjs', external: true }));
  },
};
const browserCanvas = {
  name: 'browser-canvas',
  setup(plugin) {
    plugin.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: new URL('../node_modules/vega-canvas/build/vega-canvas.browser.js', import.meta.url).pathname }));
  },
};

// The help pages (`spm help <topic>`) travel in dist/help-topics.json (an installed spm has no
// docs/), read by the bundle the first time a page or the list is shown: 56 KB that no other
// run reads, hashes or keeps in memory.
const helpFolder = new URL('../docs/help/', import.meta.url);
const helpTopics = Object.fromEntries(readdirSync(helpFolder).filter((f) => f.endsWith('.md')).sort()
  .map((f) => [f.slice(0, -3), readFileSync(new URL(f, helpFolder), 'utf8')]));

/**
 * A bundle for one command group: the full program with the other groups' modules (the
 * src/commands/<name>/index.ts that src/cli/program.ts imports) left out. Each left-out module
 * is an empty CommonJS module, so its registrar is undefined: the program does not register
 * it, and `hasCommandsFor(argv)` says no for an argv that needs it (bin/spm.js then loads the
 * full program). `group` undefined leaves every group out: bare `spm`, the dashboard.
 */
const onlyCommandGroup = (group) => ({
  name: 'only-command-group',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/commands\/[^/]+\/index\.js$/ }, (args) =>
      (args.importer === programModule && args.path.split('/')[2] !== group ? { path: args.path, namespace: 'left-out' } : undefined));
    plugin.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
});
const programModule = fileURLToPath(new URL('../src/cli/program.ts', import.meta.url));
const commandGroups = readdirSync(new URL('../src/commands/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`../src/commands/${entry.name}/index.ts`, import.meta.url)))
  .map((entry) => entry.name);

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const options = {
  entryPoints: ['src/main.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  supported: { 'dynamic-import': false },
  external,
  // src/ is ESM (tests run it as such); in the CommonJS bundle import.meta.url is the bundle's URL.
  // Made on first use: node:url's pathToFileURL costs ~1 ms, and the bundled code never reads it on the way to a command.
  define: { SPM_VERSION: JSON.stringify(pkg.version), SPM_HELP_TOPICS: '__spmBundle.helpTopics', 'import.meta.url': '__spmBundle.url' },
  banner: {
    js: "const __spmBundle = { get url() { return require('node:url').pathToFileURL(__filename).href; }, get helpTopics() { return (this.topics ??= JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, 'help-topics.json'), 'utf8'))); } };",
  },
  // ASCII without comments or indentation (names kept, for stack traces): bin/spm.js reads an
  // ASCII bundle as latin1, a plain copy into a one-byte string, where UTF-8 has to be decoded
  // and any non-ASCII byte made the whole source a two-byte string; 30% fewer bytes to read and
  // hash. Followups' bundle loads ~1.5 ms faster. esbuild escapes strings, not regex literals:
  // those are written with \u escapes in src/ (test/e2e/code-cache.e2e.test.ts checks).
  charset: 'ascii',
  minifyWhitespace: true,
  logLevel: 'warning',
};
/**
 * src/ imports `createRequire` from node:module (to load a built-in on the rare path that needs
 * it, or, run from source, to find the addon). In the bundle, import.meta.url is the bundle's own
 * URL, and the bundle runs with the require bin/spm.js made for that same file: so the bundle's
 * node:module is a stub whose createRequire gives that require. Loading node:module brought
 * Node's ES module loader with it (~0.2 ms of every run).
 */
const bundleRequire = {
  name: 'bundle-require',
  setup(plugin) {
    plugin.onResolve({ filter: /^(node:)?module$/ }, (args) =>
      (args.importer.startsWith(fileURLToPath(new URL('../src/', import.meta.url))) ? { path: 'module', namespace: 'bundle-require' } : undefined));
    plugin.onLoad({ filter: /.*/, namespace: 'bundle-require' }, () => ({
      contents: 'module.exports = { createRequire: () => require };',
      loader: 'js',
    }));
  },
};
const plugins = [lazyChildProcess, noColorDetection, sqliteAddon, chartsBundle, bundleRequire];
const builds = await Promise.all([
  build({ ...options, outfile: bundle, plugins, sourcemap: 'linked' }),
  ...[undefined, ...commandGroups].map((group) => build({ ...options, outfile: `dist/spm-${group ?? 'core'}.cjs`, plugins: [onlyCommandGroup(group), ...plugins] })),
]);
if (builds.some((result) => result.warnings.length > 0)) throw new Error('build: esbuild warned (see above); a warning here is a bug at run time');

// The manifest bin/spm.js reads first: the version (for `spm --version` alone) and, for each
// top-level command word, the bundle that can run it on its own (as the bundle itself says).
// A group bundle that can run no word alone (completion lists every command) is not kept.
const require = createRequire(import.meta.url);
const bundles = { '': 'spm-core.cjs' };
for (const group of commandGroups) {
  const file = `spm-${group}.cjs`;
  const program = require(`../dist/${file}`);
  const words = program.commandWordsPresent().filter((word) => program.hasCommandsFor([word]));
  for (const word of words) bundles[word] = file;
  if (words.length === 0) rmSync(`dist/${file}`);
}
writeFileSync('dist/help-topics.json', JSON.stringify(helpTopics));
writeFileSync('dist/spm.json', `${JSON.stringify({ version: pkg.version, bundles }, null, 2)}\n`);
await build({
  entryPoints: ['src/ui/charts-lib.ts'],
  outfile: 'dist/charts.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  minify: true,
  plugins: [browserCanvas],
  logLevel: 'warning',
});

// The code cache holds the functions a run compiled, so it is written after typical runs
// (scripts/code-cache.cjs). Without it spm works the same, only slower to start.
const trained = spawnSync(process.execPath, ['scripts/code-cache.cjs'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
if (trained.status !== 0) console.warn(`build: no code cache written (spm will start slower):\n${trained.stderr}`);
