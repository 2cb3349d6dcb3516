// Schema v10: record tables rebuilt with AUTOINCREMENT (ids kept, never reused), follow-ups
// linked to the check-in that completed them, baked-in reasons cleared, a database id, the
// change history. Migrated from the version before and from the oldest (v1), with a backup.
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { openDatabase } from '../../src/store/open-database.js';
import { APPLICATION_ID, MIGRATIONS } from '../../src/store/migrations.js';
import { UNTRACKED_TABLES, makeHistoryTriggers, tableShape, trackedTables } from '../../src/store/history-schema.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { cadenceTables } from '../helpers/derived.js';
import { spawnSpm } from '../helpers/spawn-spm.js';

const temp = useTempDb();
const nowIso = () => '2026-03-15T12:00:00.000Z';
const V9 = MIGRATIONS.findIndex((m) => m.foreignKeysOff && m.track?.includes('sales'));

/** A database at the version just before v9, or at v1, holding one of everything. */
function makeOldDatabase(path: string, upTo: 'previous' | 'v1'): void {
  const migrations = upTo === 'v1' ? MIGRATIONS.slice(0, 1) : MIGRATIONS.slice(0, V9);
  if (upTo === 'v1') {
    const raw = new Database(path);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.exec(migrations[0].sql);
    raw.pragma('user_version = 1');
    raw.close();
  } else {
    openDatabase(path, 'write', nowIso, migrations).close();
  }
  const db = new Database(path);
  const stamp = '2026-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO customers (id, name, name_key, cadence_days, added_date, created_at, updated_at) VALUES
      (1, 'Acme', 'acme', 30, '2025-06-01', '${stamp}', '${stamp}'), (4, 'Bolt', 'bolt', NULL, '2025-06-01', '${stamp}', '${stamp}');
    INSERT INTO sales (id, date, customer_id, amount_cents, outcome, product, created_at, updated_at) VALUES
      (3, '2026-01-10', 1, 280000, 'won', 'training', '${stamp}', '${stamp}'), (7, '2026-02-01', 4, 5000, 'lost', NULL, '${stamp}', '${stamp}');
    INSERT INTO checkins (id, date, customer_id, channel, created_at) VALUES (2, '2026-02-20', 1, 'call', '${stamp}');
    INSERT INTO concerns (id, customer_id, opened_date, summary, severity, created_at, updated_at) VALUES (5, 4, '2026-02-02', 'late delivery', 'high', '${stamp}', '${stamp}');
    INSERT INTO followups (id, customer_id, due_date, reason, source, status, sale_id, concern_id, done_date, note, created_at, updated_at) VALUES
      (1, 1, '2026-01-17', 'after sale #3 (training): is everything working out?', 'post-sale', 'done', 3, NULL, '2026-02-20', 'completed by check-in #2', '${stamp}', '${stamp}'),
      (2, 4, '2026-02-03', 'high concern #5: late delivery', 'concern', 'open', NULL, 5, NULL, NULL, '${stamp}', '${stamp}'),
      (6, 4, '2026-03-20', 'bring the brochure', 'manual', 'open', NULL, NULL, NULL, 'completed by check-in #99', '${stamp}', '${stamp}');
    INSERT INTO goals (id, name, name_key, metric, target_x100, from_date, to_date, created_at, updated_at) VALUES (2, 'Books', 'books', 'custom', 400, '2026-01-01', '2026-12-31', '${stamp}', '${stamp}');
    INSERT INTO goal_milestones (id, goal_id, date, value_x100) VALUES (1, 2, '2026-06-30', 200);
    INSERT INTO goal_logs (id, goal_id, date, amount_x100, note, created_at) VALUES (9, 2, '2026-02-10', 150, 'half', '${stamp}');
  `);
  db.close();
}

describe.each(['previous', 'v1'] as const)('migration to v10 from %s', (from) => {
  test('keeps every row and id, links and clears baked reasons, makes a database id, keeps a backup', async () => {
    makeOldDatabase(temp.dbPath, from);
    const result = await runSpm(['followups', '--json'], { db: temp.dbPath });
    expect(result.code).toBe(0);
    expect(readdirSync(temp.dir).some((f) => /\.before-v\d+-.*\.bak$/.test(f))).toBe(true);
    const db = openRaw(temp.dbPath);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    for (const table of ['customers', 'sales', 'checkins', 'concerns', 'followups', 'goals', 'goal_milestones', 'goal_logs']) {
      const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) as string;
      expect(sql).toMatch(/id\s+INTEGER PRIMARY KEY AUTOINCREMENT/);
    }
    expect(db.prepare('SELECT id FROM sales ORDER BY id').pluck().all()).toEqual([3, 7]);
    expect(db.prepare('SELECT name, seq FROM sqlite_sequence WHERE name IN (\'sales\', \'followups\', \'goal_logs\') ORDER BY name').all()).toEqual([
      { name: 'followups', seq: 6 }, { name: 'goal_logs', seq: 9 }, { name: 'sales', seq: 7 },
    ]);
    expect(db.prepare('SELECT id, reason, checkin_id, note FROM followups ORDER BY id').all()).toEqual([
      { id: 1, reason: null, checkin_id: 2, note: null },
      { id: 2, reason: null, checkin_id: null, note: null },
      // a check-in that does not exist is not linked; a manual reason stays
      { id: 6, reason: 'bring the brochure', checkin_id: null, note: 'completed by check-in #99' },
    ]);
    expect(db.prepare("SELECT value FROM spm_meta WHERE key = 'database-id'").pluck().get()).toMatch(/^[0-9a-f]{16}$/);
    // The derived tables' triggers survived the rebuild: a new sale moves last contact and the day totals.
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    db.close();
    expect((await runSpm(['sale', 'add', 'acme', '100', '--date', '2026-03-01'], { db: temp.dbPath })).code).toBe(0);
    const after = openRaw(temp.dbPath);
    expect(after.prepare('SELECT max(id) FROM sales').pluck().get()).toBe(8);
    expect(after.prepare('SELECT last_date FROM customer_last_contact WHERE customer_id = 1').pluck().get()).toBe('2026-03-01');
    expect(after.prepare("SELECT won_cents FROM sales_daily WHERE date = '2026-03-01'").pluck().get()).toBe(10000);
    const cadence = cadenceTables(after);
    expect(cadence.stored).toEqual(cadence.expected);
    after.close();
  });
});

describe('ids are never reused', () => {
  test('after deleting the newest sale, the next sale gets a new id (real binary, migrated database)', () => {
    makeOldDatabase(temp.dbPath, 'previous');
    const env = { SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15' };
    expect(spawnSpm(['sale', 'rm', '7', '--yes'], env).code).toBe(0);
    const added = spawnSpm(['sale', 'add', 'bolt', '50', '--json'], env);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout).id).toBe(8);
    // and an undone sale's id is not handed out again either
    expect(spawnSpm(['undo'], env).code).toBe(0);
    expect(JSON.parse(spawnSpm(['sale', 'add', 'bolt', '60', '--json'], env).stdout).id).toBe(9);
  });
});

describe('the history tracks every table that holds records', () => {
  test('each table is tracked with triggers covering all its columns, or is listed as not tracked', async () => {
    expect((await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath })).code).toBe(0);
    const db = openRaw(temp.dbPath);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const tracked = trackedTables(db);
    expect(tables.filter((t) => !tracked.includes(t) && !UNTRACKED_TABLES.includes(t))).toEqual([]);
    // The triggers a connection that records a change has: the schema's and its own TEMP ones.
    makeHistoryTriggers(db, false, (table) => tableShape(db, table));
    for (const table of tracked) {
      const { columns } = tableShape(db, table);
      for (const suffix of ['ins', 'upd', 'del']) {
        const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = :name UNION ALL SELECT sql FROM temp.sqlite_master WHERE name = :name').pluck().all({ name: `history_${table}_${suffix}` }) as string[];
        expect(sql).toHaveLength(1);
        for (const column of columns) expect(sql[0]).toContain(`'${column}'`);
      }
    }
    db.close();
  });
});
