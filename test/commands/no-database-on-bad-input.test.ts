// A failed command changes nothing, and on a first run that includes not creating the
// database file: bad input is caught before the file is made.
import { expect, test } from '@jest/globals';
import { runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();

test.each([
  [['customer', 'add']],
  [['customer', 'add', 'X', '--every', 'sometimes']],
  [['sale', 'add']],
  [['sale', 'add', 'acme']],
  [['sale', 'add', 'acme', '-1']],
  [['sale', 'add', 'acme', '10', '--date', '2026-02-30']],
  [['checkin', 'add', 'acme', '--satisfaction', '9']],
  [['checkin', 'add', 'acme', '--channel', 'fax']],
  [['followup', 'add', 'acme', 'someday']],
  [['concern', 'add', 'acme', 'late', '--severity', 'urgent']],
  [['goal', 'add', 'G', '--metric', 'revenue', '--target', '0', '--period', 'month']],
  [['goal', 'add', 'G', '--metric', 'vibes', '--target', '5', '--period', 'month']],
  [['config', 'set', 'currency', 'euros']],
  [['config', 'set', 'no-such-key', '1']],
])('%j on a first run: exit 2, no database file', async (args) => {
  const result = await runSpm(args, { db: temp.dbPath });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^spm: /);
  expect(snapshot(temp.dbPath)).toBe('missing');
});
