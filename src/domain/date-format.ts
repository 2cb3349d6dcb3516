// Calendar dates written in a stated order, for CSV import's --date-format, in date-fns' own
// format tokens (MM/dd/yyyy, dd.MM.yyyy, d MMM yyyy, dd/MM/yy …): date-fns parses, on UTC dates
// so that no time zone moves the day. Pure: the format is checked once, then applied per row.
import { UTCDateMini } from '@date-fns/utc/date/mini';
import { format as formatDate } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { InputError } from './errors.js';
import { fromDate, isValidLocalDate, type LocalDate } from './local-date.js';

/** Returns the calendar day, or null when `text` does not fit the format or is not a real day. */
export type DateReader = (text: string) => LocalDate | null;

const HINT = 'Use date-fns tokens (yyyy, MM, dd, MMM …) with separators, e.g. MM/dd/yyyy, dd/MM/yyyy, dd.MM.yyyy or d MMM yyyy.';
/** Fills the fields a format leaves out (it is checked to leave none) and anchors two-digit years (yy: 1950–2049). */
const REFERENCE = new UTCDateMini(2000, 0, 1);
/** A day whose year, month and day all differ, to check that a format reads each of them. */
const PROBE = new UTCDateMini(2031, 10, 23);
const PROBE_DAY = '2031-11-23';

/**
 * Checks a format and returns its reader. A month or day may have one digit under MM/dd
 * (spreadsheets drop the zero); a time after the date (`03/04/2026 10:15`) is ignored.
 */
export function compileDateFormat(format: string): DateReader {
  const pattern = format.trim();
  // Week-numbering years and days of the year (YYYY, DD) are the usual slip for yyyy and dd;
  // date-fns refuses them too, but only after printing a warning of its own.
  if (/[YD]/.test(pattern.replace(/'[^']*'/g, ''))) {
    throw new InputError(`--date-format ${JSON.stringify(format)}: use yyyy and dd (YYYY and DD are week-numbering tokens)`, HINT);
  }
  let probe: Date;
  try {
    probe = parse(formatDate(PROBE, pattern), pattern, REFERENCE);
  } catch (error) {
    throw new InputError(`--date-format ${JSON.stringify(format)} is not understood: ${(error as Error).message}`, HINT);
  }
  if (!isValid(probe) || fromDate(probe) !== PROBE_DAY) {
    throw new InputError(`--date-format ${JSON.stringify(format)} needs a year, a month and a day`, 'For example MM/dd/yyyy or dd.MM.yyyy.');
  }
  const read = (text: string): LocalDate | null => {
    const date = parse(text, pattern, REFERENCE);
    return isValid(date) ? fromDate(date) : null;
  };
  const readWithTime = (text: string): LocalDate | null => {
    const whole = read(text);
    if (whole !== null) return whole;
    // A time after the date: try the text up to each space or T.
    for (const cut of text.matchAll(/[ T]/g)) {
      const date = cut.index > 0 ? read(text.slice(0, cut.index)) : null;
      if (date !== null) return date;
    }
    return null;
  };
  // A file repeats its dates (ten years are 3,653 days, a million rows): date-fns' parse costs
  // about 9 µs a call, a Map lookup well under one (1M-row import: 9 s of 40 s were this parse).
  // The answer depends on the text alone; the memo is emptied when full, so memory stays bounded.
  const memo = new Map<string, LocalDate | null>();
  return (text) => {
    let day = memo.get(text);
    if (day === undefined) {
      day = readWithTime(text);
      if (memo.size >= DATE_MEMO_ENTRIES) memo.clear();
      memo.set(text, day);
    }
    return day;
  };
}

/** Distinct date texts remembered by a compiled reader: more than 50 years of days. */
const DATE_MEMO_ENTRIES = 20_000;

const ISO_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$/;

/** Without --date-format: `YYYY-MM-DD`, optionally followed by a time. */
export const isoDateReader: DateReader = (text) => {
  const match = ISO_PREFIX.exec(text);
  return match && isValidLocalDate(match[1]) ? match[1] : null;
};
