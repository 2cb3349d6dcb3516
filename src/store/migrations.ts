// Ordered schema migrations. `PRAGMA user_version` holds the version of the last one applied
// (versions increase but need not be consecutive); each runs in its own transaction. Append
// new migrations; never edit one that has shipped.
//
// The SQL of derived tables that keeps a business rule (last contact, going cold, new or repeat
// customer, day totals) lives beside the rule in src/domain/rules/*.sql.ts. A shipped
// migration's text must not change (test/store/migrations-frozen.test.ts): to change a rule's
// SQL, add a migration that drops and recreates its triggers from the rule's module.
//
// Conventions: money in integer cents (`*_cents`); goal targets and custom-goal amounts are
// metric values times 100 (`*_x100`, so cents for money, hundredths for counts, percents and
// 1–5 averages); calendar days as TEXT 'YYYY-MM-DD'; created/updated stamps as UTC ISO text.

import { lastContactSql, lastContactTriggersSql, latestTouchSql } from '../domain/rules/last-contact.sql.js';
import { cadenceTriggersSql, followedUpTriggersSql, touchBySql } from '../domain/rules/going-cold.sql.js';
import { followedUpSql, followedUpV27Sql } from '../domain/rules/followed-up.sql.js';
import { firstWonTriggersSql } from '../domain/rules/new-or-repeat.sql.js';
import { dayTotalsTriggersSql, dayTotalsAggregateSql } from '../domain/rules/day-totals.sql.js';
import { latestCheckinTableSql } from '../domain/rules/low-rating.sql.js';
import { lateFromSql } from '../domain/rules/late-reorder.sql.js';
import { checkinTotalsTableSql, checkinTotalsTriggersSql } from '../domain/rules/checkin-totals.sql.js';
import type { Db } from './open-database.js';
import { lostReasonsTotalsSql, reportTotalsSql } from './report-totals.js';
import { HISTORY_TABLES_SQL, listTrackedTables, trackTable } from './history-schema.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Work SQL text cannot do (reading the schema as it is), run after `sql`. */
  run?: (db: Db) => void;
  /** Tables whose history triggers are (re)made after `sql` and `run`: the table takes part in undo. */
  track?: readonly string[];
  /**
   * Run with foreign keys off (checked before commit): a table rebuild drops and re-creates
   * parent tables, which would otherwise fire ON DELETE actions on their children.
   */
  foreignKeysOff?: boolean;
}

/** Applies one migration's work (inside the caller's transaction). */
export function applyMigration(db: Db, migration: Migration): void {
  db.exec(migration.sql);
  migration.run?.(db);
  for (const table of migration.track ?? []) trackTable(db, table);
}

// A migration whose SQL is built (from the rules' modules, or with values in it) builds it when
// read: every run loads this module to learn the schema version, and only a run that migrates,
// or makes a scratch database, needs the text (building it made ~60 KB of strings per run).
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'customers, sales, check-ins, follow-ups, concerns, goals, settings',
    sql: `
CREATE TABLE customers (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  name_key      TEXT NOT NULL UNIQUE,            -- lower-cased name: names are unique in any case
  company       TEXT,
  email         TEXT,
  phone         TEXT,
  segment       TEXT,
  tags          TEXT NOT NULL DEFAULT '[]',      -- JSON array of strings
  notes         TEXT,
  cadence_days  INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
  archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  added_date    TEXT NOT NULL,                   -- local day the customer was added
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX customers_segment ON customers (segment);

CREATE TABLE sales (
  id            INTEGER PRIMARY KEY,
  date          TEXT NOT NULL,
  customer_id   INTEGER NOT NULL REFERENCES customers (id),
  amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
  outcome       TEXT NOT NULL CHECK (outcome IN ('won', 'lost')),
  reason        TEXT,
  technique     TEXT,
  product       TEXT,
  quantity      INTEGER CHECK (quantity IS NULL OR quantity > 0),
  note          TEXT,
  external_id   TEXT UNIQUE,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
-- Date-range aggregates (report, goals) read only this covering index.
CREATE INDEX sales_date ON sales (date, outcome, customer_id, amount_cents);
-- Per-customer history, first/last sale, "had a won sale before".
CREATE INDEX sales_customer ON sales (customer_id, outcome, date);

CREATE TABLE checkins (
  id            INTEGER PRIMARY KEY,
  date          TEXT NOT NULL,
  customer_id   INTEGER NOT NULL REFERENCES customers (id),
  channel       TEXT NOT NULL CHECK (channel IN ('call', 'email', 'meeting', 'visit', 'message', 'other')),
  satisfaction  INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),
  note          TEXT,
  external_id   TEXT UNIQUE,
  created_at    TEXT NOT NULL
);
CREATE INDEX checkins_date ON checkins (date, satisfaction);
CREATE INDEX checkins_customer ON checkins (customer_id, date);

CREATE TABLE concerns (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers (id),
  opened_date   TEXT NOT NULL,
  summary       TEXT NOT NULL,
  severity      TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high')),
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_date TEXT,
  resolution    TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX concerns_status ON concerns (status, opened_date);
CREATE INDEX concerns_opened ON concerns (opened_date);
CREATE INDEX concerns_resolved ON concerns (resolved_date);
CREATE INDEX concerns_customer ON concerns (customer_id);

CREATE TABLE followups (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers (id),
  due_date      TEXT NOT NULL,
  reason        TEXT,
  source        TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'post-sale', 'cadence', 'concern')),
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  sale_id       INTEGER REFERENCES sales (id) ON DELETE SET NULL,
  concern_id    INTEGER REFERENCES concerns (id) ON DELETE SET NULL,
  done_date     TEXT,                            -- local day it was done or cancelled
  note          TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX followups_status_due ON followups (status, due_date);
CREATE INDEX followups_customer ON followups (customer_id, status, due_date);
CREATE INDEX followups_done ON followups (done_date);

CREATE TABLE goals (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  name_key      TEXT NOT NULL UNIQUE,
  metric        TEXT NOT NULL CHECK (metric IN ('revenue', 'sales', 'new-customers', 'checkins', 'win-rate', 'satisfaction', 'repeat-revenue', 'custom')),
  target_x100   INTEGER NOT NULL CHECK (target_x100 > 0),
  period        TEXT CHECK (period IS NULL OR period IN ('week', 'month', 'quarter', 'year')),
  from_date     TEXT NOT NULL,                   -- first timeline; a recurring goal repeats it
  to_date       TEXT NOT NULL,
  recurring     INTEGER NOT NULL DEFAULT 0 CHECK (recurring IN (0, 1)),
  segment       TEXT,
  product       TEXT,
  technique     TEXT,
  archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK (from_date <= to_date)
);

CREATE TABLE goal_milestones (
  id            INTEGER PRIMARY KEY,
  goal_id       INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  date          TEXT NOT NULL,
  value_x100    INTEGER NOT NULL,
  UNIQUE (goal_id, date)
);

CREATE TABLE goal_logs (
  id            INTEGER PRIMARY KEY,
  goal_id       INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  date          TEXT NOT NULL,
  amount_x100   INTEGER NOT NULL,
  note          TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX goal_logs_goal_date ON goal_logs (goal_id, date);

CREATE TABLE settings (
  key           TEXT PRIMARY KEY,
  value         TEXT NOT NULL
);
`,
  },
  {
    version: 3,
    description: 'last contact per customer, kept by triggers, for a fast "going cold"',
    get sql() { return lastContactMigrationSql(); },
  },
  {
    // There are no versions 2 and 4: a database at version 3 goes straight to 5.
    version: 5,
    description: 'covering indexes for the report: won sales by date, and sales by technique and product',
    sql: `
-- Won revenue by date (the report's trend, active/new/repeat customers, revenue goals): only
-- won rows, so a 12-year trend reads 60% of the entries of sales_date, each smaller.
CREATE INDEX sales_won ON sales (date, customer_id, amount_cents) WHERE outcome = 'won';
-- Techniques and products in a range: the distinct (technique, product) pairs are few, so the
-- report finds them by skipping through this index, then sums each pair's date range in it,
-- without reading table rows or sorting every sale of the range.
CREATE INDEX sales_mix ON sales (technique, product, outcome, date, amount_cents);
`,
  },
  {
    version: 6,
    description: 'first won sale per customer, kept by triggers, for new-customer and repeat-revenue goals',
    get sql() { return firstWonMigrationSql(); },
  },
  {
    version: 7,
    description: 'sales totals per day, kept by triggers, for the report and unfiltered goals',
    get sql() { return salesDailyMigrationSql(); },
  },
  {
    version: 8,
    description: 'the day each customer with a cadence goes cold, kept by triggers, for spm followups',
    get sql() { return cadenceMigrationSql(); },
  },
  {
    version: 9,
    description: 'reorder predictions per customer, kept by triggers; low-rated check-ins indexed, for the daily view and the report',
    get sql() { return reorderMigrationSql(); },
  },
  {
    version: 10,
    description: 'ids never reused (AUTOINCREMENT), follow-ups linked to the check-in that completed them, a database id, the change history',
    sql: '',
    run: neverReuseIdsAndLinkFollowups,
    foreignKeysOff: true,
    track: ['customers', 'sales', 'checkins', 'concerns', 'followups', 'goals', 'goal_milestones', 'goal_logs', 'settings'],
  },
  {
    version: 11,
    description: 'deals (open quotes and proposals) with their stage history, linked to the sale each became',
    get sql() { return dealsMigrationSql(); },
    track: ['deals', 'deal_stage_history'],
  },
  {
    version: 12,
    description: 'a day total of sales that would leave 64-bit integers is an error, not a REAL',
    // SQLite turns an integer sum that overflows into a REAL (inexact) in won_cents = won_cents +
    // …, where sum() would fail. One record holds at most 1,000,000,000.00, so this takes about
    // 92 million such sales in one day; should it happen, the write fails with a clear message.
    sql: `
CREATE TRIGGER sales_daily_exact_insert BEFORE INSERT ON sales_daily WHEN typeof(NEW.won_cents) <> 'integer' BEGIN
  SELECT RAISE(ABORT, 'integer overflow in the day total of sales');
END;
CREATE TRIGGER sales_daily_exact_update BEFORE UPDATE ON sales_daily WHEN typeof(NEW.won_cents) <> 'integer' BEGIN
  SELECT RAISE(ABORT, 'integer overflow in the day total of sales');
END;`,
  },
  {
    version: 13,
    description: 'follow-ups can belong to a deal',
    // Deleting a deal unlinks its follow-ups (deal rm cancels the open ones first, saying why);
    // the index serves that and "this deal's follow-ups". Re-tracked so undo carries deal_id.
    sql: `
ALTER TABLE followups ADD COLUMN deal_id INTEGER REFERENCES deals (id) ON DELETE SET NULL;
CREATE INDEX followups_deal ON followups (deal_id) WHERE deal_id IS NOT NULL;`,
    track: ['followups'],
  },
  {
    version: 14,
    description: 'reorder predictions indexed by average won amount, for the daily view\'s largest-first list',
    // The daily view shows the first 50 customers due to reorder, largest average order first.
    // Read in that order, they are found after about as many entries as are shown; by expected
    // day, every late customer (half of them on a ten-year database) was read and sorted.
    sql: `
CREATE INDEX customer_reorder_rank ON customer_reorder (round(won_cents * 1.0 / won_count) DESC, expected, customer_id);
`,
  },
  {
    version: 15,
    description: 'lost sales indexed by date with their reason and amount, for the report\'s lost reasons',
    // The report groups a range's lost sales by reason. sales_date finds them but holds no
    // reason: each was a table row read at random (a year of the ten-year bench database:
    // 38k rows, ~147 ms CPU). This index holds all the query reads (~17 ms).
    sql: `
CREATE INDEX sales_lost ON sales (date, reason, amount_cents) WHERE outcome = 'lost';
`,
  },
  {
    version: 16,
    description: 'closed deals counted by status and stages reached, kept by triggers',
    get sql() { return closedDealGroupsSql(); },
  },
  {
    version: 17,
    description: 'latest check-in per customer with its rating, kept by triggers, for the report\'s low ratings at risk',
    // The report's "rated 1-2, no contact since" sought every active customer's latest check-in
    // up to the day in checkins_customer and then a later sale (20,000 customers: ~35 ms). With
    // the latest check-in stored, the customers whose last contact is not after the report's day
    // are the stored low ratings whose day is their last contact (~4 ms); see AdviceRepository.
    // Derived: not tracked by the history, rebuilt at will from check-ins.
    get sql() { return latestCheckinTableSql(); },
  },
  {
    version: 18,
    description: 'won sales per customer per year and sales mix per month, kept by triggers, for the report',
    // A year's report summed every won sale of the year per customer (the bench database: 56k
    // sales, ~29 ms) and every sale per technique and product (~8 ms); it now reads one row per
    // active customer and twelve months of mix. src/store/report-totals.ts has the why and how.
    get sql() { return reportTotalsSql(); },
  },
  {
    version: 19,
    description: 'open deals indexed by stage, value, expected close and stage day, for goal forecasts and deals to move',
    // One index instead of v11's (stage, value_cents) holds every column a goal's forecast and
    // the daily view's deals to move read: with 5,000 open deals the forecast's read by close day
    // looked each deal up in the table (~3 ms per goal end), and the deals to move were all
    // weighed and sorted for a screenful (~2.5 ms + ~1.4 ms for their count).
    sql: `
DROP INDEX deals_open_stage;
CREATE INDEX deals_open_stage ON deals (stage, value_cents, expected_close, stage_date) WHERE status = 'open';
`,
  },
  {
    version: 20,
    description: 'check-in totals per day, kept by triggers, for check-in and satisfaction goals',
    // A year-long check-in goal read every check-in of the year from checkins_date (the bench
    // database: ~45k index entries, ~5 ms for the year, quarter and month of a goal list); the
    // day totals are ~330 rows. Derived data, rebuilt from check-ins at will.
    get sql() { return `${checkinTotalsTableSql()}
${checkinTotalsTriggersSql()}`; },
  },
  {
    version: 21,
    description: 'the index of check-ins rated 1 or 2 dropped: no query reads it any more',
    // v9 made checkins_low for the report's low ratings at risk, which read it per customer;
    // since v17 that query reads customer_latest_checkin, and no statement spm prepares is
    // planned through checkins_low (EXPLAIN QUERY PLAN of each of the 137,610 statements the
    // test suite prepared, and of the report, daily view and lists on the 10-year bench
    // database with its statistics). Every check-in written paid for it (28% of the bench's are
    // rated 1 or 2): inserts, rating changes, deletes, an import's rebuild (~0.13 s per 500k).
    sql: `
DROP INDEX IF EXISTS checkins_low;
`,
  },
  {
    version: 22,
    description: 'reorder predictions indexed by the day each is late by half its interval, and archived customers, for the report\'s count of late reorders',
    // The report counts the customers late by more than half their interval (7,000 of 20,000 on
    // the 10-year bench database): through customer_reorder_expected that was a table row, a
    // date computed and a customer looked up per prediction (~4.4 ms). Counted in this index
    // (the day computed once, on write), less the archived among them (~0.5 ms).
    get sql() { return `
CREATE INDEX customer_reorder_late ON customer_reorder (${lateFromSql('expected', 'interval_days')}, last_won);
CREATE INDEX customers_archived ON customers (id) WHERE archived = 1;
`; },
  },
  {
    version: 23,
    description: 'lost sales per month and reason, kept by triggers, for the report\'s lost reasons',
    // A year's lost reasons grouped every lost sale of the year (the bench database: 38k, ~11 ms
    // CPU from the sales_lost index); it now reads a few groups per month. The first sale of each
    // group is kept for its spelling. src/store/report-totals.ts has the why and how.
    get sql() { return lostReasonsTotalsSql(); },
  },
  {
    version: 24,
    description: 'follow-ups done indexed by the day they were done, for the report\'s count',
    // The report counts the follow-ups done in its range: followups_done (v1) holds done and
    // cancelled ones by day, so each was a table row read for its status (a year of the bench
    // database: 3,400 rows, ~2.7 ms on a first read). This index holds the done ones only (~0.2 ms).
    sql: `
CREATE INDEX followups_done_on ON followups (done_date) WHERE status = 'done';
`,
  },
  {
    version: 25,
    description: 'customers with a cadence flagged while they have an open follow-up, and indexed by touch-by day without them, for the count of customers going cold',
    // Going cold excludes customers with an open follow-up: the daily view and the dashboard
    // counted them by looking up each customer past their touch-by day in followups_open (the
    // 10-year bench database: 2,500 lookups, ~0.6 ms). The flag (kept by triggers, see
    // followedUpTriggersSql) leads customer_cadence_cold: the count and the list read one index
    // range of the customers with none (~0.05 ms).
    get sql() { return `
ALTER TABLE customer_cadence ADD COLUMN followed_up INTEGER NOT NULL DEFAULT 0; -- 1 while the customer has an open follow-up
UPDATE customer_cadence SET followed_up = ${followedUpSql('customer_cadence.customer_id')};
${followedUpTriggersSql()}
CREATE INDEX customer_cadence_cold ON customer_cadence (followed_up, touch_by, customer_id);
-- Only the going-cold queries read customer_cadence by touch-by day.
DROP INDEX customer_cadence_touch_by;
`; },
  },
  {
    version: 26,
    description: 'sales indexed by day and id with every column the sale list shows, for reading the list in order',
    // `sale list` reads newest first (date, then id). Through sales_date that was a table row
    // looked up per sale, which on a table not filled in date order is a random page each (the
    // 10-year bench database: 1M lookups over the 101 MiB table, ~2.4 s of SQLite's ~4 s for
    // the whole list), and a sort of each day's sales by id. This index holds the list's cells
    // in its order, so the list reads it front to back (~1.6 s). ~55 MiB per 1M sales.
    sql: `
CREATE INDEX sales_list ON sales (date, id, customer_id, amount_cents, outcome, technique, product, quantity, reason, note);
`,
  },
  {
    version: 27,
    description: 'reorder predictions flagged while the customer has an open follow-up, and indexed by the flag and expected day, for the count of customers due to reorder',
    // Due to reorder leaves out customers with an open follow-up: the count took the customers
    // expected by the window's end (11,000 of 20,000 on the 10-year bench database) less those
    // among the ones with an open follow-up or archived, each looked up (~0.8 ms). With the flag
    // (kept like v25's, see followedUpV27Sql) it reads one range of customer_reorder_due, less
    // the archived customers' rows.
    get sql() { return followedUpV27Sql(); },
  },
  {
    version: 28,
    description: 'the history triggers made by the connection that records a change (TEMP), not kept in the schema that every read parses',
    // SQLite parses every trigger of the schema on a connection's first statement: the history's
    // 36 (~19 KB) cost every command ~0.35 ms, reads included, which never record. They record
    // only while a change is open (history_state.mode 1 or 2, set by that connection inside its
    // write transaction), so the connection that opens one makes them then (history-schema.ts,
    // makeHistoryTriggers) and they record the same rows. sales keeps its own (SCHEMA_HISTORY_TABLES).
    sql: `
-- The tables the history tracks (each write connection makes their triggers).
CREATE TABLE history_tracked (
  tbl           TEXT PRIMARY KEY
) WITHOUT ROWID;
`,
    run: listTrackedTables,
  },
];

/** The record tables, parents before children. Their ids are what users type and calendars keep. */
const RECORD_TABLES = ['customers', 'sales', 'checkins', 'concerns', 'followups', 'goals', 'goal_milestones', 'goal_logs'];

/**
 * v10. Ids are never reused: with INTEGER PRIMARY KEY alone, deleting the newest sale gave its id
 * to the next one, so "after sale #N" and calendar UIDs pointed at another record. Each record
 * table is rebuilt with AUTOINCREMENT, keeping every row and id (SQLite's documented rebuild:
 * new table, copy, drop, rename; the triggers and indexes set aside and re-created as they were,
 * so the derived tables of v3–v9 keep working). The copy sets each table's high-water mark.
 *
 * Follow-ups get `checkin_id`, the check-in that completed them (read back from the note
 * "completed by check-in #N" that earlier versions wrote), so editing or deleting the check-in
 * can carry the follow-up along. Reasons that earlier versions baked in at write time ("after
 * sale #N …", "high concern #N: …") are cleared where the link is kept: they are rendered from
 * the sale or concern when shown. `spm_meta` holds a random id made once, for calendar UIDs.
 * Then the change history's tables; `track` adds the history triggers.
 */
function neverReuseIdsAndLinkFollowups(db: Db): void {
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${RECORD_TABLES.map(() => '?').join(', ')})`)
    .all(...RECORD_TABLES) as { name: string; sql: string }[];
  // Triggers on other tables name the record tables in their bodies; with them gone, renaming
  // a rebuilt table has nothing to rewrite.
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  for (const table of RECORD_TABLES) {
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string;
    const rebuilt = sql
      .replace(/^CREATE TABLE\s+("?)(\w+)\1/, `CREATE TABLE "${table}_rebuilt"`)
      .replace(/\bid(\s+)INTEGER PRIMARY KEY\b(?!\s+AUTOINCREMENT)/i, 'id$1INTEGER PRIMARY KEY AUTOINCREMENT');
    if (!/AUTOINCREMENT/.test(rebuilt)) throw new Error(`v10: cannot find the id column of ${table}`);
    db.exec(rebuilt);
    db.exec(`INSERT INTO "${table}_rebuilt" SELECT * FROM "${table}"`);
    db.exec(`DROP TABLE "${table}"`);
    db.exec(`ALTER TABLE "${table}_rebuilt" RENAME TO "${table}"`);
  }
  for (const index of indexes) db.exec(index.sql);
  for (const trigger of triggers) db.exec(trigger.sql);
  db.exec(`
ALTER TABLE followups ADD COLUMN checkin_id INTEGER REFERENCES checkins (id) ON DELETE SET NULL;
UPDATE followups SET checkin_id = CAST(substr(note, 24) AS INTEGER), note = NULL
  WHERE note GLOB 'completed by check-in #[0-9]*' AND substr(note, 24) NOT GLOB '*[^0-9]*'
    AND CAST(substr(note, 24) AS INTEGER) IN (SELECT id FROM checkins);
UPDATE followups SET reason = NULL
  WHERE (source = 'post-sale' AND sale_id IS NOT NULL AND (reason GLOB 'after sale #*' OR reason GLOB 'after lost sale #*'))
     OR (source = 'concern' AND concern_id IS NOT NULL AND reason GLOB 'high concern #*');
UPDATE followups SET reason = 'satisfied now?'
  WHERE source = 'concern' AND concern_id IS NOT NULL AND reason GLOB 'resolved concern #*';
-- Links are followed both ways: a sale's or concern's follow-ups, a check-in's completed ones
-- (and ON DELETE SET NULL reads these instead of scanning every follow-up).
CREATE INDEX followups_sale ON followups (sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX followups_concern ON followups (concern_id) WHERE concern_id IS NOT NULL;
CREATE INDEX followups_checkin ON followups (checkin_id) WHERE checkin_id IS NOT NULL;
CREATE TABLE spm_meta (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO spm_meta (key, value) VALUES ('database-id', lower(hex(randomblob(8))));
${HISTORY_TABLES_SQL}`);
  const broken = db.prepare('PRAGMA foreign_key_check').all();
  if (broken.length > 0) throw new Error(`v10: ${broken.length} rows break a foreign key after the rebuild`);
}

/**
 * The reorder prediction of the customers that `where` selects (a condition on sales rows),
 * one row each for those with won sales on at least 3 distinct days: the interval is the median
 * gap between consecutive distinct won days (an even count: the mean of the two middle ones,
 * rounded half up), as predictReorder in src/domain/reorder.ts computes it; a test holds the
 * two equal. No WITH clause: SQLite refuses one inside a trigger.
 */
export function reorderRowsSql(where: string): string {
  return `
    SELECT customer_id, last_won, interval_days, date(last_won, '+' || interval_days || ' days') AS expected, won_count, won_cents FROM (
      SELECT customer_id, max(date) AS last_won, sum(n) AS won_count, sum(cents) AS won_cents, max(gaps) AS gaps,
             CAST(avg(CASE WHEN rn IN ((gaps + 1) / 2, gaps / 2 + 1) THEN gap END) + 0.5 AS INTEGER) AS interval_days
      FROM (
        -- Non-null gaps numbered 1..gaps in increasing order (the first day's null gap last).
        SELECT customer_id, date, n, cents, gap,
               row_number() OVER (PARTITION BY customer_id ORDER BY gap IS NULL, gap) AS rn,
               count(gap) OVER (PARTITION BY customer_id) AS gaps
        FROM (
          SELECT customer_id, date, n, cents,
                 CAST(round(julianday(date) - julianday(lag(date) OVER (PARTITION BY customer_id ORDER BY date))) AS INTEGER) AS gap
          FROM (SELECT customer_id, date, count(*) AS n, sum(amount_cents) AS cents FROM sales
                WHERE outcome = 'won' AND (${where}) GROUP BY customer_id, date)))
      GROUP BY customer_id)
    WHERE gaps >= 2`;
}

/**
 * v9: `customer_reorder` holds each customer's reorder prediction (see reorderRowsSql), kept by
 * triggers on sales, so the daily view reads the customers due from one index range on
 * `expected` instead of every won sale. Derived data: rebuilt from sales at will. Also an
 * index of the check-ins rated 1 or 2 (few), from which the report finds unhappy customers.
 */
function reorderMigrationSql(): string {
  const recompute = (id: string) => `
  DELETE FROM customer_reorder WHERE customer_id = ${id};
  INSERT INTO customer_reorder (customer_id, last_won, interval_days, expected, won_count, won_cents)${reorderRowsSql(`customer_id = ${id}`)};`;
  return `
CREATE TABLE customer_reorder (
  customer_id   INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  last_won      TEXT NOT NULL,                   -- latest won-sale day
  interval_days INTEGER NOT NULL,                -- median gap between distinct won days
  expected      TEXT NOT NULL,                   -- last_won + interval_days
  won_count     INTEGER NOT NULL,                -- won sales (same-day ones each count)
  won_cents     INTEGER NOT NULL                 -- their total: won_cents / won_count is the average
);
INSERT INTO customer_reorder (customer_id, last_won, interval_days, expected, won_count, won_cents)${reorderRowsSql('true')};
CREATE INDEX customer_reorder_expected ON customer_reorder (expected, customer_id);
CREATE TRIGGER sales_reorder_insert AFTER INSERT ON sales WHEN NEW.outcome = 'won' BEGIN${recompute('NEW.customer_id')}
END;
CREATE TRIGGER sales_reorder_update AFTER UPDATE OF date, outcome, customer_id, amount_cents ON sales WHEN OLD.outcome = 'won' OR NEW.outcome = 'won' BEGIN${recompute('OLD.customer_id')}${recompute('NEW.customer_id')}
END;
CREATE TRIGGER sales_reorder_delete AFTER DELETE ON sales WHEN OLD.outcome = 'won' BEGIN${recompute('OLD.customer_id')}
END;
-- Check-ins rated 1 or 2, by customer: the report's "at risk" reads this small slice.
CREATE INDEX checkins_low ON checkins (customer_id, date) WHERE satisfaction <= 2;`;
}

/** A deal's `stages_seen` (v11) from its stage history: the distinct stages, sorted, comma-joined. */
export function stagesSeenSql(dealId: string): string {
  return `coalesce((SELECT group_concat(stage, ',') FROM
    (SELECT DISTINCT stage FROM deal_stage_history WHERE deal_id = ${dealId} ORDER BY stage)), '')`;
}

/**
 * v11: `deals` and `deal_stage_history`. A deal's current stage and the day it entered it live on
 * the row (the last history entry), so the pipeline, staleness and close dates read partial
 * indexes over open deals only. `stages_seen` (the distinct stages of a deal's history, sorted,
 * comma-joined) is kept by triggers so the learned probabilities count closed deals by
 * (status, stages_seen) in one covering index scan, not by reading every history row.
 * A deal's sale: deleting it (sale rm, deal reopen) reopens the deal; editing its outcome
 * follows on the deal.
 */
function dealsMigrationSql(): string {
  const seen = (id: string) => `
  UPDATE deals SET stages_seen = ${stagesSeenSql(id)} WHERE id = ${id};`;
  return `
CREATE TABLE deals (
  id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: an undone or deleted deal's id stays its own
  customer_id     INTEGER NOT NULL REFERENCES customers (id),
  title           TEXT NOT NULL,
  value_cents     INTEGER NOT NULL CHECK (value_cents > 0),
  stage           TEXT NOT NULL,                   -- current stage (one of the deal-stages setting)
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
  expected_close  TEXT,                            -- local day the rep expects to close
  product         TEXT,
  technique       TEXT,
  note            TEXT,
  created_date    TEXT NOT NULL,                   -- local day the deal was opened
  stage_date      TEXT NOT NULL,                   -- local day it entered its current stage
  closed_date     TEXT,                            -- local day won or lost
  lost_reason     TEXT,
  sale_id         INTEGER REFERENCES sales (id),   -- the sale it became; cleared by the trigger below
  stages_seen     TEXT NOT NULL DEFAULT '',        -- derived: distinct history stages, sorted, comma-joined
  external_id     TEXT UNIQUE,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK (expected_close IS NULL OR expected_close >= created_date),
  CHECK ((status = 'open') = (closed_date IS NULL))
);
CREATE TABLE deal_stage_history (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  deal_id         INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
  stage           TEXT NOT NULL,
  date            TEXT NOT NULL                    -- local day the deal entered the stage
);
CREATE INDEX deal_stage_history_deal ON deal_stage_history (deal_id, date, id);
-- Deals that changed stage in a period (the report's "advanced").
CREATE INDEX deal_stage_history_date ON deal_stage_history (date, deal_id);
-- The pipeline's per-stage sums and the forecast's open deals.
CREATE INDEX deals_open_stage ON deals (stage, value_cents) WHERE status = 'open';
-- Stale deals (entered their stage before a day) and passed close dates, open deals only.
CREATE INDEX deals_open_stage_date ON deals (stage_date) WHERE status = 'open';
CREATE INDEX deals_open_close ON deals (expected_close) WHERE status = 'open';
-- Learned probabilities: closed deals counted by status and stages reached.
CREATE INDEX deals_closed_seen ON deals (status, stages_seen) WHERE status <> 'open';
-- The report's created / won / lost in a period.
CREATE INDEX deals_created ON deals (created_date);
CREATE INDEX deals_closed ON deals (closed_date, status) WHERE closed_date IS NOT NULL;
CREATE INDEX deals_customer ON deals (customer_id, status);
CREATE INDEX deals_sale ON deals (sale_id) WHERE sale_id IS NOT NULL;
CREATE TRIGGER deal_stage_history_insert AFTER INSERT ON deal_stage_history
  WHEN instr(',' || (SELECT stages_seen FROM deals WHERE id = NEW.deal_id) || ',', ',' || NEW.stage || ',') = 0 BEGIN${seen('NEW.deal_id')}
END;
CREATE TRIGGER deal_stage_history_delete AFTER DELETE ON deal_stage_history BEGIN${seen('OLD.deal_id')}
END;
CREATE TRIGGER sales_deal_delete AFTER DELETE ON sales BEGIN
  UPDATE deals SET status = 'open', closed_date = NULL, lost_reason = NULL, sale_id = NULL WHERE sale_id = OLD.id;
END;
CREATE TRIGGER sales_deal_outcome AFTER UPDATE OF outcome ON sales BEGIN
  UPDATE deals SET status = NEW.outcome, lost_reason = CASE WHEN NEW.outcome = 'lost' THEN coalesce(lost_reason, NEW.reason) END
    WHERE sale_id = NEW.id AND status <> NEW.outcome;
END;`;
}

/**
 * v16: `deal_closed_groups` counts the closed deals by status and stages_seen, the groups the
 * learned probabilities are computed from. Every deal view learns them; reading a few counted
 * rows replaces grouping every closed deal's index entry (50,000 closed deals: a scan of 5-15
 * ms per command). Kept by triggers on deals (inserted, deleted, or their status or
 * stages_seen changed: closing, reopening, a stage-history entry); derived, so not tracked by
 * the history: undo moves the deals and the triggers follow. Rebuilt at will from deals.
 */
function closedDealGroupsSql(): string {
  const add = (row: string) => `
  INSERT INTO deal_closed_groups (status, stages_seen, count) SELECT ${row}.status, ${row}.stages_seen, 1 WHERE ${row}.status <> 'open'
    ON CONFLICT (status, stages_seen) DO UPDATE SET count = count + 1;`;
  const remove = (row: string) => `
  UPDATE deal_closed_groups SET count = count - 1 WHERE ${row}.status <> 'open' AND status = ${row}.status AND stages_seen = ${row}.stages_seen;
  DELETE FROM deal_closed_groups WHERE count = 0 AND status = ${row}.status AND stages_seen = ${row}.stages_seen;`;
  return `
CREATE TABLE deal_closed_groups (
  status       TEXT NOT NULL,                    -- won or lost
  stages_seen  TEXT NOT NULL,                    -- as deals.stages_seen
  count        INTEGER NOT NULL,                 -- closed deals with this status and stages seen (> 0)
  PRIMARY KEY (status, stages_seen)
) WITHOUT ROWID;
INSERT INTO deal_closed_groups (status, stages_seen, count)
  SELECT status, stages_seen, count(*) FROM deals WHERE status <> 'open' GROUP BY status, stages_seen;
CREATE TRIGGER deals_closed_groups_insert AFTER INSERT ON deals WHEN NEW.status <> 'open' BEGIN${add('NEW')}
END;
CREATE TRIGGER deals_closed_groups_delete AFTER DELETE ON deals WHEN OLD.status <> 'open' BEGIN${remove('OLD')}
END;
CREATE TRIGGER deals_closed_groups_update AFTER UPDATE OF status, stages_seen ON deals
  WHEN (OLD.status <> 'open' OR NEW.status <> 'open') AND (OLD.status <> NEW.status OR OLD.stages_seen <> NEW.stages_seen) BEGIN${remove('OLD')}${add('NEW')}
END;`;
}

/**
 * v8: `customer_cadence` holds, for each active customer with a stay-in-touch cadence, the last
 * contact (latest sale or check-in; the day added only when there is none) and `touch_by`, the last day before the
 * customer goes cold (last contact + cadence). Kept by triggers on customers and on
 * customer_last_contact (v3), so it follows sales and check-ins, bulk imports included. The
 * daily view then reads the customers going cold in order from one index range and stops after
 * a screenful, instead of computing a date for every customer with a cadence, sorting them all
 * and counting them with a window (measured on the bench database: 16 ms -> under 2 ms).
 * Derived data: rebuilt from customers and customer_last_contact at will.
 */
function cadenceMigrationSql(): string {
  return `
CREATE TABLE customer_cadence (
  customer_id   INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  last_contact  TEXT NOT NULL,                   -- latest sale or check-in day; the day added if none
  touch_by      TEXT NOT NULL                    -- last_contact + cadence_days: going cold the day after
                                                 -- (9999-12-31 past the calendar's end, where date() is NULL)
);
INSERT INTO customer_cadence (customer_id, last_contact, touch_by)
  SELECT id, last_contact, ${touchBySql('last_contact', 'cadence_days')} FROM (
    SELECT c.id, c.cadence_days, ${lastContactSql('l.last_date', 'c.added_date')} AS last_contact
    FROM customers c LEFT JOIN customer_last_contact l ON l.customer_id = c.id
    WHERE c.cadence_days IS NOT NULL AND c.archived = 0);
CREATE INDEX customer_cadence_touch_by ON customer_cadence (touch_by, customer_id);
-- v3's index for the old going-cold query; nothing reads it now.
DROP INDEX IF EXISTS customers_cadence;
${cadenceTriggersSql()}`;
}

/**
 * v7: `sales_daily` holds, per calendar day, the won amount and the won and lost counts, kept
 * by triggers on sales. A year of figures is then 365 small rows instead of a pass over every
 * sale of the year (the report's 12-year trend read all 620k won sales of the bench database:
 * 66 ms). Derived data: rebuilt from sales at will. Days left with no sale are removed.
 */
function salesDailyMigrationSql(): string {
  return `
CREATE TABLE sales_daily (
  date       TEXT PRIMARY KEY,
  won_cents  INTEGER NOT NULL,
  won        INTEGER NOT NULL,
  lost       INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO sales_daily (date, won_cents, won, lost)
  SELECT date, ${dayTotalsAggregateSql()}
  FROM sales GROUP BY date;
${dayTotalsTriggersSql()}`;
}

/**
 * v6: `customer_first_won` holds the day of each customer's first won sale ever, kept by
 * triggers on sales. "New customers in a range" becomes an index range over this small table
 * instead of one seek per active customer into the sales history (measured on the 10-year
 * bench database: ~100 ms per year-long goal before). Derived data, rebuilt from sales at will.
 */
function firstWonMigrationSql(): string {
  return `
CREATE TABLE customer_first_won (
  customer_id     INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  first_won_date  TEXT NOT NULL
);
CREATE INDEX customer_first_won_date ON customer_first_won (first_won_date, customer_id);
INSERT INTO customer_first_won (customer_id, first_won_date)
  SELECT customer_id, min(date) FROM sales WHERE outcome = 'won' GROUP BY customer_id;
${firstWonTriggersSql()}`;
}

/**
 * v3: `customer_last_contact` holds each customer's latest sale or check-in date, kept up to
 * date by triggers on sales and check-ins, so `spm followups` finds customers going cold with
 * one small index scan instead of three seeks per customer in million-row indexes (measured:
 * ~60-100 ms on the 10-year bench database, more than the whole time budget of the command).
 * Derived data only: it can be dropped and rebuilt from sales and check-ins at any time.
 */
function lastContactMigrationSql(): string {
  return `
CREATE TABLE customer_last_contact (
  customer_id   INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  last_date     TEXT NOT NULL                    -- latest sale (won or lost) or check-in day
);
INSERT INTO customer_last_contact (customer_id, last_date)
  SELECT id, d FROM (SELECT c.id, ${latestTouchSql('c.id')} AS d FROM customers c) WHERE d <> '';
${lastContactTriggersSql('sales')}
${lastContactTriggersSql('checkins')}
-- Customers with a stay-in-touch cadence, covering what "going cold" reads.
CREATE INDEX customers_cadence ON customers (id, cadence_days, added_date, name) WHERE cadence_days IS NOT NULL AND archived = 0;
-- Open follow-ups are a small slice of all follow-ups: the daily view and "has an open
-- follow-up" read only this partial index.
CREATE INDEX followups_open ON followups (customer_id, due_date) WHERE status = 'open';
CREATE INDEX followups_open_due ON followups (due_date, id, customer_id, reason, source, sale_id, concern_id, note) WHERE status = 'open';
-- Names and the archived flag by id, for joins that only need those (a covering lookup).
CREATE INDEX customers_ref ON customers (id, archived, name);
`;
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
/** `PRAGMA application_id` of spm databases ("SPM1"), to refuse other SQLite files. */
export const APPLICATION_ID = 0x53504d31;
