// Reorder predictions: when a customer who buys on a rhythm is expected to buy again, and
// whether they are due (soon or late) or, in the report, at risk. Pure: dates in, dates out.
import { addDays, daysBetween, type LocalDate } from './local-date.js';
import type { CustomerRef } from './records.js';

/** A prediction needs won sales on at least this many distinct days (two gaps). */
export const REORDER_MIN_DAYS = 3;
/** "Due to reorder": the expected day is at most this many days after today (or past). */
export const REORDER_WINDOW_DAYS = 3;

/** One won sale, as the prediction reads it (lost sales are not purchases: never passed in). */
export interface WonSale {
  date: LocalDate;
  amountCents: number;
}

export interface ReorderPrediction {
  /** Median gap between consecutive distinct won-sale days, in whole days. */
  intervalDays: number;
  lastWon: LocalDate;
  /** lastWon + intervalDays. */
  expected: LocalDate;
  /** Mean amount per won sale (every won sale, same-day ones included), in whole cents. */
  averageWonCents: number;
}

export interface CustomerReorder extends ReorderPrediction {
  customer: CustomerRef;
}

/**
 * The median of whole-day gaps; with an even count, the mean of the two middle ones rounded
 * half up to a whole day (10 and 31 days -> 21). Gaps are positive integers.
 */
export function medianGapDays(gaps: readonly number[]): number {
  const sorted = [...gaps].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle];
  return Math.floor((sorted[middle - 1] + sorted[middle]) / 2 + 0.5);
}

/**
 * The prediction from a customer's won sales (any order), or null with fewer than
 * REORDER_MIN_DAYS distinct days. The store keeps the same figures in `customer_reorder`
 * (schema v9) for the daily view; a test holds the two equal.
 */
export function predictReorder(wonSales: readonly WonSale[]): ReorderPrediction | null {
  if (wonSales.length === 0) return null;
  const days = [...new Set(wonSales.map((s) => s.date))].sort();
  if (days.length < REORDER_MIN_DAYS) return null;
  const gaps = days.slice(1).map((day, i) => daysBetween(days[i], day));
  const intervalDays = medianGapDays(gaps);
  const lastWon = days[days.length - 1];
  const totalCents = wonSales.reduce((sum, s) => sum + s.amountCents, 0);
  return { intervalDays, lastWon, expected: addDays(lastWon, intervalDays), averageWonCents: Math.round(totalCents / wonSales.length) };
}

/**
 * Due to reorder on `today`: expected within the next REORDER_WINDOW_DAYS days (today + 3
 * included) or already past. The caller leaves out customers with an open follow-up: a
 * scheduled touch already covers them. A won sale after `lastWon` would have moved the
 * prediction, so "no won sale since" holds by construction.
 */
export function isDueToReorder(prediction: Pick<ReorderPrediction, 'expected'>, today: LocalDate): boolean {
  return prediction.expected <= addDays(today, REORDER_WINDOW_DAYS);
}

/** Days past the expected day on `asOf` (0 when not yet late). */
export function daysLate(prediction: Pick<ReorderPrediction, 'expected'>, asOf: LocalDate): number {
  return Math.max(0, daysBetween(prediction.expected, asOf));
}

/** At risk in the report: late by more than half an interval (35-day rhythm: 18 days late). */
export function isLateForReorder(prediction: Pick<ReorderPrediction, 'expected' | 'intervalDays'>, asOf: LocalDate): boolean {
  return isLateBy(daysLate(prediction, asOf), prediction.intervalDays);
}

/** The rule of isLateForReorder on a number of days late already counted. */
export function isLateBy(daysLateCount: number, intervalDays: number): boolean {
  return daysLateCount * 2 > intervalDays;
}

/** Largest average won amount first (worth the most), then the earliest expected, then id. */
export function rankDueToReorder<T extends CustomerReorder>(due: readonly T[]): T[] {
  return [...due].sort((a, b) => b.averageWonCents - a.averageWonCents
    || (a.expected < b.expected ? -1 : a.expected > b.expected ? 1 : 0)
    || a.customer.id - b.customer.id);
}

/** A customer's stored prediction: the figures of predictReorder, with totals instead of the average. */
export interface ReorderFigures {
  customerId: number;
  lastWon: LocalDate;
  intervalDays: number;
  wonCount: number;
  wonCents: number;
}

/**
 * Every customer's reorder figures from all won sales read once in date order (as an index on
 * the date gives them, no sort): the same rule as predictReorder, for a whole table at a time
 * (a large import recomputes every customer). Per customer a few numbers; the gaps go to one
 * growing log of typed arrays and are grouped by customer at the end (a counting sort): per-
 * customer arrays growing while a million rows stream by cost twice as much, in the collector.
 */
export class ReorderTally {
  private readonly index = new Map<number, number>();
  private readonly customerIds: number[] = [];
  private readonly lastWon: LocalDate[] = [];
  private readonly lastDay: number[] = [];
  private readonly gapCount: number[] = [];
  private readonly wonCount: number[] = [];
  private readonly wonCents: number[] = [];
  private gapOwner = new Int32Array(1 << 16);
  private gapDays = new Int32Array(1 << 16);
  private gaps = 0;
  private firstDate: LocalDate | undefined;
  private date: LocalDate | undefined;
  private day = 0;

  /** The next won sale; dates must not go down. */
  add(customerId: number, date: LocalDate, amountCents: number): void {
    if (date !== this.date) {
      if (this.date !== undefined && date < this.date) throw new Error(`ReorderTally: ${date} after ${this.date}`);
      this.firstDate ??= date;
      // A calendar difference once per distinct date, not per sale.
      this.day = daysBetween(this.firstDate, date);
      this.date = date;
    }
    const i = this.index.get(customerId);
    if (i === undefined) {
      this.index.set(customerId, this.customerIds.length);
      this.customerIds.push(customerId);
      this.lastWon.push(this.date);
      this.lastDay.push(this.day);
      this.gapCount.push(0);
      this.wonCount.push(1);
      this.wonCents.push(amountCents);
      return;
    }
    if (this.day !== this.lastDay[i]) {
      if (this.gaps === this.gapDays.length) this.grow();
      this.gapOwner[this.gaps] = i;
      this.gapDays[this.gaps++] = this.day - this.lastDay[i];
      this.gapCount[i]++;
      this.lastDay[i] = this.day;
      this.lastWon[i] = this.date;
    }
    this.wonCount[i]++;
    this.wonCents[i] += amountCents;
  }

  private grow(): void {
    const owner = new Int32Array(this.gapOwner.length * 2);
    owner.set(this.gapOwner);
    this.gapOwner = owner;
    const days = new Int32Array(this.gapDays.length * 2);
    days.set(this.gapDays);
    this.gapDays = days;
  }

  /** The customers with won sales on at least REORDER_MIN_DAYS distinct days, by first won sale. */
  *figures(): Generator<ReorderFigures> {
    const customers = this.customerIds.length;
    const start = new Int32Array(customers + 1);
    for (let i = 0; i < customers; i++) start[i + 1] = start[i] + this.gapCount[i];
    const next = start.slice(0, customers);
    const grouped = new Int32Array(this.gaps);
    for (let g = 0; g < this.gaps; g++) grouped[next[this.gapOwner[g]]++] = this.gapDays[g];
    for (let i = 0; i < customers; i++) {
      if (this.gapCount[i] + 1 < REORDER_MIN_DAYS) continue;
      yield {
        customerId: this.customerIds[i], lastWon: this.lastWon[i], intervalDays: medianGapDays(Array.from(grouped.subarray(start[i], start[i + 1]))),
        wonCount: this.wonCount[i], wonCents: this.wonCents[i],
      };
    }
  }
}
