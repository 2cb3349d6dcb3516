// Schema v28: the history triggers (but sales') leave the schema; the connection that opens a
// change makes them as TEMP triggers. Held equal to the schema triggers before it: the same writes
// record the same history rows, byte for byte and in the same order, and undo puts back the same
// data. Migrated from the version before and from v1; a change recorded before the migration is undone after.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { HistoryRepository, type HistoryMode } from '../../src/store/history-repository.js';
import { SCHEMA_HISTORY_TABLES, trackedTables } from '../../src/store/history-schema.js';
import { seedDemo } from '../../src/store/demo-seed.js';
import { generateDemoData } from '../../src/domain/demo-data.js';
import { runSpm } from '../helpers/run-spm.js';
import { databaseAt } from '../helpers/storage.js';

const VERSION = MIGRATIONS.find((m) => m.sql.includes('CREATE TABLE history_tracked'))!.version;
const PREVIOUS = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === VERSION) - 1].version;
const LATEST = MIGRATIONS[MIGRATIONS.length - 1].version;
const nowIso = () => '2026-03-15T12:00:00.000Z';
/** The tables tracked with schema triggers before, by hand. */
const TRACKED = ['checkins', 'concerns', 'customers', 'deal_stage_history', 'deals', 'followups', 'goal_logs', 'goal_milestones', 'goals', 'sales', 'settings'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spm-history-triggers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const schemaTriggers = (db: Db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'history_*' ORDER BY name").pluck().all() as string[];
const tempTriggers = (db: Db) => db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all() as string[];

/** Runs `work` as one change recorded in `mode`, as Store.write does (one history per command: one change). */
function change(db: Db, mode: HistoryMode, work: () => void, history = new HistoryRepository(db, nowIso)): void {
  db.transaction(() => {
    const recording = history.begin(mode);
    work();
    if (recording) history.end();
  }).immediate();
}

/**
 * Three changes touching every tracked table: the demo data (record), then edits and deletions
 * with what they set off (a deal closed or reopened by its sale, follow-ups unlinked from a
 * deleted sale or concern, a deal's stages, cascades from a goal), then an import-like bulk insert.
 */
function writeChanges(db: Db): void {
  change(db, 'record', () => seedDemo(db, generateDemoData('2026-03-15'), nowIso()));
  change(db, 'record', () => db.exec(`
    UPDATE customers SET segment = 'retail', updated_at = 'x' WHERE id % 3 = 0;
    UPDATE sales SET outcome = 'lost', reason = 'price' WHERE id IN (SELECT sale_id FROM deals WHERE status = 'won' ORDER BY id LIMIT 2);
    DELETE FROM sales WHERE id IN (SELECT sale_id FROM deals WHERE sale_id IS NOT NULL ORDER BY id DESC LIMIT 2);
    DELETE FROM sales WHERE id IN (SELECT sale_id FROM followups WHERE sale_id IS NOT NULL ORDER BY id LIMIT 2);
    UPDATE sales SET amount_cents = amount_cents + 1, date = '2026-03-01' WHERE id % 11 = 0;
    DELETE FROM checkins WHERE id % 5 = 0;
    UPDATE followups SET status = 'done', done_date = '2026-03-15' WHERE id % 4 = 0;
    DELETE FROM concerns WHERE id = (SELECT min(concern_id) FROM followups);
    INSERT INTO deal_stage_history (deal_id, stage, date) SELECT id, 'negotiation', '2026-03-15' FROM deals WHERE status = 'open' ORDER BY id LIMIT 2;
    DELETE FROM goals WHERE id = (SELECT goal_id FROM goal_logs ORDER BY id LIMIT 1);
    INSERT INTO settings (key, value) VALUES ('undo-depth', '40') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    INSERT INTO settings (key, value) VALUES ('deal-stages', 'lead,won') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    DELETE FROM settings WHERE key = 'deal-stages';
  `));
  change(db, 'bulk', () => db.exec(`
    INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Bulk One', 'bulk one', '2026-03-15', 'x', 'x');
    INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at)
      SELECT '2026-03-14', (SELECT max(id) FROM customers), 100 + id, 'won', 'x', 'x' FROM sales WHERE id <= 50;
    INSERT INTO checkins (date, customer_id, channel, created_at) SELECT '2026-03-14', id, 'call', 'x' FROM customers WHERE id % 7 = 0;
    UPDATE customers SET notes = 'bulk' WHERE id = 1;
    INSERT INTO settings (key, value) VALUES ('currency', 'EUR') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
  `));
}

/** Every row of every table but SQLite's own, the list of tracked tables and the database's random id, by table. */
function contents(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('history_tracked', 'spm_meta') ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).raw().all()]));
}

describe(`v${VERSION}: history triggers per connection`, () => {
  test('the same writes record the same history rows as the schema triggers before, and undo puts back the same data', () => {
    const before = openDatabase(join(dir, "before.db"), 'write', nowIso, MIGRATIONS.filter((m) => m.version <= PREVIOUS));
    const after = openDatabase(join(dir, 'now.db'), 'write', nowIso);
    try {
      expect(schemaTriggers(before)).toHaveLength(3 * TRACKED.length);
      for (const db of [before, after]) writeChanges(db);
      const histories = [before, after].map((db) => new HistoryRepository(db, nowIso));
      const rows = (db: Db) => db.prepare('SELECT id, change_id, tbl, op, row_key, last_key, old, new FROM history_rows ORDER BY id').raw().all();
      expect(rows(before).length).toBeGreaterThan(800);
      expect(rows(after)).toEqual(rows(before));
      expect(histories[1].list()).toEqual(histories[0].list());
      // Every tracked table recorded something (so each kind of trigger was compared).
      expect([...new Set(rows(after).map((r) => (r as unknown[])[2]))].sort()).toEqual(TRACKED);
      // In bulk mode the integer-keyed tables' insert triggers were left out; the others made.
      expect(tempTriggers(after)).not.toContain('history_customers_ins');
      expect(tempTriggers(after)).toContain('history_settings_ins');
      expect(tempTriggers(after)).toContain('history_customers_upd');
      for (const [i, db] of [before, after].entries()) {
        for (let n = 0; n < 3; n++) change(db, 'none', () => histories[i].undo(false));
      }
      expect(contents(after)).toEqual(contents(before));
      expect(after.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(0);
      // Redo, as undo, in both.
      for (const [i, db] of [before, after].entries()) change(db, 'none', () => histories[i].redo(false));
      expect(contents(after)).toEqual(contents(before));
    } finally {
      before.close();
      after.close();
    }
  });

  test('a record change after a bulk one on the same connection makes the insert triggers again', () => {
    const db = openDatabase(join(dir, 'spm.db'), 'write', nowIso);
    try {
      change(db, 'bulk', () => db.exec("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('A', 'a', '2026-03-15', 'x', 'x')"));
      expect(tempTriggers(db)).not.toContain('history_customers_ins');
      change(db, 'record', () => db.exec("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('B', 'b', '2026-03-15', 'x', 'x')"));
      expect(db.prepare("SELECT op, row_key FROM history_rows WHERE tbl = 'customers' ORDER BY id").raw().all()).toEqual([['range', 1], ['insert', 2]]);
      // A change rolled back takes its triggers with it; the next one makes them again.
      expect(() => change(db, 'record', () => {
        db.exec("UPDATE customers SET notes = 'n' WHERE id = 1");
        throw new Error('abandoned');
      })).toThrow('abandoned');
      change(db, 'record', () => db.exec("UPDATE customers SET notes = 'm' WHERE id = 1"));
      expect(db.prepare("SELECT op, json_extract(new, '$.notes') FROM history_rows WHERE tbl = 'customers' ORDER BY id DESC LIMIT 1").raw().get()).toEqual(['update', 'm']);
    } finally {
      db.close();
    }
  });

  test.each([[1], [PREVIOUS]])(`to v${VERSION} from v%d: the tracked tables listed, their triggers out of the schema (sales' kept), a read connection makes none`, async (from) => {
    const path = join(dir, 'spm.db');
    databaseAt(path, from).close();
    if (from === PREVIOUS) {
      // A change recorded by the schema triggers, undone after the migration.
      const db = new Database(path);
      change(db, 'record', () => db.exec("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Acme', 'acme', '2026-03-01', 'x', 'x')"));
      db.close();
    }
    const db = openDatabase(path, 'write', nowIso);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      expect(trackedTables(db)).toEqual(TRACKED);
      expect(schemaTriggers(db)).toEqual(SCHEMA_HISTORY_TABLES.flatMap((t) => ['del', 'ins', 'upd'].map((s) => `history_${t}_${s}`)));
    } finally {
      db.close();
    }
    const reader = openDatabase(path, 'read', nowIso);
    try {
      expect(reader.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(from === PREVIOUS ? 1 : 0);
      expect(tempTriggers(reader)).toEqual([]);
    } finally {
      reader.close();
    }
    if (from === PREVIOUS) {
      expect((await runSpm(['undo', '--yes'], { db: path })).code).toBe(0);
      expect((await runSpm(['customer', 'list', '--json'], { db: path })).json()).toEqual([]);
    }
    // New changes are recorded, and undone.
    expect((await runSpm(['customer', 'add', 'Bolt'], { db: path })).code).toBe(0);
    expect((await runSpm(['customer', 'edit', 'bolt', '--segment', 'retail'], { db: path })).code).toBe(0);
    expect((await runSpm(['undo', '--yes'], { db: path })).code).toBe(0);
    expect((await runSpm(['customer', 'list', '--json'], { db: path })).json()).toEqual([expect.objectContaining({ name: 'Bolt', segment: null })]);
  });
});
