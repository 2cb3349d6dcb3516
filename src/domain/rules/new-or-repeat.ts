// New or repeat customer, judged against a period: a customer is new in a period when their
// first won sale ever falls in it, and repeat when it came before the period began. A customer
// with no won sale is neither. The database keeps every customer's first won sale by triggers:
// ./new-or-repeat.sql.ts.
import type { LocalDate } from '../local-date.js';

export type CustomerKind = 'new' | 'repeat';

/** The first won sale ever of a customer, from the dates of their won sales. */
export function firstWonDate(wonSaleDates: readonly LocalDate[]): LocalDate | null {
  let first: LocalDate | null = null;
  for (const date of wonSaleDates) if (first === null || date < first) first = date;
  return first;
}

/** New, repeat, or null (no won sale by the end of the period) for a period [from, to]. */
export function customerKind(firstWon: LocalDate | null, period: { from: LocalDate; to: LocalDate }): CustomerKind | null {
  if (firstWon === null || firstWon > period.to) return null;
  return firstWon < period.from ? 'repeat' : 'new';
}
