// Schema v19: deals_open_stage rebuilt over (stage, value_cents, expected_close, stage_date), the
// columns a goal's forecast and the deals to move read. Reached from v1 and from the version before it with the
// data kept; the daily view and a goal's forecast give the hand-worked answers over it.
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { databaseAt, migrationAdding } from '../helpers/storage.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const stamp = '2026-01-01T00:00:00.000Z';
const { version: VERSION, previous: PREVIOUS } = migrationAdding('CREATE INDEX deals_open_stage ON deals (stage, value_cents, expected_close, stage_date)');

function makeDatabase(path: string, upTo: number): void {
  const db = databaseAt(path, upTo);
  db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Acme', 'acme', '2025-06-01', ?, ?)").run(stamp, stamp);
  db.close();
}

/** $1,000 in proposal since Jan 1 (stale), $3,000 lead whose close (Mar 1) passed, $500 in negotiation, fresh. */
function addDeals(path: string): void {
  const db = new Database(path);
  const deal = db.prepare(`INSERT INTO deals (customer_id, title, value_cents, stage, expected_close, created_date, stage_date, created_at, updated_at)
                           VALUES (1, ?, ?, ?, ?, '2026-01-01', ?, ?, ?)`);
  for (const [title, cents, stage, close, entered] of [
    ['Website', 100_000, 'proposal', '2026-04-30', '2026-01-01'],
    ['Audit', 300_000, 'lead', '2026-03-01', '2026-03-10'],
    ['Support', 50_000, 'negotiation', '2026-05-01', '2026-03-14'],
  ] as const) {
    const id = Number(deal.run(title, cents, stage, close, entered, stamp, stamp).lastInsertRowid);
    db.prepare('INSERT INTO deal_stage_history (deal_id, stage, date) VALUES (?, ?, ?)').run(id, stage, entered);
  }
  db.close();
}

describe(`migration v${VERSION} (open deals index)`, () => {
  test.each([[1], [PREVIOUS]])(`from v%d: data kept, the index rebuilt, the same answers`, async (from) => {
    makeDatabase(temp.dbPath, from);
    // Deals exist from v11: added before the migration when the schema has them, else after it.
    if (from >= 11) addDeals(temp.dbPath);
    expect((await runSpm(['customer', 'list'], { db: temp.dbPath, now: '2026-03-15' })).code).toBe(0);
    if (from < 11) addDeals(temp.dbPath);
    const db = openRaw(temp.dbPath);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(db.prepare('SELECT count(*) FROM deals').pluck().get()).toBe(3);
    expect((db.prepare("SELECT name FROM pragma_index_info('deals_open_stage') ORDER BY seqno").pluck().all())).toEqual(['stage', 'value_cents', 'expected_close', 'stage_date']);
    db.close();
    const run = async (args: string[]) => (await runSpm(args, { db: temp.dbPath, now: '2026-03-15' })).json();
    // Default probabilities (nothing closed): Website $1,000 × 50% = $500 before Audit $3,000 × 10% = $300.
    expect((await run(['followups', '--json'])).dealsToMove.map((d: { title: string; weightedValue: number }) => [d.title, d.weightedValue]))
      .toEqual([['Website', 500], ['Audit', 300]]);
    expect((await runSpm(['goal', 'add', 'Q1', '--metric', 'revenue', '--target', '2000', '--from', '2026-01-01', '--to', '2026-03-31'], { db: temp.dbPath, now: '2026-03-15' })).code).toBe(0);
    // Only Audit closes by Mar 31: forecast 0 + 10% × $3,000; winning it ($3,000 ≥ $2,000) is a 10% chance.
    expect((await run(['goal', 'list', '--json']))[0].forecast).toEqual({ value: 300, chanceToHit: 10, deals: 1 });
  });
});
