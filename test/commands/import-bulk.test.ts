// The bulk path of CSV import (large files): triggers and indexes set aside and rebuilt once
// must leave exactly what row-by-row inserts would have, and roll back with a failed import.
import { expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRaw, runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';
import { cadenceTables, latestCheckinTables, reorderTables, reportTotalsTables } from '../helpers/derived.js';

const temp = useTempDb();
const run = (args: string[]) => runSpm(args, { db: temp.dbPath });

/** 30k rows (≈ 1.9 MB): over the bulk threshold. Customers 0–299, dates over 2025. */
function bigCsv(path: string, badLine?: number): void {
  const lines = ['date,customer,amount,outcome,technique,reason,external-id'];
  const reasons = ['Price', 'price', 'timing', '', 'PRICE', 'Timing', ''];
  for (let i = 0; i < 30_000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const amount = i + 2 === badLine ? 'lots' : `${100 + (i % 900)}.50`;
    const lost = i % 3 === 0;
    lines.push(`2025-${month}-${day},Customer ${i % 300},${amount},${lost ? 'lost' : 'won'},${i % 2 ? 'referral' : 'demo'},${lost ? reasons[i % 7] : ''},ORDER-${i}-${'x'.repeat(20)}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function derivedFromScratch(dbPath: string) {
  const db = openRaw(dbPath);
  try {
    return {
      lastContact: db.prepare(`SELECT customer_id, last_date FROM customer_last_contact ORDER BY customer_id`).all(),
      expectedLastContact: db.prepare(`SELECT customer_id, max(date) AS last_date FROM (SELECT customer_id, date FROM sales UNION ALL SELECT customer_id, date FROM checkins) GROUP BY customer_id ORDER BY customer_id`).all(),
      firstWon: db.prepare(`SELECT customer_id, first_won_date FROM customer_first_won ORDER BY customer_id`).all(),
      expectedFirstWon: db.prepare(`SELECT customer_id, min(date) AS first_won_date FROM sales WHERE outcome = 'won' GROUP BY customer_id ORDER BY customer_id`).all(),
      daily: db.prepare('SELECT date, won_cents, won, lost FROM sales_daily ORDER BY date').all(),
      expectedDaily: db.prepare(`SELECT date, coalesce(sum(CASE WHEN outcome = 'won' THEN amount_cents END), 0) AS won_cents,
        sum(outcome = 'won') AS won, sum(outcome = 'lost') AS lost FROM sales GROUP BY date ORDER BY date`).all(),
      checkinsDaily: db.prepare('SELECT * FROM checkins_daily ORDER BY date').all(),
      expectedCheckinsDaily: db.prepare(`SELECT date, count(*) AS checkins, count(satisfaction) AS rated, coalesce(sum(satisfaction), 0) AS rating_sum,
        sum(satisfaction IS 1) AS r1, sum(satisfaction IS 2) AS r2, sum(satisfaction IS 3) AS r3, sum(satisfaction IS 4) AS r4, sum(satisfaction IS 5) AS r5
        FROM checkins GROUP BY date ORDER BY date`).all(),
      cadence: cadenceTables(db),
      reorder: reorderTables(db),
      latestCheckin: latestCheckinTables(db),
      reportTotals: reportTotalsTables(db),
      schema: db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all(),
      sales: db.prepare('SELECT count(*) FROM sales').pluck().get(),
    };
  } finally {
    db.close();
  }
}

/** The derived tables equal a recount from the records, and the schema is as it was. */
function expectDerivedExact(after: ReturnType<typeof derivedFromScratch>, schemaBefore: unknown): void {
  expect(after.schema).toEqual(schemaBefore);
  expect(after.lastContact).toEqual(after.expectedLastContact);
  expect(after.firstWon).toEqual(after.expectedFirstWon);
  expect(after.daily).toEqual(after.expectedDaily);
  expect(after.checkinsDaily).toEqual(after.expectedCheckinsDaily);
  expect(after.reorder.stored).toEqual(after.reorder.expected);
  expect(after.latestCheckin.stored).toEqual(after.latestCheckin.expected);
  expect(after.reportTotals.stored).toEqual(after.reportTotals.expected);
}

test('a large import rebuilds indexes, triggers and derived tables exactly', async () => {
  // Existing history: a customer seen in 2026 keeps its later last contact; Customer 5's
  // earlier won sale keeps its first-won date.
  // Imported customers get the default cadence, so customer_cadence follows the import too.
  await run(['config', 'set', 'default-cadence-days', '30']);
  await run(['customer', 'add', 'Customer 5', '--every', '14', '--segment', 'SMB']);
  await run(['sale', 'add', 'customer 5', '10', '--date', '2024-06-01', '--no-follow-up']);
  // A month, technique and customer-year the file adds to: the report totals sum, not replace.
  await run(['sale', 'add', 'customer 5', '10', '--date', '2025-02-05', '--technique', 'referral', '--no-follow-up']);
  await run(['sale', 'add', 'customer 5', '10', '--date', '2025-01-05', '--lost', '--reason', 'PRICE', '--no-follow-up']);
  await run(['customer', 'add', 'Customer 7']);
  await run(['checkin', 'add', 'customer 7', '--date', '2026-03-01']);
  // An open follow-up: the rebuilt reorder and cadence rows of Customer 5 keep it flagged.
  await run(['followup', 'add', 'customer 5', '2026-04-01']);
  const schemaBefore = derivedFromScratch(temp.dbPath).schema;
  const file = join(temp.dir, 'big.csv');
  bigCsv(file);
  const result = await run(['import', 'sales', file, '--json']);
  expect(result.code).toBe(0);
  expect(result.json()).toMatchObject({ read: 30_000, imported: 30_000, duplicates: 0, rejected: 0, customersCreated: 298 });
  const after = derivedFromScratch(temp.dbPath);
  expect(after.sales).toBe(30_003);
  expectDerivedExact(after, schemaBefore);
  expect(after.cadence.stored).toEqual(after.cadence.expected);
  expect(after.cadence.stored).toHaveLength(300);
  // Customers 1, 2, 4, 5, … (not a multiple of 3) won on many days: a prediction each; the rest only lost.
  expect(after.reorder.stored).toHaveLength(200);
  expect(after.reorder.stored.filter((r) => (r as { followed_up: number }).followed_up === 1)).toHaveLength(1);
  // The triggers are back: an ordinary sale after the import still maintains the tables.
  await run(['sale', 'add', 'customer 9', '5', '--date', '2026-03-14', '--no-follow-up']);
  const later = derivedFromScratch(temp.dbPath);
  expect(later.lastContact).toEqual(later.expectedLastContact);
  expect(later.reorder.stored).toEqual(later.reorder.expected);
  expect(later.reportTotals.stored).toEqual(later.reportTotals.expected);
  // Re-importing the same file finds every row a duplicate.
  expect((await run(['import', 'sales', file, '--json'])).json()).toMatchObject({ imported: 0, duplicates: 30_000 });
});

test('a large import with a bad row changes nothing, schema included', async () => {
  await run(['customer', 'add', 'Customer 5']);
  const file = join(temp.dir, 'big.csv');
  bigCsv(file, 25_000);
  const before = snapshot(temp.dbPath);
  const result = await run(['import', 'sales', file]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/line 25000: .*lots/);
  expect(snapshot(temp.dbPath)).toBe(before);
  expect((await run(['import', 'sales', file, '--dry-run', '--skip-invalid', '--json'])).json()).toMatchObject({ imported: 29_999, rejected: 1 });
  expect(snapshot(temp.dbPath)).toBe(before);
});

test('a large deals import takes the bulk path for its sales and leaves the derived tables exact', async () => {
  await run(['customer', 'add', 'Customer 5']);
  await run(['sale', 'add', 'customer 5', '10', '--date', '2024-06-01', '--no-follow-up']);
  const schemaBefore = derivedFromScratch(temp.dbPath).schema;
  // 24k rows (≈ 1.6 MB): a third open, a third won, a third lost, over 200 customers.
  const lines = ['title,customer,value,stage,status,created-date,closed-date,lost-reason,external-id'];
  for (let i = 0; i < 24_000; i++) {
    const status = ['open', 'won', 'lost'][i % 3];
    const month = String(1 + (i % 12)).padStart(2, '0');
    const closed = status === 'open' ? '' : `2025-${month}-20`;
    lines.push(`Deal ${i},Customer ${i % 200},${100 + (i % 900)},${['lead', 'proposal'][i % 2]},${status},2025-${month}-01,${closed},${status === 'lost' ? 'price' : ''},CRM-${i}-${'x'.repeat(12)}`);
  }
  const file = join(temp.dir, 'deals.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await run(['import', 'deals', file, '--json'])).json()).toMatchObject({ read: 24_000, imported: 24_000, rejected: 0 });
  const after = derivedFromScratch(temp.dbPath);
  expect(after.sales).toBe(16_001);
  expectDerivedExact(after, schemaBefore);
  const db = openRaw(temp.dbPath);
  // Every closed deal points at a sale of its own with its value, outcome and day.
  expect(db.prepare(`SELECT count(*) FROM deals d JOIN sales s ON s.id = d.sale_id
    WHERE s.amount_cents = d.value_cents AND s.outcome = d.status AND s.date = d.closed_date AND s.customer_id = d.customer_id`).pluck().get()).toBe(16_000);
  expect(db.prepare(`SELECT count(*) FROM deals WHERE stages_seen <> stage`).pluck().get()).toBe(0);
  expect(db.prepare(`SELECT count(*) FROM deal_stage_history`).pluck().get()).toBe(24_000);
});

test('a check-ins import keeps each customer\'s latest check-in exact: later, earlier and same-day rows, ratings and none', async () => {
  // Before (check-ins #1-#3): Customer 3 has a later check-in than any imported (kept), Customer 4
  // an earlier one (replaced by its latest imported, Dec 25), Customer 5 one on the day of its
  // latest imported (Dec 26: replaced by the later id).
  for (const [name, date] of [['Customer 3', '2026-02-01'], ['Customer 4', '2024-01-01'], ['Customer 5', '2025-12-26']]) {
    expect((await run(['customer', 'add', name])).code).toBe(0);
    expect((await run(['checkin', 'add', name, '--date', date, '--satisfaction', '1'])).code).toBe(0);
  }
  const schemaBefore = derivedFromScratch(temp.dbPath).schema;
  // 6,000 rows over 40 customers, 28 days of December 2025: many on one customer's last day.
  const lines = ['date,customer,channel,satisfaction,external-id'];
  for (let i = 0; i < 6000; i++) lines.push(`2025-12-${String(1 + (i % 28)).padStart(2, '0')},Customer ${i % 40},call,${i % 6 === 0 ? '' : 1 + (i % 5)},VISIT-${i}`);
  const file = join(temp.dir, 'checkins.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await run(['import', 'checkins', file, '--json'])).json()).toMatchObject({ imported: 6000 });
  const after = derivedFromScratch(temp.dbPath);
  expectDerivedExact(after, schemaBefore);
  expect(after.latestCheckin.stored).toHaveLength(40);
  const stored = new Map((after.latestCheckin.stored as { customer_id: number; checkin_id: number; date: string }[]).map((r) => [r.customer_id, [r.date, r.checkin_id > 3]]));
  expect([stored.get(1), stored.get(2), stored.get(3)]).toEqual([['2026-02-01', false], ['2025-12-25', true], ['2025-12-26', true]]);
});

test('a large check-ins import, its undo and redo leave the check-in day totals exact', async () => {
  await run(['customer', 'add', 'Customer 5']);
  // Days the import also fills, one rated and one not.
  await run(['checkin', 'add', 'customer 5', '--date', '2025-01-01', '--satisfaction', '2']);
  await run(['checkin', 'add', 'customer 5', '--date', '2025-02-03']);
  const schemaBefore = derivedFromScratch(temp.dbPath).schema;
  const lines = ['date,customer,channel,satisfaction,external-id'];
  for (let i = 0; i < 6_000; i++) {
    lines.push(`2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')},Customer ${i % 50},call,${i % 6 === 0 ? '' : 1 + (i % 5)},VISIT-${i}`);
  }
  const file = join(temp.dir, 'checkins.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await run(['import', 'checkins', file, '--json'])).json()).toMatchObject({ read: 6_000, imported: 6_000, rejected: 0 });
  const after = derivedFromScratch(temp.dbPath);
  expectDerivedExact(after, schemaBefore);
  expect(after.checkinsDaily.length).toBeGreaterThan(300);
  expect((await run(['undo'])).code).toBe(0);
  const undone = derivedFromScratch(temp.dbPath);
  expectDerivedExact(undone, schemaBefore);
  expect(undone.checkinsDaily).toEqual([
    { date: '2025-01-01', checkins: 1, rated: 1, rating_sum: 2, r1: 0, r2: 1, r3: 0, r4: 0, r5: 0 },
    { date: '2025-02-03', checkins: 1, rated: 0, rating_sum: 0, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0 },
  ]);
  expect((await run(['redo'])).code).toBe(0);
  expect(derivedFromScratch(temp.dbPath).checkinsDaily).toEqual(after.checkinsDaily);
  // The triggers are back: an ordinary check-in after the import still keeps the totals.
  await run(['checkin', 'add', 'customer 5', '--date', '2025-01-01', '--satisfaction', '5']);
  const later = derivedFromScratch(temp.dbPath);
  expect(later.checkinsDaily).toEqual(later.expectedCheckinsDaily);
});

test('repeated external ids keep their first row, whether the repeat is in the same statement, a later one or thousands of rows on', async () => {
  // Rows go to SQLite 64 to a statement, and statements are held and run a few thousand rows at
  // a time: a repeat must be skipped (and counted) exactly as row by row, at any distance.
  const lines = ['date,customer,amount,external-id'];
  const firstAmount = new Map<string, number>();
  let duplicates = 0;
  for (let i = 0; i < 10_000; i++) {
    // Rows 7000-8999 repeat rows 0-1999, rows 9000 on are new (the last, partly held
    // statements); every 100th row from 1 repeats the row before it.
    const n = i < 7000 ? i : i < 9000 ? i - 7000 : i;
    const id = n % 100 === 1 ? `ORD-${n - 1}` : `ORD-${n}`;
    const cents = 100 + i;
    if (firstAmount.has(id)) duplicates++;
    else firstAmount.set(id, cents);
    lines.push(`2025-03-${String(1 + (i % 28)).padStart(2, '0')},Customer ${i % 50},${cents / 100},${id}`);
  }
  expect(duplicates).toBe(2080);
  const file = join(temp.dir, 'repeats.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const result = await run(['import', 'sales', file, '--json']);
  expect(result.json()).toEqual({ read: 10_000, imported: 7920, duplicates: 2080, rejected: 0, customersCreated: 50 });
  const db = openRaw(temp.dbPath);
  try {
    const stored = db.prepare('SELECT external_id, amount_cents FROM sales ORDER BY id').raw().all() as [string, number][];
    expect(stored).toEqual([...firstAmount]);
  } finally {
    db.close();
  }
});
