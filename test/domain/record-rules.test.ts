import { describe, expect, test } from '@jest/globals';
import { failure } from '../helpers/failure.js';
import { checkAmountCents, checkCadenceDays, checkName, checkStoredDate, checkTags } from '../../src/domain/record-rules.js';
import { looksLikeEmail, parseChannel, parseSatisfaction, parseSeverity } from '../../src/domain/contact-input.js';


describe('names', () => {
  test('trimmed; up to 200 characters', () => {
    expect(checkName('  Acme ', 'customer')).toBe('Acme');
    expect(checkName('x'.repeat(200), 'goal')).toBe('x'.repeat(200));
    expect(checkName('Store 42', 'customer')).toBe('Store 42');
  });

  test.each([
    [' ', 'customer is empty', undefined],
    ['a\u0000b', 'customer "a\\u0000b" contains control characters', 'Type the name with letters, digits and punctuation only.'],
    ['a\tb', 'customer "a\\tb" contains control characters', 'Type the name with letters, digits and punctuation only.'],
    ['a\u009fb', 'customer "a\u009fb" contains control characters', 'Type the name with letters, digits and punctuation only.'],
    ['#12', 'customer "#12" would read as an id', 'Use a name with letters, e.g. "Store 42".'],
    [' 7 ', 'customer "7" would read as an id', 'Use a name with letters, e.g. "Store 42".'],
    ['x'.repeat(201), 'customer is longer than 200 characters', undefined],
  ])('%j is refused', (name, message, hint) => expect(failure(() => checkName(name, 'customer'))).toEqual({ message, hint }));
});

describe('stored values a restore checks', () => {
  test('dates: on the calendar and within the range', () => {
    expect(checkStoredDate('2024-02-29', 'sale.date')).toBe('2024-02-29');
    expect(failure(() => checkStoredDate('2026-02-29', 'sale.date'))).toEqual({ message: 'sale.date 2026-02-29 does not exist on the calendar', hint: undefined });
    expect(failure(() => checkStoredDate('1899-12-31', 'sale.date'))).toEqual({ message: 'sale.date 1899-12-31 is outside the dates spm keeps (1900-01-01 to 2199-12-31)', hint: undefined });
  });

  test('amounts: whole cents from 1 (or 0 when allowed) to 1,000,000,000.00', () => {
    expect(checkAmountCents(1, 'amount')).toBe(1);
    expect(checkAmountCents(100_000_000_000, 'amount')).toBe(100_000_000_000);
    expect(checkAmountCents(0, 'target', { allowZero: true })).toBe(0);
    expect(failure(() => checkAmountCents(100_000_000_001, 'amount'))).toEqual({ message: 'amount is too large (at most 1,000,000,000.00)', hint: undefined });
    expect(failure(() => checkAmountCents(1.5, 'amount'))).toEqual({ message: 'amount is not an amount in cents', hint: undefined });
    expect(failure(() => checkAmountCents(0, 'amount'))).toEqual({ message: 'amount must be more than zero', hint: undefined });
    expect(failure(() => checkAmountCents(-1, 'target', { allowZero: true }))).toEqual({ message: 'target must be more than zero', hint: undefined });
  });

  test('cadences: 1 to 3650 whole days', () => {
    expect(checkCadenceDays(1)).toBe(1);
    expect(checkCadenceDays(3650)).toBe(3650);
    expect(failure(() => checkCadenceDays(0))).toEqual({ message: 'cadence 0 is not a number of days from 1 to 3650', hint: undefined });
    expect(failure(() => checkCadenceDays(3651, 'customer.cadence'))).toEqual({ message: 'customer.cadence 3651 is not a number of days from 1 to 3650', hint: undefined });
    expect(failure(() => checkCadenceDays(1.5))).toEqual({ message: 'cadence 1.5 is not a number of days from 1 to 3650', hint: undefined });
  });

  test('tags: a list of non-empty texts without control characters', () => {
    expect(checkTags(['vip', 'north'])).toEqual(['vip', 'north']);
    expect(checkTags([])).toEqual([]);
    for (const bad of ['vip', [' '], ['a\u0007'], [1], null]) expect(failure(() => checkTags(bad))).toEqual({ message: 'tags is not a list of tags', hint: undefined });
    expect(failure(() => checkTags(['ok', ''], 'customer.tags'))).toEqual({ message: 'customer.tags is not a list of tags', hint: undefined });
  });
});

describe('what a user types for contacts', () => {
  test.each([['a@b.co', true], ['ann.lee@acme.example', true], ['a@b', false], ['a b@c.de', false], ['@b.co', false], ['a@@b.co', false], ['a@b.', false], ['', false]])(
    '%j looks like an email: %s', (text, expected) => expect(looksLikeEmail(text)).toBe(expected));

  test('channels in any case', () => {
    expect(parseChannel(' Call ')).toBe('call');
    expect(parseChannel('MESSAGE')).toBe('message');
    expect(failure(() => parseChannel('fax'))).toEqual({ message: 'channel "fax" is not one of call, email, meeting, visit, message, other', hint: undefined });
  });

  test('satisfaction 1 to 5', () => {
    expect(parseSatisfaction(' 5 ')).toBe(5);
    expect(parseSatisfaction('1')).toBe(1);
    for (const text of ['0', '6', '4.5', '', '45']) {
      expect(failure(() => parseSatisfaction(text))).toEqual({ message: `satisfaction ${JSON.stringify(text)} is not a whole number from 1 to 5`, hint: '1 = unhappy … 5 = delighted.' });
    }
  });

  test('severities in any case', () => {
    expect(parseSeverity(' HIGH ')).toBe('high');
    expect(parseSeverity('low')).toBe('low');
    expect(failure(() => parseSeverity('urgent'))).toEqual({ message: 'severity "urgent" is not one of low, medium, high', hint: undefined });
  });
});
