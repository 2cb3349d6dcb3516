// Every view fits the terminal: on the demo database, at 50, 60, 80, 120 and 200 columns, no
// line is wider than the terminal (ANSI codes excluded, colour forced on so they are there).
// Piped output ignores the width.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSpm } from '../helpers/run-spm.js';
import { expectFitsWidth, WIDTHS } from '../helpers/fit.js';

let dir = '';
let db = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spm-width-'));
  db = join(dir, 'demo.db');
  const demo = await runSpm(['demo', '--db', db]);
  if (demo.code !== 0) throw new Error(demo.stderr);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const colour = { FORCE_COLOR: '1', NO_COLOR: undefined };

/** Every view a person reads on a terminal. */
const VIEWS: string[][] = [
  [],
  ['followups'],
  ['followups', '--days', '30', '--all'],
  ['sale', 'list'],
  ['sale', 'list', '--all'],
  ['customer', 'list', '--all'],
  ['checkin', 'list'],
  ['followup', 'list', '--status', 'all'],
  ['concern', 'list', '--all'],
  ['goal', 'list', '--all'],
  ['config', 'list'],
  ['report'],
  ['report', '--full'],
  ['report', '--period', 'month'],
  ['report', '--period', 'quarter', '--full'],
  ['report', '--period', 'year'],
  ['customer', 'show', '1'],
  ['customer', 'show', '14'],
  ['customer', 'show', '28'],
  ['goal', 'show', '1'],
  ['goal', 'show', '2'],
  ['goal', 'show', '3'],
  ['goal', 'show', '4'],
  ['pipeline'],
  ['deal', 'list', '--status', 'all'],
];

describe.each(WIDTHS)('at %p columns', (columns) => {
  test.each(VIEWS.map((args) => [args.join(' ') || '(bare spm)', args]))('spm %s fits', async (_name, args) => {
    const result = await runSpm(args as string[], { db, tty: true, columns, env: colour });
    expect(result.stderr).not.toMatch(/^spm: /m);
    expect(result.code).toBe(0);
    expectFitsWidth(result.stderr, columns);
    expect(result.stdout).toMatch(/\u001b\[/);
    expectFitsWidth(result.stdout, columns);
  });
});

describe('the report by default', () => {
  test.each([...WIDTHS])('is one 40-line screen at %p columns, never wider than 80', async (columns) => {
    for (const period of ['week', 'month', 'quarter', 'year']) {
      const result = await runSpm(['report', '--period', period], { db, tty: true, columns });
      expectFitsWidth(result.stdout, Math.min(columns, 80));
      expect({ period, lines: result.stdout.trimEnd().split('\n').length <= 40 }).toEqual({ period, lines: true });
    }
  });

  test('--full shows every row: more lines, every technique', async () => {
    const one = await runSpm(['report', '--period', 'quarter'], { db, tty: true, columns: 80 });
    const full = await runSpm(['report', '--period', 'quarter', '--full'], { db, tty: true, columns: 80 });
    const json = (await runSpm(['report', '--period', 'quarter', '--json'], { db })).json();
    expect(full.stdout.split('\n').length).toBeGreaterThan(one.stdout.split('\n').length);
    for (const t of json.techniques) expect(full.stdout).toContain(t.technique);
    expect(full.stdout).not.toMatch(/--full shows all|--full adds/);
  });
});

describe('piped output ignores the width', () => {
  test('lists keep every column and value in full', async () => {
    const narrow = await runSpm(['sale', 'list', '--all'], { db, columns: 50 });
    const wide = await runSpm(['sale', 'list', '--all'], { db, columns: 200 });
    expect(narrow.stdout).toBe(wide.stdout);
    expect(narrow.stdout.split('\n')[0]).toBe('id\tdate\tcustomer\tamount\toutcome\ttechnique\tproduct\tqty\tnote');
    expect(narrow.stdout).not.toContain('…');
  });

  test.each(['followups', 'report', 'goal show 1', 'customer show 14', ''])('spm %s is the same at any width', async (line) => {
    const args = line.split(' ').filter(Boolean);
    const narrow = await runSpm(args, { db, columns: 50 });
    const wide = await runSpm(args, { db, columns: 200 });
    expect(narrow.stdout).toBe(wide.stdout);
  });
});
