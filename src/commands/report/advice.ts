// Gathers what the report's advice blocks read: lost reasons, the learning window's sales,
// who is at risk on the report's day, and how often recurring goals were hit in the range.
import type { Store } from '../../store/store.js';
import type { AdviceFacts, GoalHits, ReportSpec } from '../../domain/report.js';
import type { Settings } from '../../domain/settings.js';
import { completedPeriodsWithin, learningWindow } from '../../domain/report-advice.js';
import { addDays } from '../../domain/local-date.js';
import { evaluateGoal } from '../goal/progress.js';

/**
 * Call inside the report's read transaction, so every block sees one snapshot. With
 * `atRiskRows`, only the first that many high concerns, low ratings and late reorders are read (and how many there are).
 */
export function loadAdvice(store: Store, spec: ReportSpec, settings: Settings, atRiskRows?: number): AdviceFacts {
  const days = settings.learningWindowDays;
  const { late, total } = store.reorders.late(spec.asOf, atRiskRows);
  return {
    lostReasons: store.advice.lostReasons(spec.range),
    learning: { days, cube: store.report.cube(learningWindow(spec.range.to, days)) },
    atRisk: { ...store.advice.atRisk(spec.asOf, atRiskRows), lateReorders: late, lateReordersTotal: total },
    goalsHit: goalsHit(store, spec, settings),
  };
}

/**
 * Recurring goals with at least two completed periods inside the range ("a longer report"):
 * each period judged the day after it ended, as `goal show` judges its history.
 */
function goalsHit(store: Store, spec: ReportSpec, settings: Settings): GoalHits[] {
  const cache = new Map<string, unknown>();
  const result: GoalHits[] = [];
  for (const goal of store.goals.list(false)) {
    if (!goal.recurring || goal.period === null) continue;
    const periods = completedPeriodsWithin(goal.period, goal.from, spec.range, spec.today, settings.weekStart);
    if (periods.length < 2) continue;
    const hit = periods.filter((p) => evaluateGoal(store, goal, p, addDays(p.to, 1), cache).pace.status === 'met').length;
    result.push({ id: goal.id, name: goal.name, period: goal.period, hit, periods: periods.length });
  }
  return result;
}
