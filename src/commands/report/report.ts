// spm report: ranges from the flags and today → aggregates from the store → buildReport →
// JSON as is, the one-screen text view, or (--html FILE) a page with charts.
import type { AppContext } from '../../cli/context.js';
import { buildReport, reportSpec, type Report, type ReportGoal, type ReportRequest, type ReportSpec } from '../../domain/report.js';
import { daysBetween } from '../../domain/local-date.js';
import { writeJson } from '../../ui/json.js';
import { renderReport, reportWidth } from './render.js';
import { goalsOverlapping } from '../goal/progress.js';
import { loadAdvice } from './advice.js';
import { atRiskCustomers } from '../../domain/report-advice.js';
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
  const { spec, report, atRiskCommands, weekStart, series } = store.readMapped(() => {
    const settings = store.settings.get();
    const spec = reportSpec(options, today, settings.weekStart);
    const facts = store.report.facts(spec, settings.currency);
    const goals = goalsOverlapping(store, spec.range, spec.asOf, settings.weekStart, spec.today) as unknown as ReportGoal[];
    const advice = loadAdvice(store, spec, settings);
    const atRisk = atRiskCustomers(advice.atRisk, spec.asOf);
    const report = { ...buildReport(spec, facts, goals, advice, atRisk), pipeline: loadPipelinePeriod(store, spec.range) };
    return { spec, report, atRiskCommands: atRisk.map((a) => a.command), weekStart: settings.weekStart, series: page?.loadPageSeries(store, spec, settings, report) };
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
      theme: ctx.theme(), previousRange: spec.previous, trendUnit: trendUnit(spec), asOf: spec.asOf, width, full, kind: spec.kind, weekStart, atRiskCommands,
    }));
  }
  return report;
}

function trendUnit(spec: ReportSpec): string {
  if (spec.kind !== 'custom') return `${spec.kind}s`;
  const days = daysBetween(spec.range.from, spec.range.to) + 1;
  return days === 1 ? 'days' : `${days}-day periods`;
}
