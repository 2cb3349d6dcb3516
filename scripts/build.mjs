// Builds dist/: one CommonJS bundle of src/ (dist/spm.cjs) and a V8 code cache for it
// (dist/spm.cjs.cache), which bin/spm.js loads. Startup is most of a CLI's time. Measured on
// `spm followups` over the 10-year bench database (medians of 15, against bare `node -e 0`):
// split ESM chunks 1.71-1.87x; one CommonJS file 1.64-1.70x (no ESM loader, one read);
// the same with the code cache 1.36-1.49x (no parsing or compiling of what a run uses), and
// 1.18-1.54x once going cold read an index (schema v8).
// The heavy libraries stay out of the bundle and are import()ed from node_modules only on the
// path that needs them: prompts, tables, CSV, progress bars, and the SQLite addon.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const bundle = 'dist/spm.cjs';
const external = ['better-sqlite3', '@inquirer/prompts', 'cli-table3', 'cli-progress', 'csv-parse', 'csv-stringify'];

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  external,
  // src/ is ESM (tests run it as such); in the CommonJS bundle import.meta.url is the bundle's URL.
  define: { SPM_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__spmBundleUrl' },
  banner: { js: "const __spmBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: 'linked',
  logLevel: 'warning',
});
// The bundle runs in a vm.Script (bin/spm.js), where import() has no loader behind it once V8
// takes the code from the cache; bin/spm.js hands in its own import() as __spmImport.
let code = readFileSync(bundle, 'utf8');
code = code.replace(/\bimport\("([^"]+)"\)/g, (call, specifier) => {
  if (!external.some((name) => specifier === name || specifier.startsWith(`${name}/`))) throw new Error(`build: unexpected import(${specifier}) in the bundle`);
  return `__spmImport(${JSON.stringify(specifier)})`;
});
// Any other import() (a computed one, say) would fail at run time: refuse it here.
const unexpected = /\bimport\(/.exec(code.replace(/\binit_[\w$]*import\(/g, ''));
if (unexpected) throw new Error(`build: an import() the loader cannot serve is left in the bundle near: ${code.slice(unexpected.index - 80, unexpected.index + 40)}`);
writeFileSync(bundle, code);

// The code cache holds the functions a run compiled, so it is written after typical runs
// (scripts/code-cache.cjs). Without it spm works the same, only slower to start.
const trained = spawnSync(process.execPath, ['scripts/code-cache.cjs'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
if (trained.status !== 0) console.warn(`build: no code cache written (spm will start slower):\n${trained.stderr}`);
