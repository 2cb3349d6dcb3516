// spm checkin add: record a touch with a customer; it completes the follow-ups already due
// and may schedule the next one (--next).
import { CHECKIN_CHANNELS } from '../../domain/records.js';
import type { AppContext } from '../../cli/context.js';
import type { Checkin, Followup } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { parseChannel, parseSatisfaction } from '../../domain/contact-input.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { optionalText, say } from '../shared.js';
import { completeFollowupsByCheckin, refuseArchived } from '../followup/automatic.js';
import { followupJson } from '../followup/present.js';
import { checkinJson } from './present.js';
import type { Store } from '../../store/store.js';
import { customerArgument } from '../ask.js';
import { goalProgressLines } from '../goal/progress.js';

export interface CheckinAddOptions {
  /** Asked for on a terminal when missing. */
  customer?: string;
  date?: string;
  channel?: string;
  satisfaction?: string;
  note?: string;
  next?: string;
}

export interface CheckinFields {
  date: string;
  channel: Checkin['channel'];
  satisfaction: number | null;
  note: string | null;
}

/** Parses the check-in flags shared with `followup done`; a check-in cannot be in the future. */
export function parseCheckinFields(options: { date?: string; channel?: string; satisfaction?: string; note?: string }, today: string): CheckinFields {
  const date = options.date !== undefined ? parseDateInput(options.date, today, '--date') : today;
  if (date > today) throw new InputError(`check-in date ${date} is in the future`, 'To plan a touch, schedule it: spm followup add <customer> <date>');
  return {
    date,
    channel: options.channel !== undefined ? parseChannel(options.channel) : 'other',
    satisfaction: options.satisfaction !== undefined ? parseSatisfaction(options.satisfaction) : null,
    note: optionalText(options.note) ?? null,
  };
}

export interface CheckinResult {
  checkin: Checkin;
  completed: Followup[];
  next: Followup | null;
}

/** Records the check-in and completes the customer's follow-ups due by its date (inside a write). */
export function recordCheckin(store: Store, customerId: number, fields: CheckinFields, exceptFollowupId?: number): { checkin: Checkin; completed: Followup[] } {
  const checkin = store.checkins.insert({ customerId, ...fields });
  return { checkin, completed: completeFollowupsByCheckin(store, checkin, exceptFollowupId) };
}

export async function runCheckinAdd(options: CheckinAddOptions, ctx: AppContext): Promise<CheckinResult> {
  const today = ctx.clock.today();
  // Checked before asking anything: a bad flag is an error, not a prompt.
  parseCheckinFields(options, today);
  const prompting = options.customer === undefined && ctx.canPrompt();
  const customerText = await customerArgument(ctx, options.customer);
  // On a terminal, what the report needs: the channel, the satisfaction (skippable) and a note.
  const asked = { ...options };
  if (prompting) {
    if (options.channel === undefined) asked.channel = await ctx.prompter.select('Channel', CHECKIN_CHANNELS.map((c) => ({ value: c, name: c })), { default: 'call' });
    if (options.satisfaction === undefined) {
      const rating = await ctx.prompter.select<string>('Satisfaction', [{ value: '', name: 'skip' }, ...['5', '4', '3', '2', '1'].map((n) => ({ value: n, name: `${n} ${'★'.repeat(Number(n))}` }))]);
      if (rating) asked.satisfaction = rating;
    }
    if (options.note === undefined) asked.note = await ctx.prompter.input('Note (optional)');
  }
  const fields = parseCheckinFields(asked, today);
  const nextDue = options.next !== undefined ? parseDateInput(options.next, today, '--next') : undefined;
  if (nextDue !== undefined && nextDue <= fields.date) throw new InputError(`--next ${nextDue} is not after the check-in date ${fields.date}`);
  const store = ctx.store('write');
  const result = store.write(() => {
    const customer = store.customers.resolve(customerText);
    if (nextDue !== undefined) refuseArchived(customer);
    const { checkin, completed } = recordCheckin(store, customer.id, fields);
    const next = nextDue === undefined ? null : store.followups.insert({
      customerId: customer.id, dueDate: nextDue, source: 'manual', reason: `next touch after check-in #${checkin.id}`,
    });
    return { checkin, completed, next };
  });
  if (ctx.globals.json) {
    writeJson(ctx.io, { ...checkinJson(result.checkin), completedFollowups: result.completed.map((f) => followupJson(f, today)), nextFollowup: result.next && followupJson(result.next, today) });
  } else {
    const theme = ctx.theme();
    const rated = result.checkin.satisfaction !== null ? `, satisfaction ${result.checkin.satisfaction}/5` : '';
    say(ctx, `${theme.green('✓')} Recorded check-in #${result.checkin.id}: ${sanitizeLine(result.checkin.customer.name)} on ${result.checkin.date} (${result.checkin.channel}${rated})`);
    reportCompleted(ctx, result.completed);
    if (result.next) say(ctx, `${theme.green('✓')} Next follow-up #${result.next.id} scheduled for ${result.next.dueDate}`);
    for (const line of store.read(() => goalProgressLines(store, result.checkin, today))) say(ctx, line);
  }
  return result;
}

export function reportCompleted(ctx: AppContext, completed: Followup[]): void {
  for (const f of completed) say(ctx, `${ctx.theme().green('✓')} Completed follow-up #${f.id} (due ${f.dueDate}${f.reason ? `: ${sanitizeLine(f.reason)}` : ''})`);
}
