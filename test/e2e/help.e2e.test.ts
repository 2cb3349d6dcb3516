// The help pages travel inside the bundle: an installed spm (bin/ and dist/, no docs/) shows them.
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { useTempDb } from '../helpers/run-spm.js';
import { BIN } from '../helpers/spawn-spm.js';

const temp = useTempDb();

test('spm help <topic> works from the built package without the docs folder', () => {
  const root = dirname(dirname(BIN));
  cpSync(join(root, 'bin'), join(temp.dir, 'bin'), { recursive: true });
  cpSync(join(root, 'dist'), join(temp.dir, 'dist'), { recursive: true });
  const run = (args: string[]) => spawnSync(process.execPath, [join(temp.dir, 'bin', 'spm.js'), ...args], { cwd: temp.dir, env: { PATH: process.env.PATH, HOME: temp.dir, NO_COLOR: '1' }, encoding: 'utf8' });
  const page = run(['help', 'exit-codes']);
  expect(page.stderr).toBe('');
  expect(page.status).toBe(0);
  expect(page.stdout).toMatch(/^exit-codes: what spm's exit status means\n/);
  expect(page.stdout).toMatch(/130 +cancelled at a prompt/);
  expect(run(['--help']).stdout).toMatch(/Help topics \(spm help <topic>\):\n {2}dates /);
});
