// The rules a record's fields obey wherever it enters: a command, a CSV import or a JSON
// restore. One function per rule, so the three paths cannot drift apart.
import { InputError } from './errors.js';
import { checkDateInRange, isValidLocalDate, type LocalDate } from './local-date.js';
import { MAX_AMOUNT_CENTS, MAX_AMOUNT_TEXT } from './money.js';
import { NAME_CONTROL } from './text.js';

export const MAX_NAME_LENGTH = 200;
export const MAX_CADENCE_DAYS = 3650;

/**
 * A customer or goal name: trimmed, not empty, not only digits (it would read as an id), at most
 * 200 characters, no control characters (a NUL or an escape would display as something else).
 */
export function checkName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new InputError(`${what} is empty`);
  if (NAME_CONTROL.test(trimmed)) throw new InputError(`${what} ${JSON.stringify(trimmed)} contains control characters`, 'Type the name with letters, digits and punctuation only.');
  if (/^#?\d+$/.test(trimmed)) throw new InputError(`${what} ${JSON.stringify(trimmed)} would read as an id`, 'Use a name with letters, e.g. "Store 42".');
  if (trimmed.length > MAX_NAME_LENGTH) throw new InputError(`${what} is longer than ${MAX_NAME_LENGTH} characters`);
  return trimmed;
}

/** A stored date: `YYYY-MM-DD`, on the calendar, within the range spm keeps. */
export function checkStoredDate(date: string, field: string): LocalDate {
  checkDateInRange(date, field);
  if (!isValidLocalDate(date)) throw new InputError(`${field} ${date} does not exist on the calendar`);
  return date;
}

/** Money of one record in cents: a whole number from 1 (0 with allowZero) up to the cap. */
export function checkAmountCents(cents: number, field: string, { allowZero = false } = {}): number {
  if (cents > MAX_AMOUNT_CENTS) throw new InputError(`${field} is too large (at most ${MAX_AMOUNT_TEXT})`);
  if (!Number.isSafeInteger(cents)) throw new InputError(`${field} is not an amount in cents`);
  if (cents < 0 || (cents === 0 && !allowZero)) throw new InputError(`${field} must be more than zero`);
  return cents;
}

/** A stay-in-touch cadence in days: 1 to 3650 (ten years). */
export function checkCadenceDays(days: number, field = 'cadence'): number {
  if (!Number.isSafeInteger(days) || days < 1 || days > MAX_CADENCE_DAYS) throw new InputError(`${field} ${days} is not a number of days from 1 to ${MAX_CADENCE_DAYS}`);
  return days;
}

/** Tags: a list of non-empty texts without control characters. */
export function checkTags(tags: unknown, field = 'tags'): string[] {
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || t.trim() === '' || NAME_CONTROL.test(t))) {
    throw new InputError(`${field} is not a list of tags`);
  }
  return tags as string[];
}
