// Day totals: per calendar day, the won amount and how many sales were won and lost that day.
// A day with no sale has no totals. The report, the revenue, sales and win-rate goals read
// them; the database keeps them by triggers: ./day-totals.sql.ts.
import type { LocalDate } from '../local-date.js';

export interface DayTotals {
  date: LocalDate;
  wonCents: number;
  won: number;
  lost: number;
}

/** Day totals of some sales, by day in date order. */
export function dayTotals(sales: readonly { date: LocalDate; outcome: 'won' | 'lost'; amountCents: number }[]): DayTotals[] {
  const days = new Map<LocalDate, DayTotals>();
  for (const sale of sales) {
    let day = days.get(sale.date);
    if (day === undefined) days.set(sale.date, (day = { date: sale.date, wonCents: 0, won: 0, lost: 0 }));
    if (sale.outcome === 'won') {
      day.wonCents += sale.amountCents;
      day.won += 1;
    } else day.lost += 1;
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
