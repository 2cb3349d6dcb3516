// spm goal list: the progress table of active goals (--all adds archived and finished ones).
import type { AppContext } from '../../cli/context.js';
import { rangeLabel } from '../../domain/period.js';
import { isGoalActive, METRIC_INFO } from '../../domain/goal-pace.js';
import { goalStatusStyle } from '../../ui/theme.js';
import { renderList } from '../../ui/table.js';
import { round2, writeJson } from '../../ui/json.js';
import { progressBar } from '../../ui/chart.js';
import { withForecast } from './forecast.js';
import { evaluateCurrent, formatPercent, formatPerDay, formatValue, goalProgressJson, type GoalProgress } from './progress.js';

export interface GoalListOptions {
  all?: boolean;
}


export async function runGoalList(options: GoalListOptions, ctx: AppContext): Promise<GoalProgress[]> {
  const today = ctx.clock.today();
  const store = ctx.store('read');
  const { progress, currency } = store.read(() => {
    const settings = store.settings.get();
    const goals = store.goals.list(Boolean(options.all))
      // Finished one-off goals drop out of the default list; recurring ones never finish.
      .filter((goal) => options.all || isGoalActive(goal, today))
      .reverse();
    const cache = new Map<string, unknown>();
    const progress = goals.map((goal) => withForecast(store, evaluateCurrent(store, goal, today, settings.weekStart, cache), today, cache));
    return { progress, currency: settings.currency };
  });
  if (ctx.globals.json) {
    writeJson(ctx.io, progress.map(goalProgressJson));
    return progress;
  }
  const theme = ctx.theme();
  const tty = ctx.io.stdoutIsTTY;
  const fmt = (p: GoalProgress, v: number | null) => (tty ? formatValue(p.goal.metric, v, currency) : v === null ? '' : String(round2(v)));
  await renderList<GoalProgress>(ctx.io, theme, [
    { header: 'ID', value: (p) => p.goal.id, align: 'right' },
    { header: 'Goal', value: (p) => `${p.goal.name}${p.goal.archived ? ' (archived)' : ''}`, text: true, min: 12 },
    // On a terminal the name usually says the metric; columns drop to fit the width.
    ...(tty ? [] : [{ header: 'Metric', value: (p: GoalProgress) => p.goal.metric }]),
    { header: 'Timeline', value: (p) => (tty ? rangeLabel(p.timeline) : `${p.timeline.from}..${p.timeline.to}`), drop: 1 },
    { header: tty ? 'Actual / Target' : 'Actual', value: (p) => (tty ? `${fmt(p, p.pace.actual)} / ${fmt(p, p.goal.target)}` : fmt(p, p.pace.actual)), align: 'right' },
    ...(tty ? [] : [{ header: 'Target', value: (p: GoalProgress) => fmt(p, p.goal.target) }]),
    { header: '%', value: (p) => (tty ? formatPercent(p.pace.percent) : p.pace.percent === null ? '' : String(round2(p.pace.percent))), align: 'right' },
    ...(tty ? [{
      header: 'Pace',
      value: (p: GoalProgress) => progressBar((p.pace.percent ?? 0) / 100, METRIC_INFO[p.goal.metric].kind === 'rate' ? 1 : p.pace.elapsed, 16),
      drop: 2,
    }] : []),
    { header: 'Status', value: (p) => p.pace.status, style: (text, p) => goalStatusStyle(theme, p.pace.status)(text) },
    { header: 'Projected', value: (p) => fmt(p, p.pace.projected !== null && tty && METRIC_INFO[p.goal.metric].money ? Math.round(p.pace.projected) : p.pace.projected), align: 'right', drop: 3 },
    {
      header: 'Forecast',
      value: (p) => (p.forecast ? (tty ? `${fmt(p, Math.round(p.forecast.value))} (${p.forecast.chanceToHit}%)` : String(p.forecast.value)) : ''),
      align: 'right', drop: 3,
    },
    ...(tty ? [] : [{ header: 'Chance to hit', value: (p: GoalProgress) => (p.forecast ? p.forecast.chanceToHit : '') }]),
    { header: tty ? 'Needed/day' : 'needed-per-day', value: (p) => (tty ? formatPerDay(p.goal.metric, p.pace.neededPerDay, currency) : p.pace.neededPerDay === null ? '' : String(round2(p.pace.neededPerDay))), align: 'right', drop: 4 },
  ], progress);
  if (tty && progress.length === 0) ctx.io.err(`No ${options.all ? '' : 'active '}goals. Add one with: spm goal add "Q1 revenue" --metric revenue --target 30000 --period quarter\n`);
  return progress;
}
