// Goal pace (spm help pace, docs/help/pace.md) as pure functions of a goal, its daily facts and `today`.
// Values are in metric units (currency units for money, counts, percent for win-rate, 1–5 for
// satisfaction); the store hands over per-day sums and this module does all the arithmetic.
import { InputError } from './errors.js';
import { addDays, daysBetween, maxDate, minDate, type LocalDate, type Weekday } from './local-date.js';
import { periodContaining, shiftPeriod, type DateRange, type PeriodKind } from './period.js';

export const GOAL_METRICS = ['revenue', 'sales', 'new-customers', 'checkins', 'win-rate', 'satisfaction', 'repeat-revenue', 'custom'] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export interface MetricInfo {
  /** Summed metrics accumulate over the timeline; rates are averages over it. */
  kind: 'sum' | 'rate';
  money: boolean;
  /** One line for the wizard and the help. */
  explanation: string;
  /** Which filters make sense for the metric. */
  filters: readonly ('segment' | 'product' | 'technique')[];
}

const SALE_FILTERS = ['segment', 'product', 'technique'] as const;

export const METRIC_INFO: Record<GoalMetric, MetricInfo> = {
  revenue: { kind: 'sum', money: true, explanation: 'sum of won sale amounts', filters: SALE_FILTERS },
  sales: { kind: 'sum', money: false, explanation: 'number of won sales', filters: SALE_FILTERS },
  'new-customers': { kind: 'sum', money: false, explanation: 'customers whose first won sale ever falls in the timeline', filters: SALE_FILTERS },
  checkins: { kind: 'sum', money: false, explanation: 'number of customer check-ins', filters: ['segment'] },
  'win-rate': { kind: 'rate', money: false, explanation: 'won ÷ (won + lost) sales, in %', filters: SALE_FILTERS },
  satisfaction: { kind: 'rate', money: false, explanation: 'average check-in satisfaction, 1–5', filters: ['segment'] },
  'repeat-revenue': { kind: 'sum', money: true, explanation: 'revenue from customers who had a won sale before the timeline', filters: SALE_FILTERS },
  custom: { kind: 'sum', money: false, explanation: 'anything you count yourself, logged with spm goal log', filters: [] },
};

export function parseMetric(text: string): GoalMetric {
  const metric = text.trim().toLowerCase();
  if (!(GOAL_METRICS as readonly string[]).includes(metric)) {
    throw new InputError(`--metric ${JSON.stringify(text)} is not a metric`, `Use one of: ${GOAL_METRICS.join(', ')}.`);
  }
  return metric as GoalMetric;
}

/** A goal as stored; values in metric units (target 30000 = $30,000, 40 = 40 %). */
export interface Goal {
  id: number;
  name: string;
  metric: GoalMetric;
  target: number;
  /** The period kind when the timeline was given as one (required for recurring goals). */
  period: PeriodKind | null;
  /** The first timeline; a recurring goal repeats its period from here. */
  from: LocalDate;
  to: LocalDate;
  recurring: boolean;
  segment: string | null;
  product: string | null;
  technique: string | null;
  archived: boolean;
  milestones: Milestone[];
}

export type GoalStatus = 'met' | 'ahead' | 'on-track' | 'behind' | 'missed';
export type MilestoneStatus = 'met' | 'missed' | 'upcoming';

export interface Milestone {
  date: LocalDate;
  value: number;
}

/**
 * One day's facts. Summed metrics: `value` is the day's amount (count, money units).
 * Rates: `value` is the numerator (won sales, sum of ratings) and `count` the denominator
 * (decided sales, rated check-ins); the rate over days is Σvalue/Σcount (×100 for win-rate).
 */
export interface DailyFact {
  date: LocalDate;
  value: number;
  count: number;
}

export interface GoalSpec {
  metric: GoalMetric;
  target: number;
  from: LocalDate;
  to: LocalDate;
  milestones: Milestone[];
}

export interface MilestoneProgress extends Milestone {
  /** The metric over [from, min(date, today)], null for a rate without data. */
  actual: number | null;
  status: MilestoneStatus;
}

export interface GoalPace {
  from: LocalDate;
  to: LocalDate;
  actual: number | null;
  percent: number | null;
  /** Fraction 0–1 of the timeline's days up to today, inclusive. */
  elapsed: number;
  expected: number;
  projected: number | null;
  neededPerDay: number | null;
  status: GoalStatus;
  /** Days after today up to `to` (all days when the timeline has not started). */
  daysLeft: number;
  totalDays: number;
  milestones: MilestoneProgress[];
}

/** The 5% band around the comparison value: within it is on-track. */
export const ON_TRACK_TOLERANCE = 0.05;
/** Guards comparisons of sums of cents divided by 100 against float noise. */
const EPSILON = 1e-9;

/** Days in [from, to], inclusive. */
export function totalDays(range: DateRange): number {
  return daysBetween(range.from, range.to) + 1;
}

/**
 * Sums already taken over a facts array, by metric and range: goals that share their facts (the
 * store hands the same array to every goal over the same metric, filters and timeline, and no
 * one changes it) share the sum too. One per read, like the store's facts cache.
 */
export type MetricSums = WeakMap<readonly DailyFact[], Map<string, number | null>>;

/** The metric over the facts dated in [from, upTo]; rates without data give null. */
export function metricValue(metric: GoalMetric, facts: readonly DailyFact[], from: LocalDate, upTo: LocalDate, sums?: MetricSums): number | null {
  if (sums === undefined) return sumFacts(metric, facts, from, upTo);
  let byRange = sums.get(facts);
  if (byRange === undefined) sums.set(facts, (byRange = new Map()));
  const key = `${metric}|${from}|${upTo}`;
  if (!byRange.has(key)) byRange.set(key, sumFacts(metric, facts, from, upTo));
  return byRange.get(key)!;
}

function sumFacts(metric: GoalMetric, facts: readonly DailyFact[], from: LocalDate, upTo: LocalDate): number | null {
  let value = 0;
  let count = 0;
  // An index, not for-of: a goal list sums thousands of days, and a short-lived process runs
  // this unoptimised, where each step of an array iterator allocates its result object.
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i];
    if (fact.date < from || fact.date > upTo) continue;
    value += fact.value;
    count += fact.count;
  }
  if (METRIC_INFO[metric].kind === 'sum') return value;
  if (count === 0) return null;
  return metric === 'win-rate' ? (value / count) * 100 : value / count;
}

function compare(actual: number, reference: number): 'ahead' | 'on-track' | 'behind' {
  const band = Math.abs(reference) * ON_TRACK_TOLERANCE + EPSILON;
  if (actual > reference + band) return 'ahead';
  if (actual < reference - band) return 'behind';
  return 'on-track';
}

/**
 * What is left of a target spread over the days left, rounded UP to the hundredth — the cent
 * for money — so that doing it every day reaches the target ($11,100 over 16 days: $693.75;
 * 1 over 16 days: 0.07). The one figure JSON, goal list and show, the progress line, the
 * dashboard and the report all show.
 */
export function neededPerDayToReach(remaining: number, daysLeft: number): number {
  // In hundredths, as integers: no binary fraction can round a whole cent up.
  return Math.ceil(Math.round(remaining * 100) / daysLeft) / 100;
}

/** The pace of one goal over its timeline [spec.from, spec.to] as of `today` (`sums`: see MetricSums). */
export function goalPace(spec: GoalSpec, facts: readonly DailyFact[], today: LocalDate, sums?: MetricSums): GoalPace {
  const { metric, target, from, to } = spec;
  const rate = METRIC_INFO[metric].kind === 'rate';
  const days = totalDays({ from, to });
  const upTo = minDate(today, to);
  const elapsedDays = upTo < from ? 0 : daysBetween(from, upTo) + 1;
  const elapsed = elapsedDays / days;
  const over = today > to;
  const daysLeft = over ? 0 : daysBetween(maxDate(addDays(today, 1), from), to) + 1;
  // Before the timeline starts, [from, upTo] is empty: 0 for a sum, null for a rate.
  const actual = metricValue(metric, facts, from, upTo, sums);
  const percent = actual === null ? null : (actual / target) * 100;

  let expected: number;
  let projected: number | null;
  let status: GoalStatus;
  let neededPerDay: number | null = null;
  if (rate) {
    expected = target;
    projected = actual;
    if (over) status = actual !== null && actual + EPSILON >= target ? 'met' : 'missed';
    // No decided sale or rated check-in yet: nothing says the goal is off course.
    else status = actual === null ? 'on-track' : compare(actual, target);
  } else {
    const sum = actual ?? 0;
    expected = (target * elapsedDays) / days;
    projected = elapsedDays === 0 ? null : (sum * days) / elapsedDays;
    if (sum + EPSILON >= target) status = 'met';
    else if (over) status = 'missed';
    else status = compare(sum, expected);
    // "When behind" read as "short of the target": the product's own example shows $/day to go
    // while ahead of the even pace.
    if (status !== 'met' && daysLeft > 0) neededPerDay = neededPerDayToReach(target - sum, daysLeft);
  }

  const milestones = [...spec.milestones]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((milestone) => milestoneProgress(metric, facts, from, milestone, today, sums));
  return { from, to, actual, percent, elapsed, expected, projected, neededPerDay, status, daysLeft, totalDays: days, milestones };
}

/**
 * A milestone is met when the actual over [from, min(its date, today)] reached its value,
 * missed when its day is over without that, upcoming otherwise (its day included).
 */
export function milestoneProgress(metric: GoalMetric, facts: readonly DailyFact[], from: LocalDate, milestone: Milestone, today: LocalDate, sums?: MetricSums): MilestoneProgress {
  const upTo = minDate(milestone.date, today);
  const actual = metricValue(metric, facts, from, upTo, sums);
  const reached = actual !== null && actual + EPSILON >= milestone.value;
  const status: MilestoneStatus = reached ? 'met' : milestone.date < today ? 'missed' : 'upcoming';
  return { ...milestone, actual, status };
}

/** Cumulative actual and the even-pace line per day over [from, min(today, to)], for charts. */
export function cumulativeSeries(spec: GoalSpec, facts: readonly DailyFact[], today: LocalDate): { date: LocalDate; actual: number | null; expected: number }[] {
  const upTo = minDate(today, spec.to);
  const days = totalDays(spec);
  const byDate = new Map<LocalDate, DailyFact>();
  for (const fact of facts) byDate.set(fact.date, fact);
  const rate = METRIC_INFO[spec.metric].kind === 'rate';
  const points: { date: LocalDate; actual: number | null; expected: number }[] = [];
  let value = 0;
  let count = 0;
  for (let date = spec.from, i = 1; date <= upTo; date = addDays(date, 1), i++) {
    const fact = byDate.get(date);
    if (fact) {
      value += fact.value;
      count += fact.count;
    }
    const actual = !rate ? value : count === 0 ? null : spec.metric === 'win-rate' ? (value / count) * 100 : value / count;
    points.push({ date, actual, expected: rate ? spec.target : (spec.target * i) / days });
  }
  return points;
}

/** A timeline has at least one day. */
export function assertTimeline(range: DateRange): void {
  if (range.from > range.to) throw new InputError(`the timeline is empty: --from ${range.from} is after --to ${range.to}`);
}

/** Milestones must lie inside the timeline (its first and last day included) and have values. */
export function assertMilestones(milestones: readonly Milestone[], range: DateRange): void {
  const seen = new Set<string>();
  for (const milestone of milestones) {
    if (milestone.date < range.from || milestone.date > range.to) {
      throw new InputError(`milestone ${milestone.date} is outside the timeline ${range.from}..${range.to}`);
    }
    if (seen.has(milestone.date)) throw new InputError(`two milestones on ${milestone.date}`);
    seen.add(milestone.date);
  }
}

export interface RecurringPeriods {
  /** Completed periods, oldest first. */
  past: DateRange[];
  /** The period containing today (or the first one, when it has not begun). */
  current: DateRange;
}

/**
 * A recurring goal starts anew every period of `kind`, the first one containing `firstFrom`.
 * `maxPast` bounds how many completed periods are returned (the most recent ones).
 */
export function recurringPeriods(kind: PeriodKind, firstFrom: LocalDate, today: LocalDate, weekStart: Weekday, maxPast = 520): RecurringPeriods {
  const first = periodContaining(kind, firstFrom, weekStart);
  if (today < first.from) return { past: [], current: first };
  const current = periodContaining(kind, today, weekStart);
  const past: DateRange[] = [];
  // maxPast 0 (the current period only): not even the period before is asked for.
  for (let period = maxPast > 0 ? shiftPeriod(kind, current, -1, weekStart) : null; period && period.from >= first.from && past.length < maxPast; period = shiftPeriod(kind, period, -1, weekStart)) {
    past.unshift(period);
  }
  return { past, current };
}

/**
 * Consecutive hit periods counting back from the latest: the current period counts when it
 * is already met, and does not break the streak while it is still running.
 */
export function streak(pastHits: readonly boolean[], currentMet: boolean): number {
  let count = currentMet ? 1 : 0;
  for (let i = pastHits.length - 1; i >= 0 && pastHits[i]; i--) count++;
  return count;
}

/** The current timeline of a goal: its own dates, or for a recurring goal the running period. */
export function currentTimeline(goal: { from: LocalDate; to: LocalDate; recurring: boolean; period: PeriodKind | null }, today: LocalDate, weekStart: Weekday): DateRange {
  if (!goal.recurring || goal.period === null) return { from: goal.from, to: goal.to };
  return recurringPeriods(goal.period, goal.from, today, weekStart, 0).current;
}

/** Active: recurring, or its timeline has not ended. `goal list` and the dashboard show these. */
export function isGoalActive(goal: { recurring: boolean; to: LocalDate }, today: LocalDate): boolean {
  return goal.recurring || goal.to >= today;
}
