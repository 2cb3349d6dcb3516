import { describe, expect, test } from '@jest/globals';
import { buildReport, NO_ADVICE_FACTS, reportSpec, type ReportFacts, type ReportRequest } from '../../src/domain/report.js';
import { wilsonInterval } from '../../src/domain/wilson.js';
import type { Weekday } from '../../src/domain/local-date.js';

describe('wilsonInterval (95%)', () => {
  test.each([
    [1, 2, 9.45, 90.55],
    [0, 5, 0, 43.45],
    [5, 5, 56.55, 100],
    [8, 10, 49.02, 94.33],
    [1, 1, 20.65, 100],
    [0, 2, 0, 65.76],
  ])('%d of %d → %d .. %d', (wins, trials, low, high) => {
    const interval = wilsonInterval(wins, trials)!;
    expect(Math.round(interval.low * 10000) / 100).toBeCloseTo(low, 2);
    expect(Math.round(interval.high * 10000) / 100).toBeCloseTo(high, 2);
  });

  test('no trials, no interval', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('reportSpec: ranges from the flags and today', () => {
  // [flags, today, week start, range, previous, label, first trend range]
  test.each<[ReportRequest, string, Weekday, string, string, string, string]>([
    [{}, '2026-03-15', 'monday', '2026-03-09..2026-03-15', '2026-03-02..2026-03-08', 'Week of Mar 9, 2026', '2025-12-22..2025-12-28'],
    [{}, '2026-03-11', 'monday', '2026-03-09..2026-03-11', '2026-03-02..2026-03-04', 'Week of Mar 9, 2026 (to date)', '2025-12-22..2025-12-28'],
    [{}, '2026-03-15', 'sunday', '2026-03-15..2026-03-15', '2026-03-08..2026-03-08', 'Week of Mar 15, 2026 (to date)', '2025-12-28..2026-01-03'],
    [{ last: true }, '2026-03-15', 'sunday', '2026-03-08..2026-03-14', '2026-03-01..2026-03-07', 'Week of Mar 8, 2026', '2025-12-21..2025-12-27'],
    [{ last: true }, '2026-03-15', 'monday', '2026-03-02..2026-03-08', '2026-02-23..2026-03-01', 'Week of Mar 2, 2026', '2025-12-15..2025-12-21'],
    [{ period: 'month' }, '2026-03-15', 'monday', '2026-03-01..2026-03-15', '2026-02-01..2026-02-15', 'Mar 2026 (to date)', '2025-04-01..2025-04-30'],
    [{ period: 'month' }, '2026-03-31', 'monday', '2026-03-01..2026-03-31', '2026-02-01..2026-02-28', 'Mar 2026', '2025-04-01..2025-04-30'],
    [{ period: 'MONTH', last: true }, '2026-03-15', 'monday', '2026-02-01..2026-02-28', '2026-01-01..2026-01-31', 'Feb 2026', '2025-03-01..2025-03-31'],
    [{ period: 'quarter' }, '2026-03-15', 'monday', '2026-01-01..2026-03-15', '2025-10-01..2025-12-13', '2026-Q1 (to date)', '2023-04-01..2023-06-30'],
    [{ period: 'quarter', last: true }, '2026-03-15', 'monday', '2025-10-01..2025-12-31', '2025-07-01..2025-09-30', '2025-Q4', '2023-01-01..2023-03-31'],
    [{ period: 'year' }, '2026-03-15', 'monday', '2026-01-01..2026-03-15', '2025-01-01..2025-03-15', '2026 (to date)', '2015-01-01..2015-12-31'],
    [{ period: 'year', last: true }, '2026-03-15', 'monday', '2025-01-01..2025-12-31', '2024-01-01..2024-12-31', '2025', '2014-01-01..2014-12-31'],
    [{ from: '2026-03-01', to: '2026-03-14' }, '2026-03-15', 'monday', '2026-03-01..2026-03-14', '2026-02-15..2026-02-28', 'Mar 1 – Mar 14, 2026', '2025-09-28..2025-10-11'],
    [{ from: '-2d' }, '2026-03-15', 'monday', '2026-03-13..2026-03-15', '2026-03-10..2026-03-12', 'Mar 13 – Mar 15, 2026', '2026-02-08..2026-02-10'],
    [{ from: '2025-12-31', to: '2026-01-01' }, '2026-03-15', 'monday', '2025-12-31..2026-01-01', '2025-12-29..2025-12-30', 'Dec 31, 2025 – Jan 1, 2026', '2025-12-09..2025-12-10'],
  ])('%j on %s (weeks start %s) → %s', (request, today, weekStart, range, previous, label, firstTrend) => {
    const spec = reportSpec(request, today, weekStart);
    const text = (r: { from: string; to: string }) => `${r.from}..${r.to}`;
    expect(text(spec.range)).toBe(range);
    expect(text(spec.previous)).toBe(previous);
    expect(spec.label).toBe(label);
    expect(spec.trend).toHaveLength(12);
    expect(text(spec.trend[0])).toBe(firstTrend);
    expect(spec.trend[11]).toEqual(spec.range);
    // Trend periods are consecutive: each starts the day after the one before ends.
    for (let i = 1; i < 12; i++) expect(spec.trend[i].from > spec.trend[i - 1].to).toBe(true);
  });

  test('"open" and "overdue" are judged at the range end, or today when that is earlier', () => {
    expect(reportSpec({ period: 'month', last: true }, '2026-03-15', 'monday').asOf).toBe('2026-02-28');
    expect(reportSpec({ from: '2026-03-01', to: '2026-04-30' }, '2026-03-15', 'monday').asOf).toBe('2026-03-15');
  });

  test('a custom range or a --last period is never "to date"', () => {
    expect(reportSpec({ from: '2026-03-01' }, '2026-03-15', 'monday').toDate).toBe(false);
    expect(reportSpec({ last: true }, '2026-03-15', 'monday').toDate).toBe(false);
    expect(reportSpec({}, '2026-03-11', 'monday').toDate).toBe(true);
  });

  test('mixing a range with a period says how to give either', () => {
    expect(() => reportSpec({ from: '2026-03-01', last: true }, '2026-03-15', 'monday')).toThrow(expect.objectContaining({
      message: '--from/--to cannot be combined with --period or --last', hint: 'Give either a period (--period month [--last]) or a range (--from D --to D).',
    }));
    expect(() => reportSpec({ to: '2026-03-01' }, '2026-03-15', 'monday')).toThrow(expect.objectContaining({
      message: '--to needs --from', hint: 'For example: spm report --from 2026-01-01 --to 2026-03-31',
    }));
  });

  test.each<[ReportRequest, RegExp]>([
    [{ period: 'fortnight' }, /--period "fortnight" is not a period/],
    [{ from: '2026-03-01', period: 'month' }, /cannot be combined/],
    [{ from: '2026-03-01', last: true }, /cannot be combined/],
    [{ to: '2026-03-01' }, /--to needs --from/],
    [{ from: '2026-03-10', to: '2026-03-01' }, /is after --to/],
    [{ from: '03/01/2026' }, /ambiguous/],
  ])('refuses %j', (request, message) => {
    expect(() => reportSpec(request, '2026-03-15', 'monday')).toThrow(message);
  });
});

const EMPTY_FACTS: ReportFacts = {
  currency: 'USD',
  cube: [],
  previous: { won: 0, lost: 0, wonCents: 0 },
  customers: { active: 0, repeat: 0, repeatRevenueCents: 0, top: [] },
  segments: [],
  checkins: { count: 0, ratings: [0, 0, 0, 0, 0] },
  followups: { done: 0, overdue: 0 },
  concerns: { opened: 0, resolved: 0, open: 0, resolveDaysTotal: 0 },
  trendCents: Array(12).fill(0),
};

describe('buildReport', () => {
  const spec = reportSpec({}, '2026-03-15', 'monday');

  test('an empty period has zeros and nulls, never NaN', () => {
    const report = buildReport(spec, EMPTY_FACTS, []);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
    expect(report.sales).toEqual({ revenue: 0, won: 0, lost: 0, winRate: null, averageDeal: null });
    expect(report.checkins).toEqual({ count: 0, averageSatisfaction: null, rated: 0, ratings: [0, 0, 0, 0, 0] });
    expect(report.concerns.averageDaysToResolve).toBeNull();
    expect(report.techniques).toEqual([]);
    expect(report.trend.map((t) => t.revenue)).toEqual(Array(12).fill(0));
  });

  test('percentages and averages have at most 2 decimals; money is in currency units', () => {
    const report = buildReport(spec, {
      ...EMPTY_FACTS,
      cube: [
        { technique: 'demo', product: null, outcome: 'won', count: 2, amountCents: 100_001 },
        { technique: 'demo', product: null, outcome: 'lost', count: 1, amountCents: 5_000 },
      ],
      checkins: { count: 4, ratings: [0, 0, 1, 1, 1] },
      concerns: { opened: 0, resolved: 3, open: 0, resolveDaysTotal: 10 },
    }, []);
    expect(report.sales).toEqual({ revenue: 1000.01, won: 2, lost: 1, winRate: 66.67, averageDeal: 500.01 });
    expect(report.checkins.averageSatisfaction).toBe(4);
    expect(report.concerns.averageDaysToResolve).toBe(3.33);
    expect(report.techniques[0]).toEqual({ technique: 'demo', won: 2, lost: 1, winRate: 66.67, winRateLow: 20.77, winRateHigh: 93.85, revenue: 1000.01, averageDeal: 500.01, enoughData: false });
    expect(report.products).toEqual([{ name: '(none)', revenue: 1000.01, won: 2 }]);
  });

  test.each([
    [4, 0, false], // 4 decided: thin
    [3, 1, false],
    [5, 0, true], // 5 decided: enough (the boundary itself)
    [2, 3, true],
    [6, 0, true],
  ])('a technique with %d won and %d lost sales has enough data: %s (5 decided or more)', (won, lost, enough) => {
    const cube = [
      { technique: 'referral', product: null, outcome: 'won' as const, count: won, amountCents: won * 10_000 },
      ...(lost > 0 ? [{ technique: 'referral', product: null, outcome: 'lost' as const, count: lost, amountCents: lost * 10_000 }] : []),
    ];
    expect(buildReport(spec, { ...EMPTY_FACTS, cube }, []).techniques[0].enoughData).toBe(enough);
  });

  test('rows ranked by revenue, then won count, then name; lost money, new customers and the trend as handed over', () => {
    const cell = (technique: string | null, product: string | null, outcome: 'won' | 'lost', count: number, amountCents: number) => ({ technique, product, outcome, count, amountCents });
    const report = buildReport(spec, {
      ...EMPTY_FACTS,
      cube: [
        cell('referral', 'Gadget', 'won', 1, 30_000),
        cell('email', 'Gadget', 'lost', 1, 1_000),
        cell('demo', 'Widget', 'won', 2, 30_000),
        cell('demo', 'Gadget', 'lost', 1, 5_000),
        cell(null, null, 'won', 3, 10_000),
        cell('cold-call', 'Widget', 'lost', 2, 7_000),
      ],
      customers: { active: 5, repeat: 2, repeatRevenueCents: 20_000, top: [] },
      segments: [
        { segment: null, revenueCents: 10_000, won: 3 },
        { segment: 'retail', revenueCents: 30_000, won: 1 },
        { segment: 'wholesale', revenueCents: 30_000, won: 2 },
        { segment: 'online', revenueCents: 30_000, won: 2 },
      ],
      trendCents: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200],
    }, [], {
      ...NO_ADVICE_FACTS,
      learning: {
        days: 90,
        cube: [
          cell('a', null, 'won', 1, 50_000), cell('a', null, 'lost', 1, 1_000),
          cell('e', null, 'lost', 1, 1_000),
          cell('b', null, 'won', 2, 2_000), cell('b', null, 'lost', 2, 1_000),
          cell('d', null, 'lost', 1, 1_000),
          cell('c', null, 'won', 3, 3_000),
        ],
      },
    });
    // 6 won for $700.00, 4 lost for $130.00: 60 % won, $116.67 a won sale.
    expect(report.sales).toEqual({ revenue: 700, won: 6, lost: 4, winRate: 60, averageDeal: 116.67 });
    expect(report.lost).toEqual({ count: 4, value: 130, reasons: [] });
    // demo and referral both $300 (2 won before 1); cold-call and email both nothing (by name).
    expect(report.techniques.map((t) => t.technique)).toEqual(['demo', 'referral', '(none)', 'cold-call', 'email']);
    expect(report.products).toEqual([{ name: 'Widget', revenue: 300, won: 2 }, { name: 'Gadget', revenue: 300, won: 1 }, { name: '(none)', revenue: 100, won: 3 }]);
    expect(report.segments.map((s) => s.name)).toEqual(['online', 'wholesale', 'retail', '(none)']);
    expect(report.customers).toEqual({ active: 5, new: 3, repeat: 2, repeatRevenue: 200, top: [] });
    expect(report.trend.map((t) => t.revenue)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // The learning window ranks by win rate: c 3 of 3, then b and a at 50 % (2 of 4 has the
    // higher lower bound), then d and e at 0 % (by name).
    expect(report.learning.techniques.map((t) => [t.technique, t.winRate])).toEqual([['c', 100], ['b', 50], ['a', 50], ['d', 0], ['e', 0]]);
    expect(report.learning.verdict).toBe('Over 90 days the data cannot tell the 5 techniques apart yet.');
  });

  test('goals are passed through as given', () => {
    const goal = { id: 1, name: 'Q1', metric: 'revenue', target: 1000, from: '2026-01-01', to: '2026-03-31', actual: 10, percent: 1, expected: 800, projected: 12, neededPerDay: 61.88, status: 'behind', milestones: [] };
    expect(buildReport(spec, EMPTY_FACTS, [goal]).goals).toEqual([goal]);
  });
});
