// Smoke tests through the built binary, the way a user runs spm (npm test builds dist first).
import { spawnSync } from 'node:child_process';
import { expect, test } from '@jest/globals';
import { useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();

function spm(args: string[], now = '2026-03-15') {
  const result = spawnSync(process.execPath, ['bin/spm.js', ...args], {
    env: { PATH: process.env.PATH, HOME: temp.dir, SPM_DB: temp.dbPath, SPM_NOW: now, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('add a goal, record a sale, see the progress line and the list', () => {
  expect(spm(['customer', 'add', 'Acme']).code).toBe(0);
  expect(spm(['goal', 'add', 'Q1 revenue', '--metric', 'revenue', '--target', '30000', '--period', 'quarter']).code).toBe(0);
  const sale = spm(['sale', 'add', 'acme', '18900', '--date', '2026-02-20']);
  expect(sale.code).toBe(0);
  // 18,900 of 30,000 = 63 %; day 74 of 90 = 82 %; 11,100 over 16 days = $693.75/day.
  expect(sale.stderr).toMatch(/Q1 revenue: 63% of \$30,000 — expected 82% by today; \$693\.75\/day to go/);
  const list = spm(['goal', 'list', '--json']);
  expect(JSON.parse(list.stdout)[0]).toMatchObject({ name: 'Q1 revenue', actual: 18900, percent: 63, status: 'behind', neededPerDay: 693.75 });
});

test('log on a non-custom goal is exit 2 with one spm: line', () => {
  spm(['goal', 'add', 'Sales', '--metric', 'sales', '--target', '3', '--period', 'month']);
  const result = spm(['goal', 'log', 'sales', '1']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^spm: goal #1 Sales tracks sales/);
});
