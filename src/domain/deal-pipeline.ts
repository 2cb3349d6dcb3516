// The pipeline board as one value: per stage deals, value, probability and weighted value, the
// totals, and the deals to act on (stale, close date passed). Text and --json render this value.
import type { LocalDate } from './local-date.js';
import { daysInStage, isCloseOverdue, isStale, type Deal } from './deal.js';
import { probabilityOf, toPercent2, type StageProbability } from './deal-probability.js';
import { centsToUnits } from './money.js';

/** Open deals of one stage, counted and summed by the store. */
export interface StageSum {
  stage: string;
  deals: number;
  valueCents: number;
}

export interface PipelineDeal {
  id: number;
  customer: { id: number; name: string };
  title: string;
  value: number;
  stage: string;
  status: string;
  expectedClose: LocalDate | null;
  daysInStage: number;
  probability: number | null;
}

export interface PipelineStage {
  stage: string;
  deals: number;
  value: number;
  probability: number | null;
  probabilityLow: number | null;
  probabilityHigh: number | null;
  probabilitySource: 'history' | 'default';
  weightedValue: number;
}

export interface Pipeline {
  date: LocalDate;
  stages: PipelineStage[];
  totals: { deals: number; value: number; weightedValue: number };
  stale: PipelineDeal[];
  closeOverdue: PipelineDeal[];
}

/** A deal as the pipeline's JSON shows it (money in currency units, probability in percent). */
export function pipelineDeal(deal: Deal, today: LocalDate, probabilities: readonly StageProbability[]): PipelineDeal {
  return {
    id: deal.id,
    customer: { id: deal.customer.id, name: deal.customer.name },
    title: deal.title,
    value: centsToUnits(deal.valueCents),
    stage: deal.stage,
    status: deal.status,
    expectedClose: deal.expectedCloseDate,
    daysInStage: daysInStage(deal, today),
    probability: deal.status === 'open' ? toPercent2(probabilityOf(probabilities, deal.stage)) : null,
  };
}

/** Weighted value in cents: what a deal is worth to the forecast. Ranks the deals to move. */
export function weightedCents(deal: Pick<Deal, 'valueCents' | 'stage'>, probabilities: readonly StageProbability[]): number {
  return deal.valueCents * probabilityOf(probabilities, deal.stage);
}

/** Largest weighted value first, then the older id, so the order is stable. */
export function byWeightedValue(probabilities: readonly StageProbability[]): (a: Deal, b: Deal) => number {
  return (a, b) => weightedCents(b, probabilities) - weightedCents(a, probabilities) || a.id - b.id;
}

export function buildPipeline(input: {
  today: LocalDate;
  probabilities: readonly StageProbability[];
  sums: readonly StageSum[];
  stale: readonly Deal[];
  closeOverdue: readonly Deal[];
}): Pipeline {
  const { today, probabilities } = input;
  let weightedTotalCents = 0;
  const stages = probabilities.map((p) => {
    const sum = input.sums.find((s) => s.stage === p.stage) ?? { deals: 0, valueCents: 0 };
    const weighted = sum.valueCents * p.probability;
    weightedTotalCents += weighted;
    return {
      stage: p.stage,
      deals: sum.deals,
      value: centsToUnits(sum.valueCents),
      probability: toPercent2(p.probability),
      probabilityLow: toPercent2(p.low),
      probabilityHigh: toPercent2(p.high),
      probabilitySource: p.source,
      weightedValue: centsToUnits(weighted),
    };
  });
  const totalCents = input.sums.reduce((s, x) => s + x.valueCents, 0);
  const rank = byWeightedValue(probabilities);
  return {
    date: today,
    stages,
    totals: { deals: input.sums.reduce((s, x) => s + x.deals, 0), value: centsToUnits(totalCents), weightedValue: centsToUnits(weightedTotalCents) },
    stale: [...input.stale].sort(rank).map((d) => pipelineDeal(d, today, probabilities)),
    closeOverdue: [...input.closeOverdue].sort(rank).map((d) => pipelineDeal(d, today, probabilities)),
  };
}

/** A deal the daily view asks to act on, and why: stale in its stage, its close date passed, or both. */
export interface DealToMove extends PipelineDeal {
  weightedValue: number;
  why: string;
}

/**
 * The deals to move among `candidates` (open deals, stale or with a passed close date), largest
 * weighted value first: what a rep stands to lose most by leaving them.
 */
export function dealsToMove(candidates: readonly Deal[], today: LocalDate, probabilities: readonly StageProbability[], staleDays: number): DealToMove[] {
  return [...candidates].sort(byWeightedValue(probabilities)).flatMap((deal) => {
    const reasons = [
      isStale(deal, today, staleDays) ? `${daysInStage(deal, today)} days in ${deal.stage}` : null,
      isCloseOverdue(deal, today) ? `close date ${deal.expectedCloseDate} passed` : null,
    ].filter((r): r is string => r !== null);
    if (reasons.length === 0) return [];
    return [{ ...pipelineDeal(deal, today, probabilities), weightedValue: centsToUnits(weightedCents(deal, probabilities)), why: reasons.join(', ') }];
  });
}

/** The report's Pipeline block: what happened to deals in a period, and the stage-to-won table. */
export interface PipelinePeriod {
  created: { deals: number; value: number };
  /** Deals that entered a later stage than the one they were in, in the period. */
  advanced: { deals: number; value: number };
  won: { deals: number; value: number; averageDaysToWin: number | null };
  lost: { deals: number; value: number };
  stages: { stage: string; reached: number; won: number; probability: number | null; probabilityLow: number | null; probabilityHigh: number | null; probabilitySource: 'history' | 'default' }[];
}

export function buildPipelinePeriod(input: {
  figures: { created: { deals: number; valueCents: number }; won: { deals: number; valueCents: number; averageDaysToWin: number | null }; lost: { deals: number; valueCents: number } };
  /** Stage changes in the period with the stage before each (null: the deal's first entry). */
  changes: readonly { dealId: number; stage: string; previous: string | null; valueCents: number }[];
  stages: readonly string[];
  probabilities: readonly StageProbability[];
}): PipelinePeriod {
  const { figures, stages } = input;
  const advanced = new Map<number, number>();
  for (const change of input.changes) {
    if (change.previous !== null && stages.indexOf(change.stage) > stages.indexOf(change.previous)) advanced.set(change.dealId, change.valueCents);
  }
  const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return {
    created: { deals: figures.created.deals, value: centsToUnits(figures.created.valueCents) },
    advanced: { deals: advanced.size, value: centsToUnits([...advanced.values()].reduce((a, b) => a + b, 0)) },
    won: { deals: figures.won.deals, value: centsToUnits(figures.won.valueCents), averageDaysToWin: round1(figures.won.averageDaysToWin) },
    lost: { deals: figures.lost.deals, value: centsToUnits(figures.lost.valueCents) },
    stages: input.probabilities.map((p) => ({
      stage: p.stage, reached: p.reached, won: p.won, probability: toPercent2(p.probability),
      probabilityLow: toPercent2(p.low), probabilityHigh: toPercent2(p.high), probabilitySource: p.source,
    })),
  };
}
