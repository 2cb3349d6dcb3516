// Low rating at risk: a customer's latest check-in up to a day (the latest day; on one day, the
// later id) was rated 1 or 2, and no sale, won or lost, came after that day up to the day. The
// report lists such active customers as at risk, since the check-in. The database keeps each
// customer's latest check-in by triggers for the report: ./low-rating.sql.ts.
import type { LocalDate } from '../local-date.js';

export interface RatedCheckin {
  id: number;
  date: LocalDate;
  /** 1–5, or null when not rated. */
  satisfaction: number | null;
}

/** The latest check-in on or before `asOf`: the latest day, and on one day the later id. */
export function latestCheckin<T extends RatedCheckin>(checkins: readonly T[], asOf: LocalDate): T | undefined {
  let latest: T | undefined;
  for (const k of checkins) {
    if (k.date > asOf) continue;
    if (latest === undefined || k.date > latest.date || (k.date === latest.date && k.id > latest.id)) latest = k;
  }
  return latest;
}

/** Ratings that put a customer at risk. */
export const isLowRating = (satisfaction: number | null): boolean => satisfaction !== null && satisfaction <= 2;

/**
 * The check-in that puts a customer at risk on `asOf`, if any: their latest check-in up to the
 * day, rated 1 or 2, with none of `saleDates` (won or lost sales) after its day up to `asOf`.
 */
export function lowRatingAtRisk<T extends RatedCheckin>(checkins: readonly T[], saleDates: readonly LocalDate[], asOf: LocalDate): T | undefined {
  const latest = latestCheckin(checkins, asOf);
  if (latest === undefined || !isLowRating(latest.satisfaction)) return undefined;
  return saleDates.some((date) => date > latest.date && date <= asOf) ? undefined : latest;
}
