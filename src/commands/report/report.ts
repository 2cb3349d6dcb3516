// spm report: ranges from the flags and today → aggregates from the store → buildReport →
// JSON as is, or the one-screen text view.
import type { AppContext } from '../../cli/context.js';
import { buildReport, reportSpec, type Report, type ReportGoal, type ReportRequest, type ReportSpec } from '../../domain/report.js';
import { daysBetween } from '../../domain/local-date.js';
import { writeJson } from '../../ui/json.js';
import { renderReport, reportWidth } from './render.js';
import { goalsOverlapping } from '../goal/progress.js';
import { loadAdvice } from './advice.js';
import { atRiskCustomers } from '../../domain/report-advice.js';

/** `full`: every row of every section instead of one screen (text only; --json has everything). */
export type ReportOptions = ReportRequest & { full?: boolean };

export async function runReport(options: ReportOptions, ctx: AppContext): Promise<Report> {
  const today = ctx.clock.today();
  const store = ctx.store('read');
  const { spec, report, advice, weekStart } = store.read(() => {
    const settings = store.settings.get();
    const spec = reportSpec(options, today, settings.weekStart);
    const facts = store.report.facts(spec, settings.currency);
    const goals = goalsOverlapping(store, spec.range, spec.asOf, settings.weekStart, spec.today) as unknown as ReportGoal[];
    const advice = loadAdvice(store, spec, settings);
    return { spec, report: buildReport(spec, facts, goals, advice), advice, weekStart: settings.weekStart };
  });
  if (ctx.globals.json) writeJson(ctx.io, report);
  else {
    const full = Boolean(options.full);
    const width = reportWidth({ isTTY: ctx.io.stdoutIsTTY, columns: ctx.io.columns }, full);
    ctx.io.out(renderReport(report, {
      theme: ctx.theme(), previousRange: spec.previous, trendUnit: trendUnit(spec), asOf: spec.asOf, width, full,
      kind: spec.kind, weekStart, atRiskCommands: atRiskCustomers(advice.atRisk, spec.asOf).map((a) => a.command),
    }));
  }
  return report;
}

function trendUnit(spec: ReportSpec): string {
  if (spec.kind !== 'custom') return `${spec.kind}s`;
  const days = daysBetween(spec.range.from, spec.range.to) + 1;
  return days === 1 ? 'days' : `${days}-day periods`;
}
