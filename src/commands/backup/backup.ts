// spm backup [FILE]: a consistent copy of the database (default: timestamped, beside it), 0600,
// checked with PRAGMA integrity_check; an existing file is only replaced with --force.
import { closeSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { AppContext } from '../../cli/context.js';
import { StoreError } from '../../domain/errors.js';
import { backupDatabase } from '../../store/backup.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';
import { createOutputFile } from '../export/output.js';

export interface BackupOptions {
  force?: boolean;
}

export interface BackupResult {
  file: string;
  integrity: string;
}

/** `spm.db` → `spm-backup-20260315-120000.db`, beside the database. */
export function defaultBackupPath(dbPath: string, nowIso: string): string {
  const extension = extname(dbPath) || '.db';
  const stamp = nowIso.slice(0, 19).replace(/-/g, '').replace('T', '-').replace(/:/g, '');
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}-backup-${stamp}${extension}`);
}

export async function runBackup(file: string | undefined, options: BackupOptions, ctx: AppContext): Promise<BackupResult> {
  const store = ctx.store('read');
  const target = file ?? defaultBackupPath(store.path, ctx.clock.now().toISOString());
  closeSync(createOutputFile(target, Boolean(options.force)));
  let integrity: string;
  try {
    ({ integrity } = await backupDatabase(store.db, target));
  } catch (error) {
    unlinkSync(target);
    throw new StoreError(`backup to ${target} failed: ${(error as Error).message}`);
  }
  if (integrity !== 'ok') throw new StoreError(`the backup ${target} failed its integrity check: ${integrity}`, 'Keep the original; run the backup again.');
  const result = { file: target, integrity };
  if (ctx.globals.json) writeJson(ctx.io, result);
  else say(ctx, `${ctx.theme().green('✓')} Backed up to ${target} (integrity ok)`);
  return result;
}
