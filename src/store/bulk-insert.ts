// Large imports: set the per-row triggers and secondary indexes of sales and check-ins aside,
// insert, then rebuild them once — all inside the import's transaction, so a failed or
// dry-run import rolls the schema back with the rows. Building an index once from sorted data
// and filling the derived tables with one set-based statement is several times faster than
// maintaining them row by row (measured on 1M sales: docs/performance.md, Import).
import type { Db } from './open-database.js';
import { reorderRowsSql } from './migrations.js';
import { LAST_CONTACT_REFRESH_SQL } from '../domain/rules/last-contact.sql.js';
import { FIRST_WON_REFRESH_SQL } from '../domain/rules/new-or-repeat.sql.js';
import { DAY_TOTALS_REFRESH_SQL } from '../domain/rules/day-totals.sql.js';
import { LATEST_CHECKIN_REFRESH_SQL } from '../domain/rules/low-rating.sql.js';
import { CHECKIN_TOTALS_REFRESH_SQL } from '../domain/rules/checkin-totals.sql.js';
import { ReorderTally } from '../domain/reorder.js';
import { followedUpSql } from '../domain/rules/followed-up.sql.js';
import { MONTH_LOST_REFRESH_REBUILT_SQL, MONTH_LOST_REFRESH_SQL, MONTH_MIX_REFRESH_REBUILT_SQL, MONTH_MIX_REFRESH_SQL, YEAR_WON_REFRESH_REBUILT_SQL, YEAR_WON_REFRESH_SQL } from './report-totals.js';

/**
 * The insert triggers on sales and check-ins (schema v3, v6, v7, v9, v17, v18, v20 and v23), mirrored by
 * refreshDerived() below. A new insert trigger on those tables must be added here with its
 * set-based refresh, or bulk imports quietly take the slow path (test/store/bulk-triggers.test.ts fails).
 */
export const KNOWN_INSERT_TRIGGERS: readonly string[] = ['sales_last_contact_insert', 'checkins_last_contact_insert', 'sales_first_won_insert', 'sales_daily_insert', 'sales_reorder_insert',
  'checkins_latest_insert',
  'sales_year_won_insert', 'sales_month_mix_insert', 'sales_month_lost_insert',
  'checkins_daily_insert',
  // The change history's (v10; check-ins' is made per connection since v28, and left out in
  // bulk mode): nothing to replay, an import records its new rows as one id range.
  'history_sales_ins'];

/** The insert triggers on `tables` (by default sales and check-ins), whatever they are named. */
export function insertTriggers(db: Db, tables: readonly string[] = ['sales', 'checkins']): SchemaObject[] {
  return (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?))").all(JSON.stringify(tables)) as SchemaObject[])
    .filter((t) => /\bINSERT\s+ON\b/i.test(t.sql));
}

interface SchemaObject {
  name: string;
  sql: string;
}

export interface BulkState {
  /** The table the import fills: the one whose indexes may have been set aside. */
  table: 'sales' | 'checkins';
  maxSaleId: number;
  maxCheckinId: number;
  triggers: SchemaObject[];
  indexes: SchemaObject[];
}

/**
 * Drops the insert triggers of sales and check-ins (and, with `dropIndexes`, the secondary
 * indexes of `table`, the one the import fills: a check-ins import leaves the sales indexes be).
 * Returns undefined, doing nothing, when the schema has triggers this code does not know how to
 * replay: then rows are inserted the ordinary way.
 */
export function suspendForBulk(db: Db, table: 'sales' | 'checkins', dropIndexes: boolean): BulkState | undefined {
  const triggers = insertTriggers(db);
  if (triggers.some((t) => !KNOWN_INSERT_TRIGGERS.includes(t.name))) return undefined;
  // UNIQUE (external_id) stays: it is how re-imports find duplicates. Its sql is NULL.
  const indexes = dropIndexes
    ? db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(table) as SchemaObject[]
    : [];
  const state: BulkState = {
    table,
    maxSaleId: db.prepare('SELECT coalesce(max(id), 0) FROM sales').pluck().get() as number,
    maxCheckinId: db.prepare('SELECT coalesce(max(id), 0) FROM checkins').pluck().get() as number,
    triggers,
    indexes,
  };
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  return state;
}

/** The tables refreshDerived fills from new sales (rows per customer, day, customer-year or month). */
const SALES_DERIVED = ['customer_last_contact', 'customer_first_won', 'sales_daily', 'customer_year_won', 'sales_month_mix', 'customer_reorder'];

/** Page cache while indexes and derived tables are rebuilt, KiB. */
const SORT_CACHE_KIB = 4096;

/** Rebuilds what suspendForBulk set aside and brings the derived tables up to date. */
export function resumeAfterBulk(db: Db, state: BulkState): void {
  // CREATE INDEX sorts single-threaded on purpose: with PRAGMA threads = 2 it was 27% faster
  // but its memory grew with the table (4M sales: 305 MiB peak against 177 MiB single-threaded,
  // the same as for 1M), and an import's memory must stay flat however large the file.
  // Each sort (an index build, the derived tables' GROUP BYs) may hold as much memory as the
  // page cache, besides the cache itself: a smaller cache while they run keeps the peak down
  // (1M sales: 308 -> 246 MiB peak RSS, no slower; the rows are in by then, so the import's
  // large cache has done its work). Smaller still is faster: the sorter's runs fit the CPU's
  // caches (the four sales indexes of 1M rows: 3.9-4.3 s of CPU at 16 MiB, 2.8-3.1 s at 1-4 MiB;
  // the whole import ~1 s less).
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${SORT_CACHE_KIB}`);
  for (const index of state.indexes) db.exec(index.sql);
  // After a sales import the size of the table, the derived tables get about a row per
  // customer-year or customer: their secondary indexes too are set aside and built once (1M
  // sales: customer_year_won's 258k rows, 1.6 -> 1.0 s of CPU with its two indexes built after).
  const derivedIndexes = state.table === 'sales' && state.indexes.length > 0
    ? db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${SALES_DERIVED.map(() => '?').join(', ')})`)
      .all(...SALES_DERIVED) as SchemaObject[]
    : [];
  for (const index of derivedIndexes) db.exec(`DROP INDEX "${index.name}"`);
  refreshDerived(db, state);
  for (const index of derivedIndexes) db.exec(index.sql);
  for (const trigger of state.triggers) db.exec(trigger.sql);
  db.pragma(`cache_size = ${before}`);
}

/** What the dropped insert triggers would have done for the rows inserted since `state`. */
function refreshDerived(db: Db, state: BulkState): void {
  const names = new Set(state.triggers.map((t) => t.name));
  if (names.has('sales_last_contact_insert') || names.has('checkins_last_contact_insert')) {
    // WHERE true in it: an upsert after a SELECT needs it to parse (SQLite's "parsing ambiguity").
    db.prepare(LAST_CONTACT_REFRESH_SQL).run({ maxSaleId: state.maxSaleId, maxCheckinId: state.maxCheckinId });
  }
  if (names.has('sales_first_won_insert')) {
    db.prepare(FIRST_WON_REFRESH_SQL).run({ maxSaleId: state.maxSaleId });
  }
  if (names.has('sales_daily_insert')) {
    db.prepare(DAY_TOTALS_REFRESH_SQL).run({ maxSaleId: state.maxSaleId });
  }
  if (names.has('checkins_latest_insert')) {
    db.prepare(LATEST_CHECKIN_REFRESH_SQL).run({ maxCheckinId: state.maxCheckinId });
  }
  // With the sales indexes rebuilt (a sales import at least the table's size) the report totals
  // read the new sales from covering indexes and every reorder prediction is tallied; otherwise
  // the new sales are found through their rowid range.
  const salesRebuilt = state.table === 'sales' && state.indexes.length > 0;
  if (names.has('sales_year_won_insert')) db.prepare(salesRebuilt ? YEAR_WON_REFRESH_REBUILT_SQL : YEAR_WON_REFRESH_SQL).run({ maxSaleId: state.maxSaleId });
  if (names.has('sales_month_mix_insert')) db.prepare(salesRebuilt ? MONTH_MIX_REFRESH_REBUILT_SQL : MONTH_MIX_REFRESH_SQL).run({ maxSaleId: state.maxSaleId });
  if (names.has('sales_month_lost_insert')) db.prepare(salesRebuilt ? MONTH_LOST_REFRESH_REBUILT_SQL : MONTH_LOST_REFRESH_SQL).run({ maxSaleId: state.maxSaleId });
  if (names.has('checkins_daily_insert')) {
    db.prepare(CHECKIN_TOTALS_REFRESH_SQL).run({ maxCheckinId: state.maxCheckinId });
  }
  if (names.has('sales_reorder_insert')) {
    if (salesRebuilt) recomputeAllReorders(db);
    else {
      // The customers with new won sales, recomputed from their whole history in one statement.
      const touched = `customer_id IN (SELECT customer_id FROM sales WHERE id > :maxSaleId AND outcome = 'won')`;
      db.prepare(`DELETE FROM customer_reorder WHERE ${touched}`).run({ maxSaleId: state.maxSaleId });
      db.prepare(`INSERT INTO customer_reorder (customer_id, last_won, interval_days, expected, won_count, won_cents)${reorderRowsSql(touched)}`)
        .run({ maxSaleId: state.maxSaleId });
    }
  }
}

/**
 * Every customer's reorder prediction, when the import is at least the size of the table (its
 * indexes were rebuilt) and so touches nearly every customer: the won sales are read once in
 * date order from an index on the date and tallied by the domain's rule (ReorderTally), instead
 * of the set-based statement's three sorts (1M sales: 2.4 s of CPU -> 0.85 s, and the sorts'
 * ~48 MiB at the import's peak RSS -> a few MiB). `expected` is computed as reorderRowsSql does.
 * The sales come a day at a time, the day's customer ids and amounts as two JSON arrays: one
 * date string and two JSON.parse calls per day instead of a row array and a date string per
 * sale (1M sales, 620k won: the read 0.37 -> 0.09 s of CPU). Within a day the order does not
 * change a prediction.
 */
function recomputeAllReorders(db: Db): void {
  const tally = new ReorderTally();
  const days = db.prepare(`SELECT date, json_group_array(customer_id), json_group_array(amount_cents) FROM sales
    WHERE outcome = 'won' GROUP BY date ORDER BY date`).raw();
  for (const [date, customersJson, amountsJson] of days.iterate() as IterableIterator<[string, string, string]>) {
    const customerIds = JSON.parse(customersJson) as number[];
    const amountsCents = JSON.parse(amountsJson) as number[];
    for (let i = 0; i < customerIds.length; i++) tally.add(customerIds[i], date, amountsCents[i]);
  }
  db.exec('DELETE FROM customer_reorder');
  // The open-follow-up flag's insert trigger (v27) runs an UPDATE per new row (~6 µs: 0.24 s of
  // CPU for the 40k customers of a 1M-row import): set aside while the table is refilled, the
  // flag is then set for every row in one statement. Kept when the table has an insert trigger
  // this code does not know.
  const triggers = insertTriggers(db, ['customer_reorder']);
  const aside = triggers.every((t) => REORDER_INSERT_TRIGGERS.includes(t.name)) ? triggers : [];
  for (const trigger of aside) db.exec(`DROP TRIGGER "${trigger.name}"`);
  const insert = db.prepare(`INSERT INTO customer_reorder (customer_id, last_won, interval_days, expected, won_count, won_cents)
    VALUES (?, ?, ?, date(?, '+' || ? || ' days'), ?, ?)`);
  for (const f of tally.figures()) insert.run(f.customerId, f.lastWon, f.intervalDays, f.lastWon, f.intervalDays, f.wonCount, f.wonCents);
  if (aside.length > 0) db.exec(`UPDATE customer_reorder SET followed_up = ${followedUpSql('customer_reorder.customer_id')}`);
  for (const trigger of aside) db.exec(trigger.sql);
}

/** customer_reorder's insert triggers recomputeAllReorders replays: v27's open-follow-up flag. */
const REORDER_INSERT_TRIGGERS: readonly string[] = ['customer_reorder_followed_up'];

/** Rows in a table (its largest id: close enough to decide whether to rebuild indexes). */
export function approximateRows(db: Db, table: 'sales' | 'checkins'): number {
  return db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number;
}
