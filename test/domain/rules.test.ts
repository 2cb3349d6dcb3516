// The rules the database also keeps (src/domain/rules/), each on hand-worked cases; the
// property tests then show that the SQL agrees with these functions.
import { describe, expect, test } from '@jest/globals';
import { lastContactDate } from '../../src/domain/rules/last-contact.js';
import { END_OF_CALENDAR, isGoingCold, isWatched, touchByDate } from '../../src/domain/rules/going-cold.js';
import { customerKind, firstWonDate } from '../../src/domain/rules/new-or-repeat.js';
import { dayTotals } from '../../src/domain/rules/day-totals.js';
import { addDays } from '../../src/domain/local-date.js';

describe('going cold', () => {
  test.each([
    ['2026-03-01', 30, '2026-03-31'],
    ['2026-01-31', 28, '2026-02-28'],
    ['2024-02-01', 29, '2024-03-01'], // leap year
    ['9999-12-20', 30, END_OF_CALENDAR], // past the calendar's end: never cold
    ['9999-12-01', 30, '9999-12-31'],
  ])('last contact %s + %d days: touch by %s', (lastContact, cadence, touchBy) => {
    expect(touchByDate(lastContact, cadence)).toBe(touchBy);
  });

  test.each([
    ['2026-03-31', false], // the touch-by day itself: not yet
    ['2026-04-01', true],
    ['2026-03-15', false],
  ])('seen 2026-03-01 with a 30-day cadence, on %s going cold is %s', (today, cold) => {
    expect(isGoingCold({ lastContact: '2026-03-01', cadenceDays: 30 }, today)).toBe(cold);
  });

  test('going cold is exactly being past the touch-by day, over the calendar and at its end', () => {
    let state = 7;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const day = (from: string, span: number) => addDays(from, Math.floor(random() * span));
    let cold = 0;
    for (let i = 0; i < 6000; i++) {
      // Mostly near each other (a cadence either side of the day), some anywhere, some near 9999-12-31.
      const lastContact = i % 10 === 0 ? day('9999-10-01', 92) : i % 3 === 0 ? day('1900-01-01', 109_572) : day('2026-01-01', 120);
      const cadenceDays = [1, 7, 30, 90, 365, 3650, 2_000_000][Math.floor(random() * 7)];
      const today = i % 10 === 0 ? day('2199-12-01', 31) : random() < 0.5 ? addDays(lastContact, Math.min(cadenceDays, 50_000) + Math.floor(random() * 5) - 2) : day('1900-01-01', 109_572);
      if (today > '2199-12-31' || today < '1900-01-01') continue;
      const expected = today > touchByDate(lastContact, cadenceDays);
      expect({ lastContact, cadenceDays, today, cold: isGoingCold({ lastContact, cadenceDays }, today) }).toEqual({ lastContact, cadenceDays, today, cold: expected });
      if (expected) cold++;
    }
    expect(cold).toBeGreaterThan(1000);
  });

  test.each([
    [30, false, false, true],
    [null, false, false, false], // no cadence
    [30, true, false, false], // archived
    [30, false, true, false], // a follow-up is scheduled
  ])('cadence %s, archived %s, open follow-up %s: watched %s', (cadenceDays, archived, hasOpenFollowup, watched) => {
    expect(isWatched({ cadenceDays, archived, hasOpenFollowup })).toBe(watched);
  });
});

describe('last contact', () => {
  test.each([
    [[], '2026-03-01'],
    [[null, undefined], '2026-03-01'],
    [['2026-01-10'], '2026-01-10'], // before the day added: history counts as it is
    [['2026-02-01', '2026-04-02', '2026-03-03'], '2026-04-02'],
  ])('added 2026-03-01, touches %j: %s', (touches, expected) => {
    expect(lastContactDate('2026-03-01', touches)).toBe(expected);
  });
});

describe('new or repeat customer', () => {
  test.each([
    [[], null],
    [['2026-02-03'], '2026-02-03'],
    [['2026-03-01', '2025-12-31', '2026-01-15'], '2025-12-31'],
  ])('won sales on %j: first won %s', (dates, first) => {
    expect(firstWonDate(dates)).toBe(first);
  });

  const q1 = { from: '2026-01-01', to: '2026-03-31' };
  test.each([
    [null, null], // never won
    ['2025-12-31', 'repeat'], // the day before the period
    ['2026-01-01', 'new'], // its first day
    ['2026-03-31', 'new'], // its last day
    ['2026-04-01', null], // after it: not a customer of the period yet
  ])('first won %s: %s in Q1 2026', (firstWon, kind) => {
    expect(customerKind(firstWon, q1)).toBe(kind);
  });
});

describe('day totals', () => {
  test('won amounts and counts and lost counts per day, days in order, days without sales absent', () => {
    expect(dayTotals([
      { date: '2026-03-02', outcome: 'won', amountCents: 100_00 },
      { date: '2026-03-01', outcome: 'lost', amountCents: 50_00 },
      { date: '2026-03-02', outcome: 'won', amountCents: 25_50 },
      { date: '2026-03-02', outcome: 'lost', amountCents: 10_00 },
    ])).toEqual([
      { date: '2026-03-01', wonCents: 0, won: 0, lost: 1 },
      { date: '2026-03-02', wonCents: 125_50, won: 2, lost: 1 },
    ]);
    expect(dayTotals([])).toEqual([]);
  });
});
