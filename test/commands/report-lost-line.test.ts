// The report's "Lost value" line at every width: reasons are shown whole (or the lone one's
// text shortened), so a cut never falls inside a count or an amount.
import { lostLines } from '../../src/commands/report/render-advice.js';
import { createTheme } from '../../src/ui/theme.js';
import { visibleWidth } from '../../src/ui/fit.js';
import type { Report } from '../../src/domain/report.js';

const money = (units: number | null) => (units === null ? '—' : `$${units.toLocaleString('en-US')}`);
const report = {
  lost: { count: 5, value: 12650, reasons: [
    { reason: 'no decision', count: 3, value: 9000 },
    { reason: 'price', count: 1, value: 3000 },
    { reason: 'went with a competitor after a long trial period', count: 1, value: 650 },
  ] },
} as unknown as Report;
const line = (width: number) => lostLines(report, { theme: createTheme(0), width, money, atRiskCommands: [] })[0]!;

describe('report lost line', () => {
  // Worked by hand: the head is 25 columns; " · top reasons: " 16; "no decision 3 ($9,000)" 22;
  // "price 1 ($3,000)" 16; ", " 2; ", …" 3. Two reasons need 25+16+22+2+16+3 = 84 > 80.
  // At 60, one whole reason needs 66: its text gets 60 - (25+16+11+3) = 5 columns.
  test.each([
    [200, '  Lost value $12,650 in 5 · top reasons: no decision 3 ($9,000), price 1 ($3,000), went with a competitor after a long trial period 1 ($650)'],
    [84, '  Lost value $12,650 in 5 · top reasons: no decision 3 ($9,000), price 1 ($3,000), …'],
    [80, '  Lost value $12,650 in 5 · top reasons: no decision 3 ($9,000), …'],
    [60, '  Lost value $12,650 in 5 · top reasons: no d… 3 ($9,000), …'],
    [50, '  Lost value $12,650 in 5'],
  ])('at %i columns: %s', (width, expected) => {
    expect(line(width)).toBe(expected);
    expect(visibleWidth(line(width))).toBeLessThanOrEqual(width);
  });
});
