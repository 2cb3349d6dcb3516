// Going cold: an active customer with a stay-in-touch cadence and no open follow-up (a
// scheduled touch suppresses the flag) whose last contact (./last-contact.ts) is more than the
// cadence ago. A customer seen exactly `cadence` days ago is not cold yet. The database keeps
// the touch-by day by triggers for the daily view: ./going-cold.sql.ts.
import { addDays, daysBetween, type LocalDate } from '../local-date.js';
import type { CustomerRef } from '../records.js';

/** A customer with a cadence and their last contact. */
export interface CadenceCandidate {
  customer: CustomerRef;
  cadenceDays: number;
  /** Latest sale or check-in day, else the day the customer was added. */
  lastContact: LocalDate;
}

/** Whether a customer is watched for going cold at all. */
export interface CadenceWatch {
  cadenceDays: number | null;
  archived: boolean;
  hasOpenFollowup: boolean;
}

/** The last day of the calendar: a touch-by day past it is this day (the customer never goes cold). */
export const END_OF_CALENDAR: LocalDate = '9999-12-31';

/** The last day before the customer goes cold: last contact + cadence. */
export function touchByDate(lastContact: LocalDate, cadenceDays: number): LocalDate {
  const day = addDays(lastContact, cadenceDays);
  // Past the end the year has five digits; within it no day sorts after END_OF_CALENDAR.
  return day.length > END_OF_CALENDAR.length ? END_OF_CALENDAR : day;
}

/**
 * Going cold on `today`: past the touch-by day, that is more than the cadence's days since the
 * last contact. Asked as a count of days (remembered per day, see local-date.ts) rather than by
 * computing each customer's touch-by day: the same answer, since a day is after last contact +
 * n days exactly when more than n days separate it from the last contact, and a touch-by day
 * past the calendar's end is never reached either way (a test holds the two equal).
 */
export function isGoingCold(candidate: Pick<CadenceCandidate, 'lastContact' | 'cadenceDays'>, today: LocalDate): boolean {
  return daysBetween(candidate.lastContact, today) > candidate.cadenceDays;
}

/** Watched: has a cadence, is not archived, has no open follow-up. */
export function isWatched(customer: CadenceWatch): customer is CadenceWatch & { cadenceDays: number } {
  return customer.cadenceDays !== null && !customer.archived && !customer.hasOpenFollowup;
}
