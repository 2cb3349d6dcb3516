// What the report page (`spm report --html`) charts besides the Report value: revenue buckets
// (weeks, or months for longer reports) and each goal's even-pace line. Pure.
import { daysBetween, minDate, type LocalDate, type Weekday } from './local-date.js';
import { periodContaining, shiftPeriod, type DateRange } from './period.js';
import type { ReportSpec } from './report.js';
import { METRIC_INFO, type GoalMetric } from './goal-pace.js';

/** Buckets of the revenue chart. */
export const PAGE_BUCKETS = 12;
/** Custom ranges up to this many days are charted by week, longer ones by month. */
const WEEKLY_UP_TO_DAYS = 62;

/**
 * The revenue chart's buckets: weeks for week and month reports (and custom ranges up to 62
 * days), months for quarters, years and longer ranges; the 12 ending with the one holding the
 * report's last day, that one cut at the last day (a week to date is Mar 9–11).
 */
export function revenueBuckets(spec: ReportSpec, weekStart: Weekday): { unit: 'week' | 'month'; ranges: DateRange[] } {
  const days = daysBetween(spec.range.from, spec.range.to) + 1;
  const unit = spec.kind === 'week' || spec.kind === 'month' || (spec.kind === 'custom' && days <= WEEKLY_UP_TO_DAYS) ? 'week' : 'month';
  const last = periodContaining(unit, spec.range.to, weekStart);
  const ranges = Array.from({ length: PAGE_BUCKETS }, (_, i) => shiftPeriod(unit, last, i - (PAGE_BUCKETS - 1), weekStart));
  ranges[PAGE_BUCKETS - 1] = { from: last.from, to: minDate(last.to, spec.range.to) };
  return { unit, ranges };
}

/**
 * The even-pace line of a goal over its whole timeline, as the two points a chart joins: a
 * summed metric grows from target/days on the first day to the target on the last (as
 * goalPace's `expected`); a rate's target is flat.
 */
export function evenPaceLine(metric: GoalMetric, target: number, timeline: DateRange): { date: LocalDate; value: number }[] {
  if (METRIC_INFO[metric].kind === 'rate') return [{ date: timeline.from, value: target }, { date: timeline.to, value: target }];
  const days = daysBetween(timeline.from, timeline.to) + 1;
  return [{ date: timeline.from, value: target / days }, { date: timeline.to, value: target }];
}
