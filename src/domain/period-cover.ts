// How a range of days is summed from totals kept per calendar month: the whole months from the
// month totals, and each partial month at the ends either from its days in the range (added) or
// as its month total less its days outside the range (taken away), whichever reads fewer days.
// A year to date then reads twelve month totals and the few days after today, however many sales
// it holds.
import { addDays, addMonths, daysBetween, type LocalDate } from './local-date.js';
import type { DateRange } from './period.js';

/** A calendar month as 'YYYY-MM'. */
export type Month = string;

export interface MonthCover {
  /** Months (inclusive, 'YYYY-MM') whose totals are counted whole; null when none. */
  months: { from: Month; to: Month } | null;
  /** Day ranges inside the range but outside those months: added. */
  add: DateRange[];
  /** Day ranges of those months that lie outside the range: taken away. */
  subtract: DateRange[];
}

const monthOf = (date: LocalDate): Month => date.slice(0, 7);
const firstDay = (month: Month): LocalDate => `${month}-01`;
const lastDay = (month: Month): LocalDate => addDays(addMonths(firstDay(month), 1), -1);
const nextMonth = (month: Month, steps: number): Month => monthOf(addMonths(firstDay(month), steps));
/** Days in an inclusive range (0 when `to` is before `from`). */
const length = (from: LocalDate, to: LocalDate): number => Math.max(0, daysBetween(from, to) + 1);

/**
 * The cover of `range`: every day of it is counted exactly once (a day of a whole month, or of an
 * added range), and no day outside it (each day of a whole month outside the range is taken
 * away). An empty range (`to` before `from`) is covered by nothing.
 */
export function monthCover(range: DateRange): MonthCover {
  const cover: MonthCover = { months: null, add: [], subtract: [] };
  if (range.to < range.from) return cover;
  const first = monthOf(range.from);
  const last = monthOf(range.to);
  let wholeFrom = first;
  let wholeTo = last;
  // A partial month at an end: its days in the range, and its days outside it (two parts when
  // the range lies inside one month). True when the month is counted whole, less the outside.
  const edge = (inside: DateRange, outside: DateRange[]): boolean => {
    const outDays = outside.reduce((sum, r) => sum + length(r.from, r.to), 0);
    if (outDays === 0) return true;
    if (length(inside.from, inside.to) <= outDays) {
      cover.add.push(inside);
      return false;
    }
    cover.subtract.push(...outside.filter((r) => r.from <= r.to));
    return true;
  };
  if (first === last) {
    const outside = [{ from: firstDay(first), to: addDays(range.from, -1) }, { from: addDays(range.to, 1), to: lastDay(first) }];
    if (!edge(range, outside)) return cover;
  } else {
    if (!edge({ from: range.from, to: lastDay(first) }, [{ from: firstDay(first), to: addDays(range.from, -1) }])) wholeFrom = nextMonth(first, 1);
    if (!edge({ from: firstDay(last), to: range.to }, [{ from: addDays(range.to, 1), to: lastDay(last) }])) wholeTo = nextMonth(last, -1);
  }
  if (wholeFrom <= wholeTo) cover.months = { from: wholeFrom, to: wholeTo };
  return cover;
}

/**
 * A range within one calendar year, as that year less its days before and after the range (each
 * part empty, `to` before `from`, when the range starts on Jan 1 or ends on Dec 31); undefined
 * when the range spans more than one year or is empty.
 */
export function yearCover(range: DateRange): { year: string; before: DateRange; after: DateRange } | undefined {
  const year = range.from.slice(0, 4);
  if (range.to < range.from || range.to.slice(0, 4) !== year) return undefined;
  return { year, before: { from: `${year}-01-01`, to: addDays(range.from, -1) }, after: { from: addDays(range.to, 1), to: `${year}-12-31` } };
}
