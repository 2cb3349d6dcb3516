// npm run docs: bundles scripts/docs.ts (TypeScript, importing src/) with esbuild and runs it.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

mkdirSync(new URL('../node_modules/.cache/', import.meta.url), { recursive: true });
const outfile = new URL('../node_modules/.cache/spm-docs.mjs', import.meta.url);
await build({
  entryPoints: [new URL('docs.ts', import.meta.url).pathname],
  outfile: outfile.pathname,
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  // docs.ts finds the repository from its own URL: give it the script's, not the bundle's.
  define: { 'import.meta.url': JSON.stringify(new URL('docs.ts', import.meta.url).href) },
  logLevel: 'warning',
});
await import(outfile.href);
