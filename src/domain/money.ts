// Money as integer minor units (cents). Parsing never goes through a float for the digits
// a user typed, so `1,200.505` rounds exactly, half away from zero, to 120051 cents.
import { InputError } from './errors.js';

const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;
// The signs as \u escapes ($ € £ ¥ ₹): the bundle is ASCII (scripts/build.mjs), and esbuild cannot escape a regex literal.
const CURRENCY_SIGNS = /^[$\u20ac\u00a3\u00a5\u20b9]|^(?:usd|eur|gbp)\s*/i;
/**
 * The largest amount of one record: 1,000,000,000.00. Sums of such amounts stay exact
 * integers: about 90,000 of them before a total leaves Number.MAX_SAFE_INTEGER (2^53 cents),
 * about 92 million before 64-bit SQLite integers overflow.
 */
export const MAX_AMOUNT_CENTS = 100_000_000_000;
export const MAX_AMOUNT_TEXT = '1,000,000,000.00';

export interface ParseAmountOptions {
  /** Name of the value in error messages. */
  field?: string;
  /** Zero is refused for sales; a goal log or a target may allow it. */
  allowZero?: boolean;
}

/** Parses `1200`, `1200.5`, `1,200.50`, `$1,200.50` into cents. */
export function parseAmount(text: string, options: ParseAmountOptions = {}): number {
  return plainAmountCents(text) ?? parseAnyAmount(text, options);
}

/** parseAmount for every text: currency signs, spaces, the third decimal rounded, and the errors. */
export function parseAnyAmount(text: string, options: ParseAmountOptions = {}): number {
  const field = options.field ?? 'amount';
  const raw = text.trim();
  if (raw.startsWith('-') || raw.startsWith('(')) throw new InputError(`${field} ${text} is negative`, 'Amounts are positive; record a lost sale with --lost.');
  const unsigned = raw.replace(CURRENCY_SIGNS, '').trim();
  const match = AMOUNT.exec(unsigned);
  // Both groups are optional, so '' and '.' match too: neither has whole units nor decimals.
  if (!match || (match[1] === undefined && !match[2])) {
    throw new InputError(`${field} ${JSON.stringify(text)} is not an amount`, 'Write amounts like 1200, 1200.50 or 1,200.50.');
  }
  const whole = (match[1] ?? '0').replace(/,/g, '');
  const fraction = match[2] ?? '';
  // Round half away from zero on the third decimal; amounts are never negative here.
  // (No third decimal: charCodeAt(2) is NaN, which compares false.)
  const roundUp = fraction.charCodeAt(2) >= 53 /* '5' */ ? 1 : 0;
  // Up to 13 digits of whole units the cents are exact in a Number (below 2^53); longer ones
  // (too large anyway, or zero-padded) go through BigInt. A CSV import parses a million of these.
  const cents = whole.length <= 13
    ? Number(whole) * 100 + Number((fraction + '00').slice(0, 2)) + roundUp
    : BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2)) + BigInt(roundUp);
  if (cents > MAX_AMOUNT_CENTS) throw new InputError(`${field} ${text} is too large (at most ${MAX_AMOUNT_TEXT})`);
  const result = Number(cents);
  if (result === 0 && !options.allowZero) throw new InputError(`${field} must be more than zero`);
  return result;
}

/**
 * parseAmount's answer for the usual shape, read character by character (a CSV import parses a
 * million amounts: ~0.26 -> ~0.05 s of CPU): an optional `$`, 1 to 13 digits (commas between
 * groups of three allowed), then optionally `.` and at most two decimals. Anything else, and 0
 * or more than the cap (whose messages parseAnyAmount gives), is undefined and takes
 * parseAnyAmount, which gives the same cents for every text this accepts (test/domain/money.test.ts
 * compares the two over generated texts).
 */
export function plainAmountCents(text: string): number | undefined {
  const length = text.length;
  let i = text.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  let whole = 0;
  let digits = 0;
  /** Digits since the last comma; -1 before the first. */
  let group = -1;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digits++;
      if (group >= 0) group++;
    } else if (c === 44 /* , */) {
      if (group === -1 ? digits === 0 || digits > 3 : group !== 3) return undefined;
      group = 0;
    } else {
      break;
    }
  }
  if (digits === 0 || digits > 13 || (group !== -1 && group !== 3)) return undefined;
  let cents = whole * 100;
  if (i < length) {
    if (text.charCodeAt(i) !== 46 /* . */ || length - i > 3) return undefined;
    for (let d = i + 1; d < length; d++) {
      const c = text.charCodeAt(d);
      if (c < 48 || c > 57) return undefined;
      cents += (c - 48) * (d === i + 1 ? 10 : 1);
    }
  }
  return cents > 0 && cents <= MAX_AMOUNT_CENTS ? cents : undefined;
}

/** At most 2 decimals (rates, percentages, averages in JSON); null for anything not a finite number, never NaN. */
export function round2(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.round(value * 100) / 100;
}

/** Cents as plain text in currency units, `1200.50`: the amount column of piped lists, for scripts and spreadsheets. */
export function plainAmount(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** Cents as a JSON number in currency units (at most 2 decimals). */
export function centsToUnits(cents: number): number {
  return Math.round(cents) / 100;
}

const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹', CAD: 'CA$', AUD: 'A$', NZD: 'NZ$', CHF: 'CHF ' };

/**
 * `$1,200.50` in the currency setting; whole amounts drop the cents (`$1,200`) when
 * `compact` is set, as tables and the report do.
 */
export function formatMoney(cents: number, currency = 'USD', compact = false): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = String(abs % 100).padStart(2, '0');
  const digits = compact && fraction === '00' ? whole : `${whole}.${fraction}`;
  const symbol = CURRENCY_SYMBOLS[currency.toUpperCase()];
  const body = symbol ? `${symbol}${digits}` : `${digits} ${currency.toUpperCase()}`;
  return negative ? `-${body}` : body;
}

/** Amounts from this many cents up are shown in whole units in summaries ($1,000). */
export const SUMMARY_WHOLE_FROM_CENTS = 100_000;

/**
 * Money in a summary (report, goal lines, lifetime value): whole units from $1,000 up, rounded
 * (`$225,862`, not `$225,861.70`), cents below unless they are zero (`$850`, `$12.50`).
 * Exact values stay in --json and piped output.
 */
export function formatMoneySummary(cents: number, currency = 'USD'): string {
  const rounded = Math.abs(cents) >= SUMMARY_WHOLE_FROM_CENTS ? Math.round(cents / 100) * 100 : Math.round(cents);
  return formatMoney(rounded, currency, true);
}

/** A currency code: three letters (ISO 4217 shape). */
export function parseCurrency(text: string): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new InputError(`currency ${JSON.stringify(text)} is not a 3-letter code`, 'For example USD, EUR, GBP.');
  return code;
}
