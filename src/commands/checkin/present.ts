// How a check-in looks in JSON (`checkin list --json`, and inside other commands' output).
import type { Checkin } from '../../domain/records.js';

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
