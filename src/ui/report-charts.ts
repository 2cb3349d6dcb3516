// The report page's charts: one Vega-Lite spec per chart, drawn from the Report value and the
// page's extra series, each with a title, the number of marks it must draw (bars, lines,
// points: the browser test counts them) and its numbers as a table. renderChartSvgs() turns
// the specs into SVG strings with vega's server-side renderer.
import type { Report } from '../domain/report.js';
import type { LocalDate } from '../domain/local-date.js';
import type { DateRange } from '../domain/period.js';
import { formatShortDate } from '../domain/local-date.js';
import { formatMoneySummary } from '../domain/money.js';
import { percentRange, sanitizeLine } from '../domain/text.js';

/** Series the page charts besides the Report value (see commands/report/html.ts). */
export interface PageSeries {
  /** Revenue per bucket (weeks, or months for longer reports), oldest first. */
  revenue: { label: string; range: DateRange; revenue: number }[];
  revenueUnit: 'week' | 'month';
  /** Per goal of the report: cumulative actual by day up to the report's day, and the even-pace line. */
  goals: {
    id: number; name: string; metric: string; money: boolean;
    actual: { date: LocalDate; value: number }[];
    pace: { date: LocalDate; value: number }[];
    /** From open deals, at the timeline's end, when there are deals. */
    forecast: { date: LocalDate; value: number; chanceToHit: number } | null;
  }[];
}

export interface ChartTable {
  columns: string[];
  rows: string[][];
}

export interface Chart {
  /** Stable name for the page (data-chart) and the tests. */
  id: string;
  title: string;
  /** How many data marks (bars, lines, points) the SVG must hold. */
  marks: number;
  spec: Record<string, unknown>;
  table: ChartTable;
}

const COLOR = '#3b6ea8';
const MUTED = '#9aa5b1';
const FORECAST = '#c2410c';
const WIDTH = 480;

/** Settings shared by every chart: system fonts, no frame, a white background. */
const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  background: 'white',
  width: WIDTH,
  config: {
    font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    view: { stroke: null },
    axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#eceff3', domainColor: '#cfd6de', tickColor: '#cfd6de' },
    legend: { labelFontSize: 11, titleFontSize: 11, orient: 'top' },
  },
};

export function reportCharts(report: Report, series: PageSeries): Chart[] {
  const money = (units: number) => formatMoneySummary(Math.round(units * 100), report.currency);
  const name = (text: string) => sanitizeLine(text);
  const charts: Chart[] = [];

  charts.push({
    id: 'revenue',
    title: `Revenue per ${series.revenueUnit}, last ${series.revenue.length} ${series.revenueUnit}s`,
    marks: series.revenue.length,
    spec: {
      ...BASE, height: 180,
      data: { values: series.revenue.map((b) => ({ bucket: b.label, revenue: b.revenue })) },
      mark: { type: 'bar', color: COLOR },
      encoding: {
        x: { field: 'bucket', type: 'ordinal', sort: null, axis: { title: null, labelAngle: -35 } },
        y: { field: 'revenue', type: 'quantitative', axis: { title: report.currency, format: '~s' } },
      },
    },
    table: { columns: [series.revenueUnit, 'days', 'revenue'], rows: series.revenue.map((b) => [b.label, `${b.range.from} – ${b.range.to}`, money(b.revenue)]) },
  });

  for (const goal of series.goals) {
    const value = (v: number) => (goal.money ? money(v) : String(Math.round(v * 100) / 100));
    const points = [
      ...goal.actual.map((p) => ({ date: p.date, value: p.value, line: 'actual' })),
      ...goal.pace.map((p) => ({ date: p.date, value: p.value, line: 'even pace' })),
    ];
    const forecast = goal.forecast;
    const x = { field: 'date', type: 'temporal', scale: { type: 'utc' }, axis: { title: null, format: '%b %-d' } };
    const y = { field: 'value', type: 'quantitative', axis: { title: goal.metric, format: goal.money ? '~s' : '~r' } };
    charts.push({
      id: `goal-${goal.id}`,
      title: `Goal: ${name(goal.name)} — actual against the even pace${forecast ? `; forecast ${value(forecast.value)} (${forecast.chanceToHit}% chance to hit)` : ''}`,
      // One line for the actual (when anything counted yet), one for the pace, a dot for the forecast.
      marks: (goal.actual.length > 0 ? 1 : 0) + 1 + (forecast ? 1 : 0),
      spec: {
        ...BASE, height: 160,
        layer: [
          {
            data: { values: points },
            mark: { type: 'line', strokeWidth: 2 },
            encoding: {
              // Days are calendar days: UTC, so no time zone moves a point to the day before.
              x, y,
              color: { field: 'line', type: 'nominal', scale: { domain: ['actual', 'even pace'], range: [COLOR, MUTED] }, legend: { title: null } },
              strokeDash: { field: 'line', type: 'nominal', scale: { domain: ['actual', 'even pace'], range: [[1, 0], [5, 4]] }, legend: { title: null } },
            },
          },
          ...(forecast ? [{
            data: { values: [{ date: forecast.date, value: forecast.value }] },
            mark: { type: 'point', filled: true, size: 80, color: FORECAST },
            encoding: { x, y },
          }] : []),
        ],
      },
      table: {
        columns: ['day', 'actual', 'even pace'],
        rows: [
          ...goalTableRows(goal.actual, goal.pace).map((r) => [r.date, r.actual === null ? '—' : value(r.actual), r.pace === null ? '—' : value(r.pace)]),
          ...(forecast ? [[`${forecast.date} (forecast from open deals)`, value(forecast.value), '—']] : []),
        ],
      },
    });
  }

  const learning = report.learning.techniques.filter((t) => t.winRate !== null && t.winRateLow !== null && t.winRateHigh !== null);
  if (learning.length > 0) {
    charts.push({
      id: 'techniques',
      title: `Win rate by technique with its 95% range, ${formatShortDate(report.learning.from)} – ${formatShortDate(report.learning.to)}`,
      // A range bar and a dot per technique.
      marks: learning.length * 2,
      spec: {
        ...BASE, height: { step: 26 },
        data: { values: learning.map((t) => ({ technique: name(t.technique), rate: t.winRate, low: t.winRateLow, high: t.winRateHigh, decided: t.won + t.lost })) },
        encoding: { y: { field: 'technique', type: 'nominal', sort: null, axis: { title: null } } },
        layer: [
          { mark: { type: 'rule', color: MUTED, strokeWidth: 3 }, encoding: { x: { field: 'low', type: 'quantitative', scale: { domain: [0, 100] }, axis: { title: 'win rate, %' } }, x2: { field: 'high' } } },
          { mark: { type: 'point', filled: true, color: COLOR, size: 70 }, encoding: { x: { field: 'rate', type: 'quantitative' } } },
        ],
      },
      table: {
        columns: ['technique', 'won', 'lost', 'win rate', '95% range'],
        rows: learning.map((t) => [name(t.technique), String(t.won), String(t.lost), `${Math.round(t.winRate!)}%`, percentRange(t.winRateLow, t.winRateHigh)]),
      },
    });
  }

  const ratings = report.checkins.ratings.map((count, i) => ({ rating: `${i + 1} of 5`, count }));
  charts.push({
    id: 'satisfaction',
    title: `Satisfaction of ${report.checkins.rated} rated check-in${report.checkins.rated === 1 ? '' : 's'}`,
    marks: ratings.length,
    spec: {
      ...BASE, height: 140,
      data: { values: ratings },
      mark: { type: 'bar', color: COLOR },
      encoding: {
        x: { field: 'rating', type: 'ordinal', sort: null, axis: { title: null, labelAngle: 0 } },
        y: { field: 'count', type: 'quantitative', axis: { title: 'check-ins', tickMinStep: 1 } },
      },
    },
    table: { columns: ['rating', 'check-ins'], rows: ratings.map((r) => [r.rating, String(r.count)]) },
  });

  const top = report.customers.top;
  if (top.length > 0) {
    charts.push({
      id: 'top-customers',
      title: 'Top customers by revenue',
      marks: top.length,
      spec: horizontalBars(top.map((c) => ({ label: name(c.name), value: c.revenue })), report.currency, true),
      table: { columns: ['customer', 'revenue', 'won'], rows: top.map((c) => [name(c.name), money(c.revenue), String(c.won)]) },
    });
  }

  const reasons = report.lost.reasons;
  if (reasons.length > 0) {
    charts.push({
      id: 'lost-reasons',
      title: `Lost reasons: ${report.lost.count} lost, ${money(report.lost.value)}`,
      marks: reasons.length,
      spec: horizontalBars(reasons.map((r) => ({ label: name(r.reason), value: r.count })), 'lost sales', false),
      table: { columns: ['reason', 'lost', 'value'], rows: reasons.map((r) => [name(r.reason), String(r.count), money(r.value)]) },
    });
  }
  return charts;
}

function horizontalBars(rows: { label: string; value: number }[], unit: string, isMoney: boolean): Record<string, unknown> {
  return {
    ...BASE, height: { step: 24 },
    data: { values: rows },
    mark: { type: 'bar', color: COLOR },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, axis: { title: null, labelLimit: 200 } },
      x: { field: 'value', type: 'quantitative', axis: { title: unit, format: isMoney ? '~s' : '~r', tickMinStep: isMoney ? undefined : 1 } },
    },
  };
}

/** One row per day of either series: the actual on its days, the pace at its two ends. */
function goalTableRows(actual: { date: LocalDate; value: number }[], pace: { date: LocalDate; value: number }[]) {
  const days = new Map<LocalDate, { date: LocalDate; actual: number | null; pace: number | null }>();
  for (const p of actual) days.set(p.date, { date: p.date, actual: p.value, pace: null });
  for (const p of pace) days.set(p.date, { date: p.date, actual: days.get(p.date)?.actual ?? null, pace: p.value });
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The SVG of each chart, in order, from vega's server-side renderer (no canvas, no DOM). */
export async function renderChartSvgs(charts: Chart[]): Promise<string[]> {
  const lib = await import('./charts-lib.js');
  // Errors only: a library warning on the terminal would say nothing a rep can act on.
  const quiet = lib.logger(lib.LOG_ERROR);
  return Promise.all(charts.map(async (chart) => {
    const view = new lib.View(lib.parse(lib.compile(chart.spec as never, { logger: quiet }).spec), { renderer: 'none', logLevel: lib.LOG_ERROR });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  }));
}
