// A goal's value reads the same in goal list/show, the dashboard and the report: one formatter.
import { describe, expect, test } from '@jest/globals';
import { formatValue } from '../../src/commands/goal/progress.js';

describe('formatValue', () => {
  test.each([
    ['revenue', 30000, '$30,000'],
    ['revenue', 1234.5, '$1,235'],
    ['revenue', 812.5, '$812.50'],
    ['repeat-revenue', 0, '$0'],
    ['sales', 12, '12'],
    ['custom', 2.25, '2.25'],
    ['custom', 2.5, '2.5'],
    ['custom', 2.005, '2.01'],
    ['custom', 1 / 3, '0.33'],
    ['checkins', 7.999, '8'],
    ['win-rate', 67.27, '67.3%'],
    ['win-rate', 40, '40%'],
    ['win-rate', 33.333, '33.3%'],
    ['satisfaction', 4.25, '4.25'],
    ['satisfaction', 4.2, '4.2'],
    ['satisfaction', 13 / 3, '4.33'],
    ['sales', null, '—'],
  ] as const)('%s %p is %p', (metric, value, text) => {
    expect(formatValue(metric, value, 'USD')).toBe(text);
  });
});
