// How a follow-up looks in JSON and in a line of text.
import type { Followup } from '../../domain/records.js';
import { daysOverdue } from '../../domain/followup-rank.js';
import type { LocalDate } from '../../domain/local-date.js';

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
  };
}

/** `3 days`, `1 day`, `today`-style spans for messages. */
export function dayCount(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** What a follow-up is about, for one line of text. */
export function followupWhy(followup: Followup): string {
  // The source says where it came from, unless the reason already does ("post-sale check-in").
  const source = followup.source === 'manual' || followup.reason?.toLowerCase().startsWith(followup.source) ? '' : followup.source;
  return [source, followup.reason].filter(Boolean).join(': ') || 'follow up';
}
