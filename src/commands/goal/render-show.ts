// The text view of `spm goal show`: header, timeline, pace, milestones, chart, history.
import type { AppContext } from '../../cli/context.js';
import { formatShortDate, type LocalDate } from '../../domain/local-date.js';
import { periodLabel, rangeLabel } from '../../domain/period.js';
import { countOf, sanitizeLine } from '../../domain/text.js';
import { cumulativeSeries, METRIC_INFO } from '../../domain/goal-pace.js';
import { lineChart } from '../../ui/chart.js';
import { fitLine, outputWidth, visibleWidth, wrap } from '../../ui/fit.js';
import { goalStatusStyle } from '../../ui/theme.js';
import { forecastText, formatPercent, formatPerDay, formatValue } from './progress.js';
import type { GoalShowResult } from './show.js';

/** How many completed periods of a recurring goal `show` evaluates. */
export const HISTORY_PERIODS = 52;

export function renderGoalShow(result: GoalShowResult, today: LocalDate, currency: string, ctx: AppContext): string {
  const { progress } = result;
  const { goal, pace } = progress;
  const theme = ctx.theme();
  const width = outputWidth(ctx.io);
  // `Label      value` lines wrap under their value; the header cuts the name last.
  const field = (label: string, value: string) => wrap(value, width, label.padEnd(11), ' '.repeat(11));
  const v = (x: number | null) => formatValue(goal.metric, x, currency);
  const rate = METRIC_INFO[goal.metric].kind === 'rate';
  const lines: string[] = [];
  const filters = [goal.segment && `segment ${goal.segment}`, goal.product && `product ${goal.product}`, goal.technique && `technique ${goal.technique}`].filter(Boolean).join(', ');
  lines.push(fitLine([theme.bold(`#${goal.id} `), { text: sanitizeLine(goal.name), min: 12, style: theme.bold }, { text: `  ${goal.metric}${filters ? ` (${sanitizeLine(filters)})` : ''}${goal.recurring ? `, every ${goal.period}` : ''}${goal.archived ? ', archived' : ''}`, min: 0, shrinkFirst: 1, style: theme.dim }], width));
  const timelineName = goal.recurring && goal.period ? `${periodLabel(goal.period, progress.timeline)}: ` : '';
  lines.push(...field('Timeline', `${timelineName}${rangeLabel(progress.timeline)}  (day ${Math.round(pace.elapsed * pace.totalDays)} of ${pace.totalDays}, ${pace.daysLeft} left)`));
  lines.push(...field('Actual', `${v(pace.actual)} of ${v(goal.target)} (${formatPercent(pace.percent)})  ${goalStatusStyle(theme, pace.status)(pace.status)}`));
  if (rate) lines.push(...field('Target', `${v(goal.target)} on average over the timeline`));
  else {
    const needed = pace.neededPerDay !== null ? ` · ${formatPerDay(goal.metric, pace.neededPerDay, currency)} to go` : '';
    lines.push(...field('Pace', `expected ${v(pace.expected)} by today · projected ${v(pace.projected)}${needed}`));
  }
  if (progress.forecast) {
    const deals = progress.forecast.deals;
    lines.push(...field('Deals', `${forecastText(goal.metric, progress.forecast, currency)} (${countOf(deals, 'open deal')} closing by ${formatShortDate(progress.timeline.to, today)})`));
  }
  if (pace.milestones.length > 0) {
    lines.push('', theme.bold('Milestones'));
    for (const m of pace.milestones) {
      const style = m.status === 'met' ? theme.green : m.status === 'missed' ? theme.red : theme.dim;
      const line = `  ${formatShortDate(m.date, today).padEnd(13)} ${v(m.value).padStart(10)}  `;
      const actual = `${style(m.status.padEnd(8))} ${theme.dim(`(actual ${v(m.actual)})`)}`;
      // The actual is an amount: shown whole or not at all.
      lines.push(visibleWidth(line + actual) <= width ? line + actual : line + style(m.status));
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
  if (result.entries !== null) {
    // Every logged entry with its id, so a wrong one can be removed with `spm goal unlog <id>`.
    lines.push('', theme.bold('Entries') + theme.dim(result.entries.length > SHOWN_ENTRIES ? ` (latest ${SHOWN_ENTRIES} of ${result.entries.length}; --json for all)` : ''));
    if (result.entries.length === 0) lines.push(theme.dim(`  none yet: spm goal log ${goal.id} <amount>`));
    for (const e of result.entries.slice(0, SHOWN_ENTRIES)) {
      const head = `  ${`#${e.id}`.padStart(6)}  ${formatShortDate(e.date, today).padEnd(13)} ${v(e.amount).padStart(10)}`;
      lines.push(e.note ? fitLine([head, { text: `  ${sanitizeLine(e.note)}`, min: 0 }], width) : head);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Entries shown in the text view; --json has them all. */
const SHOWN_ENTRIES = 20;
