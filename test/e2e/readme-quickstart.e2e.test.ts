// The README's quick start works as printed: its shell block runs, line by line, in a fresh
// folder that has the project's bin/ (as a clone would), through the real binary.
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useTempDb } from '../helpers/run-spm.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const temp = useTempDb();

test('the quick start runs as printed', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Quick start\n')[1].split('\n## ')[0];
  const script = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  expect(script).toBeDefined();
  symlinkSync(join(ROOT, 'bin'), join(temp.dir, 'bin'));
  const result = spawnSync('bash', ['-e', '-c', script!], {
    cwd: temp.dir,
    env: { PATH: process.env.PATH, HOME: temp.dir, SPM_NOW: '2026-03-15', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  expect(result.stderr).not.toMatch(/^spm: /m);
  expect(result.status).toBe(0);
  expect(existsSync(join(temp.dir, 'my-sales.db'))).toBe(true);
  expect(result.stdout).toMatch(/Follow-ups for/);
  expect(result.stdout).toMatch(/Revenue +\$1,200/);
  expect(result.stdout).toMatch(/This quarter: 4% of \$30,000/);
});
