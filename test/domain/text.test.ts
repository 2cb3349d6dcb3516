import { describe, expect, test } from '@jest/globals';
import {
  closeLabel, closestNames, countOf, didYouMean, editDistance, escapeJsonControls, nameKey, oneTypoApart, sanitizeCells, sanitizeLine, sanitizeText, withArticle,
} from '../../src/domain/text.js';
import { CancelledError, InputError, NotFoundError, SpmError, StoreError } from '../../src/domain/errors.js';
import { parseCadence, parseId, parsePositiveInteger } from '../../src/domain/reference.js';

describe('text made safe to print', () => {
  test.each([
    ['a\u001b[1;31mred\u001b[0m', 'ared'],
    ['x\u001b]8;;http://e.com\u001b\\link\u001b]8;;\u0007y', 'xlinky'],
    ['a\u001bMb', 'ab'],
    ['a\tb\nc\u000bd\u007fe\rf\u0000g', 'a\tb\ncdefg'],
    ['Acme\u202egpj.exe', 'Acmegpj.exe'],
    ['\u061c\u200e\u200f\u202a\u2066\u2069x\u202fy', 'x\u202fy'],
    ['\u009b2Jz', 'z'],
  ])('%j prints as %j', (text, shown) => expect(sanitizeText(text)).toBe(shown));

  test('a one-line cell also folds tabs and line breaks into one space each run', () => {
    expect(sanitizeLine('a\r\nb\t\tc')).toBe('a b c');
    expect(sanitizeLine('a\u202eb')).toBe('ab');
    expect(sanitizeLine('\u0085x')).toBe('x');
    expect(sanitizeLine('plain – é')).toBe('plain – é');
  });

  test('a line of cells is each cell made safe, a tab inside a cell given as a newline (seeded random cells)', () => {
    const alphabet = ['a', 'é', ' ', '\t', '\n', '\r', '\u0000', '\u0007', '\u001b', '[', ']', '1', 'm', '\\', '\u007f', '\u0085', '\u009b', '\u202e', '\u2066', '·'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 2000; round++) {
      const cells = Array.from({ length: 1 + Math.floor(next() * 5) }, () => Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
      expect(sanitizeCells(cells.map((c) => c.replaceAll('\t', '\n')).join('\t'))).toBe(cells.map(sanitizeLine).join('\t'));
    }
    expect(sanitizeCells('1\tAcme\t2.00')).toBe('1\tAcme\t2.00');
    expect(sanitizeCells('1\tA\ncme\u202e\t\u001b[1mx')).toBe('1\tA cme\tx');
  });

  test('JSON text escapes C1 controls, line separators and bidi, nothing else', () => {
    expect(escapeJsonControls('"a\u009bb\u0080\u2028\u2029\u202e\u061c é"')).toBe('"a\\u009bb\\u0080\\u2028\\u2029\\u202e\\u061c é"');
    expect(JSON.parse(escapeJsonControls('"\u009b\u202e"'))).toBe('\u009b\u202e');
  });
});

describe('names and suggestions', () => {
  test.each([['kitten', 'sitting', 3], ['', 'abc', 3], ['abc', '', 3], ['flaw', 'lawn', 2], ['same', 'same', 0]])('edit distance %s → %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  test('closest names: substrings first (by name), then one typo, nothing further than the threshold', () => {
    expect(closestNames('gama', ['Gamma', 'Gxyz', 'Game', 'Gama Co'])).toEqual(['Gama Co', 'Game', 'Gamma']);
    expect(closestNames('acm', ['ACME Labs', 'Acme Corp', 'Beta'])).toEqual(['Acme Corp', 'ACME Labs']);
    expect(closestNames('ab', ['ab4', 'ab2', 'ab3', 'ab1'])).toEqual(['ab1', 'ab2', 'ab3']);
    expect(closestNames('ab', ['ab4', 'ab2', 'ab3', 'ab1'], 2)).toEqual(['ab1', 'ab2']);
    // 7 letters allow 3 edits; a long name is compared on its first query-length + 2 letters.
    expect(closestNames('abcdefg', ['abcdxyz', 'abwxyzg'])).toEqual(['abcdxyz']);
    expect(closestNames('acme corq', ['Acme Corporation'])).toEqual(['Acme Corporation']);
    expect(closestNames('xyz', ['abc'])).toEqual([]);
  });

  test('a name\'s key is trimmed and lower case', () => expect(nameKey('  Acme Ltd ')).toBe('acme ltd'));

  test.each([
    [[], false, ''],
    [['report'], false, ' (did you mean report?)'],
    [['Acme', 'Acme Labs'], true, ' (did you mean "Acme" or "Acme Labs"?)'],
    [['a', 'b', 'c'], false, ' (did you mean a, b or c?)'],
  ])('did you mean %j', (names, quote, text) => expect(didYouMean(names, quote)).toBe(text));

  test('did you mean, unquoted by default', () => expect(didYouMean(['x'])).toBe(' (did you mean x?)'));

  test.each([
    [1, 'day', undefined, '1 day'], [2, 'day', undefined, '2 days'], [0, 'day', undefined, '0 days'], [1.5, 'day', undefined, '1.5 days'],
    [2, 'entry', 'entries', '2 entries'], [1, 'entry', 'entries', '1 entry'],
  ])('%d %s', (count, unit, plural, text) => expect(plural === undefined ? countOf(count, unit) : countOf(count, unit, plural)).toBe(text));

  test.each([['amount', 'an amount'], ['customer', 'a customer'], ['Email', 'an Email'], ['user', 'an user'], ['date', 'a date']])('%s → %s', (word, text) => {
    expect(withArticle(word)).toBe(text);
  });
});

describe('one typo apart', () => {
  test.each([
    ['upsel', 'upsell', true], ['upsell', 'upsel', true], ['demo', 'deom', true], ['ab', 'ba', true], ['demo', 'dexmo', true], ['Demo', 'DEMX', true],
    ['demo', 'demos', true], ['demo', 'emo', true],
    ['Demo', 'demo', false], ['demo', 'dxmx', false], ['demo', 'demoss', false], ['abcd', 'badc', false], ['abc', 'bca', false],
    ['abcd', 'axyd', false], ['demo', 'dexmy', false], ['abcd', 'acbe', false],
  ])('%s / %s: %s', (a, b, expected) => expect(oneTypoApart(a, b)).toBe(expected));

  test('a label one typo from one in use (the first such), unless short or in use itself', () => {
    expect(closeLabel('upsel', ['demo', 'upsell', 'upsells'])).toBe('upsell');
    expect(closeLabel(' DEOM ', ['referral', 'demo'])).toBe('demo');
    expect(closeLabel('dmo', ['demo'])).toBe('demo');
    expect(closeLabel('Upsell', ['upsell', 'upsel'])).toBeNull();
    expect(closeLabel('ab', ['abc'])).toBeNull();
    expect(closeLabel('xyz', ['abc'])).toBeNull();
  });
});

describe('errors carry their exit code', () => {
  test.each([
    ['InputError', new InputError('bad', 'try x'), 2, 'try x'],
    ['NotFoundError', new NotFoundError('no such sale', 'see list'), 2, 'see list'],
    ['StoreError', new StoreError('disk full'), 1, undefined],
    ['CancelledError', new CancelledError(), 130, undefined],
  ])('%s', (name, error, exitCode, hint) => {
    expect(error).toBeInstanceOf(SpmError);
    expect({ name: error.name, exitCode: error.exitCode, hint: error.hint }).toEqual({ name, exitCode, hint });
  });

  test('a cancelled prompt says nothing was written', () => {
    expect(new CancelledError().message).toBe('cancelled, nothing written');
    expect(new NotFoundError('x').message).toBe('x');
    expect(new StoreError('y', 'z').hint).toBe('z');
  });
});

describe('ids, counts and cadences typed by a user', () => {
  test.each([['#12', 12], [' 7 ', 7], ['1', 1]])('id %j is %d', (text, id) => expect(parseId(text, 'sale')).toBe(id));

  test.each(['0', 'x', '99999999999999999', '#', '1.5'])('id %j is refused', (text) => {
    expect(() => parseId(text, 'sale')).toThrow(new InputError(`sale id ${JSON.stringify(text)} is not a number`));
    expect(() => parseId(text, 'sale')).toThrow(expect.objectContaining({ hint: 'Use the number shown in the list, e.g. 12.' }));
  });

  test('whole numbers: at least 1, or zero when allowed', () => {
    expect(parsePositiveInteger(' 5 ', '--limit')).toBe(5);
    expect(parsePositiveInteger('0', '--limit', { allowZero: true })).toBe(0);
    expect(() => parsePositiveInteger('0', '--limit')).toThrow(new InputError('--limit must be at least 1'));
    expect(() => parsePositiveInteger('99999999999999999', '--limit', { allowZero: true })).toThrow(new InputError('--limit must be zero or more'));
    expect(() => parsePositiveInteger('-1', '--qty')).toThrow(new InputError('--qty "-1" is not a whole number'));
    expect(() => parsePositiveInteger('2x', '--qty')).toThrow(new InputError('--qty "2x" is not a whole number'));
  });

  test.each([['3650', 3650], ['10y', 3650], ['2W', 14], ['2 w', 14], [' 1d ', 1], ['521w', 3647]])('cadence %j is %d days', (text, days) => {
    expect(parseCadence(text)).toBe(days);
  });

  test.each(['3651', '0w', '12345', 'w', '1x'])('cadence %j is refused', (text) => {
    expect(() => parseCadence(text)).toThrow(new InputError(`cadence ${JSON.stringify(text)} is not a number of days`));
    expect(() => parseCadence(text)).toThrow(expect.objectContaining({ hint: 'Use days or a span like 14, 2w, 1m (30 days), 1y; at most 10 years.' }));
  });
});
