// spm followup add: schedule a follow-up with a customer on a day.
import type { AppContext } from '../../cli/context.js';
import type { Followup } from '../../domain/records.js';
import { parseDateInput } from '../../domain/local-date.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { optionalText, say } from '../shared.js';
import { followupJson } from './present.js';
import { refuseArchived } from './automatic.js';
import { customerArgument, dateArgument } from '../ask.js';
import { assertDealOfCustomer, parseDealOption } from './deal-link.js';

export interface FollowupAddOptions {
  /** Customer and due date are asked for on a terminal when missing. */
  customer?: string;
  due?: string;
  reason?: string;
  /** The deal it belongs to (id). */
  deal?: string;
}

export async function runFollowupAdd(options: FollowupAddOptions, ctx: AppContext): Promise<Followup> {
  const today = ctx.clock.today();
  const dealId = options.deal !== undefined ? parseDealOption(options.deal, false) : null;
  const prompting = (options.customer === undefined || options.due === undefined) && ctx.canPrompt();
  const customerText = await customerArgument(ctx, options.customer);
  const dueDate = parseDateInput(await dateArgument(ctx, options.due, 'due date', 'Due (YYYY-MM-DD, tomorrow, +3d, fri …)'), today, 'due date');
  const reasonText = prompting && options.reason === undefined ? await ctx.prompter.input('Reason (what to follow up on; optional)') : options.reason;
  const reason = optionalText(reasonText) ?? null;
  const store = ctx.store('write');
  const followup = store.write(() => {
    const customer = store.customers.resolve(customerText);
    refuseArchived(customer);
    if (dealId !== null) assertDealOfCustomer(store, dealId, customer);
    return store.followups.insert({ customerId: customer.id, dueDate, reason, source: 'manual', dealId });
  });
  if (ctx.globals.json) writeJson(ctx.io, followupJson(followup, today));
  else say(ctx, `${ctx.theme().green('✓')} Follow-up #${followup.id} with ${sanitizeLine(followup.customer.name)} due ${followup.dueDate}${followup.reason ? ` (${sanitizeLine(followup.reason)})` : ''}${dueDate < today ? ctx.theme().red(' (already overdue)') : ''}`);
  return followup;
}
