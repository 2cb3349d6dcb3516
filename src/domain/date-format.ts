// Calendar dates written in a stated order, for CSV import's --date-format: MM/dd/yyyy,
// dd/MM/yyyy, yyyy-MM-dd, dd.MM.yyyy and the like. Pure: compiled once, applied per row.
import { InputError } from './errors.js';
import { isValidLocalDate, type LocalDate } from './local-date.js';

/** Returns the calendar day, or null when `text` does not fit the format or is not a real day. */
export type DateReader = (text: string) => LocalDate | null;

const TOKENS: Record<string, { pattern: string; part: 'year' | 'month' | 'day' }> = {
  yyyy: { pattern: '(\\d{4})', part: 'year' },
  MM: { pattern: '(\\d{1,2})', part: 'month' },
  M: { pattern: '(\\d{1,2})', part: 'month' },
  dd: { pattern: '(\\d{1,2})', part: 'day' },
  d: { pattern: '(\\d{1,2})', part: 'day' },
};

function pad2(text: string): string {
  return text.length === 1 ? `0${text}` : text;
}

/**
 * Compiles a format made of `yyyy`, `MM`/`M`, `dd`/`d` and literal separators. Single-digit
 * months and days are accepted under `MM`/`dd` (spreadsheets drop the zero). A time after the
 * date (`03/04/2026 10:15`) is ignored.
 */
export function compileDateFormat(format: string): DateReader {
  const parts: ('year' | 'month' | 'day')[] = [];
  let pattern = '';
  let rest = format.trim();
  while (rest.length > 0) {
    const token = ['yyyy', 'MM', 'dd', 'M', 'd'].find((t) => rest.startsWith(t));
    if (token) {
      pattern += TOKENS[token].pattern;
      parts.push(TOKENS[token].part);
      rest = rest.slice(token.length);
    } else if (/^[A-Za-z0-9]/.test(rest)) {
      throw new InputError(`--date-format ${JSON.stringify(format)} is not understood at ${JSON.stringify(rest)}`, 'Use yyyy, MM and dd with separators, e.g. MM/dd/yyyy, dd/MM/yyyy, yyyy-MM-dd or dd.MM.yyyy.');
    } else {
      pattern += rest[0].replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      rest = rest.slice(1);
    }
  }
  const sorted = [...parts].sort().join(',');
  if (sorted !== 'day,month,year') {
    throw new InputError(`--date-format ${JSON.stringify(format)} needs yyyy, MM and dd once each`, 'For example MM/dd/yyyy or dd.MM.yyyy.');
  }
  const regex = new RegExp(`^${pattern}(?:[ T].*)?$`);
  const yearAt = parts.indexOf('year') + 1;
  const monthAt = parts.indexOf('month') + 1;
  const dayAt = parts.indexOf('day') + 1;
  return (text) => {
    const match = regex.exec(text);
    if (!match) return null;
    const date = `${match[yearAt]}-${pad2(match[monthAt])}-${pad2(match[dayAt])}`;
    return isValidLocalDate(date) ? date : null;
  };
}

const ISO_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$/;

/** Without --date-format: `YYYY-MM-DD`, optionally followed by a time. */
export const isoDateReader: DateReader = (text) => {
  const match = ISO_PREFIX.exec(text);
  return match && isValidLocalDate(match[1]) ? match[1] : null;
};
