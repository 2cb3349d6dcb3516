import { describe, expect, test } from '@jest/globals';
import {
  assertMilestones, assertTimeline, cumulativeSeries, currentTimeline, goalPace, isGoalActive, metricValue, milestoneProgress, neededPerDayToReach, parseMetric, recurringPeriods, streak,
  type DailyFact, type GoalMetric, type GoalSpec, type MetricSums,
} from '../../src/domain/goal-pace.js';
import { addDays } from '../../src/domain/local-date.js';
import { periodContaining } from '../../src/domain/period.js';

const fact = (date: string, value: number, count = 0): DailyFact => ({ date, value, count });
// Q1 2026: Jan 1 – Mar 31 = 31 + 28 + 31 = 90 days.
const q1 = (metric: GoalMetric = 'revenue', target = 30_000, milestones: GoalSpec['milestones'] = []): GoalSpec => ({ metric, target, from: '2026-01-01', to: '2026-03-31', milestones });

describe('needed per day: what is left over the days left, rounded up to the hundredth (the cent)', () => {
  test.each([
    [11_100, 16, 693.75], // exact
    [4_800, 16, 300],
    [2_100, 16, 131.25],
    [100, 3, 33.34], // 33.333… up, never down to 33.33
    [1, 16, 0.07], // 0.0625
    [2, 16, 0.13], // 0.125
    [0.01, 2, 0.01], // half a cent is a whole cent
    [3, 1, 3],
  ])('%d over %d days is %d a day', (remaining, daysLeft, perDay) => {
    expect(neededPerDayToReach(remaining, daysLeft)).toBe(perDay);
  });
});

describe('summed metrics inside the timeline', () => {
  // 2026-02-14 is day 45 of 90: elapsed ½, expected $15,000; days left Feb 15 – Mar 31 = 14 + 31 = 45.
  // Worked by hand: percent = actual / 30,000; projected = actual × 90 / 45; needed per day =
  // (30,000 − actual) / 45 days, rounded up to the cent.
  test.each([
    [15_500, 'on-track', 51.67, 31_000, 322.23], // within 5 % of 15,000 (14,250 … 15,750); 14,500 / 45 = 322.222…
    [15_750, 'on-track', 52.5, 31_500, 316.67], // the band's edge is on-track; 14,250 / 45 = 316.666…
    [16_000, 'ahead', 53.33, 32_000, 311.12], // 14,000 / 45 = 311.111…
    [14_250, 'on-track', 47.5, 28_500, 350], // 15,750 / 45 = 350 exactly: nothing to round
    [14_000, 'behind', 46.67, 28_000, 355.56], // 16,000 / 45 = 355.555…
    [30_000, 'met', 100, 60_000, null], // reaching the target early is met
  ])('actual %d on day 45 of 90 is %s', (actual, status, percent, projected, neededPerDay) => {
    const pace = goalPace(q1(), [fact('2026-01-10', actual)], '2026-02-14');
    expect(pace.status).toBe(status);
    expect(pace.elapsed).toBe(0.5);
    expect(pace.expected).toBe(15_000);
    expect(pace.actual).toBe(actual);
    expect(pace.percent).toBeCloseTo(percent as number, 2);
    expect(pace.projected).toBe(projected);
    expect(pace.daysLeft).toBe(45);
    expect(pace.neededPerDay).toBe(neededPerDay);
  });

  test('sums only days from `from` to today; later and earlier facts do not count', () => {
    const facts = [fact('2025-12-31', 999), fact('2026-01-05', 1_000), fact('2026-02-14', 500), fact('2026-02-15', 7_000)];
    expect(goalPace(q1(), facts, '2026-02-14').actual).toBe(1_500);
  });
});

describe('before, on the first and last day of, and after the timeline', () => {
  test('before it starts: nothing counted, expected 0, on-track, all days left', () => {
    const pace = goalPace(q1(), [fact('2025-12-20', 5_000)], '2025-12-31');
    expect(pace).toMatchObject({ actual: 0, percent: 0, elapsed: 0, expected: 0, projected: null, status: 'on-track', daysLeft: 90 });
    expect(pace.neededPerDay).toBe(333.34); // 30,000 / 90 = 333.333…, rounded up
  });

  test('ten days before it starts: still nothing elapsed (not a negative share)', () => {
    expect(goalPace(q1(), [], '2025-12-22')).toMatchObject({ actual: 0, elapsed: 0, expected: 0, projected: null, daysLeft: 90 });
    expect(goalPace(q1('win-rate', 40), [fact('2025-12-20', 1, 2)], '2025-12-22')).toMatchObject({ actual: null, percent: null, status: 'on-track' });
    expect(milestoneProgress('win-rate', [fact('2025-12-20', 1, 2)], '2026-01-01', { date: '2026-01-15', value: 40 }, '2025-12-22'))
      .toEqual({ date: '2026-01-15', value: 40, actual: null, status: 'upcoming' });
    expect(milestoneProgress('sales', [fact('2025-12-20', 3)], '2026-01-01', { date: '2026-01-15', value: 2 }, '2025-12-22'))
      .toEqual({ date: '2026-01-15', value: 2, actual: 0, status: 'upcoming' });
  });

  test('first day: 1/90 elapsed; $400 beats the $333.33 pace by more than 5 %', () => {
    const pace = goalPace(q1(), [fact('2026-01-01', 400)], '2026-01-01');
    expect(pace.elapsed).toBeCloseTo(1 / 90, 12);
    expect(pace.expected).toBeCloseTo(333.333, 3);
    expect(pace.status).toBe('ahead');
    expect(pace.projected).toBeCloseTo(36_000, 6);
    expect(pace.daysLeft).toBe(89);
    expect(pace.neededPerDay).toBe(332.59); // 29,600 / 89 = 332.584…, rounded up
  });

  test('last day: expected is the target; $29,000 is within 5 % (on-track); no days left', () => {
    const pace = goalPace(q1(), [fact('2026-03-31', 29_000)], '2026-03-31');
    expect(pace).toMatchObject({ elapsed: 1, expected: 30_000, status: 'on-track', daysLeft: 0, neededPerDay: null, projected: 29_000 });
    expect(goalPace(q1(), [fact('2026-03-31', 28_000)], '2026-03-31').status).toBe('behind');
  });

  test('after it ends: missed when short, met when reached; later facts ignored', () => {
    const facts = [fact('2026-03-30', 29_000), fact('2026-04-01', 5_000)];
    expect(goalPace(q1(), facts, '2026-04-01')).toMatchObject({ actual: 29_000, status: 'missed', elapsed: 1, daysLeft: 0, neededPerDay: null });
    expect(goalPace(q1(), [fact('2026-02-01', 30_000)], '2026-06-01').status).toBe('met');
  });
});

test('leap-year February has 29 days: day 15 of 29, 15 of 29 sales is on-track, 1 sale a day to go', () => {
  const feb = { metric: 'sales' as const, target: 29, from: '2024-02-01', to: '2024-02-29', milestones: [] };
  expect(periodContaining('month', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  const pace = goalPace(feb, [fact('2024-02-03', 10), fact('2024-02-15', 5)], '2024-02-15');
  expect(pace).toMatchObject({ totalDays: 29, expected: 15, actual: 15, status: 'on-track', daysLeft: 14, neededPerDay: 1 });
  expect(goalPace(feb, [fact('2024-02-29', 29)], '2024-02-29')).toMatchObject({ elapsed: 1, status: 'met' });
});

test('a week starting Sunday: Wednesday 2026-03-18 is day 4 of 7 (Monday weeks: day 3)', () => {
  const sundayWeek = periodContaining('week', '2026-03-18', 'sunday');
  expect(sundayWeek).toEqual({ from: '2026-03-15', to: '2026-03-21' });
  const spec = { metric: 'checkins' as const, target: 14, ...sundayWeek, milestones: [] };
  expect(goalPace(spec, [fact('2026-03-15', 8)], '2026-03-18')).toMatchObject({ expected: 8, status: 'on-track' });
  expect(goalPace(spec, [fact('2026-03-15', 7)], '2026-03-18').status).toBe('behind'); // 7 < 7.6
  const mondayWeek = periodContaining('week', '2026-03-18', 'monday');
  expect(goalPace({ ...spec, ...mondayWeek }, [fact('2026-03-16', 7)], '2026-03-18')).toMatchObject({ expected: 6, status: 'ahead' });
});

describe('rates: win-rate and satisfaction', () => {
  const winRate = q1('win-rate', 40);
  // 2 won of 5 decided, then 1 of 1: 3 / 6 = 50 %.
  const facts = [fact('2026-01-05', 2, 5), fact('2026-02-01', 1, 1)];

  test('expected is the target, projected the actual, no per-day need; 50 % vs 40 % is ahead, not met', () => {
    const pace = goalPace(winRate, facts, '2026-02-14');
    expect(pace).toMatchObject({ actual: 50, expected: 40, projected: 50, percent: 125, status: 'ahead', neededPerDay: null });
  });

  test.each([
    [[fact('2026-01-05', 41, 100)], 'on-track'], // 41 % within 38 … 42
    [[fact('2026-01-05', 30, 100)], 'behind'],
    [[], 'on-track'], // no decided sale yet
  ])('during the timeline %j is %s', (dayFacts, status) => {
    expect(goalPace(winRate, dayFacts, '2026-02-14').status).toBe(status);
  });

  test.each([
    [facts, 'met'],
    [[fact('2026-01-05', 41, 100)], 'met'],
    [[fact('2026-01-05', 39, 100)], 'missed'],
    [[fact('2026-01-05', 40, 100)], 'met'], // exactly the target is met
    [[fact('2026-01-05', 2, 5)], 'met'], // 2 of 5 = 40 % exactly, computed as a fraction
    [[], 'missed'],
  ])('after the timeline %j is %s', (dayFacts, status) => {
    expect(goalPace(winRate, dayFacts, '2026-04-02').status).toBe(status);
  });

  test('satisfaction is the average rating: (5 + 4) / 2 = 4.5 against 4 is ahead; 4.1 is on-track', () => {
    const spec = q1('satisfaction', 4);
    expect(goalPace(spec, [fact('2026-01-03', 9, 2)], '2026-01-10')).toMatchObject({ actual: 4.5, status: 'ahead', expected: 4, projected: 4.5 });
    expect(goalPace(spec, [fact('2026-01-03', 41, 10)], '2026-01-10').status).toBe('on-track');
  });

  test('before the timeline a rate has no actual', () => {
    expect(goalPace(winRate, facts, '2025-12-01')).toMatchObject({ actual: null, percent: null, status: 'on-track' });
  });
});

describe('metricValue over [from, upTo]', () => {
  const sums = [fact('2026-01-01', 1_000.5), fact('2026-01-02', 500), fact('2026-02-01', 99)];
  test.each<GoalMetric>(['revenue', 'sales', 'new-customers', 'checkins', 'repeat-revenue', 'custom'])('%s sums the days: 1,000.5 + 500', (metric) => {
    expect(metricValue(metric, sums, '2026-01-01', '2026-01-31')).toBe(1_500.5);
  });
  test('win-rate: (2 + 1) won of (3 + 2) decided = 60 %', () => {
    expect(metricValue('win-rate', [fact('2026-01-01', 2, 3), fact('2026-01-02', 1, 2)], '2026-01-01', '2026-01-31')).toBe(60);
  });
  test('satisfaction: ratings 5 + 4 + 4 over 3 = 4.33', () => {
    expect(metricValue('satisfaction', [fact('2026-01-01', 9, 2), fact('2026-01-02', 4, 1)], '2026-01-01', '2026-01-31')).toBeCloseTo(13 / 3, 12);
  });
  test('rates without data are null, sums are 0', () => {
    expect(metricValue('win-rate', [], '2026-01-01', '2026-01-31')).toBeNull();
    expect(metricValue('sales', [], '2026-01-01', '2026-01-31')).toBe(0);
  });
});

test('goals sharing facts share their sums: every pace equals the pace taken alone, whatever was asked before', () => {
  let state = 9;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const day = (n: number) => addDays('2026-01-01', n);
  // A few shared arrays (as the store hands them out), asked by many goals over different ranges.
  const arrays = Array.from({ length: 4 }, () => Array.from({ length: 60 }, (_, i) => fact(day(i * 2), Math.round(random() * 10_000) / 100, Math.floor(random() * 4))));
  const metrics: GoalMetric[] = ['revenue', 'win-rate', 'satisfaction', 'sales'];
  const sums: MetricSums = new WeakMap();
  for (let i = 0; i < 400; i++) {
    const facts = arrays[Math.floor(random() * arrays.length)];
    // Few timelines and days, as a goal list has: the same range is asked again by other goals.
    const from = day([0, 31, 59][Math.floor(random() * 3)]);
    const spec: GoalSpec = { metric: metrics[Math.floor(random() * 4)], target: 1 + Math.floor(random() * 500), from, to: addDays(from, [27, 89][Math.floor(random() * 2)]),
      milestones: random() < 0.5 ? [] : [{ date: addDays(from, Math.floor(random() * 10)), value: Math.floor(random() * 100) }] };
    const today = day([20, 45, 70, 200][Math.floor(random() * 4)]);
    expect({ i, spec, today, pace: goalPace(spec, facts, today, sums) }).toEqual({ i, spec, today, pace: goalPace(spec, facts, today) });
  }
});

describe('milestones', () => {
  // Jan 1: $100, Jan 20: $5,000, Mar 1: $12,000.
  const facts = [fact('2026-01-01', 100), fact('2026-01-20', 5_000), fact('2026-03-01', 12_000)];
  const spec = q1('revenue', 30_000, [{ date: '2026-03-31', value: 30_000 }, { date: '2026-01-01', value: 100 }, { date: '2026-02-01', value: 8_000 }]);

  test('on the first day (met by that day), mid-way (missed) and the last day (upcoming), sorted by date', () => {
    expect(goalPace(spec, facts, '2026-03-15').milestones).toEqual([
      { date: '2026-01-01', value: 100, actual: 100, status: 'met' },
      { date: '2026-02-01', value: 8_000, actual: 5_100, status: 'missed' },
      { date: '2026-03-31', value: 30_000, actual: 17_100, status: 'upcoming' },
    ]);
  });

  test('a milestone due today is upcoming until reached; met early counts', () => {
    expect(milestoneProgress('revenue', facts, '2026-01-01', { date: '2026-02-01', value: 8_000 }, '2026-02-01').status).toBe('upcoming');
    expect(milestoneProgress('revenue', facts, '2026-01-01', { date: '2026-02-01', value: 5_000 }, '2026-01-25').status).toBe('met');
    expect(milestoneProgress('revenue', facts, '2026-01-01', { date: '2026-02-01', value: 5_200 }, '2026-02-02').status).toBe('missed');
  });

  test('must lie inside the timeline, boundaries included, one per day', () => {
    const range = { from: '2026-01-01', to: '2026-03-31' };
    expect(() => assertMilestones([{ date: '2026-01-01', value: 1 }, { date: '2026-03-31', value: 2 }], range)).not.toThrow();
    expect(() => assertMilestones([{ date: '2025-12-31', value: 1 }], range)).toThrow(/outside the timeline/);
    expect(() => assertMilestones([{ date: '2026-04-01', value: 1 }], range)).toThrow(/outside the timeline/);
    expect(() => assertMilestones([{ date: '2026-02-01', value: 1 }, { date: '2026-02-01', value: 2 }], range)).toThrow(/two milestones/);
  });
});

describe('recurring goals', () => {
  test('monthly, across the year boundary: Nov and Dec 2025 are past, Jan 2026 current', () => {
    expect(recurringPeriods('month', '2025-11-01', '2026-01-15', 'monday')).toEqual({
      past: [{ from: '2025-11-01', to: '2025-11-30' }, { from: '2025-12-01', to: '2025-12-31' }],
      current: { from: '2026-01-01', to: '2026-01-31' },
    });
  });

  test('weekly (Monday) across the year boundary: the week of Dec 29 spans both years', () => {
    expect(recurringPeriods('week', '2025-12-22', '2026-01-07', 'monday')).toEqual({
      past: [{ from: '2025-12-22', to: '2025-12-28' }, { from: '2025-12-29', to: '2026-01-04' }],
      current: { from: '2026-01-05', to: '2026-01-11' },
    });
  });

  test('before the first period: no past, the first period is current; maxPast keeps the latest', () => {
    expect(recurringPeriods('quarter', '2026-04-01', '2026-03-15', 'monday')).toEqual({ past: [], current: { from: '2026-04-01', to: '2026-06-30' } });
    expect(recurringPeriods('month', '2025-01-01', '2026-01-15', 'monday', 2).past).toEqual([{ from: '2025-11-01', to: '2025-11-30' }, { from: '2025-12-01', to: '2025-12-31' }]);
    expect(recurringPeriods('month', '2025-01-01', '2026-01-15', 'monday', 1).past).toEqual([{ from: '2025-12-01', to: '2025-12-31' }]);
    expect(recurringPeriods('month', '2025-01-01', '2026-01-15', 'monday', 0)).toEqual({ past: [], current: { from: '2026-01-01', to: '2026-01-31' } });
    // Any maxPast: the same current period, and the latest maxPast of all the past ones.
    for (const [kind, first, today] of [['week', '2025-12-22', '2026-01-07'], ['quarter', '2024-02-10', '2026-08-01'], ['year', '2019-05-05', '2026-01-01'], ['month', '2026-03-03', '2026-03-31']] as const) {
      const all = recurringPeriods(kind, first, today, 'sunday');
      for (const maxPast of [0, 1, 2, 5, 600]) {
        expect({ kind, maxPast, periods: recurringPeriods(kind, first, today, 'sunday', maxPast) }).toEqual({ kind, maxPast, periods: { past: maxPast === 0 ? [] : all.past.slice(-maxPast), current: all.current } });
      }
    }
  });

  test('currentTimeline: a one-off goal keeps its dates, a recurring one moves with today', () => {
    const goal = { from: '2025-11-01', to: '2025-11-30', period: 'month' as const };
    expect(currentTimeline({ ...goal, recurring: false }, '2026-01-15', 'monday')).toEqual({ from: '2025-11-01', to: '2025-11-30' });
    expect(currentTimeline({ ...goal, recurring: true }, '2026-01-15', 'monday')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });

  test.each<[boolean[], boolean, number]>([
    [[true, false, true, true], false, 2],
    [[true, true], true, 3],
    [[], false, 0],
    [[true, false], false, 0],
  ])('streak of past %j with current met %s is %d', (past, current, expected) => {
    expect(streak(past, current)).toBe(expected);
  });
});

test('cumulativeSeries: running total per day against the even pace', () => {
  const spec = { metric: 'sales' as const, target: 10, from: '2026-03-01', to: '2026-03-10', milestones: [] };
  expect(cumulativeSeries(spec, [fact('2026-03-02', 3), fact('2026-03-03', 1)], '2026-03-03')).toEqual([
    { date: '2026-03-01', actual: 0, expected: 1 },
    { date: '2026-03-02', actual: 3, expected: 2 },
    { date: '2026-03-03', actual: 4, expected: 3 },
  ]);
});

test('cumulativeSeries of a rate: the rate so far each day, null before the first decided sale', () => {
  const spec = { metric: 'win-rate' as const, target: 40, from: '2026-03-01', to: '2026-03-10', milestones: [] };
  // Mar 2: 1 won of 2 decided = 50 %; Mar 4: both of 2 more won, 3 of 4 = 75 %.
  expect(cumulativeSeries(spec, [fact('2026-03-02', 1, 2), fact('2026-03-04', 2, 2)], '2026-03-04')).toEqual([
    { date: '2026-03-01', actual: null, expected: 40 },
    { date: '2026-03-02', actual: 50, expected: 40 },
    { date: '2026-03-03', actual: 50, expected: 40 },
    { date: '2026-03-04', actual: 75, expected: 40 },
  ]);
  // Satisfaction: the mean rating, 4 + 5 + 3 over 3 check-ins = 4, then 15 + 2 over 4 = 4.25.
  const satisfaction = { ...spec, metric: 'satisfaction' as const, target: 4 };
  expect(cumulativeSeries(satisfaction, [fact('2026-03-01', 12, 3), fact('2026-03-02', 5, 1)], '2026-03-02').map((p) => p.actual)).toEqual([4, 4.25]);
});

test('parseMetric refuses unknown metrics', () => {
  expect(parseMetric('Win-Rate')).toBe('win-rate');
  expect(parseMetric(' sales ')).toBe('sales');
  expect(() => parseMetric('profit')).toThrow(/not a metric/);
  expect(() => parseMetric('profit')).toThrow(expect.objectContaining({
    message: '--metric "profit" is not a metric', hint: 'Use one of: revenue, sales, new-customers, checkins, win-rate, satisfaction, repeat-revenue, custom.',
  }));
});

test('milestones come out in date order whatever order they were given in', () => {
  const milestones = [{ date: '2026-03-01', value: 20_000 }, { date: '2026-01-15', value: 5_000 }, { date: '2026-02-01', value: 10_000 }, { date: '2026-01-15', value: 5_000 }];
  const pace = goalPace(q1('revenue', 30_000, milestones), [fact('2026-01-10', 6_000)], '2026-02-14');
  expect(pace.milestones.map((m) => [m.date, m.status])).toEqual([['2026-01-15', 'met'], ['2026-01-15', 'met'], ['2026-02-01', 'missed'], ['2026-03-01', 'upcoming']]);
});

describe('timelines', () => {
  test('a timeline has at least one day', () => {
    expect(() => assertTimeline({ from: '2026-03-02', to: '2026-03-01' })).toThrow('the timeline is empty: --from 2026-03-02 is after --to 2026-03-01');
    expect(() => assertTimeline({ from: '2026-03-01', to: '2026-03-01' })).not.toThrow();
  });

  test('active: recurring, or its timeline ends today or later', () => {
    expect(isGoalActive({ recurring: false, to: '2026-03-15' }, '2026-03-15')).toBe(true);
    expect(isGoalActive({ recurring: false, to: '2026-03-14' }, '2026-03-15')).toBe(false);
    expect(isGoalActive({ recurring: true, to: '2026-03-14' }, '2026-03-15')).toBe(true);
  });
});
