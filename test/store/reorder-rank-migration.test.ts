// Schema v14 (customer_reorder_rank): reached from v1 and from the version before it with the
// data kept, and the daily view's ranked reorder list reads the new index.
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { APPLICATION_ID, applyMigration, MIGRATIONS } from '../../src/store/migrations.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const RANK_VERSION = MIGRATIONS.find((m) => m.sql.includes('customer_reorder_rank'))!.version;

/** A database at `upTo` with two customers who reorder: Small (avg $50) and Big (avg $900). */
function makeDatabase(path: string, upTo: number): void {
  const db = new Database(path);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS.filter((m) => m.version <= upTo)) applyMigration(db, m);
  db.pragma(`user_version = ${upTo}`);
  const stamp = '2026-01-01T00:00:00.000Z';
  const customer = db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES (?, ?, '2025-06-01', ?, ?)");
  const sale = db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, ?, 'won', ?, ?)");
  customer.run('Small', 'small', stamp, stamp);
  customer.run('Big', 'big', stamp, stamp);
  for (const date of ['2026-01-01', '2026-01-11', '2026-01-21']) sale.run(date, 1, 5000, stamp, stamp);
  for (const date of ['2026-01-05', '2026-01-15', '2026-01-25']) sale.run(date, 2, 90000, stamp, stamp);
  db.close();
}

describe(`migration to v${RANK_VERSION} (reorder predictions by average won)`, () => {
  const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === RANK_VERSION) - 1].version;
  test.each([[1], [previous]])('from v%d: data kept, the index made, the daily view ranks the largest first', async (from) => {
    makeDatabase(temp.dbPath, from);
    const view = (await runSpm(['followups', '--json'], { db: temp.dbPath, now: '2026-03-15' })).json();
    expect(view.dueToReorder.map((d: { customer: { name: string }; averageWon: number }) => [d.customer.name, d.averageWon])).toEqual([['Big', 900], ['Small', 50]]);
    const db = openRaw(temp.dbPath);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(6);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'customer_reorder_rank'").pluck().get()).toBe(1);
    db.close();
  });
});
