// package.json declares exactly what the code uses: every runtime dependency is imported by
// src/ or bin/, and every package they import is declared (node: built-ins aside).
import { expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? files(path) : /\.(ts|js|cjs|mjs)$/.test(name) ? [path] : [];
  });
}

/** The package a specifier names: `date-fns/addDays` → date-fns, `@date-fns/utc/date/mini` → @date-fns/utc. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('/')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function importedPackages(paths: string[]): Set<string> {
  const used = new Set<string>();
  const pattern = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire(?:\.resolve)?\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
  for (const path of paths) {
    for (const match of readFileSync(join(root, path), 'utf8').matchAll(pattern)) {
      const name = packageOf(match[1]);
      if (name) used.add(name);
    }
  }
  return used;
}

test('runtime dependencies are the packages src/ and bin/ import', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const used = importedPackages([...files('src'), ...files('bin')]);
  const builtins = new Set(['fs', 'path', 'os', 'url', 'util', 'crypto', 'child_process', 'module', 'vm', 'zlib', 'stream', 'events', 'assert']);
  for (const name of builtins) used.delete(name);
  expect([...used].sort()).toEqual(Object.keys(pkg.dependencies).sort());
});
