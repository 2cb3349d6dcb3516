// "Now" for every command: the real clock, or the one SPM_NOW pins.
import { InputError } from '../domain/errors.js';
import { checkDateInRange, DATE_RANGE_TEXT, isValidLocalDate, localDateOf, type LocalDate } from '../domain/local-date.js';

export interface Clock {
  /** Today's local calendar day. */
  today(): LocalDate;
  /** The current instant (for created/updated stamps). */
  now(): Date;
}

/**
 * `SPM_NOW` may be a date (`2026-03-15`: that day, at noon UTC for stamps), a local date-time
 * (`2026-03-15T09:30`: that day) or an instant with an offset (`…Z`, `…+02:00`: its day in
 * the local time zone).
 */
export function createClock(pinned: string | undefined, timeZone?: string): Clock {
  if (pinned === undefined || pinned === '') {
    return { now: () => new Date(), today: () => localDateOf(new Date(), timeZone) };
  }
  const text = pinned.trim();
  const datePart = text.slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !/^\d{5}/.test(text)) checkDateInRange(datePart, 'SPM_NOW');
  else if (/^[+-]?\d{5,}-/.test(text)) throw new InputError(`SPM_NOW ${JSON.stringify(pinned)} is outside the dates spm keeps (${DATE_RANGE_TEXT})`);
  if (!isValidLocalDate(datePart)) throw new InputError(`SPM_NOW ${JSON.stringify(pinned)} is not an ISO date or date-time`, 'For example SPM_NOW=2026-03-15 or SPM_NOW=2026-03-15T09:30:00Z.');
  if (text.length === 10) {
    const instant = new Date(`${datePart}T12:00:00Z`);
    return { now: () => instant, today: () => datePart };
  }
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime()) || text[10] !== 'T') throw new InputError(`SPM_NOW ${JSON.stringify(pinned)} is not an ISO date or date-time`);
  const today = hasZone ? checkDateInRange(localDateOf(instant, timeZone), 'SPM_NOW') : datePart;
  return { now: () => instant, today: () => today };
}
