// Small text forms used in many views: a 95% range, and the words that clear an optional value.
import { describe, expect, test } from '@jest/globals';
import { clearsValue, percentRange } from '../../src/domain/text.js';

describe('percentRange', () => {
  test.each([
    [12.4, 77.5, '12–78%'],
    [0, 100, '0–100%'],
    [43.49, 65.51, '43–66%'],
    [null, 50, '—'],
    [20, undefined, '—'],
  ])('%p to %p is %p', (low, high, text) => {
    expect(percentRange(low, high)).toBe(text);
  });
});

describe('clearsValue', () => {
  test.each([['none', true], [' None ', true], ['OFF', true], ['', true], ['  ', true], ['no', false], ['0', false], ['nothing', false]])('%p clears: %p', (text, clears) => {
    expect(clearsValue(text)).toBe(clears);
  });
});
