// The automatic follow-up policy, in one place and pure: when a sale gets a follow-up and when
// it is due, what a sale edit or delete does to it, and what a follow-up's reason says (drawn
// from the sale or concern it is linked to when shown, so a corrected sale reads corrected).
// Commands apply the decisions inside their transaction; nothing here reads a clock or a table.
import { addDaysInRange, daysBetween, MAX_DATE, type LocalDate } from './local-date.js';
import { formatMoneySummary } from './money.js';
import type { SaleOutcome } from './records.js';
import { countOf } from './text.js';

/** What the policy needs to know about a sale. */
export interface SaleFacts {
  customerId: number;
  date: LocalDate;
  outcome: SaleOutcome;
}

export type PostSaleSkip = 'lost' | 'off' | 'archived' | 'past-calendar';

/**
 * A new sale's automatic follow-up: a won sale gets one `postSaleFollowUpDays` after its date.
 * None for a lost sale, when the setting is 0, for an archived customer, or when the day would be
 * past the calendar spm keeps (the caller tells the user).
 */
export function postSaleFollowUp(sale: Pick<SaleFacts, 'date' | 'outcome'>, postSaleFollowUpDays: number, customerArchived: boolean):
  { due: LocalDate } | { skip: PostSaleSkip; note?: string } {
  if (sale.outcome !== 'won') return { skip: 'lost' };
  if (postSaleFollowUpDays === 0) return { skip: 'off' };
  if (customerArchived) return { skip: 'archived' };
  const due = addDaysInRange(sale.date, postSaleFollowUpDays);
  if (due === null) return { skip: 'past-calendar', note: `No post-sale follow-up: ${sale.date} + ${countOf(postSaleFollowUpDays, 'day')} is after ${MAX_DATE}, the last date spm keeps.` };
  return { due };
}

/** An open follow-up linked to the sale. */
export interface OpenLinkedFollowup {
  id: number;
  dueDate: LocalDate;
}

export type FollowupChange =
  | { kind: 'cancel'; id: number; note: string }
  | { kind: 'update'; id: number; customerId?: number; dueDate?: LocalDate }
  | { kind: 'schedule'; customerId: number; dueDate: LocalDate };

/**
 * What a sale edit does to the sale's open post-sale follow-ups:
 * - marked lost: they are cancelled (note "sale marked lost");
 * - marked won again with none open: one is scheduled as for a new sale;
 * - moved to another customer: they move with it;
 * - moved to another day: they move by the same number of days (kept where they are when that
 *   would leave the calendar).
 */
export function followupChangesForSaleEdit(before: SaleFacts, after: SaleFacts, open: readonly OpenLinkedFollowup[],
  postSaleFollowUpDays: number, afterCustomerArchived: boolean): FollowupChange[] {
  if (before.outcome === 'won' && after.outcome === 'lost') return open.map((f) => ({ kind: 'cancel', id: f.id, note: 'sale marked lost' }));
  if (before.outcome === 'lost' && after.outcome === 'won' && open.length === 0) {
    const decision = postSaleFollowUp(after, postSaleFollowUpDays, afterCustomerArchived);
    return 'due' in decision ? [{ kind: 'schedule', customerId: after.customerId, dueDate: decision.due }] : [];
  }
  const shift = daysBetween(before.date, after.date);
  const changes: FollowupChange[] = [];
  for (const f of open) {
    const change: FollowupChange = { kind: 'update', id: f.id };
    if (after.customerId !== before.customerId) change.customerId = after.customerId;
    const moved = shift === 0 ? null : addDaysInRange(f.dueDate, shift);
    if (moved !== null) change.dueDate = moved;
    if (change.customerId !== undefined || change.dueDate !== undefined) changes.push(change);
  }
  return changes;
}

/** Deleting a sale cancels its open follow-ups: they would be about nothing. */
export function followupChangesForSaleRemoval(saleId: number, open: readonly OpenLinkedFollowup[]): FollowupChange[] {
  return open.map((f) => ({ kind: 'cancel', id: f.id, note: `sale #${saleId} deleted` }));
}

/** What a follow-up's reason is drawn from when shown. */
export interface ReasonFacts {
  source: 'manual' | 'post-sale' | 'cadence' | 'concern';
  /** The text given by hand (or an older version's), if any. */
  reason: string | null;
  saleId: number | null;
  /** The linked sale, null when it was deleted (or there is no link). */
  sale: { amountCents: number; outcome: SaleOutcome; product: string | null; technique: string | null } | null;
  concernId: number | null;
  concern: { summary: string } | null;
  /** The deal it belongs to (deleting a deal unlinks its follow-ups, so a linked deal exists). */
  dealId?: number | null;
  deal?: { title: string; status: 'open' | 'won' | 'lost' } | null;
}

/**
 * The reason as shown: `post-sale · training $2,800`, `concern · late delivery · satisfied
 * now?`, `deal #7 Website redesign · send the proposal`, or the text given by hand. A
 * post-sale or concern follow-up whose record is gone says so (`post-sale · sale deleted`); a
 * closed deal says how it ended (`deal #7 Website redesign (won)`).
 */
export function followupReason(facts: ReasonFacts, currency: string): string | null {
  let link: string | null = null;
  if (facts.source === 'post-sale') {
    if (facts.sale) {
      const what = [facts.sale.product ?? facts.sale.technique, formatMoneySummary(facts.sale.amountCents, currency)].filter(Boolean).join(' ');
      link = `${facts.sale.outcome === 'lost' ? 'lost sale' : 'post-sale'} · ${what}`;
    } else link = 'post-sale · sale deleted';
  } else if (facts.source === 'concern') {
    link = facts.concern ? `concern · ${facts.concern.summary}` : 'concern · concern deleted';
  }
  const deal = facts.deal && facts.dealId != null ? `deal #${facts.dealId} ${facts.deal.title}${facts.deal.status === 'open' ? '' : ` (${facts.deal.status})`}` : null;
  return [link, deal, facts.reason].filter((part) => part !== null && part !== '').join(' · ') || null;
}
