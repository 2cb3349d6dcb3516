import { describe, expect, test } from '@jest/globals';
import { parseCadence, parseId, parseReference } from '../../src/domain/reference.js';
import { closestNames, sanitizeLine, sanitizeText } from '../../src/domain/text.js';
import { createClock } from '../../src/cli/clock.js';

describe('parseReference', () => {
  test.each([
    ['12', { kind: 'id', id: 12 }],
    ['#12', { kind: 'id', id: 12 }],
    [' Acme ', { kind: 'name', key: 'acme', text: 'Acme' }],
  ])('%j', (text, reference) => {
    expect(parseReference(text)).toEqual(reference);
  });
  test('empty is refused', () => expect(() => parseReference(' ')).toThrow(/empty/));
});

test.each([['0'], ['-1'], ['x'], ['1.5']])('parseId refuses %j', (text) => {
  expect(() => parseId(text, 'sale')).toThrow(/sale id/);
});

describe('parseCadence', () => {
  test.each([['30', 30], ['30d', 30], ['2w', 14], ['1m', 30], ['1y', 365], ['3M', 90]])('%s is %d days', (text, days) => {
    expect(parseCadence(text)).toBe(days);
  });
  test.each([['0'], ['-3'], ['often'], ['11y'], ['2 weeks']])('%j is refused', (text) => {
    expect(() => parseCadence(text)).toThrow(/cadence/);
  });
});

describe('sanitize', () => {
  test('removes CSI, OSC and bare control characters, keeps newlines in text', () => {
    expect(sanitizeText('a\u001b[2Jb\u001b]0;title\u0007c\u0000d\ne\u009b31mf')).toBe('abcd\nef');
  });
  test('folds newlines and tabs in a line', () => {
    expect(sanitizeLine('a\nb\tc\r\nd')).toBe('a b c d');
  });
  test('keeps ordinary unicode', () => {
    expect(sanitizeLine('Café Müller — 東京')).toBe('Café Müller — 東京');
  });
});

test('closestNames finds typos and substrings, not unrelated names', () => {
  const names = ['Acme Corp', 'Beta Ltd', 'Gamma Inc'];
  expect(closestNames('Betta Ltd', names)).toEqual(['Beta Ltd']);
  expect(closestNames('gamma', names)).toEqual(['Gamma Inc']);
  expect(closestNames('zzzzzz', names)).toEqual([]);
});

describe('clock from SPM_NOW', () => {
  test.each([
    ['2026-03-15', '2026-03-15'],
    ['2026-03-15T23:30:00', '2026-03-15'],
    ['2026-03-15T23:30:00Z', '2026-03-16'], // in Auckland it is already the 16th
  ])('%s is %s in Pacific/Auckland', (pinned, today) => {
    expect(createClock(pinned, 'Pacific/Auckland').today()).toBe(today);
  });
  test('an instant is its local day in Los Angeles', () => {
    expect(createClock('2026-03-15T05:00:00Z', 'America/Los_Angeles').today()).toBe('2026-03-14');
  });
  test.each([['2026-02-30'], ['yesterday'], ['2026-03-15 10:00']])('%j is refused', (pinned) => {
    expect(() => createClock(pinned)).toThrow(/SPM_NOW/);
  });
});
