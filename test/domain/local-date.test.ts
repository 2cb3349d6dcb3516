import { describe, expect, test } from '@jest/globals';
import { addDays, addMonths, checkDateInRange, dayNumber, daysBetween, formatShortDate, isValidLocalDate, parseDateInput, parseDateRange, toDate, weekdayIndex } from '../../src/domain/local-date.js';
import { getDay } from 'date-fns/getDay';
import { addDays as dateFnsAddDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { InputError } from '../../src/domain/errors.js';

// 2026-03-15 is a Sunday.
const TODAY = '2026-03-15';

describe('parseDateInput', () => {
  test.each([
    ['2026-02-28', '2026-02-28'],
    ['2024-02-29', '2024-02-29'],
    ['today', TODAY],
    ['TODAY', TODAY],
    ['yesterday', '2026-03-14'],
    ['tomorrow', '2026-03-16'],
    ['+3d', '2026-03-18'],
    ['-2w', '2026-03-01'],
    ['+1m', '2026-04-15'],
    ['-1y', '2025-03-15'],
    ['+0d', TODAY],
    ['mon', '2026-03-16'],
    ['monday', '2026-03-16'],
    ['sun', '2026-03-22'], // today is Sunday: the next one, today excluded
    ['Sat', '2026-03-21'],
    ['thu', '2026-03-19'],
  ])('%s is %s', (text, date) => {
    expect(parseDateInput(text, TODAY)).toBe(date);
  });

  test('+1m from Jan 31 clamps to the end of February', () => {
    expect(parseDateInput('+1m', '2026-01-31')).toBe('2026-02-28');
    expect(parseDateInput('+1m', '2024-01-31')).toBe('2024-02-29');
  });

  test.each([
    ['2026-02-30', /does not exist/],
    ['2025-02-29', /does not exist/],
    ['2026-13-01', /does not exist/],
    ['2026-00-10', /does not exist/],
    ['03/04/2026', /ambiguous/],
    ['4.3.2026', /ambiguous/],
    ['soon', /not a date/],
    ['', /empty/],
    ['mo', /not a date/],
    ['+3x', /not a date/],
  ])('%j is refused (%s)', (text, message) => {
    expect(() => parseDateInput(text, TODAY)).toThrow(message);
  });

  test('an ambiguous date gets a hint with the ISO form', () => {
    try {
      parseDateInput('03/04/2026', TODAY);
      throw new Error('no error');
    } catch (error) {
      expect((error as { hint?: string }).hint).toMatch(/YYYY-MM-DD/);
    }
  });
});

test.each([
  ['2026-03-15', 0],
  ['2026-03-16', 1],
  ['1970-01-01', 4],
  ['2000-02-29', 2],
])('weekday of %s is %d', (date, weekday) => {
  expect(weekdayIndex(date)).toBe(weekday);
});

test('daysBetween counts calendar days across DST and leap days', () => {
  expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  expect(daysBetween('2026-03-15', '2026-03-14')).toBe(-1);
});

test('addMonths clamps', () => {
  expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
});

test('isValidLocalDate', () => {
  expect(isValidLocalDate('2026-1-01')).toBe(false);
  expect(isValidLocalDate('2026-01-01')).toBe(true);
});

describe('date ranges and the calendar spm keeps', () => {
  test('--from/--to as given, either may be absent; from after to is refused', () => {
    expect(parseDateRange(undefined, undefined, TODAY)).toEqual({ from: undefined, to: undefined });
    expect(parseDateRange('2026-03-01', 'today', TODAY)).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(parseDateRange('today', 'today', TODAY)).toEqual({ from: '2026-03-15', to: '2026-03-15' });
    expect(parseDateRange(undefined, 'yesterday', TODAY)).toEqual({ from: undefined, to: '2026-03-14' });
    expect(() => parseDateRange('2026-03-16', '2026-03-15', TODAY)).toThrow(new InputError('--from 2026-03-16 is after --to 2026-03-15'));
    expect(() => parseDateRange('x', undefined, TODAY)).toThrow(new InputError('--from "x" is not a date'));
    expect(() => parseDateRange(undefined, 'x', TODAY)).toThrow(new InputError('--to "x" is not a date'));
  });

  test('a five-digit year is outside the calendar, not "not a date"', () => {
    expect(() => parseDateInput('20260-01-01', TODAY)).toThrow(new InputError('date 20260-01-01 is outside the dates spm keeps (1900-01-01 to 2199-12-31)'));
    expect(() => checkDateInRange('1899-12-31')).toThrow(new InputError('date 1899-12-31 is outside the dates spm keeps (1900-01-01 to 2199-12-31)'));
    expect(checkDateInRange('2199-12-31', 'due')).toBe('2199-12-31');
  });
});

test('remembered answers: addDays, daysBetween, weekdays and short dates equal date-fns asked afresh, asked once or again, over the whole calendar', () => {
  let state = 5;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // Days from 1900-01-01 to 2199-12-31 and back again: every answer is asked twice.
  const day = () => format(dateFnsAddDays(toDate('1900-01-01'), Math.floor(random() * 109_572)), 'yyyy-MM-dd');
  // And many questions close together (days of a few months, a few offsets), as a view asks them.
  const near = () => format(dateFnsAddDays(toDate('2026-01-01'), Math.floor(random() * 120)), 'yyyy-MM-dd');
  const pairs = [
    ...Array.from({ length: 3000 }, () => [day(), day(), Math.floor(random() * 2000) - 1000] as const),
    ...Array.from({ length: 3000 }, () => [near(), near(), [-14, -1, 0, 1, 7, 30][Math.floor(random() * 6)]] as const),
  ];
  for (const round of [1, 2]) {
    for (const [from, to, days] of pairs) {
      expect({ round, from, to, between: daysBetween(from, to) }).toEqual({ round, from, to, between: differenceInCalendarDays(toDate(to), toDate(from)) });
      expect({ round, from, days, added: addDays(from, days) }).toEqual({ round, from, days, added: format(dateFnsAddDays(toDate(from), days), 'yyyy-MM-dd') });
      expect({ round, from, weekday: weekdayIndex(from) }).toEqual({ round, from, weekday: getDay(toDate(from)) });
      // The same day short (same year as `to`) and long (no today, or another year), in either order.
      for (const today of [to, from, undefined, '2026-03-15']) {
        const pattern = today !== undefined && today.slice(0, 4) === from.slice(0, 4) ? 'MMM d' : 'MMM d, yyyy';
        expect({ round, from, today, short: formatShortDate(from, today) }).toEqual({ round, from, today, short: format(toDate(from), pattern) });
      }
    }
  }
  expect(dayNumber('1970-01-01')).toBe(0);
  expect(dayNumber('1969-12-31')).toBe(-1);
  expect(dayNumber('2026-03-15')).toBe(20_527);
});

test('short dates and calendar days equal date-fns format on every day spm keeps, and on text another tool may have stored', () => {
  // Every day from 1900-01-01 to 2199-12-31, as format writes it, then short (same year) and long.
  const days: string[] = [];
  for (let date = toDate('1900-01-01'); date.getFullYear() < 2200; date = dateFnsAddDays(date, 1)) days.push(format(date, 'yyyy-MM-dd'));
  expect(days).toHaveLength(109_573);
  // Not days of the calendar, or far outside spm's: month 00 or 13, day 00 or 29–31 of short months, early and late years.
  const odd = ['2026-02-29', '2026-02-30', '2026-02-31', '2026-04-31', '2026-13-05', '2026-00-10', '2026-03-00', '1000-01-05', '9999-12-20', '0999-06-01', '0050-06-15'];
  const differ: unknown[] = [];
  for (const date of [...days, ...odd]) {
    const ours = [addDays(date, 0), formatShortDate(date, `${date.slice(0, 4)}-06-15`), formatShortDate(date)];
    const theirs = [format(toDate(date), 'yyyy-MM-dd'), format(toDate(date), 'MMM d'), format(toDate(date), 'MMM d, yyyy')];
    if (ours.join('|') !== theirs.join('|')) differ.push({ date, ours, theirs });
  }
  expect(differ).toEqual([]);
  expect(formatShortDate('2026-03-04', '2026-12-31')).toBe('Mar 4');
  expect(formatShortDate('2025-12-31', '2026-01-01')).toBe('Dec 31, 2025');
});
