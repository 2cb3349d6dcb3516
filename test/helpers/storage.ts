// Helpers for the storage-safety suites: the real binary under a file-size limit, a database
// fingerprint, and the list of files in a folder.
import { spawnSync } from 'node:child_process';
import { chownSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { APPLICATION_ID, applyMigration, MIGRATIONS } from '../../src/store/migrations.js';
import { BIN, type SpawnResult } from './spawn-spm.js';
import { snapshot } from './run-spm.js';

export { snapshot as fingerprint };

/**
 * Runs spm with `ulimit -f blocks` (dash and bash count 512-byte blocks here). The -shm file
 * alone needs 32 KiB, so a limit of 80 (40 KiB) lets spm open a database and fails a bigger output.
 */
export function spawnSpmLimited(blocks: number, args: string[], env: Record<string, string>, stdoutFile?: string): SpawnResult {
  const redirect = stdoutFile === undefined ? '' : ' > "$SPM_TEST_STDOUT"';
  const result = spawnSync('sh', ['-c', `ulimit -f ${blocks}; exec "$0" "$@"${redirect}`, process.execPath, BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', SPM_TEST_STDOUT: stdoutFile, ...env },
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The version of the migration whose SQL contains `sql`, and the one before it (tests that migrate from both). */
export function migrationAdding(sql: string): { version: number; previous: number } {
  const index = MIGRATIONS.findIndex((m) => m.sql.includes(sql));
  if (index < 1) throw new Error(`no migration after the first adds ${JSON.stringify(sql)}`);
  return { version: MIGRATIONS[index].version, previous: MIGRATIONS[index - 1].version };
}

/** A new spm database at schema `upTo` (every migration up to it), open for a test to fill; the caller closes it. */
export function databaseAt(path: string, upTo: number): Database.Database {
  const db = new Database(path);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS.filter((m) => m.version <= upTo)) applyMigration(db, m);
  db.pragma(`user_version = ${upTo}`);
  return db;
}

/** The names in `dir`, sorted, without SQLite's -wal/-shm (they come and go with connections). */
export function filesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => !/-(wal|shm)$/.test(name)).sort();
}

/** A sales CSV of `rows` won sales over a few customers, for outputs bigger than a file-size limit. */
export function salesCsv(rows: number): string {
  const lines = ['date,customer,amount,technique,note'];
  for (let i = 0; i < rows; i++) {
    lines.push(`2026-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')},Customer ${i % 40},${100 + i}.25,referral,note number ${i} for the size of the export`);
  }
  return `${lines.join('\n')}\n`;
}

/** Exactly one `spm:` line, no stack trace, optionally a `hint:` line. */
export function expectOneErrorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l !== '');
  const spmLines = lines.filter((l) => l.startsWith('spm: '));
  if (spmLines.length !== 1 || /\n\s+at /.test(stderr) || lines.some((l) => !/^(spm|hint): /.test(l))) {
    throw new Error(`expected exactly one spm: line (and an optional hint), got:\n${stderr}`);
  }
  return spmLines[0];
}

/** A schema-v1 database (the oldest spm wrote) with `sales` sales over 20 customers, to migrate. */
export function makeV1Database(path: string, sales: number): void {
  const db = new Database(path);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.exec(MIGRATIONS.find((m) => m.version === 1)!.sql);
  db.pragma('user_version = 1');
  const stamp = '2026-01-01T00:00:00.000Z';
  const customer = db.prepare("INSERT INTO customers (name, name_key, cadence_days, added_date, created_at, updated_at) VALUES (?, lower(?), 30, '2025-06-01', ?, ?)");
  const sale = db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, note, created_at, updated_at) VALUES (?, ?, ?, 'won', ?, ?, ?)");
  db.transaction(() => {
    for (let c = 1; c <= 20; c++) customer.run(`Customer ${c}`, `Customer ${c}`, stamp, stamp);
    for (let i = 0; i < sales; i++) sale.run(`2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, 1 + (i % 20), 1000 + i, `sale ${i} with a note to give the file some size`, stamp, stamp);
  })();
  db.close();
}

/**
 * Permission tests need a user the file modes apply to: root reads and writes anything. As
 * root, spm runs as nobody (65534); as anyone else, as that user. `dir` is opened up so the
 * other user can reach it.
 */
export function spawnSpmAsUser(args: string[], env: Record<string, string>): SpawnResult {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: '/nonexistent', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 20_000,
    ...asNobody,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Hands `paths` to the user spawnSpmAsUser runs as (no-op when not root). */
export function giveToUser(...paths: string[]): void {
  if (process.getuid?.() !== 0) return;
  for (const path of paths) chownSync(path, 65534, 65534);
}
