// spm goal show: one goal's timeline — pace, milestones, a chart of cumulative actual against
// the even pace, and for a recurring goal the past periods hit or missed and the streak.
// The text view is drawn by ./render-show.ts.
import type { AppContext } from '../../cli/context.js';
import { cumulativeSeries, recurringPeriods, streak, type GoalStatus } from '../../domain/goal-pace.js';
import { round2, writeJson } from '../../ui/json.js';
import { evaluateCurrent, goalProgressJson, progressFromFacts, type GoalProgress } from './progress.js';
import { withForecast } from './forecast.js';
import { HISTORY_PERIODS, renderGoalShow } from './render-show.js';
import type { GoalLog } from '../../store/goal-repository.js';

export { HISTORY_PERIODS };


export interface GoalShowResult {
  progress: GoalProgress;
  history: { from: string; to: string; actual: number | null; status: GoalStatus }[];
  streak: number | null;
  /** A custom goal's logged entries, newest first; null for other metrics. */
  entries: GoalLog[] | null;
}

export async function runGoalShow(reference: string, ctx: AppContext): Promise<GoalShowResult> {
  const today = ctx.clock.today();
  const store = ctx.store('read');
  const { result, currency } = store.read(() => {
    const settings = store.settings.get();
    const goal = store.goals.resolve(reference);
    const progress = withForecast(store, evaluateCurrent(store, goal, today, settings.weekStart), today);
    let history: GoalShowResult['history'] = [];
    let count: number | null = null;
    if (goal.recurring && goal.period !== null) {
      const { past } = recurringPeriods(goal.period, goal.from, today, settings.weekStart, HISTORY_PERIODS);
      // Every past period's facts in a fixed few queries, not one per period.
      const facts = store.goals.dailyFactsByRange(goal, past);
      history = past.map((range, i) => {
        const { pace } = progressFromFacts(goal, range, facts[i], today);
        return { from: range.from, to: range.to, actual: pace.actual, status: pace.status };
      });
      count = streak(history.map((h) => h.status === 'met'), progress.pace.status === 'met');
    }
    const entries = goal.metric === 'custom' ? store.goals.logs(goal.id) : null;
    return { result: { progress, history, streak: count, entries }, currency: settings.currency };
  });

  const { progress } = result;
  const { goal, pace } = progress;
  if (ctx.globals.json) {
    writeJson(ctx.io, {
      ...goalProgressJson(progress),
      period: goal.period,
      recurring: goal.recurring,
      segment: goal.segment,
      product: goal.product,
      technique: goal.technique,
      archived: goal.archived,
      elapsed: round2(pace.elapsed * 100),
      daysLeft: pace.daysLeft,
      series: cumulativeSeries({ ...goal, from: pace.from, to: pace.to }, progress.facts, today).map((p) => ({ date: p.date, actual: round2(p.actual), expected: round2(p.expected) })),
      history: goal.recurring ? result.history.map((h) => ({ ...h, actual: round2(h.actual) })) : null,
      streak: result.streak,
      entries: result.entries && result.entries.map((e) => ({ id: e.id, date: e.date, amount: e.amount, note: e.note })),
    });
    return result;
  }

  ctx.io.out(renderGoalShow(result, today, currency, ctx));
  return result;
}
