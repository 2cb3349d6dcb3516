// spm export ics: open follow-ups as all-day calendar entries. Written here (domain/ical.ts)
// rather than with the `ics` package: ics 3.12 does stable UIDs and all-day DTSTART/DTEND
// well, but folds lines at 75 characters, not 75 octets as RFC 5545 §3.1 requires (a
// customer name with accents gives over-long lines), and stamps DTSTAMP from the wall clock
// instead of spm's clock. The few properties needed here are short to write correctly.
import type { AppContext } from '../../cli/context.js';
import { buildCalendar } from '../../domain/ical.js';
import { say } from '../shared.js';
import { withOutput } from './output.js';
import type { ExportOptions } from './json.js';

declare const SPM_VERSION: string | undefined;

export async function runExportIcs(options: ExportOptions, ctx: AppContext): Promise<number> {
  const store = ctx.store('read');
  const { followups, databaseId } = store.read(() => ({ followups: store.exports.openFollowups(), databaseId: store.exports.databaseId() }));
  const entries = followups.map((f) => ({
    // The database's id keeps two databases' follow-up #12 apart in one calendar.
    uid: `followup-${f.id}-${databaseId}@spm`,
    date: f.due,
    summary: `Follow up: ${f.customer}${f.reason ? ` — ${f.reason}` : ''}`,
    description: `spm follow-up #${f.id} (${f.source}). Mark it done with: spm followup done ${f.id}`,
  }));
  const version = typeof SPM_VERSION === 'string' ? SPM_VERSION : 'dev';
  withOutput(ctx, options.output, Boolean(options.force), (out) => out.write(buildCalendar(entries, ctx.clock.now().toISOString(), `-//spm//spm ${version}//EN`)));
  if (options.output !== undefined) say(ctx, `${ctx.theme().green('✓')} Exported ${entries.length} open follow-ups to ${options.output}`);
  return entries.length;
}
