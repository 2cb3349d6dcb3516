// Calendar periods (week, month, quarter, year) around a reference day, with a configurable
// first day of the week. Used by goals (their timelines) and the report (its ranges).
import { addDays, addMonths, daysInMonth, formatShortDate, MONTH_NAMES, weekdayIndex, WEEKDAYS, type LocalDate, type Weekday } from './local-date.js';
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

/** The period of `kind` that contains `date`. */
export function periodContaining(kind: PeriodKind, date: LocalDate, weekStart: Weekday = 'monday'): DateRange {
  const [year, month] = date.split('-').map(Number);
  switch (kind) {
    case 'week': {
      const back = (weekdayIndex(date) - WEEKDAYS.indexOf(weekStart) + 7) % 7;
      const from = addDays(date, -back);
      return { from, to: addDays(from, 6) };
    }
    case 'month':
      return { from: `${date.slice(0, 7)}-01`, to: `${date.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}` };
    case 'quarter': {
      const firstMonth = Math.floor((month - 1) / 3) * 3 + 1;
      const from = `${date.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`;
      return { from, to: addDays(addMonths(from, 3), -1) };
    }
    case 'year':
      return { from: `${date.slice(0, 4)}-01-01`, to: `${date.slice(0, 4)}-12-31` };
  }
}

/** The period `steps` periods after (negative: before) the one that starts at `period.from`. */
export function shiftPeriod(kind: PeriodKind, period: DateRange, steps: number, weekStart: Weekday = 'monday'): DateRange {
  switch (kind) {
    case 'week':
      return { from: addDays(period.from, 7 * steps), to: addDays(period.to, 7 * steps) };
    case 'month':
      return periodContaining('month', addMonths(period.from, steps), weekStart);
    case 'quarter':
      return periodContaining('quarter', addMonths(period.from, 3 * steps), weekStart);
    case 'year':
      return periodContaining('year', addMonths(period.from, 12 * steps), weekStart);
  }
}

/** `Week of Mar 9, 2026`, `March 2026`, `2026-Q1`, `2026`. */
export function periodLabel(kind: PeriodKind, period: DateRange): string {
  const [year, month] = period.from.split('-').map(Number);
  switch (kind) {
    case 'week':
      return `Week of ${formatShortDate(period.from)}`;
    case 'month':
      return `${MONTH_NAMES[month - 1]} ${year}`;
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'year':
      return String(year);
  }
}

/** `Mar 9 – Mar 15, 2026` for any range. */
export function rangeLabel(range: DateRange): string {
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  return `${sameYear ? formatShortDate(range.from, range.to) : formatShortDate(range.from)} – ${formatShortDate(range.to)}`;
}
