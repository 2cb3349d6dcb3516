// Calendar days as `YYYY-MM-DD` strings, with the arithmetic done by date-fns on UTCDateMini
// values (@date-fns/utc): every getter and setter is UTC, so no time zone or DST switch of the
// machine can move a business day. `LocalDate` strings stay the domain's type; toDate and
// fromDate are the thin adapter between the two.
import { UTCDateMini } from '@date-fns/utc/date/mini';
import { addDays as addDaysTo } from 'date-fns/addDays';
import { addMonths as addMonthsTo } from 'date-fns/addMonths';
import { addYears as addYearsTo } from 'date-fns/addYears';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { getDay } from 'date-fns/getDay';
import { isExists } from 'date-fns/isExists';
import { lightFormat } from 'date-fns/lightFormat';
import { enUS } from 'date-fns/locale/en-US';
import type { Month } from 'date-fns';
import { InputError } from './errors.js';

/** A local calendar day, `YYYY-MM-DD`. */
export type LocalDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The calendar spm keeps: every date it accepts or computes lies within it. Wide enough for any
 * business history and plan, narrow enough that a typo (`+9999y`, `0050-06-15`, a 5-digit
 * year) is refused rather than stored, and that text order is date order.
 */
export const MIN_DATE: LocalDate = '1900-01-01';
export const MAX_DATE: LocalDate = '2199-12-31';
export const DATE_RANGE_TEXT = `${MIN_DATE} to ${MAX_DATE}`;

/** `YYYY-MM-DD` within MIN_DATE..MAX_DATE (text comparison is exact once the shape matches). */
export function isInDateRange(date: string): boolean {
  return ISO_DATE.test(date) && date >= MIN_DATE && date <= MAX_DATE;
}

/** A date on the calendar and within the range spm keeps, else an InputError naming the range. */
export function checkDateInRange(date: LocalDate, field = 'date'): LocalDate {
  if (!isInDateRange(date)) throw new InputError(`${field} ${date} is outside the dates spm keeps (${DATE_RANGE_TEXT})`);
  return date;
}

/** `date` + `days`, or null when that falls outside the range spm keeps (computed dates). */
export function addDaysInRange(date: LocalDate, days: number): LocalDate | null {
  const result = addDays(date, days);
  return isInDateRange(result) ? result : null;
}

/** On the calendar (2026-02-30 is not) and within the range spm keeps. */
export function isValidLocalDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  return match !== null && isInDateRange(text) && isExists(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** The day as a date-fns value (midnight UTC). */
export function toDate(date: LocalDate): Date {
  return new UTCDateMini(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/**
 * The calendar day of a date-fns value made by toDate or by date-fns from one. lightFormat
 * writes `yyyy`, `MM` and `dd` with the same date-fns formatters as format, without format's
 * locale and long-pattern work (about half the cost per call).
 */
export function fromDate(date: Date): LocalDate {
  return lightFormat(date, 'yyyy-MM-dd');
}

/**
 * Answers already computed, by their arguments: a view computes the same few hundred days over
 * and over (a goal list's 50 goals share three timelines; the daily view's rows repeat their
 * days; its lines show the same short dates and weekdays), and date-fns is called once per
 * distinct question. A pure cache of pure functions, bounded so that a long-running caller
 * cannot grow it without end.
 */
const CACHE_LIMIT = 100_000;
const addedDays = new Map<string, LocalDate>();
const dayNumbers = new Map<LocalDate, number>();
const weekdays = new Map<LocalDate, number>();
const shortDates = new Map<string, string>();
const monthNames = new Map<string, string>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** `cache`'s answer for `key`, computed once by `compute` (bounded like the caches above). */
export function remembered<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  const known = cache.get(key);
  return known !== undefined ? known : remember(cache, key, compute());
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const key = `${date}|${days}`;
  return addedDays.get(key) ?? remember(addedDays, key, fromDate(addDaysTo(toDate(date), days)));
}

/** Calendar days from 1970-01-01 to `date` (negative before it). */
export function dayNumber(date: LocalDate): number {
  return dayNumbers.get(date) ?? remember(dayNumbers, date, differenceInCalendarDays(toDate(date), EPOCH));
}
const EPOCH = toDate('1970-01-01');

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return fromDate(addMonthsTo(toDate(date), months));
}

/** Adds years; Feb 29 becomes Feb 28 in a common year. */
export function addYears(date: LocalDate, years: number): LocalDate {
  return fromDate(addYearsTo(toDate(date), years));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayIndex(date: LocalDate): number {
  return weekdays.get(date) ?? remember(weekdays, date, getDay(toDate(date)));
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** The calendar day of an instant in the given (or the process's) time zone. */
export function localDateOf(instant: Date, timeZone?: string): LocalDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  return parts;
}

const RELATIVE = /^([+-])(\d{1,4})([dwmy])$/i;
const AMBIGUOUS = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;

/**
 * Parses what a user types for a date, against `today`: `YYYY-MM-DD`, `today`, `yesterday`,
 * `tomorrow`, `+3d` `-2w` `+1m` `+1y`, and weekday names (`mon`, `monday`: the next such day,
 * today excluded). `field` names the value in error messages.
 */
export function parseDateInput(text: string, today: LocalDate, field = 'date'): LocalDate {
  return checkDateInRange(parseDateText(text, today, field), field);
}

function parseDateText(text: string, today: LocalDate, field: string): LocalDate {
  const value = text.trim().toLowerCase();
  if (value === '') throw new InputError(`${field} is empty`, 'Use YYYY-MM-DD, today, yesterday, tomorrow, +3d, -2w or a weekday like mon.');
  if (value === 'today') return today;
  if (value === 'yesterday') return addDays(today, -1);
  if (value === 'tomorrow') return addDays(today, 1);
  const relative = RELATIVE.exec(value);
  if (relative) {
    const amount = Number(relative[2]) * (relative[1] === '-' ? -1 : 1);
    switch (relative[3]) {
      case 'd': return addDays(today, amount);
      case 'w': return addDays(today, amount * 7);
      case 'm': return addMonths(today, amount);
      default: return addYears(today, amount);
    }
  }
  const weekday = WEEKDAYS.findIndex((name) => value.length >= 3 && name.startsWith(value));
  if (weekday >= 0) {
    const ahead = (weekday - weekdayIndex(today) + 7) % 7 || 7;
    return addDays(today, ahead);
  }
  if (ISO_DATE.test(value)) {
    checkDateInRange(value, field);
    if (!isValidLocalDate(value)) throw new InputError(`${field} ${text} does not exist on the calendar`);
    return value;
  }
  if (/^\d{5,}-\d{2}-\d{2}$/.test(value)) checkDateInRange(value, field);
  if (AMBIGUOUS.test(value)) {
    throw new InputError(`${field} ${text} is ambiguous`, 'Write dates as YYYY-MM-DD, e.g. 2026-03-04.');
  }
  throw new InputError(`${field} ${JSON.stringify(text)} is not a date`, 'Use YYYY-MM-DD, today, yesterday, tomorrow, +3d, -2w, +1m or a weekday like mon.');
}

/**
 * A day whose text says what `MMM d` and `MMM d, yyyy` write after the month's name: a
 * four-digit year, a month 01–12 and a day on that month's calendar (01–28 always, 29–31 when
 * date-fns' isExists says so), so that `d` is the day's digits without the leading zero and
 * `yyyy` the year's.
 */
const PLAIN_DAY = /^[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

function isPlainDay(date: string): boolean {
  if (!PLAIN_DAY.test(date)) return false;
  const day = Number(date.slice(8, 10));
  return day <= 28 || isExists(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, day);
}

/**
 * `Mar 4` or `Mar 4, 2025` when the year differs from `today`'s (date-fns' default English names, whatever the machine's locale).
 * date-fns names each month once (its en-US locale's abbreviated name, which is what format
 * writes for `MMM`, without format's pattern work); the day and year of a plain day are
 * its own digits (a daily view writes ~120 dates over several years: one format per date was
 * ~1 ms). Any other text (a day not on the calendar, what another tool may have stored) is
 * formatted whole.
 */
export function formatShortDate(date: LocalDate, today?: LocalDate): string {
  const sameYear = today !== undefined && today !== '' && today.slice(0, 4) === date.slice(0, 4);
  const key = `${date}|${sameYear}`;
  const known = shortDates.get(key);
  if (known !== undefined) return known;
  if (!isPlainDay(date)) return remember(shortDates, key, format(toDate(date), sameYear ? 'MMM d' : 'MMM d, yyyy'));
  // A month's name is the same in every year: asked at most twelve times, of the locale format
  // reads `MMM` from (its default, en-US), as format asks it.
  const month = remembered(monthNames, date.slice(5, 7), () => enUS.localize.month(toDate(date).getMonth() as Month, { width: 'abbreviated', context: 'formatting' }));
  const day = date[8] === '0' ? date[9] : date.slice(8, 10);
  return remember(shortDates, key, sameYear ? `${month} ${day}` : `${month} ${day}, ${date.slice(0, 4)}`);
}

/**
 * `--from`/`--to` as given (either may be absent), parsed against `today`; refused when the
 * range is inverted. Lists filter by it; the report defaults `to` itself.
 */
export function parseDateRange(fromText: string | undefined, toText: string | undefined, today: LocalDate): { from?: LocalDate; to?: LocalDate } {
  const from = fromText !== undefined ? parseDateInput(fromText, today, '--from') : undefined;
  const to = toText !== undefined ? parseDateInput(toText, today, '--to') : undefined;
  if (from !== undefined && to !== undefined && from > to) throw new InputError(`--from ${from} is after --to ${to}`);
  return { from, to };
}
