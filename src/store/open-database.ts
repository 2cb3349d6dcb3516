// Finds, creates, checks and migrates the SQLite file, keeping SPEC's storage promises:
// 0600 file in a 0700 folder, WAL, busy_timeout, foreign keys, synchronous=FULL, migrations by
// user_version with a backup first, and refusal (untouched) of anything that is not ours.
import BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError, StoreError } from '../domain/errors.js';
import { APPLICATION_ID, MIGRATIONS, applyMigration, type Migration } from './migrations.js';
import { NoDatabaseError, type OpenMode } from './db-path.js';
import { withAtomicFile, writeFailure } from './atomic-file.js';

export { describeSqliteError, NoDatabaseError, resolveDbPath, type DbPathSources, type OpenMode } from './db-path.js';

export type Db = BetterSqlite3.Database;

// better-sqlite3's native addon costs tens of milliseconds to load; this module is imported
// only when a command opens the database (cli/context.ts), so --help, --version and prompts
// never pay for it. Its JavaScript is bundled; the addon is found from node_modules.
const requireNative = createRequire(import.meta.url);

/**
 * The addon's path, given to better-sqlite3 directly: otherwise its `bindings` helper probes a
 * dozen candidate paths on every start (measured ~4 ms). Undefined when the usual Release
 * build is not there (a debug build, another layout): better-sqlite3 then searches itself.
 */
function nativeBindingPath(): string | undefined {
  try {
    const candidate = join(dirname(requireNative.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}



const SQLITE_MAGIC = 'SQLite format 3\u0000';

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

/**
 * Opens the database at `path`. `read` never creates anything: a missing file throws
 * NoDatabaseError. `write` creates the folder (0700) and the file (0600) before SQLite opens it.
 */
export function openDatabase(path: string, mode: OpenMode, nowIso: () => string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const schemaVersion = migrations[migrations.length - 1].version;
  let isNew = false;
  if (existsSync(path)) {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${path} is a directory, not a database file`, 'Give a file path, e.g. --db ~/sales.db.');
    if (stat.size === 0) {
      if (mode === 'read') throw new NoDatabaseError(path);
      isNew = true;
    } else {
      const header = readHeader(path);
      if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) refuseForeign(path, 'not a SQLite file');
      if (header.readUInt32BE(68) !== APPLICATION_ID) refuseForeign(path, 'a SQLite file of another program');
    }
  } else {
    if (mode === 'read') throw new NoDatabaseError(path);
    const folder = dirname(path);
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'wx', 0o600));
    isNew = true;
  }

  let db: Db;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true, nativeBinding: nativeBindingPath() });
  } catch (error) {
    throw new StoreError(`cannot open ${path}: ${(error as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > schemaVersion) {
      throw new StoreError(`${path} was written by a newer spm (schema ${version}; this spm knows up to ${schemaVersion})`, 'Upgrade spm to open it; the file was not changed.');
    }
    if (isNew) {
      // Set the application id before WAL so the main file's header carries it at once.
      db.pragma(`application_id = ${APPLICATION_ID}`);
      chmodSync(path, 0o600);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (version < schemaVersion) migrate(db, path, version, nowIso, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db, path: string, fromVersion: number, nowIso: () => string, migrations: readonly Migration[]): void {
  if (fromVersion > 0) {
    // A database that holds data is copied first; VACUUM INTO writes a consistent snapshot.
    const target = migrations[migrations.length - 1].version;
    // It is made under a temporary name (0600 from the first byte), checked, then renamed: a
    // kill or a full disk during VACUUM INTO leaves no good-looking .bak that holds nothing.
    const backupPath = `${path}.before-v${target}-${nowIso().replace(/[:.]/g, '-')}.bak`;
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

