// spm report: ranges from the flags and today → aggregates from the store → buildReport →
// JSON as is, the one-screen text view, or (--html FILE) a page with charts.
import type { AppContext } from '../../cli/context.js';
import { buildReport, reportSpec, type Report, type ReportGoal, type ReportRequest, type ReportSpec } from '../../domain/report.js';
import { daysBetween, type LocalDate } from '../../domain/local-date.js';
import type { Store } from '../../store/store.js';
import { writeJson } from '../../ui/json.js';
import { renderReport, reportWidth, REPORT_LINES } from './render.js';
import { goalsOverlapping } from '../goal/progress.js';
import { loadAdvice } from './advice.js';
import { atRiskCount, atRiskCustomers } from '../../domain/report-advice.js';
import { InputError } from '../../domain/errors.js';
import { loadPipelinePeriod } from '../deal/report-block.js';

export interface ReportOptions extends ReportRequest {
  /** Every row of every section instead of one screen (text only; --json has everything). */
  full?: boolean;
  /** Write the report as an HTML page to this file instead of printing the text view. */
  html?: string;
  /** With --html: replace the file if it exists. */
  force?: boolean;
}

export async function runReport(options: ReportOptions, ctx: AppContext): Promise<Report> {
  const today = ctx.clock.today();
  if (options.force && options.html === undefined) throw new InputError('--force goes with --html FILE');
  if (options.html !== undefined && options.html.trim() === '') throw new InputError('--html needs a file name', 'For example: spm report --html report.html');
  // The page's module (and, through it, the charting library) loads only on this path.
  const page = options.html !== undefined ? await import('./html.js') : undefined;
  const store = ctx.store('read');
  // The one-screen text view shows at most REPORT_LINES at-risk rows and their count: it reads
  // only that many of each kind (thousands on a long history) and makes entries for the first
  // that many. JSON, the page and --full read all.
  const oneScreen = !ctx.globals.json && page === undefined && !options.full;
  const { spec, report, atRiskCommands, atRiskTotal, settings, series } = store.readMapped(() => {
    const loaded = loadReport(store, options, today, oneScreen ? REPORT_LINES : undefined);
    return { ...loaded, series: page?.loadPageSeries(store, loaded.spec, loaded.settings, loaded.report) };
  });
  if (page && series && options.html !== undefined) {
    await page.writeReportPage(report, series, { path: options.html, force: Boolean(options.force), previousRange: spec.previous, atRiskCommands }, ctx);
    ctx.io.err(`✓ Wrote ${options.html} (${report.period.label})\n`);
    if (ctx.globals.json) writeJson(ctx.io, report);
    return report;
  }
  if (ctx.globals.json) writeJson(ctx.io, report);
  else {
    const full = Boolean(options.full);
    const width = reportWidth({ isTTY: ctx.io.stdoutIsTTY, columns: ctx.io.columns }, full);
    ctx.io.out(renderReport(report, {
      theme: ctx.theme(), previousRange: spec.previous, trendUnit: trendUnit(spec), asOf: spec.asOf, width, full, kind: spec.kind, weekStart: settings.weekStart, atRiskCommands, atRiskTotal,
    }));
  }
  return report;
}

/**
 * What the report shows: call inside one read transaction, so every block sees one snapshot.
 * With `atRiskRows`, only that many high concerns, low ratings and late reorders are read (and how
 * many there are), and entries are made for the first that many of them together.
 */
export function loadReport(store: Store, options: ReportRequest, today: LocalDate, atRiskRows?: number) {
  const settings = store.settings.get();
  const spec = reportSpec(options, today, settings.weekStart);
  const facts = store.report.facts(spec, settings.currency);
  const goals = goalsOverlapping(store, spec.range, spec.asOf, settings.weekStart, spec.today) as unknown as ReportGoal[];
  const advice = loadAdvice(store, spec, settings, atRiskRows);
  const atRisk = atRiskCustomers(advice.atRisk, spec.asOf, atRiskRows);
  const report: Report = { ...buildReport(spec, facts, goals, advice, atRisk), pipeline: loadPipelinePeriod(store, spec.range) };
  return { settings, spec, report, atRiskCommands: atRisk.map((a) => a.command), atRiskTotal: atRiskCount(advice.atRisk, spec.asOf) };
}

function trendUnit(spec: ReportSpec): string {
  if (spec.kind !== 'custom') return `${spec.kind}s`;
  const days = daysBetween(spec.range.from, spec.range.to) + 1;
  return days === 1 ? 'days' : `${days}-day periods`;
}
