// The report for a person: by default one screen (80 columns, 40 lines: each section's first
// rows), with --full every row; drawn from the same Report value that --json prints. Readable without colour: arrows, blocks and words carry the meaning.
import { createTheme, goalStatusStyle, type Theme } from '../../ui/theme.js';
import { fitLine, packItems, pad, stripAnsi, truncate, visibleWidth, wrap } from '../../ui/fit.js';
import { renderTable, type Column } from '../../ui/table.js';
import type { Report, ReportGoal, SalesBlock } from '../../domain/report.js';
import { formatMoneySummary } from '../../domain/money.js';
import { formatShortDate, type LocalDate } from '../../domain/local-date.js';
import { rangeLabel, type DateRange } from '../../domain/period.js';
import { countOf, percentRange, sanitizeLine } from '../../domain/text.js';
import { bar, progressBar, sparkline } from '../../ui/chart.js';
import type { GoalMetric } from '../../domain/goal-pace.js';
import { formatPerDay, formatValue } from '../goal/progress.js';
import type { Weekday } from '../../domain/local-date.js';
import type { ReportKind } from '../../domain/report.js';
import { trendBucketLabel } from '../../domain/report-advice.js';
import { atRiskEntryLines, atRiskTitle, goalsHitLines, learningLines, lostLines, type AdviceRenderOptions } from './render-advice.js';

/** The default report is laid out for this width (or the terminal's, when narrower)... */
export const REPORT_WIDTH = 80;
/** ...and this many lines: one screen. `--full` has neither limit. */
export const REPORT_LINES = 40;
/** `--full` when piped: every row, laid out this wide (a terminal uses its own width). */
export const FULL_PIPED_WIDTH = 100;
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
  /** How many are at risk, when report.atRisk holds only the first of them (the one-screen view). */
  atRiskTotal?: number;
  /** Columns to fit (default REPORT_WIDTH). */
  width?: number;
  /** Every row of every section, and no line budget (`--full`). */
  full?: boolean;
}

/**
 * One block of the report. `head` lines are always shown; `rows` are a list that the default
 * one-screen view may cut short (the title then says `3 of 8`). When even the heads do not fit
 * the screen, sections with a `priority` go, lowest first, and the last line says which
 * `--full` adds. New sections are one more entry in the list `renderReport` builds.
 */
export interface ReportSection {
  title: string;
  head: string[];
  rows?: string[] | RowSource;
  /**
   * The list's whole length when `rows` holds only its first lines: the one-screen view never
   * shows more than REPORT_LINES rows, and drawing thousands of at-risk lines to show a few
   * was most of the report's time on a ten-year database. Absent: `rows.length`.
   */
  rowCount?: number;
  /** Rows kept before any other section gets more (default 1). */
  minRows?: number;
  /** Lines after the rows (a legend), shown only when at least one row is. */
  foot?: string[];
  /** May be left out of the one-screen view, the lowest first; absent: always shown. */
  priority?: number;
}

/**
 * A section's rows drawn on demand: the layout needs only how many there are, and the one
 * screen shows a few of many (a report with 50 goals drew 50 goal lines, bars and all, to show
 * one). `draw(n)` is exactly the first n rows drawing every row would give.
 */
export interface RowSource {
  count: number;
  draw(count: number): string[];
}

/** How many rows a section has to show. */
const rowsAvailable = (section: ReportSection): number => (Array.isArray(section.rows) ? section.rows.length : section.rows?.count ?? 0);

/** The first `count` rows of a section. */
const drawRows = (section: ReportSection, count: number): string[] => (Array.isArray(section.rows) ? section.rows.slice(0, count) : section.rows?.draw(count) ?? []);

/** A section's name without what its title adds (`Learning window · Dec 16 – Mar 15` → `Learning window`). */
function shortTitle(title: string): string {
  // The middle dot as \u00b7: the bundle is ASCII (see CURRENCY_SIGNS in src/domain/money.ts).
  return stripAnsi(title).split(/ {2}| \u00b7 | \(/)[0].trim();
}

/** The width a report is laid out for, from the terminal (or none, piped) and --full. */
export function reportWidth(terminal: { isTTY: boolean; columns: number }, full: boolean): number {
  if (!terminal.isTTY) return full ? FULL_PIPED_WIDTH : REPORT_WIDTH;
  return full ? terminal.columns : Math.min(terminal.columns, REPORT_WIDTH);
}

/**
 * Lays the sections out within `maxLines`: every head, each list's first rows, then more rows
 * handed out one per section in turn, in section order, while lines are left. With an infinite
 * `maxLines` (--full) everything is shown.
 */
export function layoutSections(top: string[], sections: ReportSection[], theme: Theme, maxLines: number, width: number): string[] {
  let kept = [...sections];
  const shown = new Map(sections.map((section) => [section, Math.min(rowsAvailable(section), section.minRows ?? 1)]));
  const left = () => sections.filter((section) => !kept.includes(section));
  const leftLines = () => packItems(left().map((s) => shortTitle(s.title)), width, theme.dim('--full adds: '), ', ', '  ').map((line) => theme.dim(line));
  const cost = () => top.length + (left().length > 0 ? 1 + leftLines().length : 0) + kept.reduce((sum, section) => {
    const rows = shown.get(section)!;
    return sum + 2 + section.head.length + rows + (rows > 0 ? section.foot?.length ?? 0 : 0);
  }, 0);
  // Leave out optional sections, the lowest priority first, until the rest fits.
  const optional = sections.filter((s) => s.priority !== undefined).sort((a, b) => a.priority! - b.priority!);
  while (cost() > maxLines && optional.length > 0) {
    const gone = optional.shift()!;
    kept = kept.filter((s) => s !== gone);
  }
  // Kept minimums that still do not fit are cut, from the last section up; then more rows,
  // one per section in turn.
  for (const section of [...kept].reverse()) while (cost() > maxLines && shown.get(section)! > 0) shown.set(section, shown.get(section)! - 1);
  let grew = true;
  while (grew) {
    grew = false;
    for (const section of kept) {
      if (shown.get(section)! >= rowsAvailable(section)) continue;
      shown.set(section, shown.get(section)! + 1);
      if (cost() > maxLines) shown.set(section, shown.get(section)! - 1);
      else grew = true;
    }
  }
  const lines = [...top];
  for (const section of kept) {
    const count = shown.get(section)!;
    const total = section.rowCount ?? rowsAvailable(section);
    const cut = count < total ? theme.dim(`  ${count} of ${total} (--full shows all)`) : '';
    lines.push('', cut && visibleWidth(section.title + cut) <= width ? theme.bold(section.title) + cut : theme.bold(section.title), ...section.head, ...drawRows(section, count));
    if (count > 0 && section.foot) lines.push(...section.foot);
  }
  if (left().length > 0) lines.push('', ...leftLines());
  return lines;
}

export function renderReport(report: Report, options: RenderOptions): string {
  const { theme } = options;
  const full = Boolean(options.full);
  const width = options.width ?? REPORT_WIDTH;
  const narrow = width < 64;
  const money = (units: number | null) => reportMoney(units, report.currency);
  const pct = (value: number | null, digits = 1) => (value === null ? DASH : `${Number(value.toFixed(digits))}%`);
  const top: string[] = [];
  const sections: ReportSection[] = [];
  const items = (parts: string[], indent = '  ') => packItems(parts, width, indent, ' · ', indent);
  // The advice blocks: the one-screen layout decides how many rows show, and it never shows
  // more than a screenful of one list.
  const rowLimit = full ? Number.POSITIVE_INFINITY : REPORT_LINES;
  const advice: AdviceRenderOptions = { theme, width, money, atRiskCommands: options.atRiskCommands ?? [], limit: rowLimit };

  // Title
  const { from, to, label } = report.period;
  const range = rangeLabel({ from, to });
  top.push(...packItems([theme.bold(label === range ? `Report · ${range}` : `Report · ${sanitizeLine(label)}`), ...(label === range ? [] : [range]), theme.dim(`compared with ${rangeLabel(options.previousRange)}`)], width, '', ' · ', ''));

  // Headline numbers with the change against the previous range.
  top.push('');
  const [nameWidth, valueWidth, changeWidth] = narrow ? [13, 10, 11] : [14, 14, 16];
  const headline = (name: string, now: string, change: string, was: string) =>
    top.push(truncate(`  ${pad(name, nameWidth)}${pad(now, valueWidth, 'right')}   ${pad(change, changeWidth)}${theme.dim(`was ${was}`)}`, width));
  const s = report.sales;
  const p = report.previous;
  headline('Revenue', money(s.revenue), relativeChange(theme, s.revenue, p.revenue, true), money(p.revenue));
  headline('Won', count(s.won), countChange(theme, s.won, p.won, true), count(p.won));
  headline('Lost', count(s.lost), countChange(theme, s.lost, p.lost, false), count(p.lost));
  headline('Win rate', pct(s.winRate), pointsChange(theme, s, p), pct(p.winRate));
  headline('Average deal', money(s.averageDeal), s.averageDeal !== null && p.averageDeal !== null ? relativeChange(theme, s.averageDeal, p.averageDeal, true) : DASH, money(p.averageDeal));
  top.push(...lostLines(report, advice));

  // Trend
  const revenues = report.trend.map((t) => t.revenue);
  const first = report.trend[0];
  const last = report.trend[report.trend.length - 1];
  const peak = report.trend.reduce((best, t) => (t.revenue > best.revenue ? t : best), first);
  const spark = sparkline(revenues, narrow ? 1 : 2);
  const bucket = (t: DateRange) => trendBucketLabel(t, options.kind ?? 'custom', options.weekStart ?? 'monday');
  const trendTitle = `Revenue, last ${report.trend.length} ${options.trendUnit}`;
  const trendSpan = `${formatShortDate(first.from, last.to)} … ${formatShortDate(last.to)}`;
  // The sparkline beside the title when it fits, else on its own line.
  const besideTitle = visibleWidth(`${trendTitle}  ${spark}  ${trendSpan}`) <= width;
  sections.push({
    title: besideTitle ? `${trendTitle}  ${theme.cyan(spark)}  ${trendSpan}` : trendTitle,
    head: [
      ...(besideTitle ? [] : packItems([theme.cyan(spark), trendSpan], width, '  ', '   ', '  ')),
      ...items([`highest ${peak.revenue > 0 ? `${money(peak.revenue)} (${bucket(peak)})` : DASH}`, `${bucket(last)} ${money(last.revenue)}`, `average ${money(revenues.reduce((a, b) => a + b, 0) / revenues.length)}`]).map((line) => theme.dim(line)),
    ],
  });

  // Goals
  sections.push({
    title: 'Goals',
    head: report.goals.length === 0 ? wrap(theme.dim('No goals overlap this period. Set one with: spm goal add'), width, '  ', '  ') : [],
    // Then recurring goals: how many of their periods were hit.
    rows: followedBy(goalRows(report.goals, report.currency, theme, width), goalsHitLines(report, advice)),
  });

  // Deals: what moved in the period, then the learned win chance per stage (compact, may go first on a short screen).
  if (report.pipeline) {
    const p = report.pipeline;
    const days = p.won.averageDaysToWin !== null ? `, ${p.won.averageDaysToWin} days avg` : '';
    const chance = (s: NonNullable<Report['pipeline']>['stages'][number]) =>
      `${s.stage} ${Math.round(s.probability ?? 0)}%${s.probabilitySource === 'default' ? ' default' : ` (${percentRange(s.probabilityLow, s.probabilityHigh)})`}`;
    sections.push({
      title: 'Pipeline',
      head: items([['created', p.created], ['advanced', p.advanced], ['won', p.won], ['lost', p.lost]].map(([what, f]) => {
        const figure = f as { deals: number; value: number };
        return `${what} ${figure.deals}${figure.deals > 0 ? ` ${money(figure.value)}${what === 'won' ? days : ''}` : ''}`;
      })),
      rows: packItems(p.stages.map(chance), width, '  win chance: ', ' · ', '    '),
      priority: 2,
    });
  }

  // Customers
  const c = report.customers;
  const share = s.revenue > 0 ? ` (${pct((c.repeatRevenue / s.revenue) * 100, 0)} of revenue)` : '';
  const topMax = Math.max(0, ...c.top.map((t) => t.revenue));
  const moneyWidth = Math.max(0, ...c.top.map((t) => money(t.revenue).length));
  const topNameWidth = Math.min(30, Math.max(0, ...c.top.map((t) => visibleWidth(sanitizeLine(t.name)))));
  sections.push({
    title: 'Customers',
    head: items([`active ${count(c.active)}`, `new ${count(c.new)}`, `repeat ${count(c.repeat)}`, `repeat revenue ${money(c.repeatRevenue)}${share}`]),
    rows: c.top.map((t, i) => {
      // The bar takes what is left beside the name and the amount, up to 20 cells.
      const barWidth = Math.min(20, width - 6 - topNameWidth - 2 - moneyWidth - 2);
      const chart = barWidth >= 6 ? `  ${theme.cyan(bar(topMax > 0 ? t.revenue / topMax : 0, barWidth).trimEnd())}` : '';
      return fitLine([`  ${i === 0 ? 'top' : '   '} `, { text: pad(sanitizeLine(t.name), topNameWidth), min: 12 }, '  ', pad(money(t.revenue), moneyWidth, 'right'), chart], width);
    }),
  });

  // The title and the entries only: a cut list's "… N more" line is said by the section's title here.
  const atRiskTotal = options.atRiskTotal ?? report.atRisk.length;
  if (atRiskTotal > 0) {
    sections.push({
      title: atRiskTitle(atRiskTotal, theme),
      head: [],
      rows: { count: Math.min(rowLimit, report.atRisk.length), draw: (n) => atRiskEntryLines(report, advice, n) },
      rowCount: atRiskTotal,
    });
  }

  // Quality
  const k = report.checkins;
  const average = k.averageSatisfaction === null ? DASH : `${k.averageSatisfaction.toFixed(1)} of 5`;
  const q = report.concerns;
  const days = q.averageDaysToResolve === null ? DASH : countOf(q.averageDaysToResolve, 'day');
  const f = report.followups;
  const ratingMax = Math.max(0, ...k.ratings);
  // The distribution only when something was rated: five zero rows say nothing.
  const ratings = k.rated === 0 ? [] : [5, 4, 3, 2, 1].map((score) => {
    const rated = k.ratings[score - 1] ?? 0;
    const colour = score >= 4 ? theme.green : score === 3 ? theme.yellow : theme.red;
    const barWidth = Math.max(0, Math.min(24, width - 20));
    return `    ${score} ${pad('★'.repeat(score), 5)} ${pad(count(rated), 7, 'right')} ${colour(bar(ratingMax > 0 ? rated / ratingMax : 0, barWidth).trimEnd())}`.trimEnd();
  });
  sections.push({
    title: 'Quality',
    head: [
      // Rated 5 … 1 counted in the line on the one screen; as bars with --full.
      ...items([`check-ins ${count(k.count)}`, `average satisfaction ${average} (${count(k.rated)} rated)`, ...(!full && k.rated > 0 ? [[5, 4, 3, 2, 1].map((score) => `${score}★ ${count(k.ratings[score - 1] ?? 0)}`).join('  ')] : [])]),
      ...(full ? ratings : []),
      ...items([`concerns opened ${count(q.opened)}`, `resolved ${count(q.resolved)}`, `open ${q.open > 0 ? theme.yellow(count(q.open)) : '0'}`, `time to resolve ${days}`,
        `follow-ups done ${count(f.done)}`, `overdue ${f.overdue > 0 ? theme.red(count(f.overdue)) : '0'} (on ${formatShortDate(options.asOf)})`]),
    ],
  });

  // Techniques
  const techniqueRows = report.techniques.length === 0 ? [] : techniqueTable(report, theme, width, money, pct);
  sections.push({
    title: 'Techniques',
    head: report.techniques.length === 0 ? [theme.dim('  No sales in this period.')] : techniqueRows.slice(0, 1),
    rows: techniqueRows.slice(1),
    foot: report.techniques.some((t) => !t.enoughData) ? wrap(theme.dim(full ? '"few sales": under 5 decided; the 95% range shows how little the rate can tell yet.' : '"few sales": under 5 decided, too few to judge'), width, '  ', '  ') : undefined,
  });

  // Products and segments: side by side when there is room, else one after the other.
  const named = (rows: { name: string; revenue: number; won: number }[], columnWidth: number) => {
    const amount = Math.max(0, ...rows.map((r) => money(r.revenue).length));
    const won = Math.max(0, ...rows.map((r) => `${count(r.won)} won`.length));
    const name = Math.min(18, Math.max(0, ...rows.map((r) => visibleWidth(sanitizeLine(r.name)))));
    return rows.map((r) => fitLine(['  ', { text: pad(sanitizeLine(r.name), name), min: 8 }, '  ', pad(money(r.revenue), amount, 'right'), '  ', pad(`${count(r.won)} won`, won, 'right')], columnWidth - 1));
  };
  if (width >= 80) {
    const half = Math.floor(width / 2);
    const rows = Math.max(report.products.length, report.segments.length);
    const left = named(report.products, half);
    const right = named(report.segments, half);
    sections.push({
      title: `${pad('Products', half)}Segments`,
      head: rows === 0 ? [`${pad(theme.dim(`  ${DASH}`), half)}${theme.dim(`  ${DASH}`)}`] : [],
      rows: Array.from({ length: rows }, (_, i) => `${pad(left[i] ?? (i === 0 ? theme.dim(`  ${DASH}`) : ''), half)}${right[i] ?? (i === 0 ? theme.dim(`  ${DASH}`) : '')}`),
      priority: 1,
    });
  } else {
    sections.push({ title: 'Products', head: report.products.length === 0 ? [theme.dim(`  ${DASH}`)] : [], rows: named(report.products, width), priority: 2 });
    sections.push({ title: 'Segments', head: report.segments.length === 0 ? [theme.dim(`  ${DASH}`)] : [], rows: named(report.segments, width), priority: 1 });
  }
  // The learning window: its verdict always, its technique rows as the screen allows; on a
  // narrow screen it goes after products and segments (it changes slowly, week to week).
  const learning = learningLines(report, advice);
  sections.push({ title: learning[0], head: learning.slice(-1), rows: learning.slice(1, -1), priority: 3 });

  const lines = layoutSections(top, sections, theme, full ? Number.POSITIVE_INFINITY : REPORT_LINES, width);
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

/** The techniques as a table (header first) fitting `width`; thin rows dimmed and marked. */
function techniqueTable(report: Report, theme: Theme, width: number, money: (units: number | null) => string, pct: (value: number | null, digits?: number) => string): string[] {
  type Row = Report['techniques'][number];
  const columns: Column<Row>[] = [
    { header: 'technique', value: (t) => t.technique, text: true, min: 10 },
    { header: 'won', value: (t) => count(t.won), align: 'right' },
    { header: 'lost', value: (t) => count(t.lost), align: 'right' },
    { header: 'win rate', value: (t) => pct(t.winRate, 0), align: 'right' },
    { header: '95% range', value: (t) => percentRange(t.winRateLow, t.winRateHigh), align: 'right', drop: 2 },
    { header: 'revenue', value: (t) => money(t.revenue), align: 'right' },
    { header: 'avg deal', value: (t) => money(t.averageDeal), align: 'right', drop: 1 },
    { header: '', value: (t) => (t.enoughData ? '' : 'few sales'), drop: 3 },
  ];
  const plain = createTheme(0);
  const lines = renderTable(plain, columns, report.techniques, width - 2).trimEnd().split('\n');
  return lines.map((line, i) => {
    const row = report.techniques[i - 1];
    return i === 0 || (row && !row.enoughData) ? theme.dim(`  ${line}`) : `  ${line}`;
  });
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

/** `rows`, then `more` after them. */
export function followedBy(rows: RowSource, more: string[]): RowSource {
  return {
    count: rows.count + more.length,
    draw: (count) => [...rows.draw(Math.min(count, rows.count)), ...more.slice(0, Math.max(0, count - rows.count))],
  };
}

/**
 * `  Q1 revenue   ████████│░░░  110%  $220,850 of $200,000 met · $938/day to go`, one line per
 * goal, fitting `width`: the bars narrow, then the per-day figures go, then the bars (the same
 * for every goal, so they line up), then names are cut. The layout is chosen from every goal;
 * the lines are drawn only as far as asked (a forecast is a second line under its goal).
 */
export function goalRows(goals: ReportGoal[], currency: string, theme: Theme, width: number): RowSource {
  const parts = goals.map((goal) => {
    const fraction = goal.target > 0 && goal.actual !== null ? goal.actual / goal.target : 0;
    const expected = goal.expected !== null && goal.target > 0 && !['win-rate', 'satisfaction'].includes(goal.metric) ? goal.expected / goal.target : null;
    const value = `${formatValue(goal.metric as GoalMetric, goal.actual, currency)} of ${formatValue(goal.metric as GoalMetric, goal.target, currency)}`;
    const needed = goal.neededPerDay !== null && goal.neededPerDay > 0 ? ` · ${formatPerDay(goal.metric as GoalMetric, goal.neededPerDay, currency)} to go` : '';
    const percent = goal.percent === null ? DASH : `${Math.round(goal.percent)}%`;
    const tail = (withNeeded: boolean) => `${pad(percent, 5, 'right')}  ${value} ${goalStatusStyle(theme, goal.status)(goal.status)}${withNeeded ? theme.dim(needed) : ''}`;
    const rest = (barWidth: number, withNeeded: boolean) => `${barWidth > 0 ? `${theme.cyan(progressBar(fraction, expected, barWidth))} ` : ''}${tail(withNeeded)}`;
    // The bar is barWidth cells one column each: the rest is measured once each way, not per
    // layout tried (a report of 50 goals measured 300 bars, char by char: ~5 ms).
    const tailWidths = [visibleWidth(tail(false)), visibleWidth(tail(true))];
    const restWidth = (barWidth: number, withNeeded: boolean) => (barWidth > 0 ? barWidth + 1 : 0) + tailWidths[withNeeded ? 1 : 0];
    // Open deals' forecast on a line of its own under the goal, so the goal line keeps its layout.
    const forecast = goal.forecast ? `forecast ${formatValue(goal.metric as GoalMetric, goal.forecast.value, currency)}, ${goal.forecast.chanceToHit}% chance to hit` : null;
    return { name: truncate(sanitizeLine(goal.name), 20), rest, restWidth, forecast };
  });
  const nameWidth = Math.max(0, ...parts.map((p) => visibleWidth(p.name)));
  const layouts: [number, boolean][] = [[16, true], [8, true], [16, false], [8, false], [0, false]];
  // Names keep 14 columns before the per-day figures or the bars give way.
  const fits = (bar: number, needed: boolean) => parts.every((p) => 2 + Math.min(nameWidth, 14) + 1 + p.restWidth(bar, needed) <= width);
  const [barWidth, withNeeded] = layouts.find(([bar, needed]) => fits(bar, needed)) ?? [0, false];
  // One name column for every goal, so that the bars line up.
  const restWidth = Math.max(0, ...parts.map((p) => p.restWidth(barWidth, withNeeded)));
  const nameColumn = Math.max(Math.min(nameWidth, 10), Math.min(nameWidth, width - 3 - restWidth));
  const linesOf = (p: (typeof parts)[number]) => [
    fitLine(['  ', { text: pad(truncate(p.name, nameColumn), nameColumn), min: 10 }, ' ', p.rest(barWidth, withNeeded)], width),
    ...(p.forecast ? [theme.dim(truncate(`  ${' '.repeat(nameColumn)} ${p.forecast}`, width))] : []),
  ];
  return {
    count: parts.reduce((lines, p) => lines + (p.forecast ? 2 : 1), 0),
    draw(count) {
      const lines: string[] = [];
      for (const p of parts) {
        if (lines.length >= count) break;
        lines.push(...linesOf(p));
      }
      return lines.slice(0, count);
    },
  };
}
