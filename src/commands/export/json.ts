// spm export json: the whole database, versioned, one array per record type, one record per line.
import type { AppContext } from '../../cli/context.js';
import { SCHEMA_VERSION } from '../../store/migrations.js';
import { EXPORT_TABLES } from '../../store/export-repository.js';
import { say } from '../shared.js';
import { escapeJsonControls } from '../../domain/text.js';
import { withOutput } from './output.js';

export const EXPORT_FORMAT = 'spm-export';
export const EXPORT_VERSION = 1;

export interface ExportOptions {
  output?: string;
  force?: boolean;
}

export async function runExportJson(options: ExportOptions, ctx: AppContext): Promise<Record<string, number>> {
  const store = ctx.store('read');
  const repo = store.exports;
  const counts: Record<string, number> = {};
  store.read(() => withOutput(ctx, options.output, Boolean(options.force), (out) => {
    out.write(`{\n  "format": "${EXPORT_FORMAT}",\n  "version": ${EXPORT_VERSION},\n  "schemaVersion": ${SCHEMA_VERSION},\n  "exportedAt": ${JSON.stringify(ctx.clock.now().toISOString())},\n`);
    for (const spec of EXPORT_TABLES) {
      out.write(`  ${JSON.stringify(spec.key)}: [`);
      let n = 0;
      for (const record of repo.records(spec)) out.write(`${n++ === 0 ? '\n' : ',\n'}    ${escapeJsonControls(JSON.stringify(record))}`);
      out.write(n === 0 ? '],\n' : '\n  ],\n');
      counts[spec.key] = n;
    }
    out.write(`  "settings": ${escapeJsonControls(JSON.stringify(repo.settings()))}\n}\n`);
  }));
  if (options.output !== undefined) say(ctx, `${ctx.theme().green('✓')} Exported ${counts.customers} customers, ${counts.sales} sales, ${counts.checkins} check-ins, ${counts.followups} follow-ups, ${counts.concerns} concerns, ${counts.goals} goals to ${options.output}`);
  return counts;
}
