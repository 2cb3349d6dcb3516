// The report's Pipeline block: deals created, advanced, won and lost in the period, and the
// learned stage-to-won table. Read inside the report's read transaction.
import type { Store } from '../../store/store.js';
import type { DateRange } from '../../domain/period.js';
import { buildPipelinePeriod, type PipelinePeriod } from '../../domain/deal-pipeline.js';
import { dealSetup } from './present.js';

export function loadPipelinePeriod(store: Store, range: DateRange): PipelinePeriod | null {
  if (!store.deals.any()) return null;
  const { stages, probabilities } = dealSetup(store);
  return buildPipelinePeriod({
    figures: store.deals.periodFigures(range.from, range.to),
    changes: store.deals.stageChanges(range.from, range.to),
    stages,
    probabilities,
  });
}
