import { expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[]) => runSpm(args, { db: temp.dbPath });

function firstWon(): Record<number, string> {
  const db = openRaw(temp.dbPath);
  try {
    const rows = db.prepare('SELECT customer_id, first_won_date FROM customer_first_won ORDER BY customer_id').all() as { customer_id: number; first_won_date: string }[];
    return Object.fromEntries(rows.map((r) => [r.customer_id, r.first_won_date]));
  } finally {
    db.close();
  }
}

function dailyIsExact(): boolean {
  const db = openRaw(temp.dbPath);
  try {
    const stored = db.prepare('SELECT date, won_cents, won, lost FROM sales_daily ORDER BY date').all();
    const fromSales = db.prepare(`SELECT date, coalesce(sum(CASE WHEN outcome = 'won' THEN amount_cents END), 0) AS won_cents,
      sum(outcome = 'won') AS won, sum(outcome = 'lost') AS lost FROM sales GROUP BY date ORDER BY date`).all();
    return JSON.stringify(stored) === JSON.stringify(fromSales);
  } finally {
    db.close();
  }
}

test('customer_first_won and sales_daily follow every insert, edit and delete of sales', async () => {
  await run(['customer', 'add', 'Acme']);
  await run(['customer', 'add', 'Beta']);
  await run(['sale', 'add', 'acme', '100', '--date', '2026-03-10']); // #1
  await run(['sale', 'add', 'acme', '100', '--date', '2026-03-01', '--lost']); // #2: lost does not count
  expect(firstWon()).toEqual({ 1: '2026-03-10' });
  expect(dailyIsExact()).toBe(true);
  await run(['sale', 'add', 'acme', '100', '--date', '2026-03-05']); // #3: earlier
  expect(firstWon()).toEqual({ 1: '2026-03-05' });
  await run(['sale', 'edit', '2', '--won']); // the lost one on Mar 1 is won after all
  expect(firstWon()).toEqual({ 1: '2026-03-01' });
  await run(['sale', 'edit', '2', '--customer', 'beta']); // moved to Beta
  expect(firstWon()).toEqual({ 1: '2026-03-05', 2: '2026-03-01' });
  await run(['sale', 'rm', '3', '--yes']);
  expect(firstWon()).toEqual({ 1: '2026-03-10', 2: '2026-03-01' });
  await run(['sale', 'edit', '1', '--lost']);
  expect(firstWon()).toEqual({ 2: '2026-03-01' });
  expect(dailyIsExact()).toBe(true);
  await run(['sale', 'edit', '1', '--amount', '250', '--date', '2026-03-02']);
  expect(dailyIsExact()).toBe(true);
  await run(['sale', 'rm', '1', '--yes']);
  expect(dailyIsExact()).toBe(true);
});
