import { describe, expect, test } from '@jest/globals';
import { compileDateFormat, isoDateReader } from '../../src/domain/date-format.js';
import { guardCell } from '../../src/domain/csv-guard.js';
import { foldLine, escapeText } from '../../src/domain/ical.js';

describe('compileDateFormat', () => {
  test.each([
    ['MM/dd/yyyy', '03/04/2026', '2026-03-04'],
    ['dd/MM/yyyy', '03/04/2026', '2026-04-03'],
    ['dd.MM.yyyy', '4.3.2026', '2026-03-04'],
    ['yyyy-MM-dd', '2026-03-04', '2026-03-04'],
    ['MM/dd/yyyy', '12/31/2025 23:59', '2025-12-31'],
    ['MM/dd/yyyy', '02/30/2026', null],
    ['MM/dd/yyyy', '2026-03-04', null],
    ['dd/MM/yyyy', '13/13/2026', null],
    // date-fns' tokens beyond numbers: month names, two-digit years, literal text in quotes.
    ['d MMM yyyy', '4 Mar 2026', '2026-03-04'],
    ['MMMM d, yyyy', 'March 4, 2026 10:15', '2026-03-04'],
    ['dd/MM/yy', '04/03/26', '2026-03-04'],
    ['dd/MM/yy', '04/03/51', '1951-03-04'],
    ["yyyy'W'MMdd", '2026W0304', '2026-03-04'],
    ['yyyy-MM-dd', '2024-02-29', '2024-02-29'],
    ['yyyy-MM-dd', '2025-02-29', null],
  ])('%s reads %s as %s', (format, text, expected) => {
    expect(compileDateFormat(format)(text)).toBe(expected);
  });

  test('a reader answers the same for a text it has seen, also after its memo of texts fills up', () => {
    const read = compileDateFormat('MM/dd/yyyy');
    expect([read('03/04/2026'), read('03/04/2026'), read('02/30/2026'), read('02/30/2026')]).toEqual(['2026-03-04', '2026-03-04', null, null]);
    // 25,000 distinct texts (more than the memo holds): 1/1/1000 … counted up by year.
    for (let i = 0; i < 25_000; i++) read(`01/01/${1000 + i}`);
    expect([read('03/04/2026'), read('02/30/2026'), read('12/31/2025 23:59'), read('01/01/9999')]).toEqual(['2026-03-04', null, '2025-12-31', '9999-01-01']);
  });

  test.each([
    ['MM/yyyy', /needs a year, a month and a day/],
    ['dd.MM', /needs a year, a month and a day/],
    ['YYYY-MM-dd', /use yyyy and dd/],
    ['yyyy-MM-DD', /use yyyy and dd/],
    ['yyyy-MM-ddj', /not understood/],
  ])('rejects the format %s', (format, message) => {
    expect(() => compileDateFormat(format)).toThrow(message);
  });

  test('without a format only YYYY-MM-DD (and a time after it) is read', () => {
    expect(isoDateReader('2026-03-04T10:00:00Z')).toBe('2026-03-04');
    expect(isoDateReader('03/04/2026')).toBeNull();
  });
});

test.each([['=1+1', "'=1+1"], ['+x', "'+x"], ['-x', "'-x"], ['@x', "'@x"], ['\tx', "'\tx"], ['\rx', "'\rx"], ['plain', 'plain'], ['a=b', 'a=b']])('guardCell(%j)', (cell, expected) => {
  expect(guardCell(cell)).toBe(expected);
});

test('iCalendar text is escaped and folded at 75 octets without splitting characters', () => {
  expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
  for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(80)}`);
});
