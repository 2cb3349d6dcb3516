// spm concern add / resolve: log a complaint (high ones get a follow-up the next day) and
// resolve it (a follow-up later asks whether the customer is satisfied now).
import { CONCERN_SEVERITIES } from '../../domain/records.js';
import type { AppContext } from '../../cli/context.js';
import type { Concern, Followup } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { parseSeverity } from '../../domain/contact-input.js';
import { parseId } from '../../domain/reference.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { optionalText, say } from '../shared.js';
import { scheduleConcernFollowUp, scheduleResolvedConcernFollowUp } from '../followup/automatic.js';
import { followupJson } from '../followup/present.js';
import { concernJson } from './present.js';
import { customerArgument, textArgument } from '../ask.js';

export interface ConcernAddOptions {
  /** Customer and summary are asked for on a terminal when missing. */
  customer?: string;
  summary?: string;
  severity?: string;
  date?: string;
}

export async function runConcernAdd(options: ConcernAddOptions, ctx: AppContext): Promise<{ concern: Concern; followup: Followup | null }> {
  const today = ctx.clock.today();
  const severityGiven = options.severity !== undefined ? parseSeverity(options.severity) : undefined;
  const prompting = (options.customer === undefined || options.summary === undefined) && ctx.canPrompt();
  const customerText = await customerArgument(ctx, options.customer);
  const summary = optionalText(await textArgument(ctx, options.summary, 'concern summary', 'What is the concern?'));
  if (!summary) throw new InputError('concern summary is empty', 'Say in a few words what is wrong, e.g. "delivery was late".');
  const severity = severityGiven ?? (prompting
    ? await ctx.prompter.select('Severity', CONCERN_SEVERITIES.map((s) => ({ value: s, name: s === 'high' ? 'high (a follow-up tomorrow)' : s })), { default: 'medium' as const })
    : 'medium');
  const openedDate = options.date !== undefined ? parseDateInput(options.date, today, '--date') : today;
  if (openedDate > today) throw new InputError(`--date ${openedDate} is in the future`);
  const store = ctx.store('write');
  const notes: string[] = [];
  const result = store.write(() => {
    const customer = store.customers.resolve(customerText);
    const concern = store.concerns.insert({ customerId: customer.id, openedDate, summary, severity });
    return { concern, followup: scheduleConcernFollowUp(store, concern, notes) };
  });
  if (ctx.globals.json) writeJson(ctx.io, { ...concernJson(result.concern), followup: result.followup && followupJson(result.followup, today) });
  else {
    const theme = ctx.theme();
    say(ctx, `${theme.green('✓')} Concern #${result.concern.id} (${severity === 'high' ? theme.red(severity) : severity}) for ${sanitizeLine(result.concern.customer.name)}: ${sanitizeLine(summary)}`);
    if (result.followup) say(ctx, `${theme.green('✓')} Follow-up #${result.followup.id} scheduled for ${result.followup.dueDate}`);
    for (const note of notes) say(ctx, note);
  }
  return result;
}

export interface ConcernResolveOptions {
  resolution?: string;
  date?: string;
}

export async function runConcernResolve(idText: string, options: ConcernResolveOptions, ctx: AppContext) {
  const id = parseId(idText, 'concern');
  const today = ctx.clock.today();
  const resolvedDate = options.date !== undefined ? parseDateInput(options.date, today, '--date') : today;
  if (resolvedDate > today) throw new InputError(`--date ${resolvedDate} is in the future`);
  const store = ctx.store('write');
  const notes: string[] = [];
  const result = store.write(() => {
    const current = store.concerns.get(id);
    if (current.status !== 'open') throw new InputError(`concern #${id} is already resolved (${current.resolvedDate})`);
    if (resolvedDate < current.openedDate) throw new InputError(`--date ${resolvedDate} is before the concern was opened (${current.openedDate})`);
    const concern = store.concerns.resolve(id, resolvedDate, optionalText(options.resolution) ?? null);
    return { concern, ...scheduleResolvedConcernFollowUp(store, concern, notes) };
  });
  if (ctx.globals.json) {
    writeJson(ctx.io, { ...concernJson(result.concern), followup: result.scheduled && followupJson(result.scheduled, today), closedFollowups: result.closed.map((f) => followupJson(f, today)) });
  } else {
    const theme = ctx.theme();
    say(ctx, `${theme.green('✓')} Resolved concern #${id} for ${sanitizeLine(result.concern.customer.name)}`);
    for (const f of result.closed) say(ctx, `${theme.green('✓')} Closed follow-up #${f.id} about it`);
    if (result.scheduled) say(ctx, `${theme.green('✓')} Follow-up #${result.scheduled.id} on ${result.scheduled.dueDate}: is the customer satisfied now?`);
    for (const note of notes) say(ctx, note);
  }
  return result;
}
