// Undoing an import deletes its id ranges with the delete triggers set aside and replays what
// they did set-based (src/store/bulk-delete.ts). The derived tables must end exactly as the
// triggers, row by row, would have left them: each case builds one random database, deletes a
// range both ways on two copies and compares every table.
import { afterEach, describe, expect, test } from '@jest/globals';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import { deleteRange, deleteTriggers, KNOWN_DELETE_TRIGGERS } from '../../src/store/bulk-delete.js';
import { trackedTables } from '../../src/store/history-schema.js';
import { snapshot } from '../helpers/run-spm.js';
import { seededRandom } from '../../src/domain/random.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = '2026-03-15T00:00:00.000Z';
const open = (path: string) => openDatabase(path, 'write', () => NOW);

function seeded(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  // 120 days: same-day sales, gaps of every length, medians over even and odd counts.
  const day = () => `2025-${String(1 + int(4)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  return { next, int, day };
}

interface Ranges {
  customers: [number, number];
  sales: [number, number];
  checkins: [number, number];
  history: [number, number];
}

/**
 * A database with `before` sales of 30 customers, then an "import" of `imported` sales and
 * check-ins over those customers and 10 new ones, and stage history of five deals. Then, as
 * later writes: the deals closed with imported sales, and a follow-up after one. Returns the
 * id ranges of the import.
 */
function build(path: string, seed: number, before: number, imported: number): Ranges {
  const db = open(path);
  const r = seeded(seed);
  const customer = db.prepare("INSERT INTO customers (name, name_key, cadence_days, segment, added_date, created_at, updated_at) VALUES (?, lower(?), ?, ?, '2025-01-01', ?, ?)");
  const sale = db.prepare('INSERT INTO sales (date, customer_id, amount_cents, outcome, technique, product, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const labels = [null, 'demo', 'referral'];
  const reasons = [null, 'Price', 'price', 'timing'];
  const checkin = db.prepare("INSERT INTO checkins (date, customer_id, channel, satisfaction, created_at) VALUES (?, ?, 'call', ?, ?)");
  // The import also reaches May 2025, where nothing was sold before it.
  const addSales = (count: number, customers: number, newMonth = false) => {
    for (let i = 0; i < count; i++) {
      const outcome = r.next() < 0.7 ? 'won' : 'lost';
      const date = newMonth && i % 5 === 0 ? `2025-05-${String(1 + r.int(28)).padStart(2, '0')}` : r.day();
      sale.run(date, 1 + r.int(customers), 100 + r.int(100_000), outcome, labels[r.int(3)], labels[r.int(3)], outcome === 'lost' ? reasons[r.int(4)] : null, NOW, NOW);
    }
  };
  const rating = () => (r.next() < 0.2 ? null : 1 + r.int(5));
  const max = (table: string) => db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number;
  db.transaction(() => {
    for (let i = 1; i <= 30; i++) customer.run(`Old ${i}`, `Old ${i}`, i % 3 === 0 ? null : 10 + i, ['SMB', null][i % 2], NOW, NOW);
    addSales(before, 30);
    for (let i = 0; i < before / 2; i++) checkin.run(r.day(), 1 + r.int(30), rating(), NOW);
  })();
  db.transaction(() => {
    for (let i = 1; i <= 5; i++) {
      db.prepare("INSERT INTO deals (customer_id, title, value_cents, stage, created_date, stage_date, created_at, updated_at) VALUES (?, 'deal', 100, 'lead', '2025-01-01', '2025-01-01', ?, ?)")
        .run(i, NOW, NOW);
    }
  })();
  const first = { customers: max('customers') + 1, sales: max('sales') + 1, checkins: max('checkins') + 1, history: max('deal_stage_history') + 1 };
  db.transaction(() => {
    for (let i = 1; i <= 10; i++) customer.run(`New ${i}`, `New ${i}`, i % 2 ? 20 : null, 'Enterprise', NOW, NOW);
    addSales(imported, 40, true);
    for (let i = 0; i < imported / 2; i++) checkin.run(r.day(), 1 + r.int(40), rating(), NOW);
    const stage = db.prepare("INSERT INTO deal_stage_history (deal_id, stage, date) VALUES (?, ?, '2025-01-01')");
    for (let deal = 1; deal <= 5; deal++) for (const name of ['lead', 'proposal']) stage.run(deal, name);
  })();
  const ranges: Ranges = {
    customers: [first.customers, max('customers')], sales: [first.sales, max('sales')], checkins: [first.checkins, max('checkins')],
    history: [first.history, max('deal_stage_history')],
  };
  db.transaction(() => {
    // Deals closed with imported sales of old customers: deleting the sale reopens the deal.
    const sold = db.prepare('SELECT id, customer_id, outcome, date FROM sales WHERE id >= ? AND customer_id <= 30 ORDER BY id LIMIT 6').all(first.sales) as
      { id: number; customer_id: number; outcome: string; date: string }[];
    for (let deal = 1; deal <= 5; deal++) {
      const sale = sold[deal];
      db.prepare("UPDATE deals SET customer_id = ?, status = ?, closed_date = ?, sale_id = ?, lost_reason = CASE WHEN ? = 'lost' THEN 'price' END WHERE id = ?")
        .run(sale.customer_id, sale.outcome, sale.date, sale.id, sale.outcome, deal);
    }
    // Sales after the import in May, by an old customer: every May total's first sale or customer-year
    // row was an imported one; undone, the totals keep these, first sale and all.
    for (const [outcome, reason] of [['lost', 'PRICE'], ['lost', null], ['won', null]] as const) sale.run('2025-05-30', 1, 500, outcome, 'demo', null, reason, NOW, NOW);
    // A follow-up after an imported sale: the foreign key's ON DELETE SET NULL still applies.
    db.prepare("INSERT INTO followups (customer_id, due_date, source, sale_id, created_at, updated_at) VALUES (?, '2025-06-01', 'post-sale', ?, ?, ?)")
      .run(sold[0].customer_id, sold[0].id, NOW, NOW);
  })();
  db.close();
  return ranges;
}

/** The ranges deleted as undo does (children first), set-based or with a plain DELETE and its triggers. */
function undoImport(path: string, ranges: Ranges, setBased: boolean): void {
  const db = open(path);
  const steps: [string, [number, number]][] = [['deal_stage_history', ranges.history], ['checkins', ranges.checkins], ['sales', ranges.sales], ['customers', ranges.customers]];
  db.transaction(() => {
    for (const [table, [first, last]] of steps) {
      if (setBased) deleteRange(db, table, 'id', first, last, () => {});
      else db.prepare(`DELETE FROM ${table} WHERE id BETWEEN ? AND ?`).run(first, last);
    }
  }).immediate();
  db.close();
}

function bothWays(seed: number, before: number, imported: number) {
  dir = mkdtempSync(join(tmpdir(), 'spm-bulk-delete-'));
  const setBased = join(dir, 'set.db');
  const rowByRow = join(dir, 'rows.db');
  const ranges = build(setBased, seed, before, imported);
  copyFileSync(setBased, rowByRow);
  const imported_ = snapshot(setBased);
  undoImport(setBased, ranges, true);
  undoImport(rowByRow, ranges, false);
  return { set: snapshot(setBased), rows: snapshot(rowByRow), imported: imported_ };
}

describe('a range deleted set-based leaves every table as the row-by-row triggers do', () => {
  test.each([1, 2, 3])('a small import into a larger table (indexes kept), seed %d', (seed) => {
    const { set, rows, imported } = bothWays(seed, 1500, 400);
    expect(rows).not.toBe(imported);
    expect(set).toBe(rows);
  });

  test.each([4, 5])('an import larger than the table (indexes set aside and rebuilt), seed %d', (seed) => {
    const { set, rows } = bothWays(seed, 200, 1500);
    expect(set).toBe(rows);
  });

  test('every derived table is touched by the case (the comparison can fail)', () => {
    dir = mkdtempSync(join(tmpdir(), 'spm-bulk-delete-'));
    const path = join(dir, 'spm.db');
    const ranges = build(path, 6, 1500, 400);
    const before = open(path);
    const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;
    const derived = ['customer_last_contact', 'customer_first_won', 'sales_daily', 'customer_cadence', 'customer_reorder', 'customer_latest_checkin', 'customer_year_won', 'sales_month_mix', 'checkins_daily', 'sales_month_lost'];
    const dump = (db: Db) => derived.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
    const was = dump(before);
    expect(count(before, "SELECT count(*) FROM deals WHERE status <> 'open' AND stages_seen = 'lead,proposal'")).toBe(5);
    before.close();
    undoImport(path, ranges, true);
    const after = open(path);
    dump(after).forEach((rows, i) => expect([derived[i], rows]).not.toEqual([derived[i], was[i]]));
    expect(count(after, "SELECT count(*) FROM deals WHERE status = 'open' AND sale_id IS NULL AND closed_date IS NULL AND stages_seen = ''")).toBe(5);
    expect(count(after, "SELECT count(*) FROM followups WHERE sale_id IS NULL")).toBe(1);
    after.close();
  });
});

test('every delete trigger of a tracked table is one the set-based path replays', () => {
  dir = mkdtempSync(join(tmpdir(), 'spm-bulk-delete-'));
  const db = open(join(dir, 'spm.db'));
  try {
    const unknown = trackedTables(db).flatMap((table) => deleteTriggers(db, table).map((t) => t.name).filter((name) => name !== `history_${table}_del` && !(name in KNOWN_DELETE_TRIGGERS)));
    expect(unknown).toEqual([]);
    // And none listed that no longer exists.
    const all = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
    expect(Object.keys(KNOWN_DELETE_TRIGGERS).filter((name) => !all.includes(name))).toEqual([]);
  } finally {
    db.close();
  }
});

test('a delete trigger it does not know: the rows go one by one, the trigger fires for each', () => {
  dir = mkdtempSync(join(tmpdir(), 'spm-bulk-delete-'));
  const path = join(dir, 'spm.db');
  const ranges = build(path, 7, 100, 50);
  const db = open(path);
  try {
    db.exec(`CREATE TABLE audit (sale_id INTEGER);
      CREATE TRIGGER sales_audit AFTER DELETE ON sales BEGIN INSERT INTO audit VALUES (OLD.id); END;`);
    const schema = () => db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'sales' ORDER BY name").all();
    const was = schema();
    db.transaction(() => deleteRange(db, 'sales', 'id', ...ranges.sales, () => {})).immediate();
    expect(db.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(ranges.sales[1] - ranges.sales[0] + 1);
    expect(db.prepare('SELECT count(*) FROM sales WHERE id BETWEEN ? AND ?').pluck().get(...ranges.sales)).toBe(0);
    expect(schema()).toEqual(was);
  } finally {
    db.close();
  }
});

test('follow-ups deleted as a range leave customer_cadence\'s flag as the row-by-row trigger does', () => {
  dir = mkdtempSync(join(tmpdir(), 'spm-bulk-delete-'));
  const setBased = join(dir, 'set.db');
  const rowByRow = join(dir, 'rows.db');
  build(setBased, 8, 200, 50);
  const db = open(setBased);
  const r = seeded(8);
  const first = (db.prepare('SELECT coalesce(max(id), 0) FROM followups').pluck().get() as number) + 1;
  const followup = db.prepare('INSERT INTO followups (customer_id, due_date, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  // Open and closed ones over the customers with a cadence, some with several; then more after the range.
  db.transaction(() => {
    for (let i = 0; i < 60; i++) followup.run(1 + r.int(30), r.day(), r.next() < 0.7 ? 'open' : 'done', NOW, NOW);
  })();
  const last = db.prepare('SELECT max(id) FROM followups').pluck().get() as number;
  for (let i = 0; i < 8; i++) followup.run(1 + r.int(30), r.day(), 'open', NOW, NOW);
  const flags = () => JSON.stringify(db.prepare('SELECT customer_id, followed_up FROM customer_cadence ORDER BY 1').all());
  const was = flags();
  db.close();
  copyFileSync(setBased, rowByRow);
  for (const [path, set] of [[setBased, true], [rowByRow, false]] as const) {
    const target = open(path);
    target.transaction(() => {
      if (set) deleteRange(target, 'followups', 'id', first, last, () => {});
      else target.prepare('DELETE FROM followups WHERE id BETWEEN ? AND ?').run(first, last);
    }).immediate();
    target.close();
  }
  expect(snapshot(setBased)).toBe(snapshot(rowByRow));
  const after = open(setBased);
  expect(JSON.stringify(after.prepare('SELECT customer_id, followed_up FROM customer_cadence ORDER BY 1').all())).not.toBe(was);
  after.close();
});
