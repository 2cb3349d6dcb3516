// spm checkin edit / rm: correct or delete a check-in. The follow-ups it completed follow it:
// a new date moves their done date, deleting it reopens them.
import type { AppContext } from '../../cli/context.js';
import type { Checkin, Followup } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { parseChannel, parseSatisfaction } from '../../domain/contact-input.js';
import { parseId } from '../../domain/reference.js';
import { clearsValue, sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { confirmDeletion, optionalText, say } from '../shared.js';
import { checkinJson } from './present.js';
import { followupJson } from '../followup/present.js';

export interface CheckinEditOptions {
  date?: string;
  channel?: string;
  /** 1–5, or "none" to clear. */
  satisfaction?: string;
  note?: string;
  customer?: string;
}

export async function runCheckinEdit(idText: string, options: CheckinEditOptions, ctx: AppContext): Promise<Checkin> {
  const id = parseId(idText, 'check-in');
  const today = ctx.clock.today();
  const patch: { date?: string; channel?: Checkin['channel']; satisfaction?: number | null; note?: string | null; customerId?: number } = {};
  if (options.date !== undefined) {
    patch.date = parseDateInput(options.date, today, '--date');
    if (patch.date > today) throw new InputError(`check-in date ${patch.date} is in the future`, 'A check-in records a touch that happened; plan one with spm followup add.');
  }
  if (options.channel !== undefined) patch.channel = parseChannel(options.channel);
  if (options.satisfaction !== undefined) patch.satisfaction = clearsValue(options.satisfaction) ? null : parseSatisfaction(options.satisfaction);
  if (options.note !== undefined) patch.note = optionalText(options.note) ?? null;
  if (Object.keys(patch).length === 0 && options.customer === undefined) {
    throw new InputError('nothing to change', 'Give at least one flag, e.g. --date 2026-03-02 or --satisfaction 4.');
  }
  const store = ctx.store('write');
  const { checkin, moved } = store.write(() => {
    store.checkins.get(id);
    if (options.customer !== undefined) patch.customerId = store.customers.resolve(options.customer).id;
    const checkin = store.checkins.update(id, patch);
    // Last contact, going cold, goals and the report follow through the triggers; the
    // follow-ups it completed are done on its (new) date.
    const moved = patch.date !== undefined ? store.followups.moveCompletedByCheckin(id, checkin.date) : 0;
    return { checkin, moved };
  });
  if (ctx.globals.json) writeJson(ctx.io, checkinJson(checkin));
  else {
    say(ctx, `${ctx.theme().green('✓')} Updated check-in #${checkin.id}: ${sanitizeLine(checkin.customer.name)} on ${checkin.date} (${checkin.channel})`);
    if (moved > 0) say(ctx, `${ctx.theme().green('✓')} The ${moved === 1 ? 'follow-up' : `${moved} follow-ups`} it completed ${moved === 1 ? 'is' : 'are'} now done on ${checkin.date} too`);
  }
  return checkin;
}

export async function runCheckinRm(idText: string, ctx: AppContext): Promise<{ checkin: Checkin; reopened: Followup[] }> {
  const id = parseId(idText, 'check-in');
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const checkin = store.read(() => store.checkins.get(id));
  await confirmDeletion(ctx, `Delete check-in #${id} (${sanitizeLine(checkin.customer.name)} on ${checkin.date})?`);
  const reopened = store.write(() => {
    store.checkins.get(id);
    // The follow-ups it completed (and that nothing completed otherwise since) are open again.
    const completed = store.followups.completedByCheckin(id).map((f) => f.id);
    store.followups.reopen(completed);
    store.checkins.delete(id);
    return completed.map((fid) => store.followups.get(fid));
  });
  if (ctx.globals.json) writeJson(ctx.io, { ...checkinJson(checkin), reopenedFollowups: reopened.map((f) => followupJson(f, today)) });
  else {
    say(ctx, `${ctx.theme().green('✓')} Deleted check-in #${id}`);
    for (const f of reopened) say(ctx, `${ctx.theme().green('✓')} Reopened follow-up #${f.id} (due ${f.dueDate})`);
  }
  return { checkin, reopened };
}
