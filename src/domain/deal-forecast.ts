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

/** Deals unlike any other are drawn this many at a time (one table of 2^8 sums per block). */
const BLOCK_DEALS = 8;

/**
 * Walker's alias table for outcomes 0..weights.length-1 with the given weights: one uniform
 * number picks an outcome with exactly its probability (Vose's construction).
 */
function aliasTable(weights: Float64Array): { cut: Float64Array; alias: Int32Array } {
  const k = weights.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const scaled = Float64Array.from(weights, (w) => (w * k) / total);
  const cut = new Float64Array(k).fill(1);
  const alias = Int32Array.from({ length: k }, (_, i) => i);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((w, i) => (w < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    cut[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  return { cut, alias };
}

/**
 * P(Σ won values ≥ need) from SIMULATION_DRAWS seeded draws, each deal won independently with
 * its probability. A draw takes the deals largest first and stops as soon as the target is met
 * or can no longer be met. Deals are drawn in units of one uniform number each: identical deals
 * (same value and probability) as how many of the n are won, from Binomial(n, p) read off
 * its cumulative distribution (a guide table says where to start looking); other deals up to eight at a time with one probability, as which
 * of them are won — a bit mask, each bit set with probability p, so a mask with j of b bits set
 * has probability p^j (1-p)^(b-j), picked from an alias table, its value from a table of the
 * 2^b sums. Both give exactly the distribution of one coin per deal, at an eighth of the steps
 * or fewer: thousands of open deals cost hundreds of steps per draw, not thousands.
 */
export function simulatedChance(need: number, deals: readonly ForecastDeal[], draws = SIMULATION_DRAWS, seed = SIMULATION_SEED): number {
  if (need <= 0) return 1;
  // Out of reach even if every deal is won: no tables to build (the usual case on a goal list).
  if (deals.reduce((sum, d) => sum + (d.probability > 0 ? countOf(d) * d.valueX100 : 0), 0) < need) return 0;
  interface Unit { first: number; full: number; binomial: boolean; count: number; value: number; table: Float64Array; cut: Float64Array; alias: Int32Array; guide: Int32Array }
  const units: Unit[] = [];
  const none = { cut: new Float64Array(0), alias: new Int32Array(0) };
  const noGuide = new Int32Array(0);
  const single = new Map<number, number[]>();
  for (const g of grouped(deals)) {
    if (g.probability <= 0) continue; // never won: adds nothing
    const p = Math.min(g.probability, 1);
    if (g.count > 1) {
      const cdf = binomialCdf(g.count, p);
      // guide[j]: the smallest k with cdf[k] > j / (count + 1), where the search for u starts.
      const guide = new Int32Array(g.count + 1);
      for (let j = 0, k = 0; j <= g.count; j++) {
        while (cdf[k] <= j / (g.count + 1)) k++;
        guide[j] = k;
      }
      units.push({ first: g.valueX100, full: g.valueX100 * g.count, binomial: true, count: g.count, value: g.valueX100, table: cdf, guide, ...none });
    }
    else single.set(p, [...(single.get(p) ?? []), g.valueX100]);
  }
  const aliases = new Map<string, ReturnType<typeof aliasTable>>();
  for (const [p, values] of single) {
    // Values arrive largest first: a block's first value is its largest.
    for (let i = 0; i < values.length; i += BLOCK_DEALS) {
      const block = values.slice(i, i + BLOCK_DEALS);
      const size = 1 << block.length;
      const sums = new Float64Array(size);
      for (let mask = 1; mask < size; mask++) sums[mask] = sums[mask & (mask - 1)] + block[31 - Math.clz32(mask & -mask)];
      const key = `${p}:${block.length}`;
      let alias = aliases.get(key);
      if (!alias) {
        const weights = new Float64Array(size);
        for (let mask = 0; mask < size; mask++) {
          let won = 0;
          for (let m = mask; m; m &= m - 1) won++;
          weights[mask] = p ** won * (1 - p) ** (block.length - won);
        }
        alias = aliasTable(weights);
        aliases.set(key, alias);
      }
      units.push({ first: block[0], full: sums[size - 1], binomial: false, count: size, value: 0, table: sums, guide: noGuide, ...alias });
    }
  }
  units.sort((a, b) => b.first - a.first);
  const n = units.length;
  const rest = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) rest[i] = rest[i + 1] + units[i].full;
  if (rest[0] < need) return 0;
  const random = seededRandom(seed);
  let hits = 0;
  for (let draw = 0; draw < draws; draw++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const unit = units[i];
      const u = random();
      if (unit.binomial) {
        // The smallest k with cdf[k] > u (how many of the `count` are won), from the guide on.
        const cdf = unit.table;
        let k = unit.guide[Math.floor(u * (unit.count + 1))];
        while (cdf[k] <= u) k++;
        sum += unit.value * k;
      } else {
        const x = u * unit.count;
        const k = Math.floor(x);
        sum += unit.table[x - k < unit.cut[k] ? k : unit.alias[k]];
      }
      if (sum >= need) { hits++; break; }
      if (sum + rest[i + 1] < need) break;
    }
  }
  return hits / draws;
}

/** 0–1 → whole percent, as the forecast's chance is shown. */
export function wholePercent(fraction: number): number {
  return Math.round(fraction * 100);
}
