// Where the database is, what "no database yet" and SQLite's failures say: the light part of
// the store, loaded at startup without the SQLite addon, the schema or the repositories.
import { join } from 'node:path';
import { InputError, StoreError } from '../domain/errors.js';

export type OpenMode = 'read' | 'write';

export interface DbPathSources {
  /** `--db`, exactly as given (undefined when absent). */
  flag?: string;
  env: Record<string, string | undefined>;
}

/** `--db`, else `SPM_DB`, else `$XDG_DATA_HOME/spm/spm.db`, else `~/.local/share/spm/spm.db`. */
export function resolveDbPath({ flag, env }: DbPathSources): string {
  const chosen = flag ?? (env.SPM_DB ? env.SPM_DB : undefined);
  if (chosen !== undefined) {
    if (chosen.trim() === '') throw new InputError('--db is empty', 'Give a file path, e.g. --db ~/sales.db.');
    if (chosen === ':memory:' || chosen.startsWith('file:')) {
      throw new InputError(`${chosen} is not a file path`, 'spm keeps your data in a file; give a path such as ~/sales.db.');
    }
    return chosen;
  }
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || env.USERPROFILE || '.', '.local', 'share');
  return join(dataHome, 'spm', 'spm.db');
}

/** Thrown by read commands when there is no database yet; carries the way to start. */
export class NoDatabaseError extends StoreError {
  constructor(path: string) {
    super(`no spm database at ${path} yet`, 'Start with: spm customer add "Acme Corp"   (or try: spm demo)');
  }
}

/** Turns SQLite's busy/full/IO errors into StoreError (exit 1) with a readable message. */
export function describeSqliteError(error: unknown): StoreError | undefined {
  const code = (error as { code?: string }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('the database is locked by another program (waited 5 s)', 'Try again in a moment; close other spm or sqlite3 sessions on this file.');
  }
  // SUM() over integers that leave 64 bits fails rather than turning REAL: say what it means.
  if (/integer overflow/.test((error as Error).message)) {
    return new StoreError('a total is too large to add up exactly (beyond 92 quadrillion cents)', 'One record holds at most 1,000,000,000.00; check the data for amounts that are not real.');
  }
  // A file over the size limit (ulimit -f, a quota) comes back from SQLite as an I/O error.
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return new StoreError('cannot write the database: the disk is full or the file is too large; nothing was written', 'Free some space (or raise the limit), then run the command again.');
  }
  if (code.startsWith('SQLITE_READONLY')) return new StoreError('the database file is read-only', 'Check the file permissions.');
  return new StoreError(`database error: ${(error as Error).message}`);
}
