// A consistent copy of the open database through SQLite's online backup API (readers and
// writers are not blocked), made a standalone file (rollback journal) and integrity-checked.
import Database from 'better-sqlite3';
import type { Db } from './open-database.js';

/** Copies `db` into `destination` (which must already exist, e.g. created 0600) and checks it. */
export async function backupDatabase(db: Db, destination: string): Promise<{ pages: number; integrity: string }> {
  const progress = await db.backup(destination);
  const copy = new Database(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const integrity = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    return { pages: progress.totalPages, integrity };
  } finally {
    copy.close();
  }
}
