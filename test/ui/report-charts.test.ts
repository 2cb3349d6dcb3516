// The page's charts rendered by vega in-process: each SVG holds the marks its chart declares
// (bars, lines, dots), a goal with open deals gets its forecast dot, and the numbers table says
// what the chart draws.
import { expect, test } from '@jest/globals';
import { buildReport, NO_ADVICE_FACTS, reportSpec, type ReportFacts } from '../../src/domain/report.js';
import { reportCharts, renderChartSvgs, type PageSeries } from '../../src/ui/report-charts.js';

const FACTS: ReportFacts = {
  currency: 'USD',
  cube: [
    { technique: 'referral', product: null, outcome: 'won', count: 3, amountCents: 300_000 },
    { technique: 'referral', product: null, outcome: 'lost', count: 1, amountCents: 50_000 },
  ],
  previous: { won: 0, lost: 0, wonCents: 0 },
  customers: { active: 1, repeat: 0, repeatRevenueCents: 0, top: [{ id: 1, name: 'Acme', revenueCents: 300_000, won: 3 }] },
  segments: [],
  checkins: { count: 2, ratings: [0, 1, 0, 0, 1] },
  followups: { done: 0, overdue: 0 },
  concerns: { opened: 0, resolved: 0, open: 0, resolveDaysTotal: 0 },
  trendCents: Array(12).fill(0),
};

/** Data marks per chart in an SVG string: the graphics symbols inside `role-mark` groups. */
function marksIn(svg: string): number {
  let count = 0;
  for (const group of svg.matchAll(/<g class="mark-[a-z]+ role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g)) count += (group[1].match(/role="graphics-symbol"/g) ?? []).length;
  return count;
}

test('every chart\'s SVG holds the marks it declares; a forecast adds its dot', async () => {
  const spec = reportSpec({ period: 'month' }, '2026-03-15', 'monday');
  const goal = { id: 7, name: 'March revenue', metric: 'revenue', target: 10_000, from: '2026-03-01', to: '2026-03-31', actual: 3000, percent: 30, expected: 4838.71, projected: 6200, neededPerDay: 437.5, status: 'behind', milestones: [], forecast: { value: 8200, chanceToHit: 35, deals: 2 } };
  const report = buildReport(spec, FACTS, [goal], { ...NO_ADVICE_FACTS, learning: { days: 90, cube: FACTS.cube } });
  const series: PageSeries = {
    revenueUnit: 'week',
    revenue: Array.from({ length: 12 }, (_, i) => ({ label: `w${i}`, range: { from: '2026-01-01', to: '2026-01-07' }, revenue: i * 100 })),
    goals: [{
      id: 7, name: 'March revenue', metric: 'revenue', money: true,
      actual: [{ date: '2026-03-01', value: 0 }, { date: '2026-03-10', value: 3000 }, { date: '2026-03-15', value: 3000 }],
      pace: [{ date: '2026-03-01', value: 322.58 }, { date: '2026-03-31', value: 10_000 }],
      forecast: { date: '2026-03-31', value: 8200, chanceToHit: 35 },
    }],
  };
  const charts = reportCharts(report, series);
  expect(charts.map((c) => [c.id, c.marks])).toEqual([
    ['revenue', 12], ['goal-7', 3], ['techniques', 2], ['satisfaction', 5], ['top-customers', 1],
  ]);
  expect(charts[1].title).toBe('Goal: March revenue — actual against the even pace; forecast $8,200 (35% chance to hit)');
  expect(charts[1].table.rows.at(-1)).toEqual(['2026-03-31 (forecast from open deals)', '$8,200', '—']);
  const svgs = await renderChartSvgs(charts);
  expect(svgs.map(marksIn)).toEqual(charts.map((c) => c.marks));
  for (const svg of svgs) expect(svg).toMatch(/^<svg [^>]*width="\d+" height="\d+"/);

  // Without deals: no dot, no forecast in the title.
  const plain = reportCharts(report, { ...series, goals: [{ ...series.goals[0], forecast: null }] });
  expect(plain[1].marks).toBe(2);
  expect(marksIn((await renderChartSvgs([plain[1]]))[0])).toBe(2);
}, 30_000);
