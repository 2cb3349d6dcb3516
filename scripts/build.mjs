// Bundles src/ into dist/ with esbuild: one small entry chunk plus lazily imported chunks per
// command, because startup time is most of a CLI's time and many-file ESM output loads ~2x slower.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Native addon: must be loaded from node_modules at run time.
  external: ['better-sqlite3'],
  // Some bundled CommonJS packages (cli-table3) call require() for Node built-ins.
  banner: { js: "import { createRequire as __spmCreateRequire } from 'node:module'; const require = __spmCreateRequire(import.meta.url);" },
  define: { SPM_VERSION: JSON.stringify(pkg.version) },
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
