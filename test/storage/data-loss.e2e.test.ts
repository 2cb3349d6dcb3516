// The two ways spm could lose a rep's data, tried through the real binary: an output file that
// is the database itself, and an output cut short by a full disk.
import { beforeEach, describe, expect, test } from '@jest/globals';
import { existsSync, linkSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnSpm } from '../helpers/spawn-spm.js';
import { useTempDb } from '../helpers/run-spm.js';
import { expectOneErrorLine, filesIn, fingerprint, makeV1Database, salesCsv, spawnSpmLimited } from '../helpers/storage.js';

const temp = useTempDb();
const NOW = '2026-03-15';
let env: Record<string, string>;

beforeEach(() => {
  env = { SPM_DB: temp.dbPath, SPM_NOW: NOW };
  expect(spawnSpm(['demo', '--db', temp.dbPath], env).code).toBe(0);
});

/** Keeps the database open with a pending WAL, as while another spm is running. */
function withOpenWal<T>(work: () => T): T {
  const holder = new Database(temp.dbPath);
  holder.pragma('wal_autocheckpoint = 0');
  holder.prepare("INSERT INTO settings (key, value) VALUES ('wal-probe', 'x')").run();
  try {
    return work();
  } finally {
    holder.close();
  }
}

describe('an output that is the database is refused (exit 2), database untouched', () => {
  const targets: [string, () => string][] = [
    ['the database', () => temp.dbPath],
    ['its -wal', () => `${temp.dbPath}-wal`],
    ['its -shm', () => `${temp.dbPath}-shm`],
    ['a symlink to it', () => { const p = join(temp.dir, 'link.db'); symlinkSync(temp.dbPath, p); return p; }],
    ['a hard link to it', () => { const p = join(temp.dir, 'hard.db'); linkSync(temp.dbPath, p); return p; }],
  ];
  const commands: [string, (target: string) => string[]][] = [
    ['backup', (t) => ['backup', t, '--force']],
    ['export json', (t) => ['export', 'json', '-o', t, '--force']],
    ['export csv', (t) => ['export', 'csv', '--entity', 'sales', '-o', t, '--force']],
    ['export ics', (t) => ['export', 'ics', '-o', t, '--force']],
  ];
  test.each(commands.flatMap(([name, args]) => targets.map(([what, target]) => [name, what, args, target] as const)))('%s onto %s', (_, __, args, target) => {
    const before = withOpenWal(() => {
      const path = target();
      const print = fingerprint(temp.dbPath);
      const walBefore = existsSync(`${temp.dbPath}-wal`) ? readFileSync(`${temp.dbPath}-wal`) : undefined;
      const result = spawnSpm(args(path), env);
      expect(result.code).toBe(2);
      expect(expectOneErrorLine(result.stderr)).toMatch(/refusing to write to .*: it is the live database/);
      expect(result.stderr).not.toMatch(/✓/);
      if (walBefore) expect(readFileSync(`${temp.dbPath}-wal`).equals(walBefore)).toBe(true);
      return print;
    });
    expect(fingerprint(temp.dbPath)).toBe(before);
    expect(new Database(temp.dbPath, { readonly: true }).pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('a full disk (ulimit -f): exit 1, one clear line, no partial file, database unchanged', () => {
  // 80 blocks = 40 KiB: enough for the -shm (32 KiB), not for the demo's exports or a copy.
  const LIMIT = 80;
  beforeEach(() => {
    const csv = join(temp.dir, 'more.csv');
    writeFileSync(csv, salesCsv(1000));
    expect(spawnSpm(['import', 'sales', csv], env).code).toBe(0);
    rmSync(csv);
  });
  test.each([
    ['export json -o', ['export', 'json', '-o', 'OUT']],
    ['export csv -o', ['export', 'csv', '--entity', 'sales', '-o', 'OUT']],
    ['backup', ['backup', 'OUT']],
  ])('%s', (_, args) => {
    const out = join(temp.dir, 'out.file');
    const before = fingerprint(temp.dbPath);
    const files = filesIn(temp.dir);
    const result = spawnSpmLimited(LIMIT, args.map((a) => (a === 'OUT' ? out : a)), env);
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toBe(`spm: cannot write ${out}: the disk is full or the file is too large`);
    expect(result.stderr).not.toMatch(/✓/);
    expect(filesIn(temp.dir)).toEqual(files);
    expect(fingerprint(temp.dbPath)).toBe(before);
  });

  test.each([
    ['import sales', () => { const f = join(temp.dir, 'big.csv'); writeFileSync(f, salesCsv(3000)); return ['import', 'sales', f]; }],
    ['sale add', () => ['sale', 'add', '1', '100', '--note', 'x'.repeat(2000)]],
    ['customer add', () => ['customer', 'add', 'Zed Corp', '--note', 'y'.repeat(2000)]],
  ])('%s: exit 1, one line, database unchanged', (_, args) => {
    const argv = args();
    const before = fingerprint(temp.dbPath);
    const result = spawnSpmLimited(LIMIT, argv, env);
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toBe('spm: cannot write the database: the disk is full or the file is too large; nothing was written');
    expect(fingerprint(temp.dbPath)).toBe(before);
  });

  test('export json > file: exit 1 and a message, not a silent exit 0', () => {
    const out = join(temp.dir, 'stdout.json');
    const result = spawnSpmLimited(LIMIT, ['export', 'json'], env, out);
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toBe('spm: cannot write to standard output: the disk is full or the file is too large');
  });

  test('an --force export over an existing file keeps the old file whole when the new one does not fit', () => {
    const out = join(temp.dir, 'keep.json');
    expect(spawnSpm(['export', 'json', '-o', out], env).code).toBe(0);
    const old = readFileSync(out);
    const result = spawnSpmLimited(LIMIT, ['export', 'json', '-o', out, '--force'], env);
    expect(result.code).toBe(1);
    expect(readFileSync(out).equals(old)).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});

describe('the backup before a migration', () => {
  test('is 0600, complete and checked; on a full disk there is no .bak and no migration (exit 1)', () => {
    rmSync(temp.dbPath);
    makeV1Database(temp.dbPath, 2000);
    const before = fingerprint(temp.dbPath);
    const full = spawnSpmLimited(200, ['sale', 'list'], env);
    expect(full.code).toBe(1);
    expect(expectOneErrorLine(full.stderr)).toMatch(/^spm: cannot write .*spm\.db\.before-v\d+-.*\.bak: the disk is full or the file is too large$/);
    expect(filesIn(temp.dir)).toEqual(['spm.db']);
    expect(fingerprint(temp.dbPath)).toBe(before);

    expect(spawnSpm(['sale', 'list'], env).code).toBe(0);
    const backups = filesIn(temp.dir).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(filesIn(temp.dir)).toEqual(['spm.db', backups[0]]);
    expect(statSync(join(temp.dir, backups[0])).mode & 0o777).toBe(0o600);
    const copy = new Database(join(temp.dir, backups[0]), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(2000);
    copy.close();
  });
});

describe('spm demo into a new file', () => {
  test('on a full disk: exit 1, one line, no database file left', () => {
    const target = join(temp.dir, 'new-demo.db');
    const files = filesIn(temp.dir);
    const result = spawnSpmLimited(80, ['demo', '--db', target], env);
    expect(result.code).toBe(1);
    expect(expectOneErrorLine(result.stderr)).toBe(`spm: cannot write ${target}: the disk is full or the file is too large`);
    expect(filesIn(temp.dir)).toEqual(files);
  });
});
