// spm demo: a new database with sample data (generated in the domain from today and a seed),
// then how to point spm at it.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AppContext } from '../../cli/context.js';
import { InputError, SpmError } from '../../domain/errors.js';
import { generateDemoData } from '../../domain/demo-data.js';
import { formatCommandLine } from '../../domain/history.js';
import { resolveDbPath } from '../../store/open-database.js';
import { Store } from '../../store/store.js';
import { withAtomicFile, writeFailure } from '../../store/atomic-file.js';
import type { DemoCounts } from '../../store/demo-seed.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';

/** Where `spm demo` writes without --db: the current folder, never the real database. */
export const DEMO_DEFAULT_DB = 'spm-demo.db';

export async function runDemo(ctx: AppContext): Promise<DemoCounts & { db: string }> {
  // Only --db counts: SPM_DB usually points at the user's real data.
  const path = resolveDbPath({ flag: ctx.globals.db ?? DEMO_DEFAULT_DB, env: {} });
  const today = ctx.clock.today();
  const nowIso = ctx.clock.now().toISOString();
  const seed = (at: string): DemoCounts => {
    const store = Store.open(at, 'write', () => nowIso);
    store.history.commandLine = formatCommandLine(ctx.argv); // `spm history` and `undo` name it
    try {
      return store.write(() => {
        if (store.holdsData()) {
          throw new InputError(`${path} already holds data; the demo only fills a new database`, `Pick another file: spm demo --db ${DEMO_DEFAULT_DB.replace('.db', '-2.db')}`);
        }
        return store.seedDemo(generateDemoData(today), nowIso);
      }, 'bulk');
    } finally {
      store.close();
    }
  };
  let counts: DemoCounts;
  if (existsSync(path)) {
    counts = seed(path); // an existing empty database is filled in place
  } else {
    // A new file is built under a temporary name and renamed once complete: a demo cut short
    // (disk full, Ctrl-C) leaves no half-filled database behind.
    mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
    counts = withAtomicFile(path, {}, (file) => {
      file.flush();
      try {
        return seed(file.tempPath as string);
      } catch (error) {
        throw error instanceof SpmError ? error : writeFailure(path, error);
      }
    });
  }
  const absolute = resolve(path);
  const result = { db: absolute, ...counts };
  if (ctx.globals.json) writeJson(ctx.io, result);
  const theme = ctx.theme();
  say(ctx, `${theme.green('✓')} Demo database ${absolute}: ${counts.customers} customers, ${counts.sales} sales, ${counts.checkins} check-ins, ${counts.followups} follow-ups, ${counts.concerns} concerns, ${counts.goals} goals, ${counts.deals} deals.`);
  say(ctx, `Point spm at it:\n  export SPM_DB=${shellQuote(absolute)}\nthen try: spm report --period month · spm pipeline · spm sale list · spm customer list`);
  return result;
}

function shellQuote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
