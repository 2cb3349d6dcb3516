// How a follow-up looks in JSON and in a line of text.
import type { Followup } from '../../domain/records.js';
import { daysOverdue } from '../../domain/followup-rank.js';
import { formatShortDate, type LocalDate } from '../../domain/local-date.js';
import { centsToUnits } from '../../domain/money.js';
import type { CustomerReorder, ReorderPrediction } from '../../domain/reorder.js';
import { countOf } from '../../domain/text.js';

/** `daysOverdue`: days past due for an open follow-up (0 when not yet late), null once closed. */
export function followupJson(followup: Followup, today: LocalDate) {
  return {
    id: followup.id,
    customer: { id: followup.customer.id, name: followup.customer.name },
    due: followup.dueDate,
    reason: followup.reason,
    source: followup.source,
    status: followup.status,
    daysOverdue: daysOverdue(followup, today),
    dealId: followup.dealId,
  };
}

/** `3 days`, `1 day`, `today`-style spans for messages. */
export function dayCount(days: number): string {
  return countOf(days, 'day');
}

/** What a follow-up is about, for one line of text. */
export function followupWhy(followup: Followup): string {
  // The source says where it came from, unless the reason already does ("post-sale check-in").
  const source = followup.source === 'manual' || followup.reason?.toLowerCase().startsWith(followup.source) ? '' : followup.source;
  return [source, followup.reason].filter(Boolean).join(': ') || 'follow up';
}

/** `dueToReorder` element of the daily view's JSON (money in currency units). */
export function reorderJson(reorder: CustomerReorder) {
  return {
    customer: { id: reorder.customer.id, name: reorder.customer.name },
    intervalDays: reorder.intervalDays,
    lastWon: reorder.lastWon,
    expected: reorder.expected,
    averageWon: centsToUnits(reorder.averageWonCents),
  };
}

/** `buys about every 35 days; last Feb 1, expected Mar 8` (years shown when not `today`'s). */
export function reorderWhy(reorder: ReorderPrediction, today: LocalDate): string {
  return `buys about every ${dayCount(reorder.intervalDays)}; last ${formatShortDate(reorder.lastWon, today)}, expected ${formatShortDate(reorder.expected, today)}`;
}
