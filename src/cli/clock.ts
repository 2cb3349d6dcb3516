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
    return { now: () => new Date(), today: () => calendarDayOf(new Date(), timeZone) };
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
  const today = hasZone ? checkDateInRange(calendarDayOf(instant, timeZone), 'SPM_NOW') : datePart;
  return { now: () => instant, today: () => today };
}

/**
 * The calendar day of `instant` in `timeZone` (Intl's answer), or in the process's time zone
 * when none is given: then read from Date's local getters (processZoneDay), because the first
 * Intl.DateTimeFormat of a run costs ~10 ms (ICU's formatting data) and every command run
 * without SPM_NOW asks for today. Both read the same zone (ICU's default: TZ, else the
 * system's); a test holds them equal across zones, DST switches and midnights.
 */
export function calendarDayOf(instant: Date, timeZone?: string): LocalDate {
  return (timeZone === undefined ? processZoneDay(instant) : undefined) ?? localDateOf(instant, timeZone);
}

/**
 * `YYYY-MM-DD` of `instant` in the process's time zone, for years 1900-9999; undefined for the
 * others (Intl's calendar is Julian before 1582, and its year is not four digits past 9999) and
 * for an invalid date. Self-contained: the test runs it in processes with other zones.
 */
export function processZoneDay(instant: Date): LocalDate | undefined {
  const year = instant.getFullYear();
  if (!(year >= 1900 && year <= 9999)) return undefined;
  const month = instant.getMonth() + 1;
  const day = instant.getDate();
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
