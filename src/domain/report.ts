// The report: which days it covers (from flags and today), and the pure buildReport(spec,
// facts) whose value `spm report --json` prints as is and the text renderer draws.
import { InputError } from './errors.js';
import { addDays, daysBetween, minDate, parseDateRange, type LocalDate, type Weekday } from './local-date.js';
import { parsePeriodKind, periodContaining, periodLabel, rangeLabel, shiftPeriod, type DateRange, type PeriodKind } from './period.js';
import { centsToUnits, round2 } from './money.js';
import { wilsonInterval } from './wilson.js';
import type { PipelinePeriod } from './deal-pipeline.js';
import {
  atRiskCustomers, DEFAULT_LEARNING_WINDOW_DAYS, learningWindow, lostBlock, techniqueVerdict,
  type AtRiskAdvice, type AtRiskEntry, type AtRiskFacts, type LostBlock, type LostReasonFacts,
} from './report-advice.js';

/** How many periods the trend shows, this one included. */
export const TREND_PERIODS = 12;
/** Below this many decided (won + lost) sales a technique's win rate is flagged as thin. */
export const ENOUGH_DATA_SALES = 5;
/** How many customers the "top customers" list keeps. */
export const TOP_CUSTOMERS = 5;
/** The name reports give to sales without a technique, product or segment. */
export const NONE_LABEL = '(none)';

export type ReportKind = PeriodKind | 'custom';

/** What the user asked for, as typed (flags of `spm report`). */
export interface ReportRequest {
  period?: string;
  last?: boolean;
  from?: string;
  to?: string;
}

export interface ReportSpec {
  kind: ReportKind;
  /** The days reported on, inclusive. */
  range: DateRange;
  label: string;
  /** The range is the current period cut off at today. */
  toDate: boolean;
  /** The range the change is measured against (its `sales` block is `previous`). */
  previous: DateRange;
  /** TREND_PERIODS ranges, oldest first; the last one is `range`. */
  trend: DateRange[];
  /** The day "open" and "overdue" are judged on: the range's end, or today if that is earlier. */
  asOf: LocalDate;
  today: LocalDate;
}

/**
 * Turns the flags into the report's ranges, against `today`:
 * - default / `--period K`: the current period of kind K (week by default) to date, i.e. from
 *   its first day up to today; the previous range is the same number of days at the start of
 *   the period before (like for like), the trend the 11 periods before plus this one to date.
 * - `--last` (with or without `--period`): the previous complete period; previous = the one
 *   before it, complete; the trend ends with it.
 * - `--from D [--to D]` (to defaults to today): any range of N days; previous = the N days
 *   just before it; the trend is 12 consecutive blocks of N days ending with the range.
 */
export function reportSpec(request: ReportRequest, today: LocalDate, weekStart: Weekday): ReportSpec {
  const custom = request.from !== undefined || request.to !== undefined;
  if (custom) {
    if (request.period !== undefined || request.last) throw new InputError('--from/--to cannot be combined with --period or --last', 'Give either a period (--period month [--last]) or a range (--from D --to D).');
    if (request.from === undefined) throw new InputError('--to needs --from', 'For example: spm report --from 2026-01-01 --to 2026-03-31');
    const parsed = parseDateRange(request.from, request.to ?? 'today', today);
    const from = parsed.from!;
    const to = parsed.to!;
    const days = daysBetween(from, to) + 1;
    const shift = (steps: number): DateRange => ({ from: addDays(from, steps * days), to: addDays(to, steps * days) });
    const range = { from, to };
    return {
      kind: 'custom', range, label: rangeLabel(range), toDate: false, previous: shift(-1),
      trend: Array.from({ length: TREND_PERIODS }, (_, i) => shift(i - (TREND_PERIODS - 1))),
      asOf: minDate(to, today), today,
    };
  }
  const kind = request.period !== undefined ? parsePeriodKind(request.period) : 'week';
  const current = periodContaining(kind, today, weekStart);
  const periodAt = (steps: number) => shiftPeriod(kind, current, steps, weekStart);
  if (request.last) {
    const range = periodAt(-1);
    return {
      kind, range, label: periodLabel(kind, range), toDate: false, previous: periodAt(-2),
      trend: Array.from({ length: TREND_PERIODS }, (_, i) => periodAt(i - TREND_PERIODS)),
      asOf: minDate(range.to, today), today,
    };
  }
  const range = { from: current.from, to: today };
  const before = periodAt(-1);
  const elapsedDays = daysBetween(range.from, range.to);
  const previous = { from: before.from, to: minDate(before.to, addDays(before.from, elapsedDays)) };
  const trend = Array.from({ length: TREND_PERIODS }, (_, i) => periodAt(i - (TREND_PERIODS - 1)));
  trend[TREND_PERIODS - 1] = range;
  const toDate = range.to < current.to;
  return { kind, range, label: `${periodLabel(kind, current)}${toDate ? ' (to date)' : ''}`, toDate, previous, trend, asOf: today, today };
}

// ── Facts: what the store aggregates (in cents and counts) ─────────────────────────────────

/** Won/lost counts and won revenue over some days. */
export interface SalesFacts {
  won: number;
  lost: number;
  wonCents: number;
}

/** One cell of the sales cube: sales in the range grouped by technique, product and outcome. */
export interface SalesCubeCell {
  technique: string | null;
  product: string | null;
  outcome: 'won' | 'lost';
  count: number;
  amountCents: number;
}

export interface ReportFacts {
  currency: string;
  cube: SalesCubeCell[];
  previous: SalesFacts;
  customers: {
    active: number;
    repeat: number;
    repeatRevenueCents: number;
    /** The biggest customers of the range by won revenue (at most TOP_CUSTOMERS). */
    top: { id: number; name: string; revenueCents: number; won: number }[];
  };
  /** Won revenue and count per customer segment (null = none). */
  segments: { segment: string | null; revenueCents: number; won: number }[];
  checkins: {
    count: number;
    /** How many check-ins were rated 1, 2, 3, 4, 5 (index 0 = 1). */
    ratings: [number, number, number, number, number];
  };
  followups: { done: number; overdue: number };
  concerns: { opened: number; resolved: number; open: number; resolveDaysTotal: number };
  /** Won revenue per trend range, aligned with spec.trend. */
  trendCents: number[];
}

// ── The report value ───────────────────────────────────────────────────────────────────────

/** One goal's progress, in the shape of `goal list --json` (filled in by the goals module). */
export interface ReportGoal {
  id: number;
  name: string;
  metric: string;
  target: number;
  from: LocalDate;
  to: LocalDate;
  /** null for a rate with nothing decided or rated yet */
  actual: number | null;
  percent: number | null;
  expected: number | null;
  projected: number | null;
  neededPerDay: number | null;
  status: string;
  milestones: { date: LocalDate; value: number; status: string }[];
  /** From open deals (revenue and sales goals running today), else null. */
  forecast?: { value: number; chanceToHit: number; deals: number } | null;
}

export interface SalesBlock {
  revenue: number;
  won: number;
  lost: number;
  winRate: number | null;
  averageDeal: number | null;
}

export interface TechniqueRow {
  technique: string;
  won: number;
  lost: number;
  winRate: number | null;
  winRateLow: number | null;
  winRateHigh: number | null;
  revenue: number;
  averageDeal: number | null;
  enoughData: boolean;
}

export interface NamedRevenue {
  name: string;
  revenue: number;
  won: number;
}

export interface Report {
  period: { from: LocalDate; to: LocalDate; label: string };
  currency: string;
  sales: SalesBlock;
  previous: SalesBlock;
  customers: {
    active: number;
    new: number;
    repeat: number;
    repeatRevenue: number;
    /** Beyond the documented keys: the top customers the text report shows. */
    top: { id: number; name: string; revenue: number; won: number }[];
  };
  checkins: {
    count: number;
    averageSatisfaction: number | null;
    rated: number;
    /** Beyond the documented keys: how many were rated 1…5 (index 0 = 1), for the distribution. */
    ratings: number[];
  };
  followups: { done: number; overdue: number };
  concerns: { opened: number; resolved: number; open: number; averageDaysToResolve: number | null };
  goals: ReportGoal[];
  /** Recurring goals whose period fits the range at least twice: how many periods were hit. */
  goalsHit: GoalHits[];
  techniques: TechniqueRow[];
  /** The same rows over the learning window (`learning-window-days` ending on the last day), and what they say. */
  learning: { from: LocalDate; to: LocalDate; techniques: TechniqueRow[]; verdict: string };
  products: NamedRevenue[];
  segments: NamedRevenue[];
  trend: { from: LocalDate; to: LocalDate; revenue: number }[];
  lost: LostBlock;
  atRisk: AtRiskEntry[];
  /** Deals in the period and the learned stage-to-won table; null when there has never been a deal. */
  pipeline?: PipelinePeriod | null;
}

/** A recurring goal's completed periods inside the range and how many of them met the target. */
export interface GoalHits {
  id: number;
  name: string;
  period: PeriodKind;
  hit: number;
  periods: number;
}

/** What the advice blocks read besides ReportFacts: gathered by the store and the goals module. */
export interface AdviceFacts {
  lostReasons: LostReasonFacts[];
  learning: { days: number; cube: SalesCubeCell[] };
  atRisk: AtRiskFacts;
  goalsHit: GoalHits[];
}

export const NO_ADVICE_FACTS: AdviceFacts = {
  lostReasons: [],
  learning: { days: DEFAULT_LEARNING_WINDOW_DAYS, cube: [] },
  atRisk: { lowRated: [], highConcerns: [], lateReorders: [] },
  goalsHit: [],
};

// Of nothing (0 / 0 is NaN) these give null: round2 turns anything not finite into null.
const percent = (part: number, whole: number): number | null => round2((part / whole) * 100);
const averageMoney = (cents: number, count: number): number | null => (count > 0 ? centsToUnits(Math.round(cents / count)) : null);

export function salesBlock(facts: SalesFacts): SalesBlock {
  return {
    revenue: centsToUnits(facts.wonCents),
    won: facts.won,
    lost: facts.lost,
    winRate: percent(facts.won, facts.won + facts.lost),
    averageDeal: averageMoney(facts.wonCents, facts.won),
  };
}

/** Sorted by revenue (largest first), then by won count, then by name, so ties read stably. */
function byRevenue<T extends { revenue: number; won: number }>(name: (row: T) => string) {
  return (a: T, b: T) => b.revenue - a.revenue || b.won - a.won || name(a).localeCompare(name(b));
}

export function techniqueRows(cube: SalesCubeCell[]): TechniqueRow[] {
  const groups = new Map<string, SalesFacts>();
  for (const cell of cube) {
    const key = cell.technique ?? NONE_LABEL;
    const group = groups.get(key) ?? { won: 0, lost: 0, wonCents: 0 };
    if (cell.outcome === 'won') {
      group.won += cell.count;
      group.wonCents += cell.amountCents;
    } else group.lost += cell.count;
    groups.set(key, group);
  }
  return [...groups].map(([technique, g]) => {
    const decided = g.won + g.lost;
    const interval = wilsonInterval(g.won, decided);
    return {
      technique,
      won: g.won,
      lost: g.lost,
      winRate: percent(g.won, decided),
      winRateLow: interval ? round2(interval.low * 100) : null,
      winRateHigh: interval ? round2(interval.high * 100) : null,
      revenue: centsToUnits(g.wonCents),
      averageDeal: averageMoney(g.wonCents, g.won),
      enoughData: decided >= ENOUGH_DATA_SALES,
    };
  }).sort(byRevenue((row) => row.technique));
}

function productRows(cube: SalesCubeCell[]): NamedRevenue[] {
  const groups = new Map<string, { cents: number; won: number }>();
  for (const cell of cube) {
    if (cell.outcome !== 'won') continue;
    const key = cell.product ?? NONE_LABEL;
    const group = groups.get(key) ?? { cents: 0, won: 0 };
    group.cents += cell.amountCents;
    group.won += cell.count;
    groups.set(key, group);
  }
  return [...groups].map(([name, g]) => ({ name, revenue: centsToUnits(g.cents), won: g.won })).sort(byRevenue((row) => row.name));
}

/**
 * The report value: pure, from the spec (ranges), the facts (aggregates) and the goals' progress.
 * `atRisk` is atRiskCustomers of the advice; a caller that also needs its commands passes it in.
 */
export function buildReport(
  spec: ReportSpec, facts: ReportFacts, goals: ReportGoal[], advice: AdviceFacts = NO_ADVICE_FACTS,
  atRisk: AtRiskAdvice[] = atRiskCustomers(advice.atRisk, spec.asOf),
): Report {
  const totals: SalesFacts = { won: 0, lost: 0, wonCents: 0 };
  let lostCents = 0;
  for (const cell of facts.cube) {
    if (cell.outcome === 'won') {
      totals.won += cell.count;
      totals.wonCents += cell.amountCents;
    } else {
      totals.lost += cell.count;
      lostCents += cell.amountCents;
    }
  }
  const window = learningWindow(spec.range.to, advice.learning.days);
  // Ranked by win rate (then by the lower bound, so more data wins a tie): that is what the window is for.
  const learningRows = techniqueRows(advice.learning.cube)
    .sort((a, b) => (b.winRate ?? -1) - (a.winRate ?? -1) || (b.winRateLow ?? -1) - (a.winRateLow ?? -1) || a.technique.localeCompare(b.technique));
  const rated = facts.checkins.ratings.reduce((sum, n) => sum + n, 0);
  const ratingSum = facts.checkins.ratings.reduce((sum, n, i) => sum + n * (i + 1), 0);
  const { active, repeat } = facts.customers;
  return {
    period: { from: spec.range.from, to: spec.range.to, label: spec.label },
    currency: facts.currency,
    sales: salesBlock(totals),
    previous: salesBlock(facts.previous),
    lost: lostBlock(totals.lost, lostCents, advice.lostReasons),
    customers: {
      active,
      new: active - repeat,
      repeat,
      repeatRevenue: centsToUnits(facts.customers.repeatRevenueCents),
      top: facts.customers.top.map((c) => ({ id: c.id, name: c.name, revenue: centsToUnits(c.revenueCents), won: c.won })),
    },
    atRisk: atRisk.map(({ customer, why, since }) => ({ customer: { id: customer.id, name: customer.name }, why, since })),
    checkins: {
      count: facts.checkins.count,
      averageSatisfaction: round2(ratingSum / rated),
      rated,
      ratings: [...facts.checkins.ratings],
    },
    followups: { done: facts.followups.done, overdue: facts.followups.overdue },
    concerns: {
      opened: facts.concerns.opened,
      resolved: facts.concerns.resolved,
      open: facts.concerns.open,
      averageDaysToResolve: round2(facts.concerns.resolveDaysTotal / facts.concerns.resolved),
    },
    goals,
    goalsHit: advice.goalsHit,
    techniques: techniqueRows(facts.cube),
    learning: {
      from: window.from,
      to: window.to,
      techniques: learningRows,
      verdict: techniqueVerdict(learningRows, advice.learning.days, NONE_LABEL),
    },
    products: productRows(facts.cube),
    segments: facts.segments
      .map((s) => ({ name: s.segment ?? NONE_LABEL, revenue: centsToUnits(s.revenueCents), won: s.won }))
      .sort(byRevenue((row) => row.name)),
    trend: spec.trend.map((range, i) => ({ from: range.from, to: range.to, revenue: centsToUnits(facts.trendCents[i] ?? 0) })),
  };
}
