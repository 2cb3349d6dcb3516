// The README is a front door: short, and its command map names every command (a new command
// adds one line there; the reference lives in --help and spm help <topic>).
import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { runSpm } from '../helpers/run-spm.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README is under 200 lines', () => {
  expect(readme.split('\n').length).toBeLessThan(200);
});

test('the command map names every top-level command', async () => {
  const map = /## Commands[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const help = (await runSpm(['--help'])).stdout;
  const commands = [...(help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '').matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]);
  expect(commands.length).toBeGreaterThan(15);
  expect(commands.filter((name) => !new RegExp(`(^|[\\s|])${name}([\\s|]|$)`, 'm').test(map))).toEqual([]);
});
