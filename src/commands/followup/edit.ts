// spm followup edit: correct a follow-up's due day, reason or customer.
import type { AppContext } from '../../cli/context.js';
import type { Followup } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { parseId } from '../../domain/reference.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { optionalText, say } from '../shared.js';
import { followupJson } from './present.js';
import { refuseArchived } from './automatic.js';
import { assertDealOfCustomer, parseDealOption } from './deal-link.js';

export interface FollowupEditOptions {
  due?: string;
  /** "" clears the text given by hand (a linked sale or concern still shows). */
  reason?: string;
  customer?: string;
  /** A deal id, or "none" to unlink. */
  deal?: string;
}

export async function runFollowupEdit(idText: string, options: FollowupEditOptions, ctx: AppContext): Promise<Followup> {
  const id = parseId(idText, 'follow-up');
  const today = ctx.clock.today();
  const patch: { dueDate?: string; reason?: string | null; customerId?: number; dealId?: number | null } = {};
  if (options.due !== undefined) patch.dueDate = parseDateInput(options.due, today, '--due');
  if (options.reason !== undefined) patch.reason = optionalText(options.reason) ?? null;
  if (options.deal !== undefined) patch.dealId = parseDealOption(options.deal, true);
  if (Object.keys(patch).length === 0 && options.customer === undefined) {
    throw new InputError('nothing to change', 'Give at least one flag, e.g. --due fri, --reason "send the quote" or --deal 7.');
  }
  const store = ctx.store('write');
  const followup = store.write(() => {
    const current = store.followups.get(id);
    let customer = current.customer;
    if (options.customer !== undefined) {
      const resolved = store.customers.resolve(options.customer);
      refuseArchived(resolved);
      customer = resolved;
      patch.customerId = resolved.id;
    }
    // The deal it keeps or gets must be its customer's, whichever of the two changed.
    const dealId = patch.dealId !== undefined ? patch.dealId : current.dealId;
    if (dealId !== null) assertDealOfCustomer(store, dealId, customer);
    return store.followups.update(id, patch);
  });
  if (ctx.globals.json) writeJson(ctx.io, followupJson(followup, today));
  else say(ctx, `${ctx.theme().green('✓')} Updated follow-up #${id}: ${sanitizeLine(followup.customer.name)}, due ${followup.dueDate}${followup.reason ? ` (${sanitizeLine(followup.reason)})` : ''}`);
  return followup;
}
