// How a deal looks in JSON, and the stage probabilities every deal view needs.
import type { Store } from '../../store/store.js';
import type { Deal } from '../../domain/deal.js';
import type { LocalDate } from '../../domain/local-date.js';
import { learnStageProbabilities, type StageProbability } from '../../domain/deal-probability.js';
import { pipelineDeal } from '../../domain/deal-pipeline.js';
import { dealProbabilityPercent, type Settings } from '../../domain/settings.js';

export interface DealSetup {
  settings: Settings;
  stages: string[];
  probabilities: StageProbability[];
}

/** The stage list and the learned (or default) probability of each stage. Call inside a read. */
export function dealSetup(store: Store): DealSetup {
  const settings = store.settings.get();
  const stages = settings.dealStages.split(',');
  const probabilities = learnStageProbabilities(stages, store.deals.closedGroups(), (stage) => dealProbabilityPercent(settings, stage));
  return { settings, stages, probabilities };
}

/** The pipeline's deal shape plus the deal's own fields. */
export function dealJson(deal: Deal, today: LocalDate, probabilities: readonly StageProbability[]) {
  return {
    ...pipelineDeal(deal, today, probabilities),
    product: deal.product,
    technique: deal.technique,
    note: deal.note,
    created: deal.createdDate,
    stageEntered: deal.stageDate,
    closed: deal.closedDate,
    lostReason: deal.lostReason,
    saleId: deal.saleId,
  };
}
