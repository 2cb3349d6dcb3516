// spm import json <file>: restores a full `spm export json` into an empty database, exactly:
// same ids, dates, amounts, statuses, stamps and settings.
import { readFileSync } from 'node:fs';
import type { AppContext } from '../../cli/context.js';
import { InputError, StoreError } from '../../domain/errors.js';
import { EXPORT_TABLES, ExportRepository } from '../../store/export-repository.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export/json.js';

export async function runImportJson(file: string, ctx: AppContext): Promise<Record<string, number>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`no file ${file}`);
    throw new StoreError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (document === null || typeof document !== 'object' || document.format !== EXPORT_FORMAT) {
    throw new InputError(`${file} is not an spm export (no "format": "${EXPORT_FORMAT}")`, 'Make one with: spm export json -o spm-export.json');
  }
  if (typeof document.version !== 'number' || document.version > EXPORT_VERSION) {
    throw new InputError(`${file} is export version ${String(document.version)}; this spm reads up to ${EXPORT_VERSION}`, 'Upgrade spm to restore it.');
  }
  const store = ctx.store('write');
  const repo = new ExportRepository(store.db);
  const counts: Record<string, number> = {};
  store.write(() => {
    if (repo.holdsData()) {
      throw new InputError(`${store.path} already holds data; import json restores into an empty database only`, 'Restore into a new file: spm --db restored.db import json FILE');
    }
    for (const spec of EXPORT_TABLES) counts[spec.key] = repo.restore(spec, document[spec.key]);
    repo.restoreSettings(document.settings);
  });
  if (ctx.globals.json) writeJson(ctx.io, counts);
  else say(ctx, `${ctx.theme().green('✓')} Restored ${counts.customers} customers, ${counts.sales} sales, ${counts.checkins} check-ins, ${counts.followups} follow-ups, ${counts.concerns} concerns, ${counts.goals} goals from ${file}`);
  return counts;
}
