// The report's advice: what was lost and why, which techniques win over a longer learning
// window (and whether the data can tell them apart), who is at risk, how often recurring
// goals were hit, and labels naming each trend bucket's real days. Pure.
import { addDays, formatShortDate, type LocalDate, type Weekday } from './local-date.js';
import { periodContaining, periodLabel, shiftPeriod, type DateRange, type PeriodKind } from './period.js';
import { centsToUnits } from './money.js';
import { wilsonInterval } from './wilson.js';
import { daysLate, isLateBy, type CustomerReorder } from './reorder.js';
import type { CustomerRef } from './records.js';
import { countOf } from './text.js';

/** Default of the `learning-window-days` setting. */
export const DEFAULT_LEARNING_WINDOW_DAYS = 90;
/** How many lost reasons the report keeps (most frequent first). */
export const TOP_LOST_REASONS = 5;
/** The name given to lost sales without a reason. */
export const NO_REASON_LABEL = '(no reason)';

// ── Lost ────────────────────────────────────────────────────────────────────────────────────

/** Lost sales of the range grouped by reason, case-insensitively (the store groups them). */
export interface LostReasonFacts {
  /** One spelling of the group; null for sales without a reason. */
  reason: string | null;
  count: number;
  amountCents: number;
}

export interface LostBlock {
  count: number;
  value: number;
  reasons: { reason: string; count: number; value: number }[];
}

/** Most frequent reason first, then the larger value, then the name. */
export function lostBlock(count: number, amountCents: number, reasons: readonly LostReasonFacts[]): LostBlock {
  const rows = reasons.map((r) => ({ reason: r.reason ?? NO_REASON_LABEL, count: r.count, cents: r.amountCents }))
    .sort((a, b) => b.count - a.count || b.cents - a.cents || a.reason.localeCompare(b.reason));
  return {
    count,
    value: centsToUnits(amountCents),
    reasons: rows.slice(0, TOP_LOST_REASONS).map((r) => ({ reason: r.reason, count: r.count, value: centsToUnits(r.cents) })),
  };
}

// ── Learning window ─────────────────────────────────────────────────────────────────────────

/** The learning window: `days` days ending on the report's last day. */
export function learningWindow(rangeTo: LocalDate, days: number): DateRange {
  return { from: addDays(rangeTo, -(days - 1)), to: rangeTo };
}

/** What the verdict compares: a technique's name and its won and lost counts. */
export interface TechniqueTally {
  technique: string;
  won: number;
  lost: number;
}

/**
 * One line on whether the window's data separates any two techniques. Two techniques differ
 * only when their 95% Wilson intervals do not overlap: the one with the highest lower bound
 * against the one with the lowest upper bound is the pair most likely to, so when even they
 * overlap, no pair is apart. Sales without a technique (`noneLabel`) are left out: "(none)" is
 * not a technique to choose. Never claims more than the intervals support. Short enough for one
 * line of an 80-column report with usual technique names.
 */
export function techniqueVerdict(tallies: readonly TechniqueTally[], days: number, noneLabel: string): string {
  const span = `over ${countOf(days, 'day')}`;
  const rated = tallies
    .filter((t) => t.technique !== noneLabel && t.won + t.lost > 0)
    .map((t) => {
      const interval = wilsonInterval(t.won, t.won + t.lost)!;
      return { ...t, rate: (t.won / (t.won + t.lost)) * 100, low: interval.low, high: interval.high };
    });
  if (rated.length === 0) return `No decided sales with a technique ${span}: nothing to compare yet.`;
  if (rated.length === 1) return `Only ${rated[0].technique} has decided sales ${span}: nothing to compare it with yet.`;
  const byName = (a: { technique: string }, b: { technique: string }) => a.technique.localeCompare(b.technique);
  const best = [...rated].sort((a, b) => b.low - a.low || b.rate - a.rate || byName(a, b))[0];
  const worst = [...rated].sort((a, b) => a.high - b.high || a.rate - b.rate || byName(a, b))[0];
  const pct = (rate: number) => `${Math.round(rate)}%`;
  if (best.low > worst.high) return `${best.technique} wins more than ${worst.technique}: ${pct(best.rate)} vs ${pct(worst.rate)} ${span}.`;
  if (rated.length === 2) {
    const [a, b] = [...rated].sort((x, y) => y.rate - x.rate || byName(x, y));
    return `${capitalize(span)} the data cannot tell ${a.technique} (${pct(a.rate)}) from ${b.technique} (${pct(b.rate)}) yet.`;
  }
  return `${capitalize(span)} the data cannot tell the ${rated.length} techniques apart yet.`;
}

const capitalize = (text: string) => text[0].toUpperCase() + text.slice(1);

// ── At risk ─────────────────────────────────────────────────────────────────────────────────

export interface AtRiskFacts {
  /** Customers whose latest check-in up to the report's day was rated 1 or 2, with no sale or check-in since (the first ones, when lowRatedTotal says more). */
  lowRated: { customer: CustomerRef; date: LocalDate; satisfaction: number }[];
  /** How many there are, when `lowRated` holds only the first of them, oldest first (the one-screen report). */
  lowRatedTotal?: number;
  /** High-severity concerns open on the report's day (the first ones, when highConcernsTotal says more). */
  highConcerns: { id: number; customer: CustomerRef; openedDate: LocalDate; summary: string }[];
  /** How many there are, when `highConcerns` holds only the first of them, in atRiskCustomers' order (the one-screen report). */
  highConcernsTotal?: number;
  /** Reorder predictions expected before the report's day with no won sale since (the first ones, when lateReordersTotal says more). */
  lateReorders: CustomerReorder[];
  /**
   * How many are late by more than half an interval, when `lateReorders` holds only the first
   * of them, oldest expected first (the one-screen report shows a screenful and the count).
   */
  lateReordersTotal?: number;
}

/** An at-risk entry: `--json` prints customer, why and since; the text view adds the command. */
export interface AtRiskEntry {
  customer: CustomerRef;
  why: string;
  /** The day the risk began: the check-in, the concern opened, the expected reorder. */
  since: LocalDate;
}

export interface AtRiskAdvice extends AtRiskEntry {
  /** What to type to act on it. */
  command: string;
}

/**
 * Everyone at risk on `asOf`, the most pressing kind first: open high concerns, then ratings
 * of 1 or 2 with no contact since, then reorders late by more than half an interval; within a
 * kind the oldest first (ties by customer id). A customer can appear once per reason. With
 * `limit`, the first that many of that list (the one-screen report shows no more): entries are
 * made only for them.
 */
export function atRiskCustomers(facts: AtRiskFacts, asOf: LocalDate, limit = Number.POSITIVE_INFINITY): AtRiskAdvice[] {
  // A ten-year database has thousands of late customers but few distinct days: format each day
  // and judge each (expected day, interval) once (it was half the report's time).
  const shortDays = new Map<LocalDate, string>();
  const short = (date: LocalDate) => shortDays.get(date) ?? shortDays.set(date, formatShortDate(date, asOf)).get(date)!;
  const lateDays = new Map<LocalDate, number>();
  const isLate = (r: { expected: LocalDate; intervalDays: number }) => {
    const late = lateDays.get(r.expected) ?? lateDays.set(r.expected, daysLate(r, asOf)).get(r.expected)!;
    return isLateBy(late, r.intervalDays);
  };
  // Each kind sorted before its entries are made (a stable sort on the same keys: the same order).
  const oldestFirst = <T extends { customer: CustomerRef }>(since: (item: T) => LocalDate) => (a: T, b: T) =>
    (since(a) < since(b) ? -1 : since(a) > since(b) ? 1 : 0) || a.customer.id - b.customer.id;
  const concerns = [...facts.highConcerns].sort(oldestFirst((c) => c.openedDate)).slice(0, limit).map((c) => ({
    customer: c.customer, since: c.openedDate, why: `high concern open since ${short(c.openedDate)}: ${c.summary}`,
    command: `spm concern resolve ${c.id}`,
  }));
  const ratings = [...facts.lowRated].sort(oldestFirst((k) => k.date)).slice(0, limit - concerns.length).map((k) => ({
    customer: k.customer, since: k.date, why: `rated ${k.satisfaction}/5 on ${short(k.date)}, no contact since`,
    command: `spm checkin add ${k.customer.id}`,
  }));
  const reorders = facts.lateReorders.filter(isLate).sort(oldestFirst((r) => r.expected)).slice(0, limit - concerns.length - ratings.length).map((r) => ({
    customer: r.customer, since: r.expected, why: `late to reorder: expected ${short(r.expected)}, buys every ${countOf(r.intervalDays, 'day')}`,
    command: `spm followup add ${r.customer.id} today`,
  }));
  return [...concerns, ...ratings, ...reorders];
}

/** How many atRiskCustomers lists, counting the low ratings and late reorders that `facts` holds only the first of. */
export function atRiskCount(facts: AtRiskFacts, asOf: LocalDate): number {
  const late = facts.lateReordersTotal ?? facts.lateReorders.filter((r) => isLateBy(daysLate(r, asOf), r.intervalDays)).length;
  return (facts.highConcernsTotal ?? facts.highConcerns.length) + (facts.lowRatedTotal ?? facts.lowRated.length) + late;
}

// ── Recurring goals hit ─────────────────────────────────────────────────────────────────────

/**
 * The periods of a recurring goal (kind, first period containing `firstFrom`) that lie wholly
 * inside `range` and are over before `today`: the ones a report can count as hit or missed.
 */
export function completedPeriodsWithin(kind: PeriodKind, firstFrom: LocalDate, range: DateRange, today: LocalDate, weekStart: Weekday): DateRange[] {
  const first = periodContaining(kind, firstFrom, weekStart);
  const periods: DateRange[] = [];
  for (let p = periodContaining(kind, range.from, weekStart); p.to <= range.to && p.to < today; p = shiftPeriod(kind, p, 1, weekStart)) {
    if (p.from >= range.from && p.from >= first.from) periods.push(p);
  }
  return periods;
}

/** "9 of 13 weeks hit". */
export function periodsHitText(hit: number, periods: number, kind: PeriodKind): string {
  return `${hit} of ${countOf(periods, kind)} hit`;
}

// ── Trend labels ────────────────────────────────────────────────────────────────────────────

/**
 * A trend bucket named by its real days: `Mar 2–8`, `Feb 23–Mar 1`, `Dec 29, 2025–Jan 4, 2026`
 * for weeks and custom blocks (a bucket cut short at today ends on today); `Feb 2026`, `2026-Q1`,
 * `2025` for whole months, quarters and years.
 */
export function trendBucketLabel(range: DateRange, kind: PeriodKind | 'custom', weekStart: Weekday): string {
  if (kind !== 'custom' && kind !== 'week') {
    const whole = periodContaining(kind, range.from, weekStart);
    if (whole.from === range.from && whole.to === range.to) return periodLabel(kind, range);
  }
  // formatShortDate(d, d): the month and day without the year.
  const from = formatShortDate(range.from, range.from);
  if (range.from === range.to) return from;
  if (range.from.slice(0, 4) !== range.to.slice(0, 4)) return `${formatShortDate(range.from)}–${formatShortDate(range.to)}`;
  if (range.from.slice(0, 7) === range.to.slice(0, 7)) return `${from}–${Number(range.to.slice(8))}`;
  return `${from}–${formatShortDate(range.to, range.to)}`;
}
