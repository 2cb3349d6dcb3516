// The change history's tables and the triggers that fill them: every tracked table gets three
// triggers that copy row images (JSON) into history_rows while a command's change is open.
// A table takes part in undo by being tracked; nothing else in the undo code names tables.
// Since schema v28 the triggers of most tables are TEMP triggers, made by the connection that
// opens a change (makeHistoryTriggers): they record only then, and SQLite parses every trigger
// of the schema on a connection's first statement, so a read no longer parses ~19 KB of them.
import type { Db } from './open-database.js';

/**
 * Tables that are not tracked, and why: derived tables are rebuilt by their own triggers when
 * undo puts the records back; the history's own tables; SQLite's bookkeeping. Every other table
 * must be tracked (a test checks it), so a new table cannot silently escape undo.
 */
export const UNTRACKED_TABLES: readonly string[] = [
  'customer_last_contact', 'customer_first_won', 'sales_daily', 'customer_cadence', 'customer_reorder', 'deal_closed_groups', 'customer_latest_checkin', 'customer_year_won', 'sales_month_mix', 'checkins_daily', 'sales_month_lost', // derived, kept by triggers
  'history_changes', 'history_rows', 'history_state', 'history_tracked', // the history itself
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
 * Tracked tables whose history triggers stay in the schema. A TEMP trigger fires before the
 * schema's own, and the schema's fire newest first: sales_deal_delete and sales_deal_outcome
 * (v19) are newer than sales' history triggers, so a deal reopened or closed by its sale is
 * recorded before the sale, and undo, which goes back row by row from the last, puts the sale
 * back before the deal points at it again. As TEMP triggers, sales' would record the sale first.
 */
export const SCHEMA_HISTORY_TABLES: readonly string[] = ['sales'];

const SUFFIXES = ['ins', 'upd', 'del'] as const;

/** History triggers of a table of this shape (`suffixes` of ins, upd, del); `temp` makes them TEMP (on the schema's table). */
function historyTriggersSql(table: string, shape: TableShape, suffixes: readonly string[], temp: boolean): string {
  // Bulk mode (2) records integer-keyed inserts as one range at the end instead of row by row.
  const insertWhen = shape.integerKey ? '= 1' : '>= 1';
  const record = (op: string, key: string, oldImage: string, newImage: string) =>
    `INSERT INTO history_rows (change_id, tbl, op, row_key, old, new) SELECT change_id, '${table}', '${op}', ${key}, ${oldImage}, ${newImage} FROM history_state;`;
  const create = temp ? 'CREATE TEMP TRIGGER' : 'CREATE TRIGGER';
  const on = temp ? `main.${quote(table)}` : quote(table);
  const triggers: Record<string, string> = {
    ins: `
${create} ${quote(`history_${table}_ins`)} AFTER INSERT ON ${on} WHEN (SELECT mode FROM history_state) ${insertWhen} BEGIN
  ${record('insert', `NEW.${quote(shape.key)}`, 'NULL', imageSql(shape, 'NEW'))}
END;`,
    upd: `
${create} ${quote(`history_${table}_upd`)} AFTER UPDATE ON ${on} WHEN (SELECT mode FROM history_state) >= 1 BEGIN
  ${record('update', `NEW.${quote(shape.key)}`, imageSql(shape, 'OLD'), imageSql(shape, 'NEW'))}
END;`,
    del: `
${create} ${quote(`history_${table}_del`)} AFTER DELETE ON ${on} WHEN (SELECT mode FROM history_state) >= 1 BEGIN
  ${record('delete', `OLD.${quote(shape.key)}`, imageSql(shape, 'OLD'), 'NULL')}
END;`,
  };
  return suffixes.map((suffix) => triggers[suffix]).join('');
}

/** Whether the schema lists its tracked tables (v28 on) rather than holding every history trigger. */
function hasTrackedList(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'history_tracked'").get() !== undefined;
}

/**
 * Tracks `table`, as a migration's `track` does after its SQL (the table is new, or its columns
 * changed). From schema v28: listed in history_tracked, its triggers made by each connection
 * that opens a change (makeHistoryTriggers), except SCHEMA_HISTORY_TABLES'. Before: its three
 * history triggers (re)made in the schema, as the migrations up to v27 shipped.
 */
export function trackTable(db: Db, table: string): void {
  const listed = hasTrackedList(db);
  if (listed) db.prepare('INSERT OR IGNORE INTO history_tracked (tbl) VALUES (?)').run(table);
  if (listed && !SCHEMA_HISTORY_TABLES.includes(table)) return;
  const shape = tableShape(db, table);
  for (const suffix of SUFFIXES) db.exec(`DROP TRIGGER IF EXISTS ${quote(`history_${table}_${suffix}`)}`);
  db.exec(historyTriggersSql(table, shape, SUFFIXES, false));
}

/**
 * v28: the tracked tables listed in history_tracked, their history triggers out of the schema
 * (but SCHEMA_HISTORY_TABLES'). What they record is unchanged: see makeHistoryTriggers.
 */
export function listTrackedTables(db: Db): void {
  for (const table of tablesWithHistoryTriggers(db)) {
    db.prepare('INSERT INTO history_tracked (tbl) VALUES (?)').run(table);
    if (SCHEMA_HISTORY_TABLES.includes(table)) continue;
    for (const suffix of SUFFIXES) db.exec(`DROP TRIGGER ${quote(`history_${table}_${suffix}`)}`);
  }
}

/**
 * Makes this connection's TEMP history triggers, before a change opens (inside its write
 * transaction: a rollback takes them away, and the next change makes them again). They are the
 * triggers trackTable made in the schema up to v27, text and all, for the table's columns now:
 * with mode 0 (every other connection, and this one outside a change) they record nothing, as
 * those never did. `bulk` (mode 2) leaves out the insert triggers of integer-keyed tables, which
 * record only in mode 1 (an import then pays nothing per row for them; an import's fast path
 * set them aside before). `shapeOf` gives a table's shape (the caller keeps them).
 */
export function makeHistoryTriggers(db: Db, bulk: boolean, shapeOf: (table: string) => TableShape): void {
  if (!hasTrackedList(db)) return;
  const made = new Set(db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
  let sql = '';
  for (const table of trackedTables(db)) {
    if (SCHEMA_HISTORY_TABLES.includes(table)) continue;
    const shape = shapeOf(table);
    const wanted = SUFFIXES.filter((suffix) => !(bulk && suffix === 'ins' && shape.integerKey));
    for (const suffix of SUFFIXES) {
      const name = `history_${table}_${suffix}`;
      if (made.has(name) && !wanted.includes(suffix)) sql += `DROP TRIGGER temp.${quote(name)};`;
    }
    const missing = wanted.filter((suffix) => !made.has(`history_${table}_${suffix}`));
    if (missing.length > 0) sql += historyTriggersSql(table, shape, missing, true);
  }
  if (sql !== '') db.exec(sql);
}

/** The tables the history tracks now. */
export function trackedTables(db: Db): string[] {
  if (hasTrackedList(db)) return db.prepare('SELECT tbl FROM history_tracked ORDER BY tbl').pluck().all() as string[];
  return tablesWithHistoryTriggers(db);
}

/** The tables with history triggers in the schema: up to v27, the tracked tables. */
function tablesWithHistoryTriggers(db: Db): string[] {
  return db.prepare(`SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = 'history_' || tbl_name || '_ins' ORDER BY tbl_name`).pluck().all() as string[];
}
