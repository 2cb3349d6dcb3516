import { describe, expect, test } from '@jest/globals';
import { daysLate, isDueToReorder, isLateForReorder, medianGapDays, predictReorder, rankDueToReorder, ReorderTally, type WonSale } from '../../src/domain/reorder.js';
import { addDays } from '../../src/domain/local-date.js';

const won = (...entries: [string, number][]): WonSale[] => entries.map(([date, amountCents]) => ({ date, amountCents }));

describe('predictReorder: hand-computed cases', () => {
  test('won sales on 2 days: no prediction', () => {
    expect(predictReorder(won(['2026-01-01', 100_00], ['2026-02-01', 100_00]))).toBeNull();
  });

  test('no won sale: no prediction', () => {
    expect(predictReorder([])).toBeNull();
  });

  test('3 days, even gaps (30, 30): every 30 days, expected 30 days after the last', () => {
    // Jan 1 -> Jan 31 is 30 days, Jan 31 -> Mar 2 is 30 days (2026 is not a leap year).
    expect(predictReorder(won(['2026-01-01', 100_00], ['2026-01-31', 200_00], ['2026-03-02', 300_00]))).toEqual({
      intervalDays: 30, lastWon: '2026-03-02', expected: '2026-04-01', averageWonCents: 200_00,
    });
  });

  test('3 days, uneven gaps (10, 31): an even count of gaps, mean 20.5 rounded half up to 21', () => {
    // Jan 1 -> Jan 11: 10 days; Jan 11 -> Feb 11: 31 days.
    expect(predictReorder(won(['2026-01-11', 50_00], ['2026-01-01', 50_00], ['2026-02-11', 50_00]))).toEqual({
      intervalDays: 21, lastWon: '2026-02-11', expected: '2026-03-04', averageWonCents: 50_00,
    });
  });

  test('4 days, gaps 5, 40, 10: the middle gap is 10 (not the mean, 18.3)', () => {
    // Jan 1 -> Jan 6: 5; Jan 6 -> Feb 15: 40; Feb 15 -> Feb 25: 10.
    const prediction = predictReorder(won(['2026-01-01', 10_00], ['2026-01-06', 10_00], ['2026-02-15', 10_00], ['2026-02-25', 10_00]));
    expect(prediction).toMatchObject({ intervalDays: 10, lastWon: '2026-02-25', expected: '2026-03-07' });
  });

  test('same-day sales are one day for the rhythm, but each counts in the average', () => {
    // Days Jan 1 (two sales: $100 and $300), Jan 11, Jan 21: gaps 10, 10.
    // Average: (100 + 300 + 200 + 200) / 4 = $200.
    expect(predictReorder(won(['2026-01-01', 100_00], ['2026-01-01', 300_00], ['2026-01-11', 200_00], ['2026-01-21', 200_00]))).toEqual({
      intervalDays: 10, lastWon: '2026-01-21', expected: '2026-01-31', averageWonCents: 200_00,
    });
  });

  test('three won sales on only two distinct days: no prediction', () => {
    expect(predictReorder(won(['2026-01-01', 1_00], ['2026-01-01', 1_00], ['2026-01-11', 1_00]))).toBeNull();
  });

  test('the average is rounded to the cent: $10.00, $10.00, $10.01 -> $10.00 (1000.33 cents)', () => {
    expect(predictReorder(won(['2026-01-01', 10_00], ['2026-01-02', 10_00], ['2026-01-03', 10_01]))!.averageWonCents).toBe(1000);
  });
});

describe('a customer whose latest sale was lost', () => {
  // Won Jan 1, Jan 11, Jan 21; lost Jan 25. Lost sales are not purchases: the caller passes
  // won sales only, so the prediction is the won rhythm (every 10 days, expected Jan 31), and
  // the customer is still due: a lost attempt is no reorder.
  const prediction = predictReorder(won(['2026-01-01', 80_00], ['2026-01-11', 80_00], ['2026-01-21', 80_00]))!;
  test('the prediction reads the won sales', () => {
    expect(prediction).toEqual({ intervalDays: 10, lastWon: '2026-01-21', expected: '2026-01-31', averageWonCents: 80_00 });
  });
  test('still due around the expected day', () => {
    expect(isDueToReorder(prediction, '2026-01-28')).toBe(true);
  });
});

describe('isDueToReorder: the 3-day window', () => {
  test.each([
    ['2026-03-18', true], // today + 3: the last day of the window
    ['2026-03-19', false], // today + 4
    ['2026-03-16', true], // tomorrow
    ['2026-03-15', true], // today
    ['2026-02-01', true], // past: late, still due
  ])('expected %s on 2026-03-15: due %s', (expected, due) => {
    expect(isDueToReorder({ expected }, '2026-03-15')).toBe(due);
  });
});

describe('late and at risk', () => {
  test.each([
    // interval 10, expected Jan 31
    ['2026-01-30', 0, false],
    ['2026-02-05', 5, false], // exactly half an interval late: not yet at risk
    ['2026-02-06', 6, true], // more than half
  ])('expected Jan 31, every 10 days, on %s: %d days late, at risk %s', (asOf, late, atRisk) => {
    const p = { expected: '2026-01-31', intervalDays: 10 };
    expect(daysLate(p, asOf)).toBe(late);
    expect(isLateForReorder(p, asOf)).toBe(atRisk);
  });

  test('an odd interval: 35 days -> at risk from 18 days late (17.5 is half)', () => {
    expect(isLateForReorder({ expected: '2026-03-01', intervalDays: 35 }, '2026-03-18')).toBe(false); // 17 late
    expect(isLateForReorder({ expected: '2026-03-01', intervalDays: 35 }, '2026-03-19')).toBe(true); // 18 late
  });
});

describe('medianGapDays', () => {
  test.each([
    [[7], 7],
    [[3, 1, 2], 2],
    [[1, 2], 2], // 1.5 rounds half up
    [[1, 4], 3], // 2.5 -> 3
    [[2, 4], 3],
    [[10, 20, 30, 40], 25],
  ])('%j -> %d', (gaps, median) => {
    expect(medianGapDays(gaps)).toBe(median);
  });
});

describe('rankDueToReorder', () => {
  test('largest average won first, then earliest expected, then id', () => {
    const entry = (id: number, averageWonCents: number, expected: string) => ({ customer: { id, name: `c${id}` }, averageWonCents, expected, intervalDays: 10, lastWon: '2026-01-01' });
    const ranked = rankDueToReorder([entry(1, 100, '2026-03-10'), entry(2, 500, '2026-03-12'), entry(3, 100, '2026-03-01'), entry(4, 100, '2026-03-01')]);
    expect(ranked.map((r) => r.customer.id)).toEqual([2, 3, 4, 1]);
    // whatever order they come in: an earlier expected day first, then the smaller id
    expect(rankDueToReorder([entry(3, 100, '2026-03-01'), entry(1, 100, '2026-03-10')]).map((r) => r.customer.id)).toEqual([3, 1]);
    expect(rankDueToReorder([entry(4, 100, '2026-03-01'), entry(3, 100, '2026-03-01')]).map((r) => r.customer.id)).toEqual([3, 4]);
  });
});

describe('ReorderTally: many customers from won sales in date order', () => {
  test('hand-computed figures for three customers, sales interleaved by date', () => {
    const tally = new ReorderTally();
    // Customer 7: Jan 1, Jan 11 (twice), Feb 11: gaps 10, 31 -> 21 (half up); 4 sales, $100 + $50 + $50 + $200.
    // Customer 3: Jan 1, Jan 31, Mar 2 (2026: no Feb 29): gaps 30, 30 -> 30; 3 sales.
    // Customer 9: two days only: no figures.
    const sales: [number, string, number][] = [
      [7, '2026-01-01', 100_00], [3, '2026-01-01', 10_00], [9, '2026-01-05', 1_00],
      [7, '2026-01-11', 50_00], [7, '2026-01-11', 50_00], [3, '2026-01-31', 20_00], [9, '2026-02-01', 1_00],
      [7, '2026-02-11', 200_00], [3, '2026-03-02', 30_00],
    ];
    for (const [customer, date, cents] of sales) tally.add(customer, date, cents);
    expect([...tally.figures()]).toEqual([
      { customerId: 7, lastWon: '2026-02-11', intervalDays: 21, wonCount: 4, wonCents: 400_00 },
      { customerId: 3, lastWon: '2026-03-02', intervalDays: 30, wonCount: 3, wonCents: 60_00 },
    ]);
  });

  test('more gaps than its first buffer holds: the median of each customer still right', () => {
    const tally = new ReorderTally();
    // Customers 2–201 win on each of 400 days from 2020-01-01 (gap 1), customer 1 on every
    // second day (gap 2): 200 × 399 + 199 gaps, more than the first 65,536-gap buffer.
    // Day 399 is 2021-02-03 (2020 has 366 days: day 366 is 2021-01-01); day 398 is 2021-02-02.
    for (let day = 0; day < 400; day++) {
      const date = addDays('2020-01-01', day);
      for (let c = 2; c < 202; c++) tally.add(c, date, 1);
      if (day % 2 === 0) tally.add(1, date, 5);
    }
    const figures = [...tally.figures()];
    expect(figures).toHaveLength(201);
    expect(figures.find((f) => f.customerId === 1)).toEqual({ customerId: 1, lastWon: '2021-02-02', intervalDays: 2, wonCount: 200, wonCents: 1000 });
    expect(figures.filter((f) => f.intervalDays === 1 && f.wonCount === 400 && f.lastWon === '2021-02-03')).toHaveLength(200);
  });

  test('a date earlier than the last one is refused (the tally needs date order)', () => {
    const tally = new ReorderTally();
    tally.add(1, '2026-02-01', 1);
    expect(() => tally.add(1, '2026-01-31', 1)).toThrow(/2026-01-31 after 2026-02-01/);
  });
});
