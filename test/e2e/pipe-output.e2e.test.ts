// stdout into a shell pipe (spm export json | head): every byte to a reader that keeps reading,
// a quiet exit 0 when the reader stops early, and the same bytes as to a file.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../helpers/spawn-spm.js';

let dir: string;
let db: string;
const env = () => ({ PATH: process.env.PATH, HOME: process.env.HOME, SPM_DB: db, SPM_NOW: '2026-03-15', NO_COLOR: '1' });
/** `spm args | consumer` in bash; prints spm's exit code after the pipeline. */
const piped = (args: string, consumer: string) => spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args} | ${consumer}; echo "spm exit \${PIPESTATUS[0]}"`], { env: env(), encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spm-e2e-pipe-'));
  db = join(dir, 'spm.db');
  expect(spawnSync(process.execPath, [BIN, '--db', db, 'demo'], { env: env(), encoding: 'utf8' }).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a slow reader gets every byte, the same as a file gets (export json: ~150 KB, more than a pipe holds)', () => {
  const file = join(dir, 'export.json');
  expect(spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" export json > "${file}"`], { env: env() }).status).toBe(0);
  const result = piped('export json', `(sleep 0.3; cat > "${join(dir, 'piped.json')}")`);
  expect(result.stdout).toBe('spm exit 0\n');
  expect(result.stderr).toBe('');
  expect(readFileSync(join(dir, 'piped.json')).equals(readFileSync(file))).toBe(true);
  expect(readFileSync(file).length).toBeGreaterThan(100_000);
});

test('a reader that stops early (head): exit 0, nothing on stderr', () => {
  const result = piped('export json', 'head -c 10');
  expect(result.stdout).toBe('{\n  "formaspm exit 0\n');
  expect(result.stderr).toBe('');
});
