// monthCover and yearCover: hand-worked ranges, then every range over five months around a leap
// February, each day counted exactly once inside the range and never outside it.
import { describe, expect, test } from '@jest/globals';
import { monthCover, yearCover, type MonthCover } from '../../src/domain/period-cover.js';
import { addDays, daysBetween } from '../../src/domain/local-date.js';

describe('monthCover', () => {
  test.each<[string, string, MonthCover]>([
    // A year to date: eleven months whole, the two days after Nov 28 taken away.
    ['2026-01-01', '2026-11-28', { months: { from: '2026-01', to: '2026-11' }, add: [], subtract: [{ from: '2026-11-29', to: '2026-11-30' }] }],
    // The 90-day learning window ending then: Aug 31 added, Sep–Nov whole, Nov 29–30 away.
    ['2026-08-31', '2026-11-28', { months: { from: '2026-09', to: '2026-11' }, add: [{ from: '2026-08-31', to: '2026-08-31' }], subtract: [{ from: '2026-11-29', to: '2026-11-30' }] }],
    // A week: 7 days in, 24 out.
    ['2026-03-09', '2026-03-15', { months: null, add: [{ from: '2026-03-09', to: '2026-03-15' }], subtract: [] }],
    ['2026-03-01', '2026-03-31', { months: { from: '2026-03', to: '2026-03' }, add: [], subtract: [] }],
    ['2026-01-01', '2026-12-31', { months: { from: '2026-01', to: '2026-12' }, add: [], subtract: [] }],
    // Leap February: 28 days in, Feb 1 out.
    ['2028-02-02', '2028-02-29', { months: { from: '2028-02', to: '2028-02' }, add: [], subtract: [{ from: '2028-02-01', to: '2028-02-01' }] }],
    // 16 in, 15 out: the month less its first half; 15 in, 16 out: the days themselves.
    ['2026-01-16', '2026-01-31', { months: { from: '2026-01', to: '2026-01' }, add: [], subtract: [{ from: '2026-01-01', to: '2026-01-15' }] }],
    ['2026-01-17', '2026-01-31', { months: null, add: [{ from: '2026-01-17', to: '2026-01-31' }], subtract: [] }],
    // A tie (15 and 15) reads the days in the range.
    ['2026-04-16', '2026-04-30', { months: null, add: [{ from: '2026-04-16', to: '2026-04-30' }], subtract: [] }],
    // Inside one month, out on both sides: 20 in, 11 out.
    ['2026-05-06', '2026-05-25', { months: { from: '2026-05', to: '2026-05' }, add: [], subtract: [{ from: '2026-05-01', to: '2026-05-05' }, { from: '2026-05-26', to: '2026-05-31' }] }],
    // Across a year's end: December less Dec 1–14 (17 in), Jan 1–10 added (10 in, 21 out).
    ['2025-12-15', '2026-01-10', { months: { from: '2025-12', to: '2025-12' }, add: [{ from: '2026-01-01', to: '2026-01-10' }], subtract: [{ from: '2025-12-01', to: '2025-12-14' }] }],
    // Two partial months read as days, nothing whole between them.
    ['2026-06-25', '2026-07-05', { months: null, add: [{ from: '2026-06-25', to: '2026-06-30' }, { from: '2026-07-01', to: '2026-07-05' }], subtract: [] }],
    ['2026-03-15', '2026-03-15', { months: null, add: [{ from: '2026-03-15', to: '2026-03-15' }], subtract: [] }],
    // The calendar's first and last days.
    ['1900-01-01', '1900-01-31', { months: { from: '1900-01', to: '1900-01' }, add: [], subtract: [] }],
    ['2199-12-02', '2199-12-31', { months: { from: '2199-12', to: '2199-12' }, add: [], subtract: [{ from: '2199-12-01', to: '2199-12-01' }] }],
    // Empty.
    ['2026-03-15', '2026-03-14', { months: null, add: [], subtract: [] }],
  ])('%s … %s', (from, to, expected) => {
    expect(monthCover({ from, to })).toEqual(expected);
  });

  test('every range from Dec 2027 to Apr 2028: each day inside counted once, none outside, never more days read than the range holds', () => {
    const first = '2027-11-25';
    const days = Array.from({ length: 165 }, (_, i) => addDays(first, i));
    const within = (day: string, r: { from: string; to: string }) => day >= r.from && day <= r.to;
    let ranges = 0;
    for (let i = 5; i < days.length - 5; i += 1) {
      for (let j = i; j < days.length - 5; j += 3) {
        const range = { from: days[i], to: days[j] };
        const cover = monthCover(range);
        for (const day of days) {
          const month = day.slice(0, 7);
          const whole = cover.months !== null && month >= cover.months.from && month <= cover.months.to ? 1 : 0;
          const count = whole + cover.add.filter((r) => within(day, r)).length - cover.subtract.filter((r) => within(day, r)).length;
          if (count !== (within(day, range) ? 1 : 0)) throw new Error(`${range.from} … ${range.to}: ${day} counted ${count} times (${JSON.stringify(cover)})`);
        }
        // Each partial month reads the smaller side, so days read by day ranges never exceed the range's own length.
        const read = [...cover.add, ...cover.subtract].reduce((sum, r) => sum + daysBetween(r.from, r.to) + 1, 0);
        expect(read).toBeLessThanOrEqual(daysBetween(range.from, range.to) + 1);
        ranges++;
      }
    }
    expect(ranges).toBeGreaterThan(4000);
  });
});

describe('yearCover', () => {
  test.each([
    ['2026-01-01', '2026-11-28', { year: '2026', before: { from: '2026-01-01', to: '2025-12-31' }, after: { from: '2026-11-29', to: '2026-12-31' } }],
    ['2028-02-10', '2028-12-31', { year: '2028', before: { from: '2028-01-01', to: '2028-02-09' }, after: { from: '2029-01-01', to: '2028-12-31' } }],
    ['2025-12-15', '2026-01-10', undefined],
    ['2026-03-15', '2026-03-14', undefined],
  ])('%s … %s', (from, to, expected) => {
    expect(yearCover({ from, to })).toEqual(expected);
  });
});
