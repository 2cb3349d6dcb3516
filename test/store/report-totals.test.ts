// customer_year_won, sales_month_mix and sales_month_lost, the report's totals per customer-year
// and per month, kept by triggers. Reached from v1 and from the version before with the data kept;
// after random inserts, edits and deletes of sales and customers they equal a recount.
import { describe, expect, test } from '@jest/globals';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openDatabase } from '../../src/store/open-database.js';
import { seededRandom } from '../../src/domain/random.js';
import { addDays } from '../../src/domain/local-date.js';
import { databaseAt } from '../helpers/storage.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { reportTotalsTables } from '../helpers/derived.js';

const temp = useTempDb();
const stamp = '2026-01-01T00:00:00.000Z';
const VERSION = MIGRATIONS.find((m) => m.sql.includes('CREATE TABLE customer_year_won'))!.version;

describe(`migration to v${VERSION} (report totals)`, () => {
  const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === VERSION) - 1].version;

  test.each([[1], [previous]])('from v%d: the totals start from the sales there are', async (from) => {
    const db = databaseAt(temp.dbPath, from);
    const customer = db.prepare('INSERT INTO customers (name, name_key, segment, added_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    customer.run('Acme', 'acme', 'SMB', '2025-01-01', stamp, stamp);
    customer.run('Beta', 'beta', null, '2025-01-01', stamp, stamp);
    const sale = db.prepare('INSERT INTO sales (date, customer_id, amount_cents, outcome, technique, product, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const [date, customerId, cents, outcome, technique, product] of [
      ['2025-12-31', 1, 1000, 'won', 'referral', null], ['2026-01-01', 1, 2000, 'won', 'referral', null], ['2026-01-20', 1, 500, 'won', null, 'license'],
      ['2026-01-20', 1, 700, 'lost', null, 'license'], ['2026-02-03', 2, 300, 'won', 'referral', null], ['2026-02-04', 2, 400, 'won', 'referral', null],
    ] as const) sale.run(date, customerId, cents, outcome, technique, product, stamp, stamp);
    db.close();
    // The next command migrates.
    expect((await runSpm(['report', '--period', 'year', '--json'], { db: temp.dbPath, now: '2026-03-15' })).code).toBe(0);
    const raw = openRaw(temp.dbPath);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(raw.prepare('SELECT customer_id, year, segment, won, won_cents FROM customer_year_won ORDER BY customer_id, year').all()).toEqual([
      { customer_id: 1, year: '2025', segment: 'SMB', won: 1, won_cents: 1000 },
      { customer_id: 1, year: '2026', segment: 'SMB', won: 2, won_cents: 2500 },
      { customer_id: 2, year: '2026', segment: null, won: 2, won_cents: 700 },
    ]);
    expect(raw.prepare('SELECT month, technique_key, product_key, outcome, count, amount_cents FROM sales_month_mix ORDER BY 1, 2, 3, 4').all()).toEqual([
      { month: '2025-12', technique_key: '+referral', product_key: '', outcome: 'won', count: 1, amount_cents: 1000 },
      { month: '2026-01', technique_key: '', product_key: '+license', outcome: 'lost', count: 1, amount_cents: 700 },
      { month: '2026-01', technique_key: '', product_key: '+license', outcome: 'won', count: 1, amount_cents: 500 },
      { month: '2026-01', technique_key: '+referral', product_key: '', outcome: 'won', count: 1, amount_cents: 2000 },
      { month: '2026-02', technique_key: '+referral', product_key: '', outcome: 'won', count: 2, amount_cents: 700 },
    ]);
    const { stored, expected } = reportTotalsTables(raw);
    expect(stored).toEqual(expected);
    raw.close();
  });
});

const LOST_VERSION = MIGRATIONS.find((m) => m.sql.includes('CREATE TABLE sales_month_lost'))!.version;

describe(`migration to v${LOST_VERSION} (lost sales per month and reason)`, () => {
  const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === LOST_VERSION) - 1].version;

  test.each([[1], [previous]])('from v%d: the groups start from the lost sales there are, each with its first spelling', async (from) => {
    const db = databaseAt(temp.dbPath, from);
    db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Acme', 'acme', '2025-01-01', ?, ?)").run(stamp, stamp);
    const sale = db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, created_at, updated_at) VALUES (?, 1, ?, 'lost', ?, ?, ?)");
    // Ids 1-5; in January the first 'price' sale (id 1) is dated after the second.
    for (const [date, cents, reason] of [['2026-01-20', 100, 'Price'], ['2026-01-05', 200, 'price'], ['2026-01-07', 50, null], ['2026-02-01', 70, 'timing'], ['2026-02-03', 30, 'Timing']] as const) {
      sale.run(date, cents, reason, stamp, stamp);
    }
    db.close();
    const report = await runSpm(['report', '--period', 'month', '--last', '--json'], { db: temp.dbPath, now: '2026-02-15' });
    expect(report.json().lost).toEqual({ count: 3, value: 3.5, reasons: [{ reason: 'Price', count: 2, value: 3 }, { reason: '(no reason)', count: 1, value: 0.5 }] });
    const raw = openRaw(temp.dbPath);
    expect(raw.prepare('SELECT month, first_id, reason, count, amount_cents FROM sales_month_lost ORDER BY month, first_id').all()).toEqual([
      { month: '2026-01', first_id: 1, reason: 'Price', count: 2, amount_cents: 300 },
      { month: '2026-01', first_id: 3, reason: null, count: 1, amount_cents: 50 },
      { month: '2026-02', first_id: 4, reason: 'timing', count: 2, amount_cents: 100 },
    ]);
    const { stored, expected } = reportTotalsTables(raw);
    expect(stored).toEqual(expected);
    raw.close();
  });
});

test('the totals follow random inserts, edits and deletes of sales and customers, an empty technique apart from none', () => {
  const db = openDatabase(temp.dbPath, 'write', () => stamp);
  const next = seededRandom(17);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  // Dec 2025 … Jan 2027: two year ends, every month.
  const day = () => addDays('2025-12-01', int(430));
  const labels = [null, '', 'referral', 'Referral', 'cold call'];
  const segments = [null, 'SMB', 'smb', 'Enterprise'];
  const ids = (table: string) => db.prepare(`SELECT id FROM ${table}`).pluck().all() as number[];
  const customer = db.prepare('INSERT INTO customers (name, name_key, segment, added_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  let names = 0;
  const addCustomer = () => customer.run(`C${names}`, `c${names++}`, pick(segments), '2025-01-01', stamp, stamp);
  const sale = db.prepare('INSERT INTO sales (date, customer_id, amount_cents, outcome, technique, product, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const reasons = [null, '', 'Price', 'price', 'PRICE', 'timing'];
  for (let i = 0; i < 20; i++) addCustomer();
  let checks = 0;
  for (let op = 0; op < 1500; op++) {
    const roll = int(100);
    const customerId = pick(ids('customers'));
    const saleId = pick(ids('sales'));
    if (roll < 40 || saleId === undefined) sale.run(day(), customerId, 1 + int(90_000), next() < 0.6 ? 'won' : 'lost', pick(labels), pick(labels), pick(reasons), stamp, stamp);
    else if (roll < 70) {
      const [column, value] = pick([
        ['date', day()], ['outcome', next() < 0.5 ? 'won' : 'lost'], ['amount_cents', 1 + int(90_000)], ['customer_id', customerId],
        ['technique', pick(labels)], ['product', pick(labels)], ['reason', pick(reasons)], ['note', 'edited'],
      ] as const);
      db.prepare(`UPDATE sales SET ${column} = ? WHERE id = ?`).run(value, saleId);
    } else if (roll < 85) db.prepare('DELETE FROM sales WHERE id = ?').run(saleId);
    else if (roll < 93) db.prepare('UPDATE customers SET segment = ? WHERE id = ?').run(pick(segments), customerId);
    else if (roll < 97) addCustomer();
    else db.prepare('DELETE FROM customers WHERE id = ? AND id NOT IN (SELECT customer_id FROM sales)').run(customerId);
    if (op % 100 === 99) {
      const { stored, expected } = reportTotalsTables(db);
      expect({ op, stored }).toEqual({ op, stored: expected });
      checks++;
    }
  }
  // The history reached every kind of row: NULL and '' apart, several segments, two years.
  const mix = db.prepare('SELECT DISTINCT technique_key FROM sales_month_mix').pluck().all();
  expect(mix).toEqual(expect.arrayContaining(['', '+', '+referral', '+Referral']));
  expect(db.prepare('SELECT count(DISTINCT year) FROM customer_year_won').pluck().get()).toBe(3);
  expect(db.prepare('SELECT count(DISTINCT segment) FROM customer_year_won').pluck().get()).toBeGreaterThan(1);
  // Groups of several spellings, whose first sale was not always the first inserted.
  expect(db.prepare("SELECT count(DISTINCT reason) FROM sales_month_lost WHERE reason_key = '+price'").pluck().get()).toBe(3);
  expect(checks).toBe(15);
  db.close();
});
