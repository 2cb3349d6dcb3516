import { describe, expect, test } from '@jest/globals';
import { mkdirSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, resolveDbPath } from '../../src/store/open-database.js';
import { MIGRATIONS, APPLICATION_ID } from '../../src/store/migrations.js';
import { runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const nowIso = () => '2026-03-15T12:00:00.000Z';

describe('resolveDbPath', () => {
  test.each([
    [{ flag: 'a.db', env: { SPM_DB: 'b.db' } }, 'a.db'],
    [{ env: { SPM_DB: 'b.db', XDG_DATA_HOME: '/x' } }, 'b.db'],
    [{ env: { SPM_DB: '', XDG_DATA_HOME: '/x' } }, '/x/spm/spm.db'],
    [{ env: { HOME: '/home/rep' } }, '/home/rep/.local/share/spm/spm.db'],
  ])('%j → %s', (sources, path) => {
    expect(resolveDbPath(sources)).toBe(path);
  });

  test.each([[''], ['  '], [':memory:'], ['file:x.db?mode=memory']])('refuses --db %j', (flag) => {
    expect(() => resolveDbPath({ flag, env: {} })).toThrow(/empty|not a file path/);
  });
});

describe('storage promises', () => {
  test('creates the file 0600 in a new 0700 folder, in WAL mode with the pragmas', async () => {
    const dbPath = join(temp.dir, 'nested', 'spm.db');
    expect((await runSpm(['customer', 'add', 'Acme'], { db: dbPath })).code).toBe(0);
    expect(statSync(dbPath).mode & 0o777).toBe(0o600);
    expect(statSync(join(temp.dir, 'nested')).mode & 0o777).toBe(0o700);
    const reader = openDatabase(dbPath, 'read', nowIso);
    expect(reader.readonly).toBe(true); // reads never write, not even a journal mode
    expect(reader.pragma('busy_timeout', { simple: true })).toBe(5000);
    reader.close();
    const db = openDatabase(dbPath, 'write', nowIso);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    db.close();
  });

  test('a read command on a missing database creates nothing, not even the folder', async () => {
    const dbPath = join(temp.dir, 'nested', 'spm.db');
    const result = await runSpm(['sale', 'list'], { db: dbPath });
    expect(result.code).toBe(1);
    expect(readdirSync(temp.dir)).toEqual([]);
  });

  test('refuses a database from a newer spm, untouched (exit 1)', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const raw = new Database(temp.dbPath);
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(temp.dbPath);
    const result = await runSpm(['customer', 'list'], { db: temp.dbPath });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^spm: .*newer spm \(schema 99/);
    expect(readFileSync(temp.dbPath).equals(before)).toBe(true);
  });

  test.each([
    ['a text file', (path: string) => writeFileSync(path, 'hello, this is not a database\n'.repeat(10)), /not an spm database \(not a SQLite file\)/],
    ['another program\'s SQLite file', (path: string) => { const d = new Database(path); d.exec('CREATE TABLE t (x)'); d.close(); }, /another program/],
  ])('refuses %s with exit 2, untouched', async (_what, make, message) => {
    make(temp.dbPath);
    const before = readFileSync(temp.dbPath);
    for (const args of [['customer', 'list'], ['customer', 'add', 'Acme']]) {
      const result = await runSpm(args, { db: temp.dbPath });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(readFileSync(temp.dbPath).equals(before)).toBe(true);
  });

  test('refuses a directory, "" and :memory: (exit 2)', async () => {
    mkdirSync(join(temp.dir, 'folder'));
    for (const db of [join(temp.dir, 'folder'), '', ':memory:']) {
      const result = await runSpm(['customer', 'add', 'Acme', '--db', db]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^spm: /);
    }
  });

  test('an empty file is accepted as a new database', async () => {
    writeFileSync(temp.dbPath, '');
    expect((await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath })).code).toBe(0);
  });

  test('migrating a database that holds data writes a backup copy first', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    // Versions may have gaps (each branch has its own number), so go by the last version.
    const last = MIGRATIONS[MIGRATIONS.length - 1].version;
    const next = [...MIGRATIONS, { version: last + 1, description: 'test', sql: 'ALTER TABLE customers ADD COLUMN test_column TEXT;' }];
    const db = openDatabase(temp.dbPath, 'write', nowIso, next);
    expect(db.pragma('user_version', { simple: true })).toBe(last + 1);
    db.close();
    const backups = readdirSync(temp.dir).filter((f) => f.includes('.before-v'));
    expect(backups).toHaveLength(1);
    expect(statSync(join(temp.dir, backups[0])).mode & 0o777).toBe(0o600);
    const copy = new Database(join(temp.dir, backups[0]), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(last);
    expect(copy.prepare('SELECT name FROM customers').pluck().all()).toEqual(['Acme']);
    copy.close();
  });

  test('a failed migration leaves the database at its old version', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const before = snapshot(temp.dbPath);
    const broken = [...MIGRATIONS, { version: MIGRATIONS[MIGRATIONS.length - 1].version + 1, description: 'broken', sql: 'CREATE TABLE x (a); SELECT * FROM nowhere;' }];
    expect(() => openDatabase(temp.dbPath, 'write', nowIso, broken)).toThrow(/nowhere/);
    expect(snapshot(temp.dbPath)).toBe(before);
  });
});
