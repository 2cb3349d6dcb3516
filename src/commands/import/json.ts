// spm import json <file>: restores a full `spm export json` into an empty database, exactly:
// same ids, dates, amounts, statuses, stamps and settings. Every field is checked first by the
// rules the commands use (restore-check.ts); a new database file is built under a temporary
// name and renamed into place only once the restore is complete, so a refused or failed
// restore leaves no file behind.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AppContext } from '../../cli/context.js';
import { InputError, SpmError, StoreError } from '../../domain/errors.js';
import { EXPORT_TABLES } from '../../store/export-repository.js';
import { withAtomicFile, writeFailure } from '../../store/atomic-file.js';
import { Store } from '../../store/store.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export/json.js';
import { checkExportDocument } from './restore-check.js';

export async function runImportJson(file: string, ctx: AppContext): Promise<Record<string, number>> {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new InputError(`${file} is a folder, not a JSON file`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof SpmError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`no file ${file}`);
    throw new StoreError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`${file} is not JSON: ${(error as Error).message.slice(0, 120)}`);
  }
  if (document === null || typeof document !== 'object' || document.format !== EXPORT_FORMAT) {
    throw new InputError(`${file} is not an spm export (no "format": "${EXPORT_FORMAT}")`, 'Make one with: spm export json -o spm-export.json');
  }
  if (typeof document.version !== 'number' || document.version > EXPORT_VERSION) {
    throw new InputError(`${file} is export version ${String(document.version)}; this spm reads up to ${EXPORT_VERSION}`, 'Upgrade spm to restore it.');
  }
  // Before any database is opened or created: the whole document, field by field.
  const settings = checkExportDocument(document, EXPORT_TABLES.map((t) => t.key));

  const path = ctx.dbPath();
  const nowIso = ctx.clock.now().toISOString();
  const restoreInto = (at: string): Record<string, number> => {
    const store = Store.open(at, 'write', () => nowIso);
    try {
      return store.write(() => {
        if (store.restore.holdsData()) {
          throw new InputError(`${path} already holds data; import json restores into an empty database only`, 'Restore into a new file: spm --db restored.db import json FILE');
        }
        const counts: Record<string, number> = {};
        for (const spec of EXPORT_TABLES) counts[spec.key] = store.restore.restore(spec, document[spec.key]);
        store.restore.restoreSettings(settings);
        return counts;
        // A restore starts a fresh history and is not itself undoable: the file is the backup.
      }, 'reset');
    } finally {
      store.close();
    }
  };
  let counts: Record<string, number>;
  if (existsSync(path)) {
    counts = restoreInto(path); // an existing empty database: one transaction, all or nothing
  } else {
    mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
    counts = withAtomicFile(path, {}, (tempFile) => {
      tempFile.flush();
      try {
        return restoreInto(tempFile.tempPath as string);
      } catch (error) {
        throw error instanceof SpmError ? error : writeFailure(path, error);
      }
    });
  }
  if (ctx.globals.json) writeJson(ctx.io, counts);
  else say(ctx, `${ctx.theme().green('✓')} Restored ${counts.customers} customers, ${counts.sales} sales, ${counts.checkins} check-ins, ${counts.followups} follow-ups, ${counts.concerns} concerns, ${counts.goals} goals from ${file}`);
  return counts;
}
