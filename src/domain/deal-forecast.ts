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
  const expected = deals.reduce((sum, d) => sum + d.probability * d.valueX100, 0);
  const need = targetX100 - actualX100;
  const exact = deals.length <= EXACT_MAX_DEALS;
  return {
    valueX100: actualX100 + expected,
    chanceToHit: exact ? exactChance(need, deals) : simulatedChance(need, deals),
    deals: deals.length,
    method: exact ? 'exact' : 'simulation',
  };
}

/** Deals by value, largest first (ties by probability): both methods stop earlier this way. */
function ordered(deals: readonly ForecastDeal[]): ForecastDeal[] {
  return [...deals].sort((a, b) => b.valueX100 - a.valueX100 || b.probability - a.probability);
}

/**
 * P(Σ won values ≥ need), exactly: P(i, need) = p·P(i+1, need − vᵢ) + (1 − p)·P(i+1, need),
 * memoised on (i, need), cut short when need is met (1) or the rest cannot meet it (0).
 */
export function exactChance(need: number, deals: readonly ForecastDeal[]): number {
  if (need <= 0) return 1;
  const list = ordered(deals);
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
 * far fewer than draws × deals steps.
 */
export function simulatedChance(need: number, deals: readonly ForecastDeal[], draws = SIMULATION_DRAWS, seed = SIMULATION_SEED): number {
  if (need <= 0) return 1;
  const list = ordered(deals);
  const n = list.length;
  const values = Float64Array.from(list, (d) => d.valueX100);
  const probabilities = Float64Array.from(list, (d) => d.probability);
  const rest = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) rest[i] = rest[i + 1] + values[i];
  if (rest[0] < need) return 0;
  const random = seededRandom(seed);
  let hits = 0;
  for (let draw = 0; draw < draws; draw++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (random() < probabilities[i]) {
        sum += values[i];
        if (sum >= need) { hits++; break; }
      } else if (sum + rest[i + 1] < need) break;
    }
  }
  return hits / draws;
}

/** 0–1 → whole percent, as the forecast's chance is shown. */
export function wholePercent(fraction: number): number {
  return Math.round(fraction * 100);
}
