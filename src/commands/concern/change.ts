// spm concern edit / reopen / rm: correct a concern, open a resolved one again, delete one.
import type { AppContext } from '../../cli/context.js';
import type { Concern, Followup } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { parseSeverity } from '../../domain/contact-input.js';
import { parseId } from '../../domain/reference.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { confirmDeletion, optionalText, say } from '../shared.js';
import { concernJson } from './present.js';
import { followupJson } from '../followup/present.js';

export interface ConcernEditOptions {
  summary?: string;
  severity?: string;
  date?: string;
}

export async function runConcernEdit(idText: string, options: ConcernEditOptions, ctx: AppContext): Promise<Concern> {
  const id = parseId(idText, 'concern');
  const today = ctx.clock.today();
  const patch: { summary?: string; severity?: Concern['severity']; openedDate?: string } = {};
  if (options.summary !== undefined) {
    const summary = optionalText(options.summary);
    if (!summary) throw new InputError('--summary is empty', 'Say in a few words what is wrong.');
    patch.summary = summary;
  }
  if (options.severity !== undefined) patch.severity = parseSeverity(options.severity);
  if (options.date !== undefined) {
    patch.openedDate = parseDateInput(options.date, today, '--date');
    if (patch.openedDate > today) throw new InputError(`--date ${patch.openedDate} is in the future`);
  }
  if (Object.keys(patch).length === 0) throw new InputError('nothing to change', 'Give at least one flag, e.g. --severity high or --summary "…".');
  const store = ctx.store('write');
  const concern = store.write(() => {
    const current = store.concerns.get(id);
    const opened = patch.openedDate ?? current.openedDate;
    if (current.resolvedDate !== null && opened > current.resolvedDate) throw new InputError(`--date ${opened} is after the day it was resolved, ${current.resolvedDate}`);
    return store.concerns.update(id, patch);
  });
  if (ctx.globals.json) writeJson(ctx.io, concernJson(concern));
  else say(ctx, `${ctx.theme().green('✓')} Updated concern #${concern.id}: ${sanitizeLine(concern.summary)} (${concern.severity})`);
  return concern;
}

/** A resolved concern is open again; the "satisfied now?" follow-up its resolution scheduled is cancelled. */
export async function runConcernReopen(idText: string, ctx: AppContext): Promise<{ concern: Concern; cancelled: Followup[] }> {
  const id = parseId(idText, 'concern');
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const result = store.write(() => {
    const current = store.concerns.get(id);
    if (current.status !== 'resolved') throw new InputError(`concern #${id} is open already`, 'Reopen resolved ones; see them with: spm concern list --all');
    const after = store.followups.openForConcern(id).filter((f) => f.dueDate > current.resolvedDate!);
    const cancelled = store.followups.closeMany(after.map((f) => f.id), 'cancelled', today, 'concern reopened');
    return { concern: store.concerns.reopen(id), cancelled };
  });
  if (ctx.globals.json) writeJson(ctx.io, { ...concernJson(result.concern), cancelledFollowups: result.cancelled.map((f) => followupJson(f, today)) });
  else {
    say(ctx, `${ctx.theme().green('✓')} Reopened concern #${id}: ${sanitizeLine(result.concern.summary)}`);
    for (const f of result.cancelled) say(ctx, `${ctx.theme().green('✓')} Cancelled follow-up #${f.id} (it asked whether the customer was satisfied now)`);
  }
  return result;
}

/** Deletes a concern; its open follow-ups are cancelled (they would be about nothing). */
export async function runConcernRm(idText: string, ctx: AppContext): Promise<Concern> {
  const id = parseId(idText, 'concern');
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const concern = store.read(() => store.concerns.get(id));
  await confirmDeletion(ctx, `Delete concern #${id} (${sanitizeLine(concern.customer.name)}: ${sanitizeLine(concern.summary)})?`);
  const cancelled = store.write(() => {
    store.concerns.get(id);
    const open = store.followups.closeMany(store.followups.openForConcern(id).map((f) => f.id), 'cancelled', today, `concern #${id} deleted`);
    store.concerns.delete(id);
    return open;
  });
  if (ctx.globals.json) writeJson(ctx.io, concernJson(concern));
  else say(ctx, `${ctx.theme().green('✓')} Deleted concern #${id}${cancelled.length ? `; cancelled its follow-up ${cancelled.map((f) => `#${f.id}`).join(', ')}` : ''}`);
  return concern;
}
