// spm goal show: one goal's timeline — pace, milestones, a chart of cumulative actual against
// the even pace, and for a recurring goal the past periods hit or missed and the streak.
import type { AppContext } from '../../cli/context.js';
import { formatShortDate } from '../../domain/local-date.js';
import { periodLabel, rangeLabel } from '../../domain/period.js';
import { sanitizeLine } from '../../domain/text.js';
import { cumulativeSeries, METRIC_INFO, recurringPeriods, streak, type GoalStatus } from '../../domain/goal-pace.js';
import { round2, writeJson } from '../../ui/json.js';
import { lineChart } from '../../ui/chart.js';
import { evaluateCurrent, evaluateGoal, formatPercent, formatPerDay, formatValue, goalProgressJson, type GoalProgress } from './progress.js';
import { goalStatusStyle } from '../../ui/theme.js';

/** How many completed periods of a recurring goal `show` evaluates (one query each). */
export const HISTORY_PERIODS = 52;

export interface GoalShowResult {
  progress: GoalProgress;
  history: { from: string; to: string; actual: number | null; status: GoalStatus }[];
  streak: number | null;
}

export async function runGoalShow(reference: string, ctx: AppContext): Promise<GoalShowResult> {
  const today = ctx.clock.today();
  const store = ctx.store('read');
  const { result, currency } = store.read(() => {
    const settings = store.settings.get();
    const goal = store.goals.resolve(reference);
    const progress = evaluateCurrent(store, goal, today, settings.weekStart);
    let history: GoalShowResult['history'] = [];
    let count: number | null = null;
    if (goal.recurring && goal.period !== null) {
      const { past } = recurringPeriods(goal.period, goal.from, today, settings.weekStart, HISTORY_PERIODS);
      history = past.map((range) => {
        const pace = evaluateGoal(store, goal, range, today).pace;
        return { from: range.from, to: range.to, actual: pace.actual, status: pace.status };
      });
      count = streak(history.map((h) => h.status === 'met'), progress.pace.status === 'met');
    }
    return { result: { progress, history, streak: count }, currency: settings.currency };
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
    });
    return result;
  }

  const theme = ctx.theme();
  const v = (x: number | null) => formatValue(goal.metric, x, currency);
  const rate = METRIC_INFO[goal.metric].kind === 'rate';
  const lines: string[] = [];
  const filters = [goal.segment && `segment ${goal.segment}`, goal.product && `product ${goal.product}`, goal.technique && `technique ${goal.technique}`].filter(Boolean).join(', ');
  lines.push(theme.bold(`#${goal.id} ${sanitizeLine(goal.name)}`) + theme.dim(`  ${goal.metric}${filters ? ` (${sanitizeLine(filters)})` : ''}${goal.recurring ? `, every ${goal.period}` : ''}${goal.archived ? ', archived' : ''}`));
  const timelineName = goal.recurring && goal.period ? `${periodLabel(goal.period, progress.timeline)}: ` : '';
  lines.push(`Timeline   ${timelineName}${rangeLabel(progress.timeline)}  (day ${Math.round(pace.elapsed * pace.totalDays)} of ${pace.totalDays}, ${pace.daysLeft} left)`);
  lines.push(`Actual     ${v(pace.actual)} of ${v(goal.target)} (${formatPercent(pace.percent)})  ${goalStatusStyle(theme, pace.status)(pace.status)}`);
  if (rate) lines.push(`Target     ${v(goal.target)} on average over the timeline`);
  else {
    const needed = pace.neededPerDay !== null ? ` · ${formatPerDay(goal.metric, pace.neededPerDay, currency)} to go` : '';
    lines.push(`Pace       expected ${v(pace.expected)} by today · projected ${v(pace.projected)}${needed}`);
  }
  if (pace.milestones.length > 0) {
    lines.push('', theme.bold('Milestones'));
    for (const m of pace.milestones) {
      const style = m.status === 'met' ? theme.green : m.status === 'missed' ? theme.red : theme.dim;
      lines.push(`  ${formatShortDate(m.date, today).padEnd(13)} ${v(m.value).padStart(10)}  ${style(m.status.padEnd(8))} ${theme.dim(`(actual ${v(m.actual)})`)}`);
    }
  }
  const series = cumulativeSeries({ ...goal, from: pace.from, to: pace.to }, progress.facts, today);
  if (ctx.io.stdoutIsTTY && pace.totalDays > 1) {
    lines.push('', theme.bold('Progress') + theme.dim(`  ${theme.cyan('●')} actual  · even pace`));
    lines.push(...lineChart(series, {
      width: Math.max(10, Math.min(60, ctx.io.columns - 20)), height: 8, top: goal.target, totalPoints: pace.totalDays,
      flatPace: rate, label: (x) => v(x), theme,
    }));
    lines.push(`${' '.repeat(Math.max(v(Math.max(goal.target, ...series.map((p) => p.actual ?? 0))).length, v(0).length) + 2)}${formatShortDate(pace.from, today)} … ${formatShortDate(pace.to, today)}`);
  }
  if (goal.recurring) {
    lines.push('', theme.bold('History') + theme.dim(result.history.length >= HISTORY_PERIODS ? ` (last ${HISTORY_PERIODS} periods)` : ''));
    if (result.history.length === 0) lines.push(theme.dim('  no completed period yet'));
    for (const h of result.history) {
      const hit = h.status === 'met';
      lines.push(`  ${(goal.period ? periodLabel(goal.period, h) : rangeLabel(h)).padEnd(20)} ${v(h.actual).padStart(10)}  ${hit ? theme.green('hit') : theme.red('missed')}`);
    }
    lines.push(`Streak     ${result.streak} period${result.streak === 1 ? '' : 's'} in a row`);
  }
  ctx.io.out(`${lines.join('\n')}\n`);
  return result;
}
