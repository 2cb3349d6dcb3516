// spm history / undo / redo: the change history as a list, and stepping back and forth in it.
import type { AppContext } from '../../cli/context.js';
import { describeTouched, type ChangeEntry } from '../../domain/history.js';
import { parsePositiveInteger } from '../../domain/reference.js';
import { sanitizeLine } from '../../domain/text.js';
import { renderList } from '../../ui/table.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';

export const DEFAULT_HISTORY_LIMIT = 20;

export function changeJson(change: ChangeEntry) {
  return {
    id: change.id,
    at: change.at,
    command: change.command,
    undone: change.undone,
    touched: describeTouched(change.touched),
    rows: change.touched.map((g) => ({ table: g.table, op: g.op, count: g.count, keys: g.keys })),
  };
}

export async function runHistory(options: { limit?: string }, ctx: AppContext): Promise<ChangeEntry[]> {
  const limit = options.limit !== undefined ? parsePositiveInteger(options.limit, '--limit') : DEFAULT_HISTORY_LIMIT;
  const store = ctx.store('read');
  const changes = store.read(() => store.history.list(limit));
  if (ctx.globals.json) {
    writeJson(ctx.io, changes.map(changeJson));
    return changes;
  }
  await renderList(ctx.io, ctx.theme(), [
    { header: 'ID', value: (c) => c.id, align: 'right' },
    { header: 'When', value: (c) => c.at.slice(0, 16).replace('T', ' ') },
    { header: 'Command', value: (c) => sanitizeLine(c.command) },
    { header: 'Touched', value: (c) => `${c.undone ? '(undone) ' : ''}${describeTouched(c.touched)}` },
  ], changes);
  if (changes.length === 0 && ctx.io.stdoutIsTTY) ctx.io.err('Nothing recorded yet.\n');
  return changes;
}

function report(ctx: AppContext, verb: string, change: ChangeEntry, dryRun: boolean): void {
  if (ctx.globals.json) {
    writeJson(ctx.io, { ...changeJson(change), dryRun });
    return;
  }
  const head = dryRun ? `Would ${verb.toLowerCase()}` : `${ctx.theme().green('✓')} ${verb === 'Undo' ? 'Undid' : 'Redid'}`;
  say(ctx, `${head} change #${change.id}: ${sanitizeLine(change.command)}`);
  say(ctx, `  ${describeTouched(change.touched)}`);
}

/** Reverts the latest change, inside one BEGIN IMMEDIATE transaction (whoever made it). */
export async function runUndo(options: { dryRun?: boolean }, ctx: AppContext): Promise<ChangeEntry> {
  const dryRun = Boolean(options.dryRun);
  const store = ctx.store('write');
  const change = store.write(() => store.history.undo(dryRun), 'none');
  report(ctx, 'Undo', change, dryRun);
  return change;
}

export async function runRedo(options: { dryRun?: boolean }, ctx: AppContext): Promise<ChangeEntry> {
  const dryRun = Boolean(options.dryRun);
  const store = ctx.store('write');
  const change = store.write(() => store.history.redo(dryRun), 'none');
  report(ctx, 'Redo', change, dryRun);
  return change;
}
