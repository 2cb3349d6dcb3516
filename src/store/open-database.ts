// Finds, creates, checks and migrates the SQLite file, keeping the storage promises of docs/contract.md:
// 0600 file in a 0700 folder, WAL, busy_timeout, foreign keys, synchronous=FULL, migrations by
// user_version with a backup first, and refusal (untouched) of anything that is not ours.
import BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import {
  accessSync, chmodSync, closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, readSync, statSync, unlinkSync,
  type Stats,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError, StoreError } from '../domain/errors.js';
import { APPLICATION_ID, MIGRATIONS, applyMigration, type Migration } from './migrations.js';
import { NoDatabaseError, type OpenMode } from './db-path.js';
import { databaseFiles, withAtomicFile, writeFailure } from './atomic-file.js';

export { describeSqliteError, NoDatabaseError, resolveDbPath, type DbPathSources, type OpenMode } from './db-path.js';

export type Db = BetterSqlite3.Database;

// better-sqlite3's native addon costs tens of milliseconds to load; this module is imported
// only when a command opens the database (cli/context.ts), so --help, --version and prompts
// never pay for it. Its JavaScript is bundled; the addon is found from node_modules.
declare const SPM_VERSION: string | undefined;

/**
 * The addon's path, given to better-sqlite3 directly when running from source (the tests):
 * otherwise its `bindings` helper probes a dozen candidate paths on every open (measured
 * ~4 ms). The bundle (SPM_VERSION defined) needs none: the build's stub for `bindings` loads the
 * Release build itself. Undefined when the usual Release build is not there (a debug build,
 * another layout): better-sqlite3 then searches itself.
 */
let bindingPath: string | undefined | null = typeof SPM_VERSION === 'string' ? undefined : null;
function nativeBindingPath(): string | undefined {
  if (bindingPath !== null) return bindingPath;
  try {
    const candidate = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    bindingPath = existsSync(candidate) ? candidate : undefined;
  } catch {
    bindingPath = undefined;
  }
  return bindingPath;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * How long a connection waits for another's lock. Given to better-sqlite3 when it opens (it sets
 * SQLite's busy timeout then), not as a PRAGMA afterwards: one statement fewer on every run.
 */
const BUSY_TIMEOUT_MS = 5000;

/** Reads the 100-byte SQLite header without letting SQLite touch the file. */
function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(100);
    const bytes = readSync(fd, header, 0, 100, 0);
    return header.subarray(0, bytes);
  } finally {
    closeSync(fd);
  }
}

function refuseForeign(path: string, why: string): never {
  throw new InputError(`${path} is not an spm database (${why})`, 'Point --db or SPM_DB at an spm database, or at a new file name to start one.');
}

type PathState = 'missing' | 'empty' | 'database';

const FILE_KINDS: [(s: Stats) => boolean, string][] = [
  [(s) => s.isCharacterDevice(), 'a character device'], [(s) => s.isBlockDevice(), 'a block device'],
  [(s) => s.isFIFO(), 'a named pipe (FIFO)'], [(s) => s.isSocket(), 'a socket'],
];

/** A failure of the file system around the database, as one line: exit 2 if no retry can help, else 1. */
function pathFailure(path: string, error: unknown, doing: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR') return new InputError(`cannot ${doing} ${path}: a part of the path is not a folder`);
  if (code === 'EACCES' || code === 'EPERM') return new StoreError(`cannot ${doing} ${path}: permission denied`, 'Check the permissions of the file and its folder.');
  if (code === 'EROFS') return new StoreError(`cannot ${doing} ${path}: the file system is read-only`);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return new StoreError(`cannot ${doing} ${path}: the disk is full or the file is too large`);
  return new StoreError(`cannot ${doing} ${path}: ${(error as Error).message}`);
}

/**
 * What is at `path`, checked before SQLite sees it (SQLite would create files beside a path it
 * cannot use, or block on a FIFO): a symlink to nothing, a device, a FIFO or a folder is
 * refused (exit 2); a file spm may not read is a permission problem (exit 1).
 */
function inspectPath(path: string): PathState {
  let link: Stats;
  try {
    link = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw pathFailure(path, error, 'open');
  }
  let stat = link;
  if (link.isSymbolicLink()) {
    try {
      stat = statSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new InputError(`${path} is a symbolic link to ${readlinkSync(path)}, which does not exist`, 'Point --db at the database file itself, or fix the link.');
      }
      throw pathFailure(path, error, 'open');
    }
  }
  if (stat.isDirectory()) throw new InputError(`${path} is a directory, not a database file`, 'Give a file path, e.g. --db ~/sales.db.');
  const kind = FILE_KINDS.find(([is]) => is(stat));
  if (kind) throw new InputError(`${path} is ${kind[1]}, not a database file`, 'Give a file path, e.g. --db ~/sales.db.');
  try {
    accessSync(path, constants.R_OK);
  } catch (error) {
    throw pathFailure(path, error, 'read');
  }
  return stat.size === 0 ? 'empty' : 'database';
}

function refuseNewer(path: string, version: number, schemaVersion: number): void {
  if (version > schemaVersion) {
    throw new StoreError(`${path} was written by a newer spm (schema ${version}; this spm knows up to ${schemaVersion})`, 'Upgrade spm to open it; the file was not changed.');
  }
}

/** Writes need the file and its folder (for -wal, -shm, -journal) writable. */
function refuseReadOnly(path: string, why = ''): void {
  for (const target of [path, dirname(resolve(path))]) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new StoreError(`${path} is read-only${why}`, target === path ? 'Reading works; to change it, make the file writable (chmod u+w).' : `Reading works; to change it, make its folder ${target} writable.`);
    }
  }
}

/**
 * A read-only connection and the schema version it reads: reads need no write access and never
 * change the file, not even the journal mode. In a folder spm may not write, SQLite cannot make
 * the -shm a WAL database needs: with no -wal pending the file alone is the whole database, read
 * as a snapshot in memory.
 */
function openReadOnly(path: string): { reader: Db; version: number } {
  let db: Db | undefined;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS, nativeBinding: nativeBindingPath() });
    return { reader: db, version: db.pragma('user_version', { simple: true }) as number };
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    if (!(code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))) throw error;
    if (existsSync(`${path}-wal`)) {
      throw new StoreError(`cannot read ${path}: its folder is read-only and ${path}-wal holds changes not yet in the file`, 'Make the folder writable once (any spm command then folds the changes in), or copy both files elsewhere.');
    }
    const image = readFileSync(path);
    // Bytes 18-19 say WAL; an in-memory image is read as a rollback-journal database.
    image[18] = 1;
    image[19] = 1;
    const reader = new BetterSqlite3(image, { readonly: true, timeout: BUSY_TIMEOUT_MS, nativeBinding: nativeBindingPath() });
    return { reader, version: reader.pragma('user_version', { simple: true }) as number };
  }
}

/** What a run about to upgrade a database that holds data may tell a person: it can take a while. */
export interface MigrationNotice {
  fromVersion: number;
  toVersion: number;
  /** Where the copy of the file as it was is being written. */
  backupPath: string;
}

/**
 * Opens the database at `path`. `read` never creates or changes anything: a missing file throws
 * NoDatabaseError, and the connection is read-only. `write` creates the folder (0700) and the
 * file (0600) before SQLite opens it. A database of a newer schema is refused without being
 * written to, even with a -wal pending (its version is read from the header, then by a
 * read-only connection, which never checkpoints).
 */
export function openDatabase(path: string, mode: OpenMode, nowIso: () => string, migrations: readonly Migration[] = MIGRATIONS, onMigrate?: (notice: MigrationNotice) => void): Db {
  const schemaVersion = migrations[migrations.length - 1].version;
  const state = inspectPath(path);
  if (state !== 'database') {
    if (mode === 'read') throw new NoDatabaseError(path);
    if (state === 'empty') refuseReadOnly(path);
    return openWritable(path, state === 'missing' ? createDatabaseFile(path) : 'empty', schemaVersion, nowIso, migrations, onMigrate);
  }
  const header = readHeader(path);
  if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) refuseForeign(path, 'not a SQLite file');
  if (header.readUInt32BE(68) !== APPLICATION_ID) refuseForeign(path, 'a SQLite file of another program');
  refuseNewer(path, header.readUInt32BE(60), schemaVersion);
  // With a -wal pending the header may be older than the database: ask a read-only connection.
  if (mode === 'read' || existsSync(`${path}-wal`)) {
    const { reader, version } = openReadOnly(path);
    if (mode === 'read' && version === schemaVersion) return reader;
    reader.close();
    refuseNewer(path, version, schemaVersion);
  }
  refuseReadOnly(path, mode === 'read' ? ` and needs upgrading to schema ${schemaVersion} before this spm can read it` : '');
  return openWritable(path, 'existing', schemaVersion, nowIso, migrations, onMigrate);
}

/** Creates the folder (0700) and an empty file (0600) for a new database; nothing on failure. */
function createDatabaseFile(path: string): 'created' {
  const folder = dirname(resolve(path));
  try {
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw pathFailure(path, error, 'create the folder of');
  }
  try {
    accessSync(folder, constants.W_OK);
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    throw pathFailure(path, error, 'create');
  }
  return 'created';
}

function openWritable(path: string, state: 'created' | 'empty' | 'existing', schemaVersion: number, nowIso: () => string, migrations: readonly Migration[], onMigrate?: (notice: MigrationNotice) => void): Db {
  const isNew = state !== 'existing';
  let db: Db;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS, nativeBinding: nativeBindingPath() });
  } catch (error) {
    if (state === 'created') removeDatabaseFiles(path);
    throw new StoreError(`cannot open ${path}: ${(error as Error).message}`);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    refuseNewer(path, version, schemaVersion);
    if (isNew) {
      // Set the application id before WAL so the main file's header carries it at once.
      db.pragma(`application_id = ${APPLICATION_ID}`);
      chmodSync(path, 0o600);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (version < schemaVersion) migrate(db, path, version, nowIso, migrations, onMigrate);
    return db;
  } catch (error) {
    db.close();
    if (state === 'created') removeDatabaseFiles(path);
    throw error;
  }
}

/** A database file this run created and could not finish: gone, with its side files. */
function removeDatabaseFiles(path: string): void {
  for (const file of databaseFiles(path)) {
    try { unlinkSync(file); } catch { /* not there */ }
  }
}

function migrate(db: Db, path: string, fromVersion: number, nowIso: () => string, migrations: readonly Migration[], onMigrate?: (notice: MigrationNotice) => void): void {
  if (fromVersion > 0) {
    // A database that holds data is copied first; VACUUM INTO writes a consistent snapshot.
    const target = migrations[migrations.length - 1].version;
    // It is made under a temporary name (0600 from the first byte), checked, then renamed: a
    // kill or a full disk during VACUUM INTO leaves no good-looking .bak that holds nothing.
    // A run killed after its backup and before its migration leaves a .bak of that name: the
    // next run (the same instant under a pinned clock) keeps it and writes beside it.
    const stem = `${path}.before-v${target}-${nowIso().replace(/[:.]/g, '-')}`;
    let backupPath = `${stem}.bak`;
    for (let n = 2; existsSync(backupPath); n++) backupPath = `${stem}-${n}.bak`;
    // Ten years of history take tens of seconds to copy and upgrade: say so before, not after.
    onMigrate?.({ fromVersion, toVersion: target, backupPath });
    withAtomicFile(backupPath, {}, (file) => {
      file.flush();
      const copyPath = file.tempPath as string;
      try {
        db.prepare('VACUUM INTO ?').run(copyPath);
      } catch (error) {
        throw writeFailure(backupPath, error);
      }
      const copy = new BetterSqlite3(copyPath, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingPath() });
      try {
        const integrity = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
        if (integrity !== 'ok') throw new StoreError(`the backup before migrating, ${backupPath}, failed its integrity check: ${integrity}`, 'Nothing was migrated; check the disk and try again.');
      } finally {
        copy.close();
      }
    });
  }
  for (const migration of migrations) {
    if (migration.version <= fromVersion) continue;
    // foreign_keys cannot change inside a transaction; the migration checks them itself.
    if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        applyMigration(db, migration);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.foreignKeysOff) db.pragma('foreign_keys = ON');
    }
  }
}

