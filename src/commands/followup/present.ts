// How check-ins, follow-ups and concerns look in JSON (SPEC's record shapes) and in a line of text.
import type { Checkin, Concern, Followup } from '../../domain/records.js';
import { daysOverdue } from '../../domain/followup-rank.js';
import type { LocalDate } from '../../domain/local-date.js';

export function checkinJson(checkin: Checkin) {
  return {
    id: checkin.id,
    date: checkin.date,
    customer: { id: checkin.customer.id, name: checkin.customer.name },
    channel: checkin.channel,
    satisfaction: checkin.satisfaction,
    note: checkin.note,
  };
}

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

export function concernJson(concern: Concern) {
  return {
    id: concern.id,
    customer: { id: concern.customer.id, name: concern.customer.name },
    opened: concern.openedDate,
    summary: concern.summary,
    severity: concern.severity,
    status: concern.status,
    resolved: concern.resolvedDate,
    resolution: concern.resolution,
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
