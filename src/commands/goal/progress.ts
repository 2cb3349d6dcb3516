// A goal's progress as of today (facts from the store, pace from the domain), its JSON shape,
// value formatting, and the one-line progress messages shown after a sale or check-in.
import type { Store } from '../../store/store.js';
import type { Checkin, Sale } from '../../domain/records.js';
import type { LocalDate, Weekday } from '../../domain/local-date.js';
import { addDays, minDate } from '../../domain/local-date.js';
import type { DateRange } from '../../domain/period.js';
import { formatMoney, formatMoneySummary } from '../../domain/money.js';
import { sanitizeLine } from '../../domain/text.js';
import { currentTimeline, goalPace, METRIC_INFO, type DailyFact, type Goal, type GoalMetric, type GoalPace, type MetricSums } from '../../domain/goal-pace.js';
import { customerKind } from '../../domain/rules/new-or-repeat.js';
import { round2 } from '../../ui/json.js';
import { withForecast, type GoalForecast } from './forecast.js';

export interface GoalProgress {
  goal: Goal;
  timeline: DateRange;
  pace: GoalPace;
  facts: DailyFact[];
  /** From open deals, for revenue and sales goals running today; set only by views that show it. */
  forecast?: GoalForecast | null;
}

/**
 * Facts over [from, min(today, to)] by one aggregate query, then the pace. `cache` (one per
 * read transaction) lets goals with the same metric, filters and range share the query.
 */
export function evaluateGoal(store: Store, goal: Goal, timeline: DateRange, today: LocalDate, cache?: Map<string, unknown>): GoalProgress {
  const facts = store.goals.dailyFacts(goal, timeline.from, minDate(today, timeline.to), cache);
  // Goals sharing their facts (through the cache) share the sums over them too.
  let sums: MetricSums | undefined;
  if (cache) {
    sums = cache.get('metric-sums') as MetricSums | undefined;
    if (sums === undefined) cache.set('metric-sums', (sums = new WeakMap()));
  }
  return progressFromFacts(goal, timeline, facts, today, sums);
}

/** The pace of a goal over `timeline` from facts already read (up to min(today, end)). */
export function progressFromFacts(goal: Goal, timeline: DateRange, facts: DailyFact[], today: LocalDate, sums?: MetricSums): GoalProgress {
  const pace = goalPace({ metric: goal.metric, target: goal.target, from: timeline.from, to: timeline.to, milestones: goal.recurring ? [] : goal.milestones }, facts, today, sums);
  return { goal, timeline, pace, facts };
}

export function evaluateCurrent(store: Store, goal: Goal, today: LocalDate, weekStart: Weekday, cache?: Map<string, unknown>): GoalProgress {
  return evaluateGoal(store, goal, currentTimeline(goal, today, weekStart), today, cache);
}

/** Values in JSON: money in currency units, everything at most 2 decimals. */
const value = (v: number | null) => round2(v);

/** The `goal list --json` element (docs/contract.md). */
export function goalProgressJson(progress: GoalProgress): Record<string, unknown> {
  const { goal, pace } = progress;
  return {
    id: goal.id,
    name: goal.name,
    metric: goal.metric,
    target: value(goal.target),
    from: pace.from,
    to: pace.to,
    actual: value(pace.actual),
    percent: value(pace.percent),
    expected: value(pace.expected),
    projected: value(pace.projected),
    neededPerDay: value(pace.neededPerDay),
    status: pace.status,
    milestones: pace.milestones.map((m) => ({ date: m.date, value: value(m.value), status: m.status })),
    forecast: progress.forecast ?? null,
  };
}

/** The goal as stored, for write commands' `--json`. */
export function goalRecordJson(goal: Goal): Record<string, unknown> {
  return {
    id: goal.id,
    name: goal.name,
    metric: goal.metric,
    target: value(goal.target),
    period: goal.period,
    from: goal.from,
    to: goal.to,
    recurring: goal.recurring,
    segment: goal.segment,
    product: goal.product,
    technique: goal.technique,
    archived: goal.archived,
    milestones: goal.milestones.map((m) => ({ date: m.date, value: value(m.value) })),
  };
}

/**
 * `$30,000`, `12`, `42.5%`, `4.25`, `2.75` — a metric value for a person, the same in every
 * view (goal list and show, the dashboard, the report): money as a summary amount, a win rate
 * to a tenth of a percent, anything else to the hundredth, without trailing zeros.
 */
export function formatValue(metric: GoalMetric, amount: number | null, currency: string): string {
  if (amount === null) return '—';
  if (METRIC_INFO[metric].money) return formatMoneySummary(Math.round(amount * 100), currency);
  const places = metric === 'win-rate' ? 1 : 2;
  const text = String(Number((Math.round(amount * 10 ** places) / 10 ** places).toFixed(places)));
  return metric === 'win-rate' ? `${text}%` : text;
}

export function formatPercent(percent: number | null): string {
  return percent === null ? '—' : `${Math.round(percent)}%`;
}

/**
 * `$693.75/day`, `$300/day`, `0.07/day`: needed per day as goalPace gives it (already rounded
 * up to the hundredth, see neededPerDayToReach), to the cent, never rounded again.
 */
export function formatPerDay(metric: GoalMetric, perDay: number | null, currency: string): string {
  if (perDay === null) return '';
  if (METRIC_INFO[metric].money) return `${formatMoney(Math.round(perDay * 100), currency, true)}/day`;
  return `${Math.round(perDay * 100) / 100}/day`;
}

/** A sale or a check-in, just recorded. */
export type GoalRecord = Sale | Checkin;

/** What a goal needs to know about the recorded sale's or check-in's customer, read once per record. */
interface RecordCustomer {
  segment: string | null;
  /** Their first won sale ever (this sale included), or null. */
  firstWon: LocalDate | null;
}

/** Whether the record counts toward the goal's metric and filters (timeline aside). */
function countsToward(goal: Goal, record: GoalRecord, timeline: DateRange, customer: RecordCustomer): boolean {
  const isSale = 'outcome' in record;
  const info = METRIC_INFO[goal.metric];
  if (goal.segment !== null && (customer.segment === null || customer.segment.toLowerCase() !== goal.segment.toLowerCase())) return false;
  if (isSale) {
    if (goal.product !== null && (record.product ?? '').toLowerCase() !== goal.product.toLowerCase()) return false;
    if (goal.technique !== null && (record.technique ?? '').toLowerCase() !== goal.technique.toLowerCase()) return false;
    if (goal.metric === 'win-rate') return true;
    if (record.outcome !== 'won') return false;
    if (goal.metric === 'revenue' || goal.metric === 'sales') return true;
    const kind = customerKind(customer.firstWon, { from: timeline.from, to: record.date });
    // New only when this sale is the customer's first won sale ever (a later one adds nothing).
    if (goal.metric === 'new-customers') return kind === 'new' && customer.firstWon === record.date;
    if (goal.metric === 'repeat-revenue') return kind === 'repeat';
    return false;
  }
  if (info.filters.length > 0 && (goal.product !== null || goal.technique !== null)) return false;
  if (goal.metric === 'checkins') return true;
  return goal.metric === 'satisfaction' && record.satisfaction !== null;
}

/**
 * One line per active goal the just-recorded sale or check-in counts toward, as of `today`:
 * `Q1 revenue: 63% of $30,000 — expected 58% by today; $410.00/day to go`. The goals (with
 * their milestones) and the customer are read once; goals over the same facts share a query.
 */
export function goalProgressLines(store: Store, record: GoalRecord, today: LocalDate): string[] {
  const settings = store.settings.get();
  const lines: string[] = [];
  const cache = new Map<string, unknown>();
  let customer: RecordCustomer | undefined;
  const recordCustomer = () => (customer ??= { segment: store.customers.get(record.customer.id).segment, firstWon: store.goals.firstWonSale(record.customer.id) });
  for (const goal of store.goals.list(false)) {
    const timeline = currentTimeline(goal, today, settings.weekStart);
    if (record.date < timeline.from || record.date > minDate(today, timeline.to)) continue;
    if (!countsToward(goal, record, timeline, recordCustomer())) continue;
    lines.push(progressLine(evaluateGoal(store, goal, timeline, today, cache), settings.currency));
  }
  return lines;
}

export function progressLine(progress: GoalProgress, currency: string): string {
  const line = paceLine(progress, currency);
  return progress.forecast ? `${line} · ${forecastText(progress.goal.metric, progress.forecast, currency)}` : line;
}

/** `forecast $31,200, 58% chance to hit` */
export function forecastText(metric: GoalMetric, forecast: GoalForecast, currency: string): string {
  const value = METRIC_INFO[metric].money ? formatMoney(Math.round(forecast.value) * 100, currency, true) : formatValue(metric, forecast.value, currency);
  return `forecast ${value}, ${forecast.chanceToHit}% chance to hit`;
}

function paceLine({ goal, pace }: GoalProgress, currency: string): string {
  const name = sanitizeLine(goal.name);
  const target = formatValue(goal.metric, goal.target, currency);
  if (METRIC_INFO[goal.metric].kind === 'rate') {
    return `${name}: ${formatValue(goal.metric, pace.actual, currency)} against a target of ${target} — ${pace.status}`;
  }
  const head = `${name}: ${formatPercent(pace.percent)} of ${target}`;
  if (pace.status === 'met') return `${head} — met`;
  const expected = `expected ${formatPercent((pace.expected / goal.target) * 100)} by today`;
  return pace.neededPerDay !== null ? `${head} — ${expected}; ${formatPerDay(goal.metric, pace.neededPerDay, currency)} to go` : `${head} — ${expected}`;
}

/**
 * The goals a report over `range` shows: every non-archived goal whose timeline overlaps the
 * range, judged as of `asOf` (the range's end, or today if earlier). A recurring goal shows
 * the period that contains `asOf`. A range that ended before today is complete, so a timeline
 * that ended with it is over: judged the day after, met or missed, never "behind" on its
 * last day (the same figures: nothing after the timeline's end is counted).
 */
export function goalsOverlapping(store: Store, range: DateRange, asOf: LocalDate, weekStart: Weekday, today: LocalDate): ReturnType<typeof goalProgressJson>[] {
  const cache = new Map<string, unknown>();
  return store.goals.list(false)
    .map((goal) => ({ goal, timeline: currentTimeline(goal, asOf, weekStart) }))
    .filter(({ timeline }) => timeline.from <= range.to && timeline.to >= range.from)
    .map(({ goal, timeline }) => {
      const judgedOn = asOf < today && timeline.to <= asOf ? addDays(timeline.to, 1) : asOf;
      const progress = evaluateGoal(store, goal, timeline, judgedOn, cache);
      // Open deals forecast from today: a report judged on another day shows none.
      return goalProgressJson(judgedOn === today ? withForecast(store, progress, today, cache) : progress);
    });
}
