import { describe, expect, test } from '@jest/globals';
import { PERIOD_KINDS, periodContaining, periodLabel, shiftPeriod, parsePeriodKind, type PeriodKind } from '../../src/domain/period.js';
import { toDate, WEEKDAYS, type Weekday } from '../../src/domain/local-date.js';
import { addDays } from 'date-fns/addDays';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfQuarter } from 'date-fns/endOfQuarter';
import { endOfWeek } from 'date-fns/endOfWeek';
import { endOfYear } from 'date-fns/endOfYear';
import { format } from 'date-fns/format';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfWeek } from 'date-fns/startOfWeek';
import { startOfYear } from 'date-fns/startOfYear';

describe('periodContaining', () => {
  test.each<[PeriodKind, string, Weekday, string, string]>([
    ['week', '2026-03-15', 'monday', '2026-03-09', '2026-03-15'], // Sunday, Monday weeks
    ['week', '2026-03-16', 'monday', '2026-03-16', '2026-03-22'], // Monday itself
    ['week', '2026-03-15', 'sunday', '2026-03-15', '2026-03-21'], // Sunday, Sunday weeks
    ['week', '2026-03-14', 'sunday', '2026-03-08', '2026-03-14'], // Saturday
    ['week', '2026-01-01', 'monday', '2025-12-29', '2026-01-04'], // across the year boundary
    ['month', '2024-02-10', 'monday', '2024-02-01', '2024-02-29'], // leap February
    ['month', '2026-02-28', 'monday', '2026-02-01', '2026-02-28'],
    ['quarter', '2026-05-31', 'monday', '2026-04-01', '2026-06-30'],
    ['quarter', '2026-12-31', 'monday', '2026-10-01', '2026-12-31'],
    ['year', '2026-07-04', 'monday', '2026-01-01', '2026-12-31'],
  ])('%s containing %s (weeks start %s) is %s..%s', (kind, date, weekStart, from, to) => {
    expect(periodContaining(kind, date, weekStart)).toEqual({ from, to });
  });
});

test('remembered periods equal date-fns asked afresh, asked once or again, and a caller changing its copy changes nothing', () => {
  let state = 3;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const days = Array.from({ length: 1500 }, (_, i) => format(addDays(toDate(i % 2 ? '1900-01-01' : '2025-06-01'), Math.floor(random() * (i % 2 ? 109_572 : 600))), 'yyyy-MM-dd'));
  const weekStarts: Weekday[] = ['monday', 'sunday', 'saturday', 'wednesday'];
  const afresh = (kind: PeriodKind, date: string, weekStart: Weekday) => {
    const day = toDate(date);
    const options = { weekStartsOn: WEEKDAYS.indexOf(weekStart) as 0 | 1 | 2 | 3 | 4 | 5 | 6 };
    const [from, to] = kind === 'week' ? [startOfWeek(day, options), endOfWeek(day, options)] : kind === 'month' ? [startOfMonth(day), endOfMonth(day)]
      : kind === 'quarter' ? [startOfQuarter(day), endOfQuarter(day)] : [startOfYear(day), endOfYear(day)];
    return { from: format(from, 'yyyy-MM-dd'), to: format(to, 'yyyy-MM-dd') };
  };
  for (const round of [1, 2]) {
    for (const [i, date] of days.entries()) {
      const kind = PERIOD_KINDS[i % 4];
      const weekStart = weekStarts[Math.floor(i / 4) % 4];
      const period = periodContaining(kind, date, weekStart);
      expect({ round, kind, date, weekStart, period }).toEqual({ round, kind, date, weekStart, period: afresh(kind, date, weekStart) });
      period.from = 'changed';
    }
  }
});

describe('shiftPeriod', () => {
  test.each<[PeriodKind, string, number, string, string]>([
    ['week', '2026-03-09', -1, '2026-03-02', '2026-03-08'],
    ['month', '2026-03-01', -1, '2026-02-01', '2026-02-28'],
    ['month', '2026-01-01', -1, '2025-12-01', '2025-12-31'],
    ['quarter', '2026-01-01', -1, '2025-10-01', '2025-12-31'],
    ['year', '2026-01-01', 1, '2027-01-01', '2027-12-31'],
  ])('%s from %s by %d is %s..%s', (kind, date, steps, from, to) => {
    expect(shiftPeriod(kind, periodContaining(kind, date), steps)).toEqual({ from, to });
  });
});

test.each<[PeriodKind, string, string]>([
  ['week', '2026-03-09', 'Week of Mar 9, 2026'],
  ['month', '2026-03-01', 'Mar 2026'],
  ['quarter', '2026-04-01', '2026-Q2'],
  ['year', '2026-01-01', '2026'],
])('label of a %s from %s is %s', (kind, from, label) => {
  expect(periodLabel(kind, periodContaining(kind, from))).toBe(label);
});

test('parsePeriodKind refuses unknown periods', () => {
  expect(parsePeriodKind('Quarter')).toBe('quarter');
  expect(() => parsePeriodKind('fortnight')).toThrow(/not a period/);
});
