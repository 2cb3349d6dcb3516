// The change history's tables and the triggers that fill them: every tracked table gets three
// triggers that copy row images (JSON) into history_rows while a command's change is open.
// A table takes part in undo by being tracked; nothing else in the undo code names tables.
import type { Db } from './open-database.js';

/**
 * Tables that are not tracked, and why: derived tables are rebuilt by their own triggers when
 * undo puts the records back; the history's own tables; SQLite's bookkeeping. Every other table
 * must be tracked (a test checks it), so a new table cannot silently escape undo.
 */
export const UNTRACKED_TABLES: readonly string[] = [
  'customer_last_contact', 'customer_first_won', 'sales_daily', 'customer_cadence', 'customer_reorder', 'deal_closed_groups', 'customer_latest_checkin', 'customer_year_won', 'sales_month_mix', 'checkins_daily', 'sales_month_lost', // derived, kept by triggers
  'history_changes', 'history_rows', 'history_state', // the history itself
  'spm_meta', // the database's own identity: never changes after creation
  'sqlite_sequence', // AUTOINCREMENT's high-water marks: never lowered, so ids are never reused
];

/**
 * The history tables (schema v10; shipped text, not edited). A 'parked' row now holds up to
 * 1,000 records of an undone range: `new` is a JSON array of their value arrays, `old` the
 * column names, `row_key`..`last_key` their first and last id. The first version parked one
 * record per row (`new` a json_object image, `last_key` NULL); redo still reads those.
 */
export const HISTORY_TABLES_SQL = `
-- One row per write command (a "change"), newest last. Ids are never reused.
CREATE TABLE history_changes (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL,                   -- UTC ISO stamp of the write
  command       TEXT NOT NULL,                   -- the command line as typed
  undone        INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  dropped_redo  INTEGER NOT NULL DEFAULT 0       -- undone changes this one made impossible to redo
);
-- What a change did, row by row, in the order it happened. Images are json_object() of every
-- column. A bulk insert (an import) is one 'range' row: the new rows are ids row_key..last_key,
-- ids only growing (AUTOINCREMENT). 'parked' rows hold a range's rows while it is undone, for redo.
CREATE TABLE history_rows (
  id            INTEGER PRIMARY KEY,
  change_id     INTEGER NOT NULL REFERENCES history_changes (id) ON DELETE CASCADE,
  tbl           TEXT NOT NULL,
  op            TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'range', 'parked')),
  row_key       ANY,                             -- the row's primary key (an id, or a settings key)
  last_key      INTEGER,                         -- 'range' only: the last id inserted
  old           TEXT,                            -- image before (update, delete)
  new           TEXT                             -- image after (insert, update, parked)
);
CREATE INDEX history_rows_change ON history_rows (change_id, id);
-- Which changes touched a row: a range undo checks that no later change touched its rows.
CREATE INDEX history_rows_row ON history_rows (tbl, row_key);
-- One row. While a command writes, change_id is its change and mode is 1 (every row recorded)
-- or 2 (bulk: inserts into integer-keyed tables are recorded as a range at the end). Set and
-- cleared inside the command's transaction, so every other connection always sees mode 0.
CREATE TABLE history_state (
  only          INTEGER PRIMARY KEY CHECK (only = 1),
  change_id     INTEGER,
  mode          INTEGER NOT NULL DEFAULT 0 CHECK (mode IN (0, 1, 2))
);
INSERT INTO history_state (only, change_id, mode) VALUES (1, NULL, 0);
`;

export interface TableShape {
  columns: string[];
  /** The primary key column (a single column). */
  key: string;
  /** The key is an INTEGER PRIMARY KEY: bulk inserts can be recorded as an id range. */
  integerKey: boolean;
}

/** `name` as an SQL identifier, in double quotes. */
export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Columns and primary key of a table, from the live schema. */
export function tableShape(db: Db, table: string): TableShape {
  const info = db.prepare(`SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string; type: string; pk: number }[];
  if (info.length === 0) throw new Error(`no table ${table}`);
  const keys = info.filter((c) => c.pk > 0);
  if (keys.length !== 1) throw new Error(`table ${table} needs a single-column primary key to be tracked by the history`);
  return { columns: info.map((c) => c.name), key: keys[0].name, integerKey: keys[0].type.toUpperCase() === 'INTEGER' };
}

/** The SQL expression of a row's image: json_object of every column, in table order. */
export function imageSql(shape: TableShape, row: string): string {
  return `json_object(${shape.columns.map((c) => `'${c}', ${row}.${quote(c)}`).join(', ')})`;
}

/**
 * Tracks `table`: (re)creates its three history triggers from its current columns. A migration
 * that creates or alters a table lists it in `track`, which calls this after its SQL.
 */
export function trackTable(db: Db, table: string): void {
  const shape = tableShape(db, table);
  for (const suffix of ['ins', 'upd', 'del']) db.exec(`DROP TRIGGER IF EXISTS ${quote(`history_${table}_${suffix}`)}`);
  // Bulk mode (2) records integer-keyed inserts as one range at the end instead of row by row.
  const insertWhen = shape.integerKey ? '= 1' : '>= 1';
  const record = (op: string, key: string, oldImage: string, newImage: string) =>
    `INSERT INTO history_rows (change_id, tbl, op, row_key, old, new) SELECT change_id, '${table}', '${op}', ${key}, ${oldImage}, ${newImage} FROM history_state;`;
  db.exec(`
CREATE TRIGGER ${quote(`history_${table}_ins`)} AFTER INSERT ON ${quote(table)} WHEN (SELECT mode FROM history_state) ${insertWhen} BEGIN
  ${record('insert', `NEW.${quote(shape.key)}`, 'NULL', imageSql(shape, 'NEW'))}
END;
CREATE TRIGGER ${quote(`history_${table}_upd`)} AFTER UPDATE ON ${quote(table)} WHEN (SELECT mode FROM history_state) >= 1 BEGIN
  ${record('update', `NEW.${quote(shape.key)}`, imageSql(shape, 'OLD'), imageSql(shape, 'NEW'))}
END;
CREATE TRIGGER ${quote(`history_${table}_del`)} AFTER DELETE ON ${quote(table)} WHEN (SELECT mode FROM history_state) >= 1 BEGIN
  ${record('delete', `OLD.${quote(shape.key)}`, imageSql(shape, 'OLD'), 'NULL')}
END;`);
}

/** The tables the history tracks now: those with history triggers. */
export function trackedTables(db: Db): string[] {
  return db.prepare(`SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = 'history_' || tbl_name || '_ins' ORDER BY tbl_name`).pluck().all() as string[];
}
