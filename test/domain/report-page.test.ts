import { describe, expect, test } from '@jest/globals';
import { evenPaceLine, revenueBuckets } from '../../src/domain/report-page.js';
import { reportSpec } from '../../src/domain/report.js';

describe('revenueBuckets: weeks, or months for longer reports; 12, the last cut at the report\'s day', () => {
  test('a week to date (Sun Mar 15, weeks from Monday): Dec 22–28 … Mar 9–15', () => {
    const { unit, ranges } = revenueBuckets(reportSpec({}, '2026-03-15', 'monday'), 'monday');
    expect(unit).toBe('week');
    expect(ranges).toHaveLength(12);
    expect(ranges[0]).toEqual({ from: '2025-12-22', to: '2025-12-28' });
    expect(ranges[11]).toEqual({ from: '2026-03-09', to: '2026-03-15' });
  });

  test('a month to date on Wed Mar 11: weeks, the last one Mar 9–11', () => {
    const { unit, ranges } = revenueBuckets(reportSpec({ period: 'month' }, '2026-03-11', 'monday'), 'monday');
    expect(unit).toBe('week');
    expect(ranges[11]).toEqual({ from: '2026-03-09', to: '2026-03-11' });
    expect(ranges[10]).toEqual({ from: '2026-03-02', to: '2026-03-08' });
  });

  test('a quarter to date: months Apr 2025 … Mar 1–15, 2026', () => {
    const { unit, ranges } = revenueBuckets(reportSpec({ period: 'quarter' }, '2026-03-15', 'monday'), 'monday');
    expect(unit).toBe('month');
    expect(ranges[0]).toEqual({ from: '2025-04-01', to: '2025-04-30' });
    expect(ranges[11]).toEqual({ from: '2026-03-01', to: '2026-03-15' });
  });

  test('last year, complete: months Jan … Dec 2025', () => {
    const { ranges } = revenueBuckets(reportSpec({ period: 'year', last: true }, '2026-03-15', 'monday'), 'monday');
    expect(ranges[0]).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    expect(ranges[11]).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  test.each([
    ['2026-01-15', '2026-03-15', 'week'], // 60 days
    ['2026-01-13', '2026-03-15', 'week'], // 62 days: the last weekly
    ['2026-01-12', '2026-03-15', 'month'], // 63 days
  ])('custom %s .. %s: by %s', (from, to, unit) => {
    expect(revenueBuckets(reportSpec({ from, to }, '2026-03-15', 'monday'), 'monday').unit).toBe(unit);
  });
});

describe('evenPaceLine', () => {
  test('a sum: target ÷ days on the first day, the target on the last ($3,100 over March: $100 on Mar 1)', () => {
    expect(evenPaceLine('revenue', 3100, { from: '2026-03-01', to: '2026-03-31' })).toEqual([
      { date: '2026-03-01', value: 100 }, { date: '2026-03-31', value: 3100 },
    ]);
  });
  test('a rate: flat at the target', () => {
    expect(evenPaceLine('win-rate', 40, { from: '2026-01-01', to: '2026-03-31' })).toEqual([
      { date: '2026-01-01', value: 40 }, { date: '2026-03-31', value: 40 },
    ]);
  });
});
