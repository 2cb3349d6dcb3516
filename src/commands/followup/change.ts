// spm followup done / snooze / cancel / rm: act on one follow-up by id.
import type { AppContext } from '../../cli/context.js';
import type { Checkin, Followup } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { parseId } from '../../domain/reference.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { confirmDeletion, optionalText, say } from '../shared.js';
import { followupJson } from './present.js';
import { checkinJson } from '../checkin/present.js';
import { parseCheckinFields, recordCheckin, reportCompleted } from '../checkin/add.js';
import type { Store } from '../../store/store.js';

function getOpen(store: Store, id: number, verb: string): Followup {
  const followup = store.followups.get(id);
  if (followup.status !== 'open') throw new InputError(`follow-up #${id} is ${followup.status}; only open follow-ups can be ${verb}`, 'List open ones with: spm followup list');
  return followup;
}

export interface FollowupDoneOptions {
  note?: string;
  /** false with --no-checkin */
  checkin?: boolean;
  date?: string;
  channel?: string;
  satisfaction?: string;
}

/** Marks it done and, unless --no-checkin, records a check-in (which completes other due follow-ups too). */
export async function runFollowupDone(idText: string, options: FollowupDoneOptions, ctx: AppContext) {
  const id = parseId(idText, 'follow-up');
  const today = ctx.clock.today();
  const withCheckin = options.checkin !== false;
  if (!withCheckin && (options.channel !== undefined || options.satisfaction !== undefined)) {
    throw new InputError('--channel and --satisfaction describe the check-in; leave out --no-checkin to record one');
  }
  const fields = parseCheckinFields(options, today);
  const store = ctx.store('write');
  const result = store.write(() => {
    getOpen(store, id, 'done');
    const followup = store.followups.close(id, 'done', fields.date, fields.note);
    let checkin: Checkin | null = null;
    let completed: Followup[] = [];
    if (withCheckin) {
      ({ checkin, completed } = recordCheckin(store, followup.customer.id, fields, id));
      // Done by that contact: linked to it like the follow-ups it completed.
      store.followups.completeByCheckin([id], checkin.id, fields.date);
    }
    return { followup: store.followups.get(id), checkin, completed };
  });
  if (ctx.globals.json) {
    writeJson(ctx.io, { ...followupJson(result.followup, today), checkin: result.checkin && checkinJson(result.checkin), completedFollowups: result.completed.map((f) => followupJson(f, today)) });
  } else {
    say(ctx, `${ctx.theme().green('✓')} Done: follow-up #${id} with ${sanitizeLine(result.followup.customer.name)}${result.checkin ? ` (check-in #${result.checkin.id} recorded)` : ''}`);
    reportCompleted(ctx, result.completed);
  }
  return result;
}

export async function runFollowupSnooze(idText: string, dateText: string, ctx: AppContext): Promise<Followup> {
  const id = parseId(idText, 'follow-up');
  const today = ctx.clock.today();
  const due = parseDateInput(dateText, today, 'new due date');
  if (due < today) throw new InputError(`new due date ${due} is in the past`, 'Snooze to today or later, e.g. +3d, mon, 2026-04-01.');
  const store = ctx.store('write');
  const followup = store.write(() => {
    getOpen(store, id, 'snoozed');
    return store.followups.reschedule(id, due);
  });
  if (ctx.globals.json) writeJson(ctx.io, followupJson(followup, today));
  else say(ctx, `${ctx.theme().green('✓')} Snoozed follow-up #${id} with ${sanitizeLine(followup.customer.name)} to ${due}`);
  return followup;
}

export async function runFollowupCancel(idText: string, options: { note?: string }, ctx: AppContext): Promise<Followup> {
  const id = parseId(idText, 'follow-up');
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const followup = store.write(() => {
    getOpen(store, id, 'cancelled');
    return store.followups.close(id, 'cancelled', today, optionalText(options.note) ?? null);
  });
  if (ctx.globals.json) writeJson(ctx.io, followupJson(followup, today));
  else say(ctx, `${ctx.theme().green('✓')} Cancelled follow-up #${id} with ${sanitizeLine(followup.customer.name)}`);
  return followup;
}

export async function runFollowupRm(idText: string, ctx: AppContext): Promise<Followup> {
  const id = parseId(idText, 'follow-up');
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const followup = store.read(() => store.followups.get(id));
  await confirmDeletion(ctx, `Delete follow-up #${id} (${sanitizeLine(followup.customer.name)}, due ${followup.dueDate})?`);
  store.write(() => {
    store.followups.get(id);
    store.followups.delete(id);
  });
  if (ctx.globals.json) writeJson(ctx.io, followupJson(followup, today));
  else say(ctx, `${ctx.theme().green('✓')} Deleted follow-up #${id}`);
  return followup;
}
