// spm export csv --entity E: one record type as CSV, text cells guarded against formulas.
import type { AppContext } from '../../cli/context.js';
import { InputError } from '../../domain/errors.js';
import { guardCell } from '../../domain/csv-guard.js';
import { CSV_ENTITIES, type CsvEntity } from '../../store/export-repository.js';
import { say } from '../shared.js';
import { withOutput } from './output.js';
import type { ExportOptions } from './json.js';

export interface ExportCsvOptions extends ExportOptions {
  entity?: string;
}

const BATCH = 256;

export async function runExportCsv(options: ExportCsvOptions, ctx: AppContext): Promise<number> {
  if (options.entity === undefined) throw new InputError('export csv needs --entity', `One of: ${CSV_ENTITIES.join(', ')}.`);
  const entity = options.entity.trim().toLowerCase() as CsvEntity;
  if (!CSV_ENTITIES.includes(entity)) throw new InputError(`--entity ${JSON.stringify(options.entity)} is not one of ${CSV_ENTITIES.join(', ')}`);
  const { stringify } = await import('csv-stringify/sync');
  const store = ctx.store('read');
  const repo = store.exports;
  const count = store.read(() => withOutput(ctx, options.output, Boolean(options.force), (out) => {
    const { header, text, rows } = repo.csvRows(entity);
    out.write(stringify([header]));
    let batch: unknown[][] = [];
    let n = 0;
    for (const row of rows) {
      for (let i = 0; i < row.length; i++) if (text[i] && typeof row[i] === 'string') row[i] = guardCell(row[i] as string);
      batch.push(row);
      n++;
      if (batch.length === BATCH) { out.write(stringify(batch)); batch = []; }
    }
    if (batch.length > 0) out.write(stringify(batch));
    return n;
  }));
  if (options.output !== undefined) say(ctx, `${ctx.theme().green('✓')} Exported ${count} ${entity} to ${options.output}`);
  return count;
}
