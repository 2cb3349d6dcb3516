import { describe, expect, test } from '@jest/globals';
import { formatMoney, formatMoneySummary, parseAmount, parseAnyAmount, parseCurrency, plainAmount, plainAmountCents } from '../../src/domain/money.js';

describe('parseAmount', () => {
  test.each([
    ['1200', 120000],
    ['1200.5', 120050],
    ['1,200.50', 120050],
    ['$1,200.50', 120050],
    [' 0.01 ', 1],
    ['.5', 50],
    ['12.', 1200],
    ['1.005', 101], // half away from zero on the third decimal
    ['1.004', 100],
    ['2.675', 268], // a float would give 267
    ['1,000,000', 100000000],
    ['€25', 2500],
    ['USD 25', 2500],
    // Around the per-record cap of 1,000,000,000.00.
    ['999999999.99', 99_999_999_999],
    ['999,999,999.995', 100_000_000_000],
    ['1000000000', 100_000_000_000],
    ['0000000000000012.34', 1234],
  ])('%s is %d cents', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  test.each([
    ['0', /more than zero/],
    ['0.00', /more than zero/],
    ['0.004', /more than zero/],
    ['-5', /negative/],
    ['(5)', /negative/],
    ['abc', /not an amount/],
    ['', /not an amount/],
    ['NaN', /not an amount/],
    ['Infinity', /not an amount/],
    ['1e5', /not an amount/],
    ['1,20', /not an amount/],
    ['12,34,567', /not an amount/],
    ['1.2.3', /not an amount/],
    ['99999999999999999', /too large/],
    ['10000000000000', /too large \(at most 1,000,000,000\.00\)/],
    ['1000000000.01', /too large/],
    ['1,000,000,000.005', /too large/],
  ])('%j is refused (%s)', (text, message) => {
    expect(() => parseAmount(text)).toThrow(message);
  });

  test.each([
    ['1,234.56', 123456], ['$1,234.56', 123456], ['$7', 700], ['12.', 1200], ['12.5', 1250], ['007', 700], ['1000000000', 100_000_000_000],
  ])('the usual shape %s is read without patterns: %d cents', (text, cents) => {
    expect(plainAmountCents(text)).toBe(cents);
  });

  test.each([['0'], ['1.005'], [' 5'], ['$ 5'], ['.5'], ['1,20'], ['1234,567'], [',123'], ['1,'], ['1000000000.01'], ['00000000000001'], ['\u20ac5'], ['$$5'], ['5$']])(
    '%j is left to the general reading', (text) => {
      expect(plainAmountCents(text)).toBeUndefined();
    });

  test('the usual-shape reading gives what the general reading gives, over generated texts', () => {
    // Seeded: texts of digits, commas, a point, `$`, spaces and signs, and well-formed amounts
    // with random digit groups, so both accepted and refused shapes are many.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = (chars: string) => chars[Math.floor(random() * chars.length)];
    const digits = (n: number) => Array.from({ length: n }, () => pick('0123456789')).join('');
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 60_000; i++) {
      const text = i % 2 === 0
        ? Array.from({ length: Math.floor(random() * 16) }, () => pick('0123456789,.$ -')).join('')
        : `${random() < 0.5 ? '$' : ''}${random() < 0.5 ? digits(1 + Math.floor(random() * 14))
          : [digits(1 + Math.floor(random() * 3)), ...Array.from({ length: Math.floor(random() * 4) }, () => digits(random() < 0.9 ? 3 : 2))].join(',')}${
          random() < 0.6 ? `.${digits(Math.floor(random() * 4))}` : ''}`;
      const fast = plainAmountCents(text);
      if (fast === undefined) continue;
      expect([text, fast]).toEqual([text, parseAnyAmount(text)]);
      accepted++;
    }
    for (let i = 0; i < 2_000; i++) if (plainAmountCents(digits(1 + i % 16)) === undefined) refused++;
    expect(accepted).toBeGreaterThan(15_000);
    expect(refused).toBeGreaterThan(100);
  });

  test.each([
    ['abc', 'amount "abc" is not an amount', 'Write amounts like 1200, 1200.50 or 1,200.50.'],
    ['$', 'amount "$" is not an amount', 'Write amounts like 1200, 1200.50 or 1,200.50.'],
    ['.', 'amount "." is not an amount', 'Write amounts like 1200, 1200.50 or 1,200.50.'],
    [' -5', 'amount  -5 is negative', 'Amounts are positive; record a lost sale with --lost.'],
    ['0', 'amount must be more than zero', undefined],
  ])('%j: the message and hint a user reads', (text, message, hint) => {
    let thrown: { message?: string; hint?: string } = {};
    try {
      parseAmount(text);
    } catch (error) {
      thrown = error as { message: string; hint?: string };
    }
    expect({ message: thrown.message, hint: thrown.hint }).toEqual({ message, hint });
  });

  test.each([
    ['$ 25', 2500],
    ['eur 7.10', 710],
    // 14 or more digits of whole units take the exact BigInt path: same rounding, same decimals.
    ['00000000000001.005', 101],
    ['00000000000001.5', 150],
    ['00000000000001.994', 199],
  ])('%j is %d cents', (text, cents) => expect(parseAmount(text)).toBe(cents));

  test('zero is allowed where the caller says so', () => {
    expect(parseAmount('0', { allowZero: true })).toBe(0);
  });

  test('errors name the field', () => {
    expect(() => parseAmount('x', { field: '--target' })).toThrow(/^--target "x"/);
  });
});

describe('formatMoney', () => {
  test.each([
    [120050, 'USD', false, '$1,200.50'],
    [120000, 'USD', true, '$1,200'],
    [5, 'USD', false, '$0.05'],
    [123456789, 'EUR', false, '€1,234,567.89'],
    [-2500, 'USD', false, '-$25.00'],
    [2500, 'SEK', false, '25.00 SEK'],
  ])('%d %s (compact %s) is %s', (cents, currency, compact, text) => {
    expect(formatMoney(cents, currency, compact)).toBe(text);
  });
});

test('formatMoney defaults to dollars with cents', () => {
  expect(formatMoney(120050)).toBe('$1,200.50');
  expect(formatMoney(120000)).toBe('$1,200.00');
  expect(formatMoneySummary(1250)).toBe('$12.50');
});

test('parseCurrency', () => {
  expect(parseCurrency('eur')).toBe('EUR');
  expect(parseCurrency(' gbp ')).toBe('GBP');
  expect(() => parseCurrency('euro')).toThrow(expect.objectContaining({ message: 'currency "euro" is not a 3-letter code', hint: 'For example USD, EUR, GBP.' }));
  expect(() => parseCurrency('euro')).toThrow(/3-letter/);
});

describe('plainAmount', () => {
  test.each([
    [0, '0.00'], [5, '0.05'], [120050, '1200.50'], [100000000000, '1000000000.00'], [-1999, '-19.99'],
  ])('%p cents -> %p (no sign, no separators)', (cents, text) => {
    expect(plainAmount(cents)).toBe(text);
  });
});

describe('formatMoneySummary', () => {
  test.each([
    [22586170, '$225,862'],
    [100000, '$1,000'],
    [99999, '$999.99'],
    [85000, '$850'],
    [1250, '$12.50'],
    [99950, '$999.50'],
    [-22586170, '-$225,862'],
    [0, '$0'],
  ])('%p cents reads %p', (cents, expected) => {
    expect(formatMoneySummary(cents, 'USD')).toBe(expected);
  });
});
