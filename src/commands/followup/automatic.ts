// The follow-ups spm schedules by itself: after a sale, around a concern, after a check-in,
// and the follow-ups a check-in completes. Called inside the caller's store.write transaction.
import type { Checkin, Concern, Customer, Followup, Sale } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { addDaysInRange, MAX_DATE, parseDateInput, type LocalDate } from '../../domain/local-date.js';
import { sanitizeLine } from '../../domain/text.js';
import type { Store } from '../../store/store.js';
import type { AppContext } from '../../cli/context.js';

/**
 * Archived customers are out of the daily view, so no follow-up is scheduled for them: one
 * asked for by hand is refused, an automatic one is not made.
 */
export function refuseArchived(customer: Pick<Customer, 'id' | 'name' | 'archived'>): void {
  if (customer.archived) throw new InputError(`customer #${customer.id} ${sanitizeLine(customer.name)} is archived`, `Unarchive it first: spm customer unarchive ${customer.id}`);
}

const isArchived = (store: Store, customerId: number) => store.customers.get(customerId).archived;

/**
 * `sale add`: a won sale gets a `post-sale` follow-up `post-sale-follow-up-days` after its date
 * (0 = off). `followUp` is the `--follow-up D` text (also honoured for a lost sale), `false`
 * for `--no-follow-up`, undefined for neither.
 */
/**
 * A computed due date past the calendar spm keeps: no follow-up is made, and `notes` gets the
 * line that says so (printed by the command once its transaction has committed).
 */
function dueAfter(date: LocalDate, days: number, what: string, notes: string[] | undefined): LocalDate | null {
  const due = addDaysInRange(date, days);
  if (due === null) notes?.push(`No ${what} follow-up: ${date} + ${days} days is after ${MAX_DATE}, the last date spm keeps.`);
  return due;
}

export function schedulePostSaleFollowUp(store: Store, sale: Sale, followUp: string | false | undefined, today: LocalDate, notes?: string[]): Followup | null {
  if (followUp === false) return null;
  let due: LocalDate;
  if (typeof followUp === 'string') {
    refuseArchived(store.customers.get(sale.customer.id));
    due = parseDateInput(followUp, today, '--follow-up');
    if (due < sale.date) throw new InputError(`--follow-up ${due} is before the sale date ${sale.date}`);
  } else {
    const days = store.settings.get().postSaleFollowUpDays;
    if (sale.outcome !== 'won' || days === 0 || isArchived(store, sale.customer.id)) return null;
    const computed = dueAfter(sale.date, days, 'post-sale', notes);
    if (computed === null) return null;
    due = computed;
  }
  const what = sale.product ? ` (${sale.product})` : '';
  return store.followups.insert({
    customerId: sale.customer.id, dueDate: due, source: 'post-sale', saleId: sale.id,
    reason: sale.outcome === 'won' ? `after sale #${sale.id}${what}: is everything working out?` : `after lost sale #${sale.id}${what}: try again?`,
  });
}

/** The line `sale add` prints under the sale when it scheduled a follow-up. */
export function describeScheduled(ctx: AppContext, followup: Followup | null): void {
  if (followup) ctx.io.err(`${ctx.theme().green('✓')} Follow-up #${followup.id} scheduled for ${followup.dueDate}\n`);
}

/** A check-in completes its customer's open follow-ups due on or before its date. */
export function completeFollowupsByCheckin(store: Store, checkin: Checkin, exceptId?: number): Followup[] {
  const ids = store.followups.openForCustomerDueBy(checkin.customer.id, checkin.date).filter((f) => f.id !== exceptId).map((f) => f.id);
  return store.followups.closeMany(ids, 'done', checkin.date, `completed by check-in #${checkin.id}`);
}

/** A high concern gets a `concern` follow-up the day after it was opened. */
export function scheduleConcernFollowUp(store: Store, concern: Concern, notes?: string[]): Followup | null {
  if (concern.severity !== 'high' || isArchived(store, concern.customer.id)) return null;
  const due = dueAfter(concern.openedDate, 1, 'concern', notes);
  if (due === null) return null;
  return store.followups.insert({
    customerId: concern.customer.id, dueDate: due, source: 'concern', concernId: concern.id,
    reason: `high concern #${concern.id}: ${sanitizeLine(concern.summary)}`,
  });
}

/**
 * Resolving a concern closes its open follow-ups (done: the concern was dealt with) and
 * schedules one `resolved-concern-follow-up-days` later (0 = off) to hear whether the
 * customer is satisfied now.
 */
export function scheduleResolvedConcernFollowUp(store: Store, concern: Concern, notes?: string[]): { closed: Followup[]; scheduled: Followup | null } {
  const date = concern.resolvedDate!;
  const closed = store.followups.closeMany(store.followups.openForConcern(concern.id).map((f) => f.id), 'done', date, `concern #${concern.id} resolved`);
  const days = store.settings.get().resolvedConcernFollowUpDays;
  const due = days === 0 || isArchived(store, concern.customer.id) ? null : dueAfter(date, days, 'resolved-concern', notes);
  const scheduled = due === null ? null : store.followups.insert({
    customerId: concern.customer.id, dueDate: due, source: 'concern', concernId: concern.id,
    reason: `resolved concern #${concern.id}: satisfied now?`,
  });
  return { closed, scheduled };
}
