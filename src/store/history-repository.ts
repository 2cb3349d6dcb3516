// The change history: opens and closes a command's change around its writes, lists changes,
// and undoes or redoes the latest one from the row images the history triggers recorded.
// Generic over the tracked tables: it reads each table's columns from the schema.
import type { Db } from './open-database.js';
import { imageSql, makeHistoryTriggers, quote, tableShape, trackedTables, type TableShape } from './history-schema.js';
import { approximateRows, resumeAfterBulk, suspendForBulk } from './bulk-insert.js';
import { deleteRange, withRangeCache } from './bulk-delete.js';
import { InputError } from '../domain/errors.js';
import type { ChangeEntry, ChangeOp, TouchedGroup } from '../domain/history.js';
import { DEFAULT_SETTINGS } from '../domain/settings.js';

/** How a write takes part in the history. */
export type HistoryMode =
  /** Every row it writes is recorded (the default). */
  | 'record'
  /** Inserts into integer-keyed tables are recorded as id ranges (imports): the history stays small. */
  | 'bulk'
  /** Not recorded (undo and redo themselves). */
  | 'none'
  /** Not recorded, and the history is emptied (a JSON restore starts a fresh one). */
  | 'reset';


/** Rows parked to one history row while an import is undone (about 120 KiB of JSON for sales). */
const PARKED_CHUNK_ROWS = 1000;
/** Where redo puts the parked rows while it re-inserts them. */
const PARKED = 'temp.spm_parked_rows';

interface RowEntry {
  id: number;
  tbl: string;
  op: ChangeOp | 'parked';
  row_key: number | string;
  last_key: number | null;
  old: string | null;
  new: string | null;
}

interface ChangeRow {
  id: number;
  at: string;
  command: string;
  undone: number;
  dropped_redo: number;
}

export class HistoryRepository {
  /** The command line recorded with each change ("spm sale add acme 1200"). */
  commandLine = 'spm';
  /** This process's change: a command that writes twice is still one change. */
  private changeId: number | undefined;
  private rangeStart: Map<string, number> | undefined;
  private readonly shapes = new Map<string, TableShape>();

  constructor(private readonly db: Db, private readonly nowIso: () => string) {}

  private shape(table: string): TableShape {
    let shape = this.shapes.get(table);
    if (!shape) {
      shape = tableShape(this.db, table);
      this.shapes.set(table, shape);
    }
    return shape;
  }

  /** `undo-depth`: how many changes are kept; 0 turns the history off. */
  depth(): number {
    const value = this.db.prepare("SELECT value FROM settings WHERE key = 'undo-depth'").pluck().get() as string | undefined;
    return value === undefined ? DEFAULT_SETTINGS.undoDepth : Number(value);
  }

  /** Called at the start of a write transaction. Returns whether it records. */
  begin(mode: HistoryMode): boolean {
    if (mode === 'none' || mode === 'reset') return false;
    if (this.depth() === 0) return false;
    const exists = this.changeId !== undefined && this.db.prepare('SELECT 1 FROM history_changes WHERE id = ?').get(this.changeId) !== undefined;
    if (!exists) {
      this.changeId = Number(this.db.prepare('INSERT INTO history_changes (at, command) VALUES (?, ?)').run(this.nowIso(), this.commandLine).lastInsertRowid);
    }
    makeHistoryTriggers(this.db, mode === 'bulk', (table) => this.shape(table));
    this.rangeStart = undefined;
    if (mode === 'bulk') {
      this.rangeStart = new Map();
      for (const table of this.rangeTables()) this.rangeStart.set(table, this.maxKey(table));
    }
    this.db.prepare('UPDATE history_state SET change_id = ?, mode = ?').run(this.changeId, mode === 'bulk' ? 2 : 1);
    return true;
  }

  /** Called at the end of a write that recorded (inside its transaction). */
  end(): void {
    const changeId = this.changeId!;
    if (this.rangeStart) {
      const record = this.db.prepare("INSERT INTO history_rows (change_id, tbl, op, row_key, last_key, new) VALUES (?, ?, 'range', ?, ?, ?)");
      for (const [table, before] of this.rangeStart) {
        const after = this.maxKey(table);
        if (after <= before) continue;
        const { key } = this.shape(table);
        const rows = this.db.prepare(`SELECT count(*) FROM ${quote(table)} WHERE ${quote(key)} > ? AND ${quote(key)} <= ?`).pluck().get(before, after) as number;
        record.run(changeId, table, before + 1, after, JSON.stringify({ rows }));
      }
      this.rangeStart = undefined;
    }
    this.db.prepare('UPDATE history_state SET change_id = NULL, mode = 0').run();
    if (this.db.prepare('SELECT 1 FROM history_rows WHERE change_id = ? LIMIT 1').get(changeId) === undefined) {
      // A command that changed nothing (or a no-op edit) leaves no change behind.
      this.db.prepare('DELETE FROM history_changes WHERE id = ?').run(changeId);
      this.changeId = undefined;
      return;
    }
    // Undone changes can no longer be redone once something else is written.
    const dropped = this.db.prepare('DELETE FROM history_changes WHERE undone = 1 AND id < ?').run(changeId).changes;
    if (dropped > 0) this.db.prepare('UPDATE history_changes SET dropped_redo = dropped_redo + ? WHERE id = ?').run(dropped, changeId);
    this.prune(this.depth());
  }

  /** Keeps the latest `depth` changes. */
  private prune(depth: number): void {
    const oldestKept = this.db.prepare('SELECT id FROM history_changes ORDER BY id DESC LIMIT 1 OFFSET ?').pluck().get(Math.max(depth - 1, 0)) as number | undefined;
    if (oldestKept !== undefined) this.db.prepare('DELETE FROM history_changes WHERE id < ?').run(oldestKept);
  }

  /** Empties the history (inside a write that does not record). */
  reset(): void {
    this.db.exec('DELETE FROM history_rows; DELETE FROM history_changes; UPDATE history_state SET change_id = NULL, mode = 0;');
    this.changeId = undefined;
  }

  /** Integer-keyed tracked tables, parents first (creation order), for ranges. */
  private rangeTables(): string[] {
    const tracked = new Set(trackedTables(this.db));
    const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid").pluck().all() as string[];
    return tables.filter((t) => tracked.has(t) && this.shape(t).integerKey);
  }

  private maxKey(table: string): number {
    const { key } = this.shape(table);
    return (this.db.prepare(`SELECT max(${quote(key)}) FROM ${quote(table)}`).pluck().get() as number | null) ?? 0;
  }

  /** The latest changes, newest first. */
  list(limit?: number): ChangeEntry[] {
    const changes = this.db.prepare('SELECT id, at, command, undone, dropped_redo FROM history_changes ORDER BY id DESC LIMIT ?').all(limit ?? -1) as ChangeRow[];
    return changes.map((c) => this.entry(c));
  }

  private entry(change: ChangeRow): ChangeEntry {
    const groups = this.db.prepare(`
      SELECT tbl, op, count(DISTINCT row_key) AS n, min(id) AS first_row, max(last_key) AS last_key, max(new) AS range_info,
        (SELECT json_group_array(row_key) FROM (SELECT row_key FROM history_rows k WHERE k.change_id = h.change_id AND k.tbl = h.tbl AND k.op = h.op GROUP BY row_key ORDER BY min(k.id) LIMIT 3)) AS keys
      FROM history_rows h WHERE change_id = ? AND op <> 'parked' GROUP BY tbl, op ORDER BY first_row`)
      .all(change.id) as { tbl: string; op: ChangeOp; n: number; last_key: number | null; range_info: string | null; keys: string }[];
    const touched: TouchedGroup[] = groups.map((g) => {
      const keys = JSON.parse(g.keys) as (number | string)[];
      if (g.op === 'range') return { table: g.tbl, op: g.op, count: (JSON.parse(g.range_info ?? '{}') as { rows?: number }).rows ?? 0, keys: [keys[0], g.last_key!] };
      return { table: g.tbl, op: g.op, count: g.n, keys };
    });
    return { id: change.id, at: change.at, command: change.command, undone: change.undone === 1, touched };
  }

  private rows(changeId: number): RowEntry[] {
    return this.db.prepare("SELECT id, tbl, op, row_key, last_key, old, new FROM history_rows WHERE change_id = ? AND op <> 'parked' ORDER BY id").all(changeId) as RowEntry[];
  }

  private currentImage(table: string, key: number | string): string | undefined {
    const shape = this.shape(table);
    return this.db.prepare(`SELECT ${imageSql(shape, 't')} FROM ${quote(table)} t WHERE ${quote(shape.key)} = ?`).pluck().get(key) as string | undefined;
  }

  private keyOf(table: string, image: string): number | string {
    return (JSON.parse(image) as Record<string, number | string>)[this.shape(table).key];
  }

  private insertImage(table: string, image: string): void {
    const { columns } = this.shape(table);
    this.db.prepare(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) SELECT ${columns.map((c) => `json_extract(:image, '$."${c}"')`).join(', ')}`).run({ image });
  }

  private updateToImage(table: string, key: number | string, image: string): void {
    const shape = this.shape(table);
    this.db.prepare(`UPDATE ${quote(table)} SET ${shape.columns.map((c) => `${quote(c)} = json_extract(:image, '$."${c}"')`).join(', ')} WHERE ${quote(shape.key)} = :key`).run({ image, key });
  }

  private deleteRow(table: string, key: number | string): void {
    this.db.prepare(`DELETE FROM ${quote(table)} WHERE ${quote(this.shape(table).key)} = ?`).run(key);
  }

  private describeRow(row: RowEntry): string {
    return `${row.tbl} ${typeof row.row_key === 'number' ? `#${row.row_key}` : row.row_key}`;
  }

  /** Refuses (exit 2) when a row is not as the change left it: undo would not be exact. */
  private refuse(change: ChangeRow, verb: 'undo' | 'redo', row: RowEntry, why: string): never {
    throw new InputError(`cannot ${verb} change #${change.id} exactly: ${this.describeRow(row)} ${why}`,
      'It was changed outside the history (another tool, or while undo-depth was 0); correct it with the edit commands instead.');
  }

  /** The change undo would revert: the latest not undone. */
  private latestDone(): ChangeRow | undefined {
    return this.db.prepare('SELECT id, at, command, undone, dropped_redo FROM history_changes WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as ChangeRow | undefined;
  }

  /**
   * Reverts the latest change not yet undone (call inside a write that does not record).
   * Every row is checked against the image the change left before anything is written.
   */
  undo(dryRun: boolean): ChangeEntry {
    const change = this.latestDone();
    if (!change) {
      throw new InputError(this.depth() === 0 ? 'nothing to undo: the history is off (undo-depth is 0)' : 'nothing to undo', 'See what was recorded with: spm history');
    }
    const rows = this.rows(change.id).reverse();
    // Only a row's last write in the change must match what is there now (a follow-up cancelled
    // and then unlinked by its sale's deletion was written twice).
    const seen = new Set<string>();
    for (const row of rows) {
      if (row.op !== 'range') {
        const id = `${row.tbl}\u0000${row.row_key}`;
        if (seen.has(id)) continue;
        seen.add(id);
      }
      if (row.op === 'range') {
        const later = this.db.prepare(`SELECT c.id FROM history_rows r JOIN history_changes c ON c.id = r.change_id
          WHERE r.tbl = ? AND r.row_key BETWEEN ? AND ? AND c.id > ? AND c.undone = 0 LIMIT 1`).pluck().get(row.tbl, row.row_key, row.last_key, change.id) as number | undefined;
        if (later !== undefined) this.refuse(change, 'undo', row, `was changed by change #${later}`);
        continue;
      }
      const current = this.currentImage(row.tbl, row.op === 'delete' ? row.row_key : this.keyOf(row.tbl, row.new!));
      if (row.op === 'delete' ? current !== undefined : current !== row.new) this.refuse(change, 'undo', row, row.op === 'delete' ? 'exists again' : 'was changed since');
    }
    const entry = this.entry(change);
    if (dryRun) return entry;
    for (const row of rows) {
      if (row.op === 'insert') this.deleteRow(row.tbl, this.keyOf(row.tbl, row.new!));
      else if (row.op === 'update') this.updateToImage(row.tbl, this.keyOf(row.tbl, row.new!), row.old!);
      else if (row.op === 'delete') this.insertImage(row.tbl, row.old!);
      else this.undoRange(change.id, row);
    }
    this.db.prepare('UPDATE history_changes SET undone = 1 WHERE id = ?').run(change.id);
    return { ...entry, undone: true };
  }

  /**
   * A range's rows are deleted (set-based: store/bulk-delete.ts) and parked in the history for
   * redo, PARKED_CHUNK_ROWS rows to a history row: one JSON array of value arrays, the column
   * names beside it. Parked after the delete, they fill the pages the rows and their index
   * entries left free, so undoing an import does not grow the file.
   */
  private undoRange(changeId: number, row: RowEntry): void {
    const shape = this.shape(row.tbl);
    const key = quote(shape.key);
    withRangeCache(this.db, () => deleteRange(this.db, row.tbl, shape.key, row.row_key as number, row.last_key!, (rows) => {
      this.db.prepare(`INSERT INTO history_rows (change_id, tbl, op, row_key, last_key, old, new)
        SELECT :changeId, :tbl, 'parked', min(${key}), max(${key}), :columns, json_group_array(json_array(${shape.columns.map(quote).join(', ')}))
        FROM ${rows} GROUP BY (${key} - CAST(:first AS INTEGER)) / ${PARKED_CHUNK_ROWS} ORDER BY 4`)
        .run({ changeId, tbl: row.tbl, columns: JSON.stringify(shape.columns), first: row.row_key });
    }));
  }

  private redoRange(changeId: number, row: RowEntry): void {
    withRangeCache(this.db, () => this.reinsertRange(changeId, row));
  }

  private reinsertRange(changeId: number, row: RowEntry): void {
    const { columns } = this.shape(row.tbl);
    const which = { changeId, tbl: row.tbl };
    // The parked rows move to the temp schema and leave the history first, so the rows going
    // back fill the pages they held.
    this.db.exec(`DROP TABLE IF EXISTS ${PARKED}; CREATE TEMP TABLE spm_parked_rows (id INTEGER PRIMARY KEY, last_key INTEGER, old TEXT, new TEXT)`);
    this.db.prepare(`INSERT INTO ${PARKED} SELECT id, last_key, old, new FROM history_rows WHERE change_id = :changeId AND tbl = :tbl AND op = 'parked'`).run(which);
    this.db.prepare("DELETE FROM history_rows WHERE change_id = :changeId AND tbl = :tbl AND op = 'parked'").run(which);
    // Sales and check-ins go back the way an import put them: per-row triggers set aside and
    // their derived rows refreshed in one statement each (row by row was 5x the import's time).
    // Their indexes too, when more rows come back than the table holds.
    const rows = (JSON.parse(row.new ?? '{}') as { rows?: number }).rows ?? 0;
    const bulk = row.tbl === 'sales' || row.tbl === 'checkins' ? suspendForBulk(this.db, row.tbl, rows >= approximateRows(this.db, row.tbl)) : undefined;
    const chunkColumns = this.db.prepare(`SELECT DISTINCT old FROM ${PARKED} WHERE last_key IS NOT NULL`).pluck().all() as string[];
    for (const stored of chunkColumns) {
      // By name: a column added since the undo takes its default.
      const names = JSON.parse(stored) as string[];
      const kept = columns.filter((c) => names.includes(c));
      this.db.prepare(`INSERT INTO ${quote(row.tbl)} (${kept.map(quote).join(', ')})
        SELECT ${kept.map((c) => `r.value ->> ${names.indexOf(c)}`).join(', ')} FROM ${PARKED} p, json_each(p.new) r WHERE p.last_key IS NOT NULL AND p.old = ? ORDER BY p.id, r.key`)
        .run(stored);
    }
    // Parked by an earlier version: one row per history row, a json_object image.
    this.db.prepare(`INSERT INTO ${quote(row.tbl)} (${columns.map(quote).join(', ')})
      SELECT ${columns.map((c) => `json_extract(new, '$."${c}"')`).join(', ')} FROM ${PARKED} WHERE last_key IS NULL ORDER BY id`)
      .run();
    if (bulk) resumeAfterBulk(this.db, bulk);
    this.db.exec(`DROP TABLE ${PARKED}`);
  }

  /** Re-applies the change undo reverted last, when nothing was written since. */
  redo(dryRun: boolean): ChangeEntry {
    const change = this.db.prepare('SELECT id, at, command, undone, dropped_redo FROM history_changes WHERE undone = 1 ORDER BY id LIMIT 1').get() as ChangeRow | undefined;
    if (!change) {
      const latest = this.db.prepare('SELECT id, command, dropped_redo FROM history_changes ORDER BY id DESC LIMIT 1').get() as ChangeRow | undefined;
      if (latest && latest.dropped_redo > 0) {
        throw new InputError(`nothing to redo: change #${latest.id} (${latest.command}) was written after the undo`, 'Redo works right after undo, before anything else is written.');
      }
      throw new InputError('nothing to redo', 'Redo re-applies what spm undo reverted.');
    }
    const rows = this.rows(change.id);
    const seen = new Set<string>();
    for (const row of rows) {
      if (row.op === 'range') continue;
      const id = `${row.tbl}\u0000${row.row_key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const key = row.op === 'insert' ? this.keyOf(row.tbl, row.new!) : this.keyOf(row.tbl, row.old!);
      const current = this.currentImage(row.tbl, key);
      if (row.op === 'insert' ? current !== undefined : current !== row.old) this.refuse(change, 'redo', row, row.op === 'insert' ? 'exists already' : 'was changed since');
    }
    const entry = this.entry(change);
    if (dryRun) return entry;
    for (const row of rows) {
      if (row.op === 'insert') this.insertImage(row.tbl, row.new!);
      else if (row.op === 'update') this.updateToImage(row.tbl, this.keyOf(row.tbl, row.old!), row.new!);
      else if (row.op === 'delete') this.deleteRow(row.tbl, row.row_key);
      else this.redoRange(change.id, row);
    }
    this.db.prepare('UPDATE history_changes SET undone = 0 WHERE id = ?').run(change.id);
    return { ...entry, undone: false };
  }
}
