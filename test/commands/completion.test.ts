import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { runSpm } from '../helpers/run-spm.js';

function complete(script: string, words: string[]): string[] {
  const program = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _spm_complete; echo "\${COMPREPLY[@]}"`;
  return spawnSync('bash', ['-c', program], { encoding: 'utf8' }).stdout.trim().split(' ');
}

test('bash completion offers nouns, verbs and flags from the real command tree', async () => {
  const { stdout, code } = await runSpm(['completion', 'bash']);
  expect(code).toBe(0);
  expect(complete(stdout, ['spm', 'cu'])).toEqual(['customer']);
  expect(complete(stdout, ['spm', 'sale', ''])).toEqual(expect.arrayContaining(['add', 'list', 'edit', 'rm']));
  expect(complete(stdout, ['spm', 'sale', 'add', '--te'])).toEqual(['--technique']);
  expect(complete(stdout, ['spm', 'customer', 'list', '--js'])).toEqual(['--json']);
});

test('fish and zsh scripts are produced; other shells are exit 2', async () => {
  expect((await runSpm(['completion', 'fish'])).stdout).toMatch(/complete -c spm -n '__fish_use_subcommand' -a 'customer sale/);
  expect((await runSpm(['completion', 'zsh'])).stdout).toMatch(/bashcompinit/);
  const bad = await runSpm(['completion', 'tcsh']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/^spm: no completion for shell "tcsh"/);
});
