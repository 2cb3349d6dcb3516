// The report for a person: one screen, at most 100 columns, drawn from the same Report value
// that --json prints. Readable without colour: arrows, blocks and words carry the meaning.
import { goalStatusStyle, type Theme } from '../../ui/theme.js';
import type { Report, ReportGoal, SalesBlock } from '../../domain/report.js';
import { formatMoneySummary } from '../../domain/money.js';
import { formatShortDate, type LocalDate } from '../../domain/local-date.js';
import { rangeLabel, type DateRange } from '../../domain/period.js';
import { sanitizeLine } from '../../domain/text.js';
import { bar, progressBar, sparkline } from '../../ui/chart.js';
import type { GoalMetric } from '../../domain/goal-pace.js';
import { formatPerDay } from '../goal/progress.js';
import type { Weekday } from '../../domain/local-date.js';
import type { ReportKind } from '../../domain/report.js';
import { trendBucketLabel } from '../../domain/report-advice.js';
import { atRiskLines, goalsHitLines, learningLines, lostLines, type AdviceRenderOptions } from './render-advice.js';

export const REPORT_WIDTH = 100;
const DASH = '—';

export interface RenderOptions {
  theme: Theme;
  /** The range the change is measured against (not in the JSON's `previous` block). */
  previousRange: DateRange;
  /** What the trend periods are, e.g. "weeks", "months", "14-day periods". */
  trendUnit: string;
  asOf: LocalDate;
  /** The report's kind and week start: trend buckets are named by their real days. */
  kind?: ReportKind;
  weekStart?: Weekday;
  /** The command to act on each at-risk entry (not in the JSON). */
  atRiskCommands?: string[];
  /** Columns to fit (default REPORT_WIDTH). */
  width?: number;
}

/** Shortens to `width` characters with an ellipsis, after removing control characters. */
function fit(text: string, width: number): string {
  const clean = sanitizeLine(text);
  return clean.length <= width ? clean : `${clean.slice(0, Math.max(0, width - 1))}…`;
}

const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - text.length)) + text;

export function renderReport(report: Report, options: RenderOptions): string {
  const { theme } = options;
  const money = (units: number | null) => reportMoney(units, report.currency);
  const pct = (value: number | null, digits = 1) => (value === null ? DASH : `${Number(value.toFixed(digits))}%`);
  const lines: string[] = [];
  const advice: AdviceRenderOptions = { theme, width: options.width ?? REPORT_WIDTH, money, atRiskCommands: options.atRiskCommands ?? [] };
  const heading = (text: string) => {
    lines.push('');
    lines.push(theme.bold(text));
  };

  // Title
  const { from, to, label } = report.period;
  const range = rangeLabel({ from, to });
  lines.push(label === range ? theme.bold(`Report · ${range}`) : `${theme.bold(`Report · ${fit(label, 40)}`)}  ${range}`);
  lines.push(theme.dim(`compared with ${rangeLabel(options.previousRange)}`));

  // Headline numbers with the change against the previous range.
  lines.push('');
  const headline = (name: string, now: string, change: string, was: string) =>
    lines.push(`  ${padEnd(name, 14)}${padStart(now, 14)}   ${change}${' '.repeat(Math.max(1, 16 - visibleLength(change)))}${theme.dim(`was ${was}`)}`);
  const s = report.sales;
  const p = report.previous;
  headline('Revenue', money(s.revenue), relativeChange(theme, s.revenue, p.revenue, true), money(p.revenue));
  headline('Won', count(s.won), countChange(theme, s.won, p.won, true), count(p.won));
  headline('Lost', count(s.lost), countChange(theme, s.lost, p.lost, false), count(p.lost));
  headline('Win rate', pct(s.winRate), pointsChange(theme, s, p), pct(p.winRate));
  headline('Average deal', money(s.averageDeal), s.averageDeal !== null && p.averageDeal !== null ? relativeChange(theme, s.averageDeal, p.averageDeal, true) : DASH, money(p.averageDeal));
  lines.push(...lostLines(report, advice));

  // Trend
  const revenues = report.trend.map((t) => t.revenue);
  const first = report.trend[0];
  const last = report.trend[report.trend.length - 1];
  const peak = report.trend.reduce((best, t) => (t.revenue > best.revenue ? t : best), first);
  heading(`Revenue, last ${report.trend.length} ${options.trendUnit}`);
  lines.push(`  ${theme.cyan(sparkline(revenues, 2))}   ${formatShortDate(first.from, last.to)} … ${formatShortDate(last.to)}`);
  const bucket = (t: DateRange) => trendBucketLabel(t, options.kind ?? 'custom', options.weekStart ?? 'monday');
  lines.push(theme.dim(`  highest ${peak.revenue > 0 ? `${money(peak.revenue)} (${bucket(peak)})` : DASH} · ${bucket(last)} ${money(last.revenue)} · average ${money(revenues.reduce((a, b) => a + b, 0) / revenues.length)}`));

  // Goals
  heading('Goals');
  if (report.goals.length === 0) lines.push(theme.dim('  No goals overlap this period. Set one with: spm goal add'));
  for (const goal of report.goals) lines.push(goalLine(goal, report.currency, theme));
  lines.push(...goalsHitLines(report, advice));

  // Customers
  heading('Customers');
  const c = report.customers;
  const share = s.revenue > 0 ? ` (${pct((c.repeatRevenue / s.revenue) * 100, 0)} of revenue)` : '';
  lines.push(`  active ${count(c.active)} · new ${count(c.new)} · repeat ${count(c.repeat)} · repeat revenue ${money(c.repeatRevenue)}${share}`);
  const topMax = Math.max(0, ...c.top.map((t) => t.revenue));
  for (const [i, top] of c.top.entries()) {
    lines.push(`  ${i === 0 ? 'top' : '   '} ${padEnd(fit(top.name, 30), 30)} ${padStart(money(top.revenue), 14)}  ${theme.cyan(bar(topMax > 0 ? top.revenue / topMax : 0, 20).trimEnd())}`);
  }

  const atRisk = atRiskLines(report, advice);
  if (atRisk.length > 0) lines.push('', ...atRisk);

  // Quality
  heading('Quality');
  const k = report.checkins;
  const average = k.averageSatisfaction === null ? DASH : `${k.averageSatisfaction.toFixed(1)} of 5`;
  lines.push(`  check-ins ${count(k.count)} · average satisfaction ${average} (${count(k.rated)} rated)`);
  const ratingMax = Math.max(0, ...k.ratings);
  // The distribution only when something was rated: five zero rows say nothing.
  for (let score = 5; score >= 1 && k.rated > 0; score--) {
    const rated = k.ratings[score - 1] ?? 0;
    const colour = score >= 4 ? theme.green : score === 3 ? theme.yellow : theme.red;
    lines.push(`    ${score} ${padEnd('★'.repeat(score), 5)} ${padStart(count(rated), 7)} ${colour(bar(ratingMax > 0 ? rated / ratingMax : 0, 24).trimEnd())}`);
  }
  const q = report.concerns;
  const days = q.averageDaysToResolve === null ? DASH : `${q.averageDaysToResolve} days`;
  lines.push(`  concerns opened ${count(q.opened)} · resolved ${count(q.resolved)} · open ${q.open > 0 ? theme.yellow(count(q.open)) : '0'} · time to resolve ${days}`);
  const f = report.followups;
  lines.push(`  follow-ups done ${count(f.done)} · overdue ${f.overdue > 0 ? theme.red(count(f.overdue)) : '0'} (on ${formatShortDate(options.asOf)})`);

  // Techniques
  heading('Techniques');
  if (report.techniques.length === 0) lines.push(theme.dim('  No sales in this period.'));
  else {
    lines.push(theme.dim(`  ${padEnd('technique', 20)}${padStart('won', 8)}${padStart('lost', 8)}${padStart('win rate', 10)}${padStart('95% range', 11)}${padStart('revenue', 15)}${padStart('avg deal', 11)}`));
    for (const t of report.techniques) {
      const range = t.winRateLow === null || t.winRateHigh === null ? DASH : `${Math.round(t.winRateLow)}–${Math.round(t.winRateHigh)}%`;
      const row = `  ${padEnd(fit(t.technique, 19), 20)}${padStart(count(t.won), 8)}${padStart(count(t.lost), 8)}${padStart(pct(t.winRate, 0), 10)}${padStart(range, 11)}${padStart(money(t.revenue), 15)}${padStart(money(t.averageDeal), 11)}`;
      lines.push(t.enoughData ? row : theme.dim(`${row}  few sales`));
    }
    if (report.techniques.some((t) => !t.enoughData)) lines.push(theme.dim('  "few sales": under 5 decided; the 95% range shows how little the rate can tell yet.'));
  }
  lines.push('', ...learningLines(report, advice));

  // Products and segments, side by side.
  heading(`${padEnd('Products', 48)}Segments`);
  const column = (rows: { name: string; revenue: number; won: number }[]) => {
    const shown = rows.slice(0, 6).map((r) => `  ${padEnd(fit(r.name, 18), 18)}${padStart(money(r.revenue), 14)}${padStart(`${count(r.won)} won`, 12)}`);
    if (rows.length > 6) shown.push(theme.dim(`  … ${rows.length - 6} more (--json has all)`));
    if (rows.length === 0) shown.push(theme.dim(`  ${DASH}`));
    return shown;
  };
  const left = column(report.products);
  const right = column(report.segments);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i] ?? '';
    lines.push(`${l}${' '.repeat(Math.max(2, 48 - visibleLength(l)))}${right[i] ?? ''}`.trimEnd());
  }
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
/** Counts with thousands separators: 56,316. */
export function count(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Money for reading, from currency units: whole from $1,000 up ($225,862), cents below ($12.50). */
export function reportMoney(units: number | null, currency: string): string {
  if (units === null) return DASH;
  return formatMoneySummary(Math.round(units * 100), currency);
}

export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

function relativeChange(theme: Theme, now: number, before: number, upIsGood: boolean): string {
  if (now === before) return theme.dim('= same');
  if (before === 0) return (upIsGood ? theme.green : theme.red)('▲ new');
  const change = ((now - before) / before) * 100;
  const text = `${change > 0 ? '▲' : '▼'} ${Math.abs(change) >= 10 ? Math.round(Math.abs(change)) : Math.abs(change).toFixed(1)}%`;
  return (change > 0 === upIsGood ? theme.green : theme.red)(text);
}

function countChange(theme: Theme, now: number, before: number, upIsGood: boolean): string {
  if (now === before) return theme.dim('= same');
  const text = `${now > before ? '▲' : '▼'} ${Math.abs(now - before)}`;
  return (now > before === upIsGood ? theme.green : theme.red)(text);
}

function pointsChange(theme: Theme, now: SalesBlock, before: SalesBlock): string {
  if (now.winRate === null || before.winRate === null) return DASH;
  const change = now.winRate - before.winRate;
  if (Math.abs(change) < 0.05) return theme.dim('= same');
  return (change > 0 ? theme.green : theme.red)(`${change > 0 ? '▲' : '▼'} ${Math.abs(change).toFixed(1)} pts`);
}

const MONEY_METRICS = new Set(['revenue', 'repeat-revenue']);

/** A goal's value in its metric's unit: money, a percentage, a 1–5 average or a count. */
export function formatGoalValue(metric: string, value: number | null, currency: string): string {
  if (value === null) return DASH;
  if (MONEY_METRICS.has(metric)) return reportMoney(value, currency);
  if (metric === 'win-rate') return `${Number(value.toFixed(1))}%`;
  if (metric === 'satisfaction') return value.toFixed(1);
  return String(Number(value.toFixed(2)));
}

function goalLine(goal: ReportGoal, currency: string, theme: Theme): string {
  const fraction = goal.target > 0 && goal.actual !== null ? goal.actual / goal.target : 0;
  const expected = goal.expected !== null && goal.target > 0 && !['win-rate', 'satisfaction'].includes(goal.metric) ? goal.expected / goal.target : null;
  const statusColour = goalStatusStyle(theme, goal.status);
  const value = `${formatGoalValue(goal.metric, goal.actual, currency)} of ${formatGoalValue(goal.metric, goal.target, currency)}`;
  const needed = goal.neededPerDay !== null && goal.neededPerDay > 0 ? ` · ${formatPerDay(goal.metric as GoalMetric, goal.neededPerDay, currency)} to go` : '';
  const percent = goal.percent === null ? DASH : `${Math.round(goal.percent)}%`;
  return `  ${padEnd(fit(goal.name, 20), 20)} ${theme.cyan(progressBar(fraction, expected, 16))} ${padStart(percent, 5)}  ${fit(value, 22)} ${statusColour(goal.status)}${theme.dim(needed)}`;
}
