// One form for a 95% range everywhere (report, pipeline, page charts): whole percents, one sign.
import { describe, expect, test } from '@jest/globals';
import { percentRange } from '../../src/domain/text.js';

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
