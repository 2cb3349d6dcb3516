import { describe, expect, test } from '@jest/globals';
import {
  atRiskCustomers, completedPeriodsWithin, learningWindow, lostBlock, periodsHitText, techniqueVerdict, trendBucketLabel, type AtRiskFacts,
} from '../../src/domain/report-advice.js';
import { wilsonInterval } from '../../src/domain/wilson.js';

describe('lostBlock', () => {
  test('count and value; reasons by count, then value; null reason named; top 5 only', () => {
    const block = lostBlock(12, 1_234_56, [
      { reason: 'Price', count: 3, amountCents: 300_00 },
      { reason: null, count: 1, amountCents: 50_00 },
      { reason: 'timing', count: 3, amountCents: 900_00 },
      { reason: 'a', count: 1, amountCents: 10_00 },
      { reason: 'b', count: 1, amountCents: 10_00 },
      { reason: 'c', count: 1, amountCents: 5_00 },
    ]);
    expect(block).toEqual({
      count: 12,
      value: 1234.56,
      reasons: [
        { reason: 'timing', count: 3, value: 900 },
        { reason: 'Price', count: 3, value: 300 },
        { reason: '(no reason)', count: 1, value: 50 },
        { reason: 'a', count: 1, value: 10 },
        { reason: 'b', count: 1, value: 10 },
      ],
    });
  });
});

describe('learningWindow', () => {
  test.each([
    ['2026-03-15', 90, '2025-12-16'], // 90 days including Mar 15: Dec 16 .. Mar 15
    ['2026-03-15', 7, '2026-03-09'],
    ['2024-03-01', 2, '2024-02-29'],
  ])('%s, %d days -> from %s', (to, days, from) => {
    expect(learningWindow(to, days)).toEqual({ from, to });
  });
});

describe('techniqueVerdict: claims a difference only when the 95% intervals do not overlap', () => {
  const t = (technique: string, won: number, lost: number) => ({ technique, won, lost });

  test('the example: referral 9 of 10 (59.6–98.2%) against cold-call 1 of 7 (2.6–51.3%) -> apart', () => {
    expect(techniqueVerdict([t('referral', 9, 1), t('cold-call', 1, 6)], 90, '(none)'))
      .toBe('referral wins more than cold-call: 90% vs 14% over 90 days.');
  });

  test('8 of 10 (49.0–94.3%) against 0 of 5 (0–43.5%) -> apart', () => {
    expect(techniqueVerdict([t('demo', 8, 2), t('email', 0, 5)], 30, '(none)')).toBe('demo wins more than email: 80% vs 0% over 30 days.');
  });

  test('8 of 10 (49.0–94.3%) and 1 of 2 (9.5–90.6%) overlap: cannot be told apart', () => {
    expect(techniqueVerdict([t('demo', 8, 2), t('email', 1, 1)], 90, '(none)'))
      .toBe('Over 90 days the data cannot tell demo (80%) from email (50%) yet.');
  });

  test('three techniques: the highest lower bound (5 of 5: 56.5%) is below the lowest upper bound (1 of 2: 90.6%)', () => {
    expect(techniqueVerdict([t('a', 5, 0), t('b', 8, 2), t('c', 1, 1)], 90, '(none)'))
      .toBe('Over 90 days the data cannot tell the 3 techniques apart yet.');
  });

  test('among three, the separated pair is named: 5 of 5 (56.5–100%) against 0 of 5 (0–43.5%)', () => {
    expect(techniqueVerdict([t('b', 1, 1), t('a', 5, 0), t('c', 0, 5)], 90, '(none)')).toBe('a wins more than c: 100% vs 0% over 90 days.');
  });

  test('two that cannot be told apart: the higher rate first, equal rates by name', () => {
    expect(techniqueVerdict([t('email', 1, 1), t('demo', 8, 2)], 90, '(none)')).toBe('Over 90 days the data cannot tell demo (80%) from email (50%) yet.');
    // 1 of 2 (9.5–90.6%) and 2 of 4 (15.0–85.0%)
    expect(techniqueVerdict([t('zeta', 1, 1), t('alpha', 2, 2)], 90, '(none)')).toBe('Over 90 days the data cannot tell alpha (50%) from zeta (50%) yet.');
  });

  test('sales without a technique are not a technique to compare', () => {
    expect(techniqueVerdict([t('referral', 5, 0), t('(none)', 0, 5)], 90, '(none)')).toBe('Only referral has decided sales over 90 days: nothing to compare it with yet.');
    expect(techniqueVerdict([t('(none)', 3, 1)], 1, '(none)')).toBe('No decided sales with a technique over 1 day: nothing to compare yet.');
    expect(techniqueVerdict([], 90, '(none)')).toBe('No decided sales with a technique over 90 days: nothing to compare yet.');
  });

  test('never a claim the intervals do not support (seeded random tallies)', () => {
    let state = 7;
    const random = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31) % n);
    let claims = 0;
    for (let i = 0; i < 2000; i++) {
      const tallies = Array.from({ length: 2 + random(3) }, (_, k) => t(`t${k}`, random(15), random(15)));
      const verdict = techniqueVerdict(tallies, 90, '(none)');
      const claim = /^(t\d) wins more than (t\d)/.exec(verdict);
      if (!claim) continue;
      claims++;
      const [better, worse] = [claim[1], claim[2]].map((name) => tallies.find((x) => x.technique === name)!);
      expect(wilsonInterval(better.won, better.won + better.lost)!.low).toBeGreaterThan(wilsonInterval(worse.won, worse.won + worse.lost)!.high);
    }
    expect(claims).toBeGreaterThan(50);
  });
});

describe('atRiskCustomers', () => {
  const facts: AtRiskFacts = {
    lowRated: [
      { customer: { id: 3, name: 'Cee' }, date: '2026-03-10', satisfaction: 2 },
      { customer: { id: 2, name: 'Bee' }, date: '2026-03-01', satisfaction: 1 },
    ],
    highConcerns: [{ id: 7, customer: { id: 4, name: 'Dee' }, openedDate: '2026-03-12', summary: 'Invoice wrong twice' }],
    lateReorders: [
      // every 10 days, expected Mar 9: 6 days late on Mar 15 (> 5): at risk
      { customer: { id: 5, name: 'Eee' }, intervalDays: 10, lastWon: '2026-02-27', expected: '2026-03-09', averageWonCents: 100 },
      // every 10 days, expected Mar 10: 5 days late, exactly half: not at risk yet
      { customer: { id: 6, name: 'Eff' }, intervalDays: 10, lastWon: '2026-02-28', expected: '2026-03-10', averageWonCents: 100 },
    ],
  };

  test('concerns, then low ratings, then late reorders; oldest first within each; each with its command', () => {
    expect(atRiskCustomers(facts, '2026-03-15')).toEqual([
      { customer: { id: 4, name: 'Dee' }, since: '2026-03-12', why: 'high concern open since Mar 12: Invoice wrong twice', command: 'spm concern resolve 7' },
      { customer: { id: 2, name: 'Bee' }, since: '2026-03-01', why: 'rated 1/5 on Mar 1, no contact since', command: 'spm checkin add 2' },
      { customer: { id: 3, name: 'Cee' }, since: '2026-03-10', why: 'rated 2/5 on Mar 10, no contact since', command: 'spm checkin add 3' },
      { customer: { id: 5, name: 'Eee' }, since: '2026-03-09', why: 'late to reorder: expected Mar 9, buys every 10 days', command: 'spm followup add 5 today' },
    ]);
  });

  test('with a limit: the first that many of the whole list, whatever order the store hands them in', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const day = () => `2026-03-${String(1 + Math.floor(random() * 14)).padStart(2, '0')}`;
    const customer = () => { const id = 1 + Math.floor(random() * 6); return { id, name: `C${id}` }; };
    for (let round = 0; round < 60; round++) {
      const many = (n: number) => Math.floor(random() * n);
      const mixed: AtRiskFacts = {
        highConcerns: Array.from({ length: many(6) }, (_, i) => ({ id: 100 - i, customer: customer(), openedDate: day(), summary: `s${i}` })),
        lowRated: Array.from({ length: many(6) }, () => ({ customer: customer(), date: day(), satisfaction: 1 + many(2) })),
        lateReorders: Array.from({ length: many(8) }, () => {
          const expected = day();
          return { customer: customer(), intervalDays: 2 + many(20), lastWon: '2026-02-01', expected, averageWonCents: 100 };
        }),
      };
      const all = atRiskCustomers(mixed, '2026-03-15');
      for (let limit = 0; limit <= all.length + 1; limit++) expect(atRiskCustomers(mixed, '2026-03-15', limit)).toEqual(all.slice(0, limit));
    }
  });

  test('whatever order the store hands them in: oldest first within a kind, ties by customer id', () => {
    const unsorted: AtRiskFacts = {
      lowRated: [
        { customer: { id: 9, name: 'Nine' }, date: '2026-03-10', satisfaction: 2 },
        { customer: { id: 8, name: 'Eight' }, date: '2026-03-10', satisfaction: 1 },
      ],
      highConcerns: [
        { id: 12, customer: { id: 7, name: 'Seven' }, openedDate: '2026-03-14', summary: 'c' },
        { id: 11, customer: { id: 9, name: 'Nine' }, openedDate: '2026-03-12', summary: 'b' },
        { id: 10, customer: { id: 8, name: 'Eight' }, openedDate: '2026-03-12', summary: 'a' },
      ],
      lateReorders: [
        // every 10 days: 10 and 14 days late on Mar 15, both more than 5
        { customer: { id: 5, name: 'Eee' }, intervalDays: 10, lastWon: '2026-02-23', expected: '2026-03-05', averageWonCents: 100 },
        { customer: { id: 6, name: 'Eff' }, intervalDays: 10, lastWon: '2026-02-19', expected: '2026-03-01', averageWonCents: 100 },
      ],
    };
    expect(atRiskCustomers(unsorted, '2026-03-15').map((a) => `${a.since} ${a.customer.id}`)).toEqual([
      '2026-03-12 8', '2026-03-12 9', '2026-03-14 7', '2026-03-10 8', '2026-03-10 9', '2026-03-01 6', '2026-03-05 5',
    ]);
  });

  test('a day later the second reorder is late by more than half its interval too', () => {
    expect(atRiskCustomers(facts, '2026-03-16').map((a) => a.customer.id)).toEqual([4, 2, 3, 5, 6]);
  });
});

describe('completedPeriodsWithin: the periods a longer report counts as hit or missed', () => {
  test('2026-Q1 to date on Mar 15 (weeks from Monday): Jan 5–11 … Mar 2–8, 9 weeks; Dec 29–Jan 4 sticks out, Mar 9–15 is running', () => {
    const weeks = completedPeriodsWithin('week', '2025-01-01', { from: '2026-01-01', to: '2026-03-15' }, '2026-03-15', 'monday');
    expect(weeks).toHaveLength(9);
    expect(weeks[0]).toEqual({ from: '2026-01-05', to: '2026-01-11' });
    expect(weeks[8]).toEqual({ from: '2026-03-02', to: '2026-03-08' });
  });

  test('2025-Q4, complete: 12 whole weeks (Oct 6 … Dec 28); monthly: 3 months', () => {
    const range = { from: '2025-10-01', to: '2025-12-31' };
    expect(completedPeriodsWithin('week', '2025-01-01', range, '2026-03-15', 'monday')).toHaveLength(12);
    expect(completedPeriodsWithin('month', '2025-01-01', range, '2026-03-15', 'monday')).toEqual([
      { from: '2025-10-01', to: '2025-10-31' }, { from: '2025-11-01', to: '2025-11-30' }, { from: '2025-12-01', to: '2025-12-31' },
    ]);
  });

  test('periods before the goal began do not count', () => {
    expect(completedPeriodsWithin('month', '2025-11-15', { from: '2025-10-01', to: '2025-12-31' }, '2026-03-15', 'monday')).toEqual([
      { from: '2025-11-01', to: '2025-11-30' }, { from: '2025-12-01', to: '2025-12-31' },
    ]);
  });

  test.each([[9, 13, 'week', '9 of 13 weeks hit'], [1, 1, 'month', '1 of 1 month hit'], [0, 2, 'quarter', '0 of 2 quarters hit']] as const)(
    '%d of %d %s -> %s', (hit, periods, kind, text) => {
      expect(periodsHitText(hit, periods, kind)).toBe(text);
    });
});

describe('trendBucketLabel: each bucket named by its real days', () => {
  test.each([
    [{ from: '2026-03-02', to: '2026-03-08' }, 'week', 'Mar 2–8'],
    [{ from: '2026-02-23', to: '2026-03-01' }, 'week', 'Feb 23–Mar 1'],
    [{ from: '2025-12-29', to: '2026-01-04' }, 'week', 'Dec 29, 2025–Jan 4, 2026'],
    [{ from: '2026-03-09', to: '2026-03-11' }, 'week', 'Mar 9–11'], // the week to date
    [{ from: '2026-02-01', to: '2026-02-28' }, 'month', 'Feb 2026'],
    [{ from: '2026-03-01', to: '2026-03-15' }, 'month', 'Mar 1–15'], // the month to date
    [{ from: '2026-03-10', to: '2026-03-31' }, 'month', 'Mar 10–31'], // a month the range begins inside
    [{ from: '2026-01-01', to: '2026-03-31' }, 'quarter', '2026-Q1'],
    [{ from: '2025-01-01', to: '2025-12-31' }, 'year', '2025'],
    [{ from: '2026-03-15', to: '2026-03-15' }, 'custom', 'Mar 15'],
    [{ from: '2026-02-15', to: '2026-02-28' }, 'custom', 'Feb 15–28'],
  ] as const)('%j (%s) -> %s', (range, kind, label) => {
    expect(trendBucketLabel(range, kind, 'monday')).toBe(label);
  });
});
