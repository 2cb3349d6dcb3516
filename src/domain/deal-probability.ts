// Win probability per stage, learned from the rep's own closed deals (a funnel), with a
// Wilson 95% interval, or the stage's default while there are too few closed deals to learn from.
import { wilsonInterval } from './wilson.js';

/** Below this many closed deals that reached a stage, the stage's default probability is used. */
export const MIN_CLOSED_FOR_LEARNING = 5;

/** Defaults in percent for the stages spm ships with; a stage added later gets 50. */
const DEFAULT_PERCENT: Record<string, number> = { lead: 10, qualified: 25, proposal: 50, negotiation: 75 };
export const FALLBACK_DEFAULT_PERCENT = 50;

export function builtInDefaultPercent(stage: string): number {
  return DEFAULT_PERCENT[stage] ?? FALLBACK_DEFAULT_PERCENT;
}

/**
 * Closed deals that share a status and the set of stages their history holds. The store
 * hands these over already counted, so 50,000 closed deals are a few dozen groups.
 */
export interface ClosedDealGroup {
  status: 'won' | 'lost';
  /** Distinct stages in the deals' stage histories (order irrelevant; unknown stages ignored). */
  stagesSeen: readonly string[];
  count: number;
}

export interface StageProbability {
  stage: string;
  /** Closed deals that reached the stage, and how many of them were won. */
  reached: number;
  won: number;
  /** Fraction 0–1 used for forecasts. */
  probability: number;
  /** Wilson 95% bounds when learned; null with the default. */
  low: number | null;
  high: number | null;
  source: 'history' | 'default';
}

/**
 * For each stage s, in order: of the closed deals that reached s — their history holds s or a
 * later stage, so a deal that skipped s, or was imported straight into a later stage, still
 * reached it, and one moved back and forth counts once — the share won, with its Wilson
 * interval. `defaultPercent(stage)` supplies the probability below MIN_CLOSED_FOR_LEARNING.
 */
export function learnStageProbabilities(
  stages: readonly string[],
  closed: readonly ClosedDealGroup[],
  defaultPercent: (stage: string) => number,
): StageProbability[] {
  const reached = stages.map(() => 0);
  const won = stages.map(() => 0);
  for (const group of closed) {
    // The furthest stage reached; every stage up to it was reached once.
    const furthest = Math.max(-1, ...group.stagesSeen.map((s) => stages.indexOf(s)));
    for (let i = 0; i <= furthest; i++) {
      reached[i] += group.count;
      if (group.status === 'won') won[i] += group.count;
    }
  }
  return stages.map((stage, i) => {
    if (reached[i] < MIN_CLOSED_FOR_LEARNING) {
      return { stage, reached: reached[i], won: won[i], probability: defaultPercent(stage) / 100, low: null, high: null, source: 'default' };
    }
    const interval = wilsonInterval(won[i], reached[i])!;
    return { stage, reached: reached[i], won: won[i], probability: won[i] / reached[i], low: interval.low, high: interval.high, source: 'history' };
  });
}

/** The probability (0–1) of a stage, from a learned table; a stage missing from it counts 0. */
export function probabilityOf(table: readonly StageProbability[], stage: string): number {
  return table.find((p) => p.stage === stage)?.probability ?? 0;
}

/** 0–1 → percent with 2 decimals, as JSON carries probabilities. */
export function toPercent2(fraction: number | null): number | null {
  return fraction === null ? null : Math.round(fraction * 10000) / 100;
}
