// A goal's forecast from open deals: the expected value (actual + Σ probability × value) and the
// chance that actual plus the deals actually won reaches the target, each deal won
// independently with its probability. Exact up to EXACT_MAX_DEALS deals, a seeded simulation above.

import { seededRandom } from './random.js';

/** Up to this many deals the chance is computed exactly. */
export const EXACT_MAX_DEALS = 20;
export const SIMULATION_DRAWS = 20_000;
/** Fixed, so the same data gives the same chance on every run. */
export const SIMULATION_SEED = 0x5eed_2026;

export interface ForecastDeal {
  /** What winning it adds to the goal, in hundredths of the metric (cents; 100 per sale). */
  valueX100: number;
  /** 0–1 */
  probability: number;
  /** How many deals of this value and probability (default 1): the store counts identical ones. */
  count?: number;
}

export interface Forecast {
  /** actual + Σ probability × value, in hundredths of the metric. */
  valueX100: number;
  /** 0–1 */
  chanceToHit: number;
  deals: number;
  method: 'exact' | 'simulation';
}

/** Forecast for a goal with `actualX100` so far and `targetX100`, from the contributing deals. */
export function forecastGoal(actualX100: number, targetX100: number, deals: readonly ForecastDeal[]): Forecast {
  const expected = deals.reduce((sum, d) => sum + countOf(d) * d.probability * d.valueX100, 0);
  const need = targetX100 - actualX100;
  const total = deals.reduce((sum, d) => sum + countOf(d), 0);
  const exact = total <= EXACT_MAX_DEALS;
  return {
    valueX100: actualX100 + expected,
    chanceToHit: exact ? exactChance(need, deals) : simulatedChance(need, deals),
    deals: total,
    method: exact ? 'exact' : 'simulation',
  };
}

const countOf = (deal: ForecastDeal) => deal.count ?? 1;

/** Deals by value, largest first (ties by probability): both methods stop earlier this way. */
function ordered(deals: readonly ForecastDeal[]): ForecastDeal[] {
  return [...deals].sort((a, b) => b.valueX100 - a.valueX100 || b.probability - a.probability);
}

/** One entry per deal (counts expanded), for the exact method's few deals. */
function oneByOne(deals: readonly ForecastDeal[]): ForecastDeal[] {
  return deals.flatMap((d) => Array.from({ length: countOf(d) }, () => ({ valueX100: d.valueX100, probability: d.probability })));
}

/** Identical deals (value and probability) as one entry with their count, largest value first. */
function grouped(deals: readonly ForecastDeal[]): { valueX100: number; probability: number; count: number }[] {
  const groups: { valueX100: number; probability: number; count: number }[] = [];
  for (const d of ordered(deals)) {
    const last = groups[groups.length - 1];
    if (last && last.valueX100 === d.valueX100 && last.probability === d.probability) last.count += countOf(d);
    else if (countOf(d) > 0) groups.push({ valueX100: d.valueX100, probability: d.probability, count: countOf(d) });
  }
  return groups;
}

/**
 * The cumulative distribution of Binomial(n, p): cdf[k] = P(at most k of n won). Built from the
 * mode outwards with the ratio of neighbouring terms, so no term underflows before it matters.
 */
export function binomialCdf(n: number, p: number): Float64Array {
  const pmf = new Float64Array(n + 1);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  pmf[mode] = 1;
  const odds = p / (1 - p);
  for (let k = mode; k < n; k++) pmf[k + 1] = pmf[k] * ((n - k) / (k + 1)) * odds;
  for (let k = mode; k > 0; k--) pmf[k - 1] = pmf[k] * (k / (n - k + 1)) / odds;
  let total = 0;
  for (let k = 0; k <= n; k++) total += pmf[k];
  const cdf = new Float64Array(n + 1);
  let running = 0;
  for (let k = 0; k <= n; k++) {
    running += pmf[k];
    cdf[k] = running / total;
  }
  cdf[n] = 1;
  return cdf;
}

/**
 * P(Σ won values ≥ need), exactly: P(i, need) = p·P(i+1, need − vᵢ) + (1 − p)·P(i+1, need),
 * memoised on (i, need), cut short when need is met (1) or the rest cannot meet it (0).
 */
export function exactChance(need: number, deals: readonly ForecastDeal[]): number {
  if (need <= 0) return 1;
  const list = ordered(oneByOne(deals));
  const rest: number[] = new Array(list.length + 1).fill(0);
  for (let i = list.length - 1; i >= 0; i--) rest[i] = rest[i + 1] + list[i].valueX100;
  const memo = list.map(() => new Map<number, number>());
  const chance = (i: number, left: number): number => {
    if (left <= 0) return 1;
    if (rest[i] < left) return 0;
    const known = memo[i].get(left);
    if (known !== undefined) return known;
    const { probability: p, valueX100 } = list[i];
    const result = p * chance(i + 1, left - valueX100) + (1 - p) * chance(i + 1, left);
    memo[i].set(left, result);
    return result;
  };
  return chance(0, need);
}

/**
 * P(Σ won values ≥ need) from SIMULATION_DRAWS seeded draws. Each draw walks the deals largest
 * first and stops as soon as the target is met or can no longer be met, so a clear case costs
 * far fewer than draws × deals steps. Identical deals (same value and probability) are drawn
 * together: how many of the n are won is one draw from Binomial(n, p), read off its
 * cumulative distribution by bisection — the same distribution as n separate draws, at the
 * cost of one (a single deal is one draw, as it always was).
 */
export function simulatedChance(need: number, deals: readonly ForecastDeal[], draws = SIMULATION_DRAWS, seed = SIMULATION_SEED): number {
  if (need <= 0) return 1;
  const list = grouped(deals);
  const n = list.length;
  const values = Float64Array.from(list, (d) => d.valueX100);
  const probabilities = Float64Array.from(list, (d) => d.probability);
  const counts = Int32Array.from(list, (d) => d.count);
  const cdfs = list.map((d) => (d.count > 1 && d.probability > 0 && d.probability < 1 ? binomialCdf(d.count, d.probability) : null));
  const rest = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) rest[i] = rest[i + 1] + values[i] * counts[i];
  if (rest[0] < need) return 0;
  const random = seededRandom(seed);
  let hits = 0;
  for (let draw = 0; draw < draws; draw++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const cdf = cdfs[i];
      let won: number;
      // One deal, or a probability of 0 or 1 (all or none of the group): one draw.
      if (cdf === null) won = random() < probabilities[i] ? counts[i] : 0;
      else {
        // The smallest k with cdf[k] > u.
        const u = random();
        let low = 0;
        let high = counts[i];
        while (low < high) {
          const mid = (low + high) >> 1;
          if (cdf[mid] > u) high = mid;
          else low = mid + 1;
        }
        won = low;
      }
      if (won > 0) {
        sum += values[i] * won;
        if (sum >= need) { hits++; break; }
      }
      if (sum + rest[i + 1] < need) break;
    }
  }
  return hits / draws;
}

/** 0–1 → whole percent, as the forecast's chance is shown. */
export function wholePercent(fraction: number): number {
  return Math.round(fraction * 100);
}
