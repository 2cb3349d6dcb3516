// Calendar periods (week, month, quarter, year) around a reference day, with a configurable
// first day of the week. Used by goals (their timelines) and the report (its ranges).
import { addMonths } from 'date-fns/addMonths';
import { addQuarters } from 'date-fns/addQuarters';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfQuarter } from 'date-fns/endOfQuarter';
import { endOfWeek } from 'date-fns/endOfWeek';
import { endOfYear } from 'date-fns/endOfYear';
import { format } from 'date-fns/format';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfWeek } from 'date-fns/startOfWeek';
import { startOfYear } from 'date-fns/startOfYear';
import { formatShortDate, fromDate, remembered, toDate, WEEKDAYS, type LocalDate, type Weekday } from './local-date.js';
import { InputError } from './errors.js';

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** An inclusive range of calendar days. */
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

export function parsePeriodKind(text: string, flag = '--period'): PeriodKind {
  const kind = text.trim().toLowerCase();
  if (!(PERIOD_KINDS as readonly string[]).includes(kind)) {
    throw new InputError(`${flag} ${JSON.stringify(text)} is not a period`, 'Use week, month, quarter or year.');
  }
  return kind as PeriodKind;
}

/**
 * Periods already computed, by kind, day and first weekday: the goals of a goal list or the
 * dashboard ask for the same few periods (date-fns is asked once per distinct question).
 */
const periods = new Map<string, DateRange>();

/** The period of `kind` that contains `date`. */
export function periodContaining(kind: PeriodKind, date: LocalDate, weekStart: Weekday = 'monday'): DateRange {
  const { from, to } = remembered(periods, `${kind}|${date}|${weekStart}`, () => computePeriodContaining(kind, date, weekStart));
  // A copy: callers own the range they are given.
  return { from, to };
}

function computePeriodContaining(kind: PeriodKind, date: LocalDate, weekStart: Weekday): DateRange {
  const day = toDate(date);
  switch (kind) {
    case 'week': {
      const options = { weekStartsOn: WEEKDAYS.indexOf(weekStart) as 0 | 1 | 2 | 3 | 4 | 5 | 6 };
      return { from: fromDate(startOfWeek(day, options)), to: fromDate(endOfWeek(day, options)) };
    }
    case 'month':
      return { from: fromDate(startOfMonth(day)), to: fromDate(endOfMonth(day)) };
    case 'quarter':
      return { from: fromDate(startOfQuarter(day)), to: fromDate(endOfQuarter(day)) };
    case 'year':
      return { from: fromDate(startOfYear(day)), to: fromDate(endOfYear(day)) };
  }
}

/** The period `steps` periods after (negative: before) the one that starts at `period.from`. */
export function shiftPeriod(kind: PeriodKind, period: DateRange, steps: number, weekStart: Weekday = 'monday'): DateRange {
  const from = toDate(period.from);
  switch (kind) {
    case 'week':
      return periodContaining('week', fromDate(addWeeks(from, steps)), weekStart);
    case 'month':
      return periodContaining('month', fromDate(addMonths(from, steps)), weekStart);
    case 'quarter':
      return periodContaining('quarter', fromDate(addQuarters(from, steps)), weekStart);
    case 'year':
      return periodContaining('year', fromDate(addYears(from, steps)), weekStart);
  }
}

/** `Week of Mar 9, 2026`, `Mar 2026`, `2026-Q1`, `2026`. */
export function periodLabel(kind: PeriodKind, period: DateRange): string {
  const from = toDate(period.from);
  switch (kind) {
    case 'week':
      return `Week of ${formatShortDate(period.from)}`;
    case 'month':
      return format(from, 'MMM yyyy');
    case 'quarter':
      return format(from, "yyyy-'Q'Q");
    case 'year':
      return format(from, 'yyyy');
  }
}

/** `Mar 9 – Mar 15, 2026` for any range. */
export function rangeLabel(range: DateRange): string {
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  return `${sameYear ? formatShortDate(range.from, range.to) : formatShortDate(range.from)} – ${formatShortDate(range.to)}`;
}
