// spm report --html FILE: the same Report value as a page with charts, written atomically
// (0600). Loaded only on this path; the charting library loads only when the charts render.
import type { AppContext } from '../../cli/context.js';
import type { Store } from '../../store/store.js';
import type { Report, ReportSpec } from '../../domain/report.js';
import type { Settings } from '../../domain/settings.js';
import { revenueBuckets, evenPaceLine } from '../../domain/report-page.js';
import { trendBucketLabel } from '../../domain/report-advice.js';
import { cumulativeSeries, METRIC_INFO, type GoalMetric } from '../../domain/goal-pace.js';
import { centsToUnits } from '../../domain/money.js';
import { addDays, minDate } from '../../domain/local-date.js';
import { reportCharts, renderChartSvgs, type PageSeries } from '../../ui/report-charts.js';
import { reportPageHtml } from '../../ui/report-page.js';
import { writeFileAtomic, writeFailure } from '../../store/atomic-file.js';
import { userFileOptions } from '../export/output.js';
import { evaluateGoal } from '../goal/progress.js';

/** The page's series besides the report: call inside the report's read transaction. */
export function loadPageSeries(store: Store, spec: ReportSpec, settings: Settings, report: Report): PageSeries {
  const { unit, ranges } = revenueBuckets(spec, settings.weekStart);
  const cents = store.report.trend(ranges);
  const goals = new Map(store.goals.list(true).map((g) => [g.id, g]));
  const cache = new Map<string, unknown>();
  return {
    revenueUnit: unit,
    revenue: ranges.map((range, i) => ({ label: trendBucketLabel(range, unit, settings.weekStart), range, revenue: centsToUnits(cents[i] ?? 0) })),
    goals: report.goals.flatMap((shown) => {
      const goal = goals.get(shown.id);
      if (!goal) return [];
      const timeline = { from: shown.from, to: shown.to };
      // Judged as the report judges it: up to its day, or the day after a timeline it saw end.
      const judgedOn = spec.asOf < spec.today && timeline.to <= spec.asOf ? addDays(timeline.to, 1) : spec.asOf;
      const { facts } = evaluateGoal(store, goal, timeline, judgedOn, cache);
      const metric = goal.metric as GoalMetric;
      const actual = cumulativeSeries({ metric, target: goal.target, from: timeline.from, to: timeline.to, milestones: [] }, facts, minDate(judgedOn, timeline.to))
        .filter((p) => p.actual !== null)
        .map((p) => ({ date: p.date, value: p.actual as number }));
      const forecast = shown.forecast ? { date: timeline.to, value: shown.forecast.value, chanceToHit: shown.forecast.chanceToHit } : null;
      return [{ id: goal.id, name: goal.name, metric, money: METRIC_INFO[metric].money, actual, pace: evenPaceLine(metric, goal.target, timeline), forecast }];
    }),
  };
}

export interface PageWrite {
  path: string;
  force: boolean;
  previousRange: ReportSpec['previous'];
  atRiskCommands: string[];
}

/** Renders the charts and writes the page; the file appears whole or not at all. */
export async function writeReportPage(report: Report, series: PageSeries, write: PageWrite, ctx: AppContext): Promise<void> {
  const charts = reportCharts(report, series);
  const svgs = await renderChartSvgs(charts);
  const html = reportPageHtml(report, charts, svgs, { previousRange: write.previousRange, atRiskCommands: write.atRiskCommands, generatedOn: ctx.clock.today() });
  try {
    writeFileAtomic(write.path, html, userFileOptions(ctx, write.force));
  } catch (error) {
    throw writeFailure(write.path, error);
  }
}
