// Check-in day totals: per calendar day, how many check-ins, how many were rated, the sum of
// their ratings and how many had each rating 1–5. A day with no check-in has no totals. The
// check-ins and satisfaction goals read them; the database keeps them by triggers:
// ./checkin-totals.sql.ts.
import type { LocalDate } from '../local-date.js';

export interface CheckinTotals {
  date: LocalDate;
  checkins: number;
  rated: number;
  ratingSum: number;
  /** byRating[r - 1]: check-ins rated r. */
  byRating: [number, number, number, number, number];
}

/** Check-in day totals of some check-ins, by day in date order. */
export function checkinTotals(checkins: readonly { date: LocalDate; satisfaction: number | null }[]): CheckinTotals[] {
  const days = new Map<LocalDate, CheckinTotals>();
  for (const checkin of checkins) {
    let day = days.get(checkin.date);
    if (day === undefined) days.set(checkin.date, (day = { date: checkin.date, checkins: 0, rated: 0, ratingSum: 0, byRating: [0, 0, 0, 0, 0] }));
    day.checkins += 1;
    if (checkin.satisfaction !== null) {
      day.rated += 1;
      day.ratingSum += checkin.satisfaction;
      day.byRating[checkin.satisfaction - 1] += 1;
    }
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
