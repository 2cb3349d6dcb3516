// A run registers only the commands its arguments reach (src/cli/program.ts, registrarsFor).
// Whatever the arguments, the output, the exit code and the database are those of a program
// with every command registered.
import { describe, expect, test } from '@jest/globals';
import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../src/cli/context.js';
import { createClock } from '../../src/cli/clock.js';
import { createProgram, registrarsFor } from '../../src/cli/program.js';
import { BufferedIo } from '../../src/ui/io.js';
import { openRaw, runSpm, failingPrompter } from '../helpers/run-spm.js';

const names = (argv?: string[]) => registrarsFor(argv).flatMap(([n]) => n);

test('each registrar adds exactly the top-level commands it is listed with', () => {
  const ctx = createContext({ io: new BufferedIo(), env: {}, clock: createClock('2026-01-01'), prompter: failingPrompter });
  for (const [listed, register] of registrarsFor(undefined)) {
    const program = new Command('spm');
    register(program, ctx);
    expect(program.commands.map((c) => c.name())).toEqual(listed);
  }
  expect(createProgram(ctx).commands.map((c) => c.name())).toEqual(names(undefined));
});

test.each([
  [[], []],
  [['--version'], []],
  [['--json', '--no-color'], []],
  [['followups'], ['followups']],
  [['--db', 'sale', 'followups', '--days', '3'], ['followups']],
  [['--db=x.db', '-y', 'sale', 'rm', '3'], ['sale']],
  [['undo'], ['history', 'undo', 'redo']],
  [['--help'], 'all'],
  [['-yh'], 'all'],
  [['help', 'sale'], 'all'],
  [['completion', 'bash'], 'all'],
  [['salez'], 'all'],
  [['--', 'followups'], 'all'],
])('%j registers %j', (argv, expected) => {
  expect(names(argv)).toEqual(expected === 'all' ? names(undefined) : expected);
});

describe('the same output as with every command registered', () => {
  const cases: string[][] = [
    [], ['--json'], ['--version'], ['-V'], ['--help'], ['-h'], ['-yh'], ['help'], ['help', 'sale', 'add'], ['help', 'dates'], ['help', 'nope'],
    ['sale'], ['sale', '--help'], ['sale', 'lst'], ['salez'], ['followup'], ['followups'], ['followups', '--bogus'], ['followups', 'extra'],
    ['--json', 'followups'], ['--bogus'], ['--bogus', 'followups'], ['--db'], ['customer', 'list', '--json'], ['customer', 'add', 'Beta', '--json'],
    ['-y', 'customer', 'rm', 'acme'], ['goal', 'list'], ['report', '--period', 'year', '--json'], ['undo'], ['completion', 'bash'], ['completion', 'fish'],
    ['--', 'followups'], ['config', 'get', 'nope'],
  ];
  test.each(cases.map((argv) => [argv]))('spm %j', async (argv) => {
    const results = [];
    for (const allCommands of [false, true]) {
      const dir = mkdtempSync(join(tmpdir(), 'spm-registration-'));
      try {
        const db = join(dir, 'spm.db');
        expect((await runSpm(['customer', 'add', 'Acme'], { db })).code).toBe(0);
        const { code, stdout, stderr } = await runSpm(argv, { db, allCommands });
        const raw = openRaw(db);
        const customers = raw.prepare('SELECT id, name, archived FROM customers ORDER BY id').all();
        raw.close();
        results.push({ code, stdout: stdout.replaceAll(dir, '<dir>'), stderr: stderr.replaceAll(dir, '<dir>'), customers });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(results[0]).toEqual(results[1]);
  });
});
