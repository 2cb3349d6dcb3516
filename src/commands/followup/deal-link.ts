// `--deal` of followup add and edit: the deal a follow-up belongs to, which must be its
// customer's ("none" clears the link on edit).
import { InputError } from '../../domain/errors.js';
import { clearsValue, sanitizeLine } from '../../domain/text.js';
import type { Store } from '../../store/store.js';
import { parseDealId } from '../deal/fields.js';

/** `7`, `#7`; null for `none` or an empty value when clearing is allowed. Checked before anything is written. */
export function parseDealOption(text: string, allowNone: boolean): number | null {
  if (allowNone && clearsValue(text)) return null;
  return parseDealId(text);
}

/** Refuses a deal of another customer (a follow-up and its deal are about the same customer). */
export function assertDealOfCustomer(store: Store, dealId: number, customer: { id: number; name: string }): void {
  const deal = store.deals.get(dealId);
  if (deal.customer.id !== customer.id) {
    throw new InputError(`deal #${deal.id} is ${sanitizeLine(deal.customer.name)}'s, not ${sanitizeLine(customer.name)}'s`,
      `Give the deal's customer, or one of ${sanitizeLine(customer.name)}'s deals: spm deal list --customer ${JSON.stringify(customer.name)}`);
  }
}
