// Every example printed by `--help` runs as printed: they are collected from the help of every
// command and run in order through the real binary, in a shell (for quotes, `>` and `VAR=`),
// on one database with a small prelude that the examples' ids refer to.
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runSpm, useTempDb } from '../helpers/run-spm.js';
import { BIN } from '../helpers/spawn-spm.js';

const temp = useTempDb();

async function examplesOf(path: string[]): Promise<string[]> {
  const help = (await runSpm([...path, '--help'])).stdout;
  const examples = [...help.matchAll(/^ {2}\$ (.*)$/gm)].map((m) => m[1]);
  const commands = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  for (const [, name] of commands.matchAll(/^ {2}([a-z][\w-]*)/gm)) {
    if (name !== 'help') examples.push(...(await examplesOf([...path, name])));
  }
  return examples;
}

test('every --help example runs as printed', async () => {
  const examples = await examplesOf([]);
  expect(examples.length).toBeGreaterThan(60);
  const home = join(temp.dir, 'home');
  mkdirSync(join(home, '.local/share/bash-completion/completions'), { recursive: true });
  mkdirSync(join(home, '.config/fish/completions'), { recursive: true });
  const env = { PATH: process.env.PATH, HOME: home, SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15', NO_COLOR: '1' };
  const shell = (line: string) => spawnSync('bash', ['-c', `spm() { "${process.execPath}" "${BIN}" "$@"; }\n${line}`], { cwd: temp.dir, env, encoding: 'utf8' });
  // The prelude the examples' ids refer to: customers #1–#11 ("Typo Customer" is #11, to be
  // removed) and eleven won sales with their post-sale follow-ups, so that the examples'
  // own records are customer #12, sale #12 and follow-ups #12–#15.
  const prelude = [
    ...Array.from({ length: 10 }, (_, i) => `spm customer add "Customer ${i + 1}"`),
    'spm customer add "Typo Customer"',
    ...Array.from({ length: 11 }, () => 'spm sale add "Customer 1" 100 --date -10d'),
  ];
  for (const line of prelude) expect(shell(line).status).toBe(0);
  const failures: string[] = [];
  for (const example of examples) {
    const result = shell(example);
    if (result.status !== 0) failures.push(`${example}\n  exit ${result.status}: ${result.stderr.trim()}`);
  }
  expect(failures).toEqual([]);
});
