// docs/ARCHITECTURE.md stays true: every repository path it names exists.
import { expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

test('every path docs/ARCHITECTURE.md names exists', () => {
  const text = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');
  // Paths in backticks or at the start of the layer lines: bin/…, src/…, test/…, docs/…, scripts/…, dist/… aside (built).
  const named = new Set([...text.matchAll(/\b((?:bin|src|test|docs|scripts)\/[\w./-]*[\w/])/g)].map((m) => m[1].replace(/\/$/, '')));
  expect(named.size).toBeGreaterThan(25);
  const placeholders = [...named].filter((path) => path.includes('<'));
  expect(placeholders).toEqual([]);
  expect([...named].filter((path) => !existsSync(join(root, path)))).toEqual([]);
});
