// Schema v15 (sales_lost): reached from v1 and from the version before it with the data kept,
// and the report's lost reasons, now read from the index alone, are the same figures.
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { APPLICATION_ID, applyMigration, MIGRATIONS } from '../../src/store/migrations.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const LOST_VERSION = MIGRATIONS.find((m) => m.sql.includes('sales_lost'))!.version;

/** A database at `upTo`: one customer, four lost sales this week (two spellings of one reason, none), one won, one lost last month. */
function makeDatabase(path: string, upTo: number): void {
  const db = new Database(path);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS.filter((m) => m.version <= upTo)) applyMigration(db, m);
  db.pragma(`user_version = ${upTo}`);
  const stamp = '2026-01-01T00:00:00.000Z';
  db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Acme', 'acme', '2025-06-01', ?, ?)").run(stamp, stamp);
  const sale = db.prepare('INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?)');
  for (const [date, cents, outcome, reason] of [
    ['2026-03-10', 10000, 'lost', 'Price'], ['2026-03-11', 30000, 'lost', 'price'], ['2026-03-12', 5000, 'lost', 'timing'],
    ['2026-03-13', 2000, 'lost', null], ['2026-03-13', 99900, 'won', null], ['2026-02-13', 7000, 'lost', 'Price'],
  ] as const) sale.run(date, cents, outcome, reason, stamp, stamp);
  db.close();
}

describe(`migration to v${LOST_VERSION} (lost sales by date with reason)`, () => {
  const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === LOST_VERSION) - 1].version;
  test.each([[1], [previous]])('from v%d: data kept, the index made, lost reasons as before', async (from) => {
    makeDatabase(temp.dbPath, from);
    const report = (await runSpm(['report', '--json'], { db: temp.dbPath, now: '2026-03-15' })).json();
    // Week Mar 9–15: $100 + $300 (Price, first spelled so), $50 timing, $20 none; Feb 13 is outside.
    expect(report.lost).toEqual({ count: 4, value: 470, reasons: [{ reason: 'Price', count: 2, value: 400 }, { reason: 'timing', count: 1, value: 50 }, { reason: '(no reason)', count: 1, value: 20 }] });
    const db = openRaw(temp.dbPath);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(6);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'sales_lost'").pluck().get()).toBe(1);
    db.close();
  });
});
