// What a user typed to name a record: `12`, `#12`, or a name / name prefix.
import { InputError } from './errors.js';
import { nameKey } from './text.js';

export type RecordReference = { kind: 'id'; id: number } | { kind: 'name'; key: string; text: string };

export function parseReference(text: string, what = 'customer'): RecordReference {
  const value = text.trim();
  if (value === '') throw new InputError(`${what} is empty`);
  const id = /^#?(\d+)$/.exec(value);
  if (id) return { kind: 'id', id: Number(id[1]) };
  return { kind: 'name', key: nameKey(value), text: value };
}

/** Parses a record id (`12` or `#12`) where only ids make sense (sales, follow-ups). */
export function parseId(text: string, what: string): number {
  const match = /^#?(\d+)$/.exec(text.trim());
  if (!match || Number(match[1]) < 1 || !Number.isSafeInteger(Number(match[1]))) {
    throw new InputError(`${what} id ${JSON.stringify(text)} is not a number`, `Use the number shown in the list, e.g. 12.`);
  }
  return Number(match[1]);
}

/** Parses a positive whole number option such as `--limit` or `--qty`. */
export function parsePositiveInteger(text: string, what: string, { allowZero = false } = {}): number {
  const value = text.trim();
  if (!/^\d+$/.test(value)) throw new InputError(`${what} ${JSON.stringify(text)} is not a whole number`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || (n === 0 && !allowZero)) throw new InputError(`${what} must be ${allowZero ? 'zero or more' : 'at least 1'}`);
  return n;
}

/** Stay-in-touch cadence: `30`, `30d`, `2w`, `1m` (30 days), `1y` (365 days) into days. */
export function parseCadence(text: string): number {
  const match = /^(\d{1,4})\s*([dwmy]?)$/i.exec(text.trim());
  const factor = match ? { '': 1, d: 1, w: 7, m: 30, y: 365 }[match[2].toLowerCase() as '' | 'd' | 'w' | 'm' | 'y'] : undefined;
  const days = match && factor ? Number(match[1]) * factor : 0;
  if (!match || days < 1 || days > 3650) {
    throw new InputError(`cadence ${JSON.stringify(text)} is not a number of days`, 'Use days or a span like 14, 2w, 1m (30 days), 1y; at most 10 years.');
  }
  return days;
}
