// Undoing an import: its rows leave in one DELETE per table. The table's per-row delete triggers
// are set aside and what they would have done is done once, set-based, for the customers and
// days the rows touched (row by row, the reorder prediction alone recomputed a customer's median
// once per deleted sale: undoing a 100k-sale import took 5.9x the import). The mirror of
// bulk-insert.ts; all inside the undo's transaction, so a failure rolls the schema back too.
import type { Db } from './open-database.js';
import { reorderRowsSql, stagesSeenSql } from './migrations.js';
import { quote } from './history-schema.js';
import { lastContactRecomputeSql } from '../domain/rules/last-contact.sql.js';
import { firstWonRecomputeSql } from '../domain/rules/new-or-repeat.sql.js';
import { dayTotalsSubtractSql } from '../domain/rules/day-totals.sql.js';
import { latestCheckinRecomputeSql } from '../domain/rules/low-rating.sql.js';
import { monthLostSubtractSql, monthMixSubtractSql, yearWonSubtractSql } from './report-totals.js';
import { checkinTotalsSubtractSql } from '../domain/rules/checkin-totals.sql.js';
import { followedUpRecomputeSql } from '../domain/rules/followed-up.sql.js';

/** The deleted rows, copied to the temp schema first: the refreshes read them, undo parks them from there. */
export const DELETED_ROWS = 'temp.spm_deleted_rows';

/** What a delete trigger did, as statements over all the deleted rows (:first and :last bound). */
interface Replay {
  /** Before the rows go: for a link the deleted row must not outlive (a foreign key without ON DELETE). */
  before?: string[];
  after?: string[];
}

const touched = `SELECT DISTINCT customer_id FROM ${DELETED_ROWS}`;
const touchedWon = `SELECT DISTINCT customer_id FROM ${DELETED_ROWS} WHERE outcome = 'won'`;

/**
 * The delete triggers of the tables an import fills (schema v3, v6, v7, v8, v9, v11, v16, v17,
 * v18, v20, v23, v27), each with its set-based replay. A delete trigger not listed here (nor a
 * history trigger) makes a range delete take the row-by-row path: test/store/bulk-delete.test.ts
 * fails on one it does not know.
 */
export const KNOWN_DELETE_TRIGGERS: Readonly<Record<string, Replay>> = {
  sales_last_contact_delete: { after: lastContactRecomputeSql(touched) },
  checkins_last_contact_delete: { after: lastContactRecomputeSql(touched) },
  checkins_latest_delete: { after: latestCheckinRecomputeSql(touched) },
  sales_first_won_delete: { after: firstWonRecomputeSql(touchedWon) },
  sales_daily_delete: { after: dayTotalsSubtractSql(DELETED_ROWS) },
  sales_year_won_delete: { after: yearWonSubtractSql(DELETED_ROWS) },
  sales_month_mix_delete: { after: monthMixSubtractSql(DELETED_ROWS) },
  checkins_daily_delete: { after: checkinTotalsSubtractSql(DELETED_ROWS) },
  sales_month_lost_delete: { after: monthLostSubtractSql(DELETED_ROWS) },
  sales_reorder_delete: {
    after: [
      `DELETE FROM customer_reorder WHERE customer_id IN (${touchedWon})`,
      `INSERT INTO customer_reorder (customer_id, last_won, interval_days, expected, won_count, won_cents)${reorderRowsSql(`customer_id IN (${touchedWon})`)}`,
    ],
  },
  // deals.sale_id has no ON DELETE action: the deal lets go of its sale before the sale goes.
  sales_deal_delete: { before: ["UPDATE deals SET status = 'open', closed_date = NULL, lost_reason = NULL, sale_id = NULL WHERE sale_id BETWEEN :first AND :last"] },
  customers_cadence_delete: { after: ['DELETE FROM customer_cadence WHERE customer_id BETWEEN :first AND :last'] },
  // v27: a customer whose open follow-up went may have none left.
  followups_followed_up_delete: { after: followedUpRecomputeSql(touched) },
  deal_stage_history_delete: { after: [`UPDATE deals SET stages_seen = ${stagesSeenSql('deals.id')} WHERE id IN (SELECT deal_id FROM ${DELETED_ROWS})`] },
  // v16: the closed deals' counts less the deleted closed deals, group by group.
  deals_closed_groups_delete: {
    after: [
      `UPDATE deal_closed_groups SET count = count - (SELECT count(*) FROM ${DELETED_ROWS} r WHERE r.status = deal_closed_groups.status AND r.stages_seen = deal_closed_groups.stages_seen)
         WHERE (status, stages_seen) IN (SELECT status, stages_seen FROM ${DELETED_ROWS} WHERE status <> 'open')`,
      'DELETE FROM deal_closed_groups WHERE count = 0',
    ],
  },
};

interface SchemaObject {
  name: string;
  sql: string;
}

/** The delete triggers on `table`, in the order they were created (which is the order they are made again in). */
export function deleteTriggers(db: Db, table: string): SchemaObject[] {
  return (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY rowid").all(table) as SchemaObject[])
    .filter((t) => /\bDELETE\s+ON\b/i.test(t.sql));
}

/**
 * The replays of `table`'s delete triggers, or undefined when one is unknown. The history's
 * own trigger has nothing to replay: undo and redo do not record.
 */
function replays(db: Db, table: string, triggers: SchemaObject[]): Replay[] | undefined {
  const found: Replay[] = [];
  for (const trigger of triggers) {
    if (trigger.name === `history_${table}_del`) {
      if (db.prepare('SELECT mode FROM history_state').pluck().get() !== 0) return undefined;
      continue;
    }
    const replay = KNOWN_DELETE_TRIGGERS[trigger.name];
    if (!replay) return undefined;
    found.push(replay);
  }
  return found;
}

/**
 * Page cache while an import's rows are deleted or put back, KiB (the import's own): with the
 * default 2 MiB, deleting 100k sales spilled pages mid-transaction, nearly doubling its CPU time.
 */
const RANGE_CACHE_KIB = 65536;

/** Runs `work` with the larger page cache of a bulk change, then restores the cache size. */
export function withRangeCache<T>(db: Db, work: () => T): T {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${RANGE_CACHE_KIB}`);
  try {
    return work();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}

/**
 * Deletes the rows of `table` whose `key` is in first..last, as the delete triggers would have
 * left every derived table, then hands the deleted rows (in DELETED_ROWS) to `keep` before they
 * are dropped. When the range outweighs the rows left, the table's secondary indexes are set
 * aside too and built again from what is left (as an import into a small table does). Call
 * inside a write transaction that does not record in the history.
 */
export function deleteRange(db: Db, table: string, key: string, first: number, last: number, keep: (rows: string) => void): void {
  const range = { first, last };
  db.exec(`DROP TABLE IF EXISTS ${DELETED_ROWS}; CREATE TEMP TABLE spm_deleted_rows AS SELECT * FROM main.${quote(table)} WHERE 0`);
  const deleted = db.prepare(`INSERT INTO ${DELETED_ROWS} SELECT * FROM main.${quote(table)} WHERE ${quote(key)} BETWEEN :first AND :last`).run(range).changes;
  const triggers = deleteTriggers(db, table);
  const known = replays(db, table, triggers);
  const deleteRows = () => db.prepare(`DELETE FROM main.${quote(table)} WHERE ${quote(key)} BETWEEN :first AND :last`).run(range);
  if (known) {
    const run = (sql: string) => {
      const statement = db.prepare(sql);
      // Only the statements that name the range are given it (better-sqlite3 refuses unused parameters).
      if (/:first\b/.test(sql)) statement.run(range);
      else statement.run();
    };
    const left = db.prepare(`SELECT count(*) FROM main.${quote(table)}`).pluck().get() as number - deleted;
    // UNIQUE constraints' indexes (sql NULL) stay: they cannot be dropped.
    const indexes = deleted >= left
      ? db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid").all(table) as SchemaObject[]
      : [];
    for (const replay of known) replay.before?.forEach(run);
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${quote(trigger.name)}`);
    for (const index of indexes) db.exec(`DROP INDEX ${quote(index.name)}`);
    deleteRows();
    for (const index of indexes) db.exec(index.sql);
    for (const trigger of triggers) db.exec(trigger.sql);
    for (const replay of known) replay.after?.forEach(run);
  } else {
    deleteRows();
  }
  keep(DELETED_ROWS);
  db.exec(`DROP TABLE ${DELETED_ROWS}`);
}
