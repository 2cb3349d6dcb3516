// Last contact: the latest day a customer was in touch — their latest sale (won or lost) or
// check-in; the day they were added only when there is none. History entered after adding a
// customer counts as it is. The database keeps the same figure by triggers: ./last-contact.sql.ts.
import type { LocalDate } from '../local-date.js';

export function lastContactDate(addedDate: LocalDate, touches: readonly (LocalDate | null | undefined)[]): LocalDate {
  let latest: LocalDate | undefined;
  for (const date of touches) if (date && (latest === undefined || date > latest)) latest = date;
  return latest ?? addedDate;
}
