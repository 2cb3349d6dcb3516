// --db paths that can never be a database, or that spm may not use, and read-only databases:
// one line, the right exit code, nothing created; reads work where writes cannot.
import { beforeEach, describe, expect, test } from '@jest/globals';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnSpm } from '../helpers/spawn-spm.js';
import { useTempDb } from '../helpers/run-spm.js';
import { expectOneErrorLine, filesIn, fingerprint, giveToUser, spawnSpmAsUser } from '../helpers/storage.js';

const temp = useTempDb();
const NOW = { SPM_NOW: '2026-03-15' };

beforeEach(() => {
  chmodSync(temp.dir, 0o755);
  giveToUser(temp.dir);
});

describe('--db paths that can never be a database: exit 2, one line, nothing created', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a dangling symlink', () => { const p = join(temp.dir, 'link.db'); symlinkSync(join(temp.dir, 'gone', 'x.db'), p); return p; }, /is a symbolic link to .*gone\/x\.db, which does not exist/],
    ['a character device', () => '/dev/null', /\/dev\/null is a character device, not a database file/],
    ['a FIFO', () => { const p = join(temp.dir, 'fifo.db'); execFileSync('mkfifo', [p]); return p; }, /is a named pipe \(FIFO\), not a database file/],
    ['a folder', () => temp.dir, /is a directory, not a database file/],
    ['a path through a file', () => { const f = join(temp.dir, 'file'); writeFileSync(f, 'x'); return join(f, 'x.db'); }, /a part of the path is not a folder/],
  ];
  test.each(cases.flatMap(([what, path, message]) => [['customer list', ['customer', 'list']], ['customer add', ['customer', 'add', 'Acme']]].map(([name, args]) => [what, name, path, args, message] as const)))('%s, %s', (_, __, path, args, message) => {
    const db = path();
    const before = filesIn(temp.dir);
    const result = spawnSpm(['--db', db, ...(args as string[])], NOW);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(message);
    expect(filesIn(temp.dir)).toEqual(before);
  });
});

describe('--db paths spm may not use: exit 1, one line, nothing created', () => {
  test('a folder it cannot write', () => {
    const locked = join(temp.dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    const result = spawnSpmAsUser(['--db', join(locked, 'x.db'), 'customer', 'add', 'Acme'], NOW);
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toMatch(/cannot create .*locked\/x\.db: permission denied/);
    expect(filesIn(locked)).toEqual([]);
  });

  test('a missing parent it cannot create', () => {
    const locked = join(temp.dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    const result = spawnSpmAsUser(['--db', join(locked, 'new', 'x.db'), 'customer', 'add', 'Acme'], NOW);
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toMatch(/cannot create the folder of .*new\/x\.db: permission denied/);
    expect(filesIn(locked)).toEqual([]);
  });

  test('a symlink to a file it may not read', () => {
    const secret = join(temp.dir, 'secret.db');
    expect(spawnSpm(['--db', secret, 'customer', 'add', 'Acme'], NOW).code).toBe(0);
    chmodSync(secret, 0o600); // owned by the test runner, not readable by the other user
    const link = join(temp.dir, 'link.db');
    symlinkSync(secret, link);
    const result = spawnSpmAsUser(['--db', link, 'customer', 'list'], NOW);
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toMatch(/cannot read .*link\.db: permission denied/);
  });
});

describe('a file given to import as CSV that is not one', () => {
  test.each([
    ['a SQLite database', (p: string) => { spawnSpm(['--db', p, 'customer', 'add', 'Acme'], NOW); }, /^spm: not a CSV file: .*in\.csv \(it holds a SQLite database\)$/],
    ['binary data', (p: string) => { writeFileSync(p, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0, 0xff, 0xfe, 0, 1, 2])); }, /^spm: not a CSV file: .*in\.csv \(it holds binary data\)$/],
    ['UTF-16 text', (p: string) => { writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date,customer,amount\n', 'utf16le')])); }, /UTF-16/],
  ])('%s: exit 2, one short line', (_, make, message) => {
    const file = join(temp.dir, 'in.csv');
    make(file);
    const db = join(temp.dir, 'spm.db');
    const result = spawnSpm(['--db', db, 'import', 'sales', file], NOW);
    expect(result.code).toBe(2);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toMatch(message);
    expect(line.length).toBeLessThan(200);
    expect(existsSync(db)).toBe(false);
  });
});

describe('read-only databases: every read command works, writes say read-only', () => {
  const READS = [
    ['customer', 'list'], ['sale', 'list'], ['followups'], ['report', '--period', 'month'], ['goal', 'list'], ['config', 'list'],
    ['checkin', 'list'], ['concern', 'list'], ['customer', 'show', '1'], ['export', 'json'], [], ['export', 'csv', '--entity', 'sales'], ['export', 'ics'],
  ];
  const setUp = (folderMode: number, fileMode: number) => {
    const folder = join(temp.dir, 'data');
    mkdirSync(folder);
    const db = join(folder, 'spm.db');
    expect(spawnSpm(['demo', '--db', db], NOW).code).toBe(0);
    giveToUser(folder, db);
    chmodSync(db, fileMode);
    chmodSync(folder, folderMode);
    return { db, folder };
  };

  test.each([['a 0400 file', 0o755, 0o400], ['a 0500 folder', 0o500, 0o600]])('%s', (_, folderMode, fileMode) => {
    const { db, folder } = setUp(folderMode, fileMode);
    const before = readFileSync(db);
    const files = filesIn(folder);
    for (const args of READS) {
      const result = spawnSpmAsUser(['--db', db, ...args], NOW);
      if (result.code !== 0) throw new Error(`${args.join(' ')}: exit ${result.code}\n${result.stderr}`);
    }
    const write = spawnSpmAsUser(['--db', db, 'customer', 'add', 'Zed'], NOW);
    expect(write.code).toBe(1);
    expect(expectOneErrorLine(write.stderr)).toMatch(/spm\.db is read-only/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(filesIn(folder)).toEqual(files);
    chmodSync(folder, 0o755);
  });
});

describe('a database of a newer schema is refused untouched', () => {
  test('with a pending WAL: neither the file nor the -wal changes, and the -wal stays', () => {
    const live = join(temp.dir, 'live.db');
    expect(spawnSpm(['--db', live, 'customer', 'add', 'Acme'], NOW).code).toBe(0);
    // Another process wrote schema 99 into the WAL and died before a checkpoint: copy that state.
    const holder = new Database(live);
    holder.pragma('wal_autocheckpoint = 0');
    holder.pragma('user_version = 99');
    holder.prepare("INSERT INTO settings (key, value) VALUES ('from-the-future', 'x')").run();
    const db = join(temp.dir, 'crashed.db');
    copyFileSync(live, db);
    copyFileSync(`${live}-wal`, `${db}-wal`);
    holder.close();
    const main = readFileSync(db);
    const wal = readFileSync(`${db}-wal`);
    for (const args of [['customer', 'list'], ['customer', 'add', 'Zed']]) {
      const result = spawnSpm(['--db', db, ...args], NOW);
      expect(result.code).toBe(1);
      expect(expectOneErrorLine(result.stderr)).toMatch(/was written by a newer spm \(schema 99/);
      expect(readFileSync(db).equals(main)).toBe(true);
      expect(readFileSync(`${db}-wal`).equals(wal)).toBe(true);
    }
    expect(fingerprint(db)).toContain('from-the-future');
  });
});
