import { expect, test } from '@jest/globals';
import { runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, tty: true, ...options });

test('per day to go is one figure, rounded up to the cent, in the dashboard, goal list, goal show, the sale line, the report and JSON', async () => {
  // Today is 2026-03-15. March: $1,000.01 of $3,100 won; $2,099.99 left over Mar 16–31 (16 days)
  // = $131.249375, rounded up: $131.25 (rounded to the nearest whole unit it would be $131).
  await run(['customer', 'add', 'Beta Ltd']);
  await run(['goal', 'add', 'March revenue', '--metric', 'revenue', '--target', '3100', '--period', 'month']);
  const sale = await run(['sale', 'add', 'beta', '1000.01', '--date', '2026-03-01', '--no-follow-up']);
  const perDay = /\$131\.25\/day/;
  expect(sale.stderr).toMatch(perDay);
  expect((await run([])).stdout).toMatch(perDay);
  expect((await run(['goal', 'list'])).stdout).toMatch(perDay);
  expect((await run(['goal', 'show', 'march'])).stdout).toMatch(perDay);
  expect((await run(['report', '--period', 'month'])).stdout).toMatch(perDay);
  expect((await run(['goal', 'list', '--json'])).json()).toMatchObject([{ neededPerDay: 131.25 }]);
});
