// The follow-ups spm schedules by itself: after a sale, around a concern, after a check-in,
// and the follow-ups a check-in completes. Called inside the caller's store.write transaction.
import type { Checkin, Concern, Customer, Followup, Sale } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { addDaysInRange, MAX_DATE, parseDateInput, type LocalDate } from '../../domain/local-date.js';
import { postSaleFollowUp, type FollowupChange } from '../../domain/followup-policy.js';
import { countOf, sanitizeLine } from '../../domain/text.js';
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
 * A computed due date past the calendar spm keeps: no follow-up is made, and `notes` gets the
 * line that says so (printed by the command once its transaction has committed).
 */
function dueAfter(date: LocalDate, days: number, what: string, notes: string[] | undefined): LocalDate | null {
  const due = addDaysInRange(date, days);
  if (due === null) notes?.push(`No ${what} follow-up: ${date} + ${countOf(days, 'day')} is after ${MAX_DATE}, the last date spm keeps.`);
  return due;
}

/**
 * `sale add`: the policy decides whether a sale gets its `post-sale` follow-up and when.
 * `followUp` is the `--follow-up D` text (also honoured for a lost sale), `false` for
 * `--no-follow-up`, undefined for neither. The reason is not stored: it is drawn from the sale.
 */
export function schedulePostSaleFollowUp(store: Store, sale: Sale, followUp: string | false | undefined, today: LocalDate, notes?: string[]): Followup | null {
  if (followUp === false) return null;
  let due: LocalDate;
  if (typeof followUp === 'string') {
    refuseArchived(store.customers.get(sale.customer.id));
    due = parseDateInput(followUp, today, '--follow-up');
    if (due < sale.date) throw new InputError(`--follow-up ${due} is before the sale date ${sale.date}`);
  } else {
    const decision = postSaleFollowUp(sale, store.settings.get().postSaleFollowUpDays, isArchived(store, sale.customer.id));
    if ('skip' in decision) {
      if (decision.note) notes?.push(decision.note);
      return null;
    }
    due = decision.due;
  }
  return store.followups.insert({ customerId: sale.customer.id, dueDate: due, source: 'post-sale', saleId: sale.id });
}

/** Applies the policy's decisions about a sale's follow-ups (inside the caller's write). */
export function applyFollowupChanges(store: Store, saleId: number, changes: readonly FollowupChange[], today: LocalDate): { cancelled: Followup[]; moved: Followup[]; scheduled: Followup[] } {
  const result = { cancelled: [] as Followup[], moved: [] as Followup[], scheduled: [] as Followup[] };
  for (const change of changes) {
    if (change.kind === 'cancel') result.cancelled.push(store.followups.close(change.id, 'cancelled', today, change.note));
    else if (change.kind === 'update') result.moved.push(store.followups.update(change.id, { customerId: change.customerId, dueDate: change.dueDate }));
    else result.scheduled.push(store.followups.insert({ customerId: change.customerId, dueDate: change.dueDate, source: 'post-sale', saleId }));
  }
  return result;
}

/** The line `sale add` prints under the sale when it scheduled a follow-up. */
export function describeScheduled(ctx: AppContext, followup: Followup | null): void {
  if (followup) ctx.io.err(`${ctx.theme().green('✓')} Follow-up #${followup.id} scheduled for ${followup.dueDate}\n`);
}

/** A check-in completes its customer's open follow-ups due on or before its date. */
export function completeFollowupsByCheckin(store: Store, checkin: Checkin, exceptId?: number): Followup[] {
  const ids = store.followups.openForCustomerDueBy(checkin.customer.id, checkin.date).filter((f) => f.id !== exceptId).map((f) => f.id);
  return store.followups.completeByCheckin(ids, checkin.id, checkin.date);
}

/** A high concern gets a `concern` follow-up the day after it was opened. */
export function scheduleConcernFollowUp(store: Store, concern: Concern, notes?: string[]): Followup | null {
  if (concern.severity !== 'high' || isArchived(store, concern.customer.id)) return null;
  const due = dueAfter(concern.openedDate, 1, 'concern', notes);
  if (due === null) return null;
  return store.followups.insert({
    customerId: concern.customer.id, dueDate: due, source: 'concern', concernId: concern.id,
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
    reason: 'satisfied now?', // shown after the concern's summary
  });
  return { closed, scheduled };
}
