// spm backup [FILE]: a consistent copy of the database (default: timestamped, beside it), 0600,
// checked with PRAGMA integrity_check; an existing file is only replaced with --force.
import { basename, dirname, extname, join } from 'node:path';
import type { AppContext } from '../../cli/context.js';
import { InputError, StoreError } from '../../domain/errors.js';
import { withAtomicFileAsync, writeFailure } from '../../store/atomic-file.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';
import { userFileOptions } from '../export/output.js';

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
  // The copy is made under a temporary name beside the target, checked, then renamed: a
  // backup that fails (disk full, killed) leaves no file that looks like a good backup.
  const integrity = await withAtomicFileAsync(target, userFileOptions(ctx, Boolean(options.force)), async (file) => {
    if (file.tempPath === undefined) throw new InputError(`${target} is not a regular file; a backup needs one`);
    file.flush();
    let checked: string;
    try {
      ({ integrity: checked } = await store.backupTo(file.tempPath));
    } catch (error) {
      throw writeFailure(target, error);
    }
    if (checked !== 'ok') throw new StoreError(`the backup ${target} failed its integrity check: ${checked}`, 'Keep the original; run the backup again.');
    return checked;
  });
  const result = { file: target, integrity };
  if (ctx.globals.json) writeJson(ctx.io, result);
  else say(ctx, `${ctx.theme().green('✓')} Backed up to ${target} (integrity ok)`);
  return result;
}
