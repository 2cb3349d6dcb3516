// The advice figures through the real binary: reorder predictions in the daily view, bare
// `spm` and `customer show`; the report's lost block, learning window and at-risk list.
import { describe, expect, test } from '@jest/globals';
import { spawnSpm } from '../helpers/spawn-spm.js';
import { useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();

function spm(args: string[], now = '2026-03-15') {
  const result = spawnSpm(args, { SPM_DB: temp.dbPath, SPM_NOW: now });
  if (result.code !== 0) throw new Error(`spm ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result;
}

describe('reorder predictions (real binary)', () => {
  test('a customer buying every 10 days is due 3 days before the expected day, everywhere', () => {
    spm(['customer', 'add', 'Rhythm Co']);
    // Feb 20, Mar 2, Mar 12 (two sales that day): every 10 days, expected Mar 22; average (300 + 300 + 100 + 500) / 4 = $300.
    for (const [date, amount] of [['2026-02-20', '300'], ['2026-03-02', '300'], ['2026-03-12', '100'], ['2026-03-12', '500']]) {
      spm(['sale', 'add', 'rhythm', amount, '--date', date, '--no-follow-up']);
    }
    expect(JSON.parse(spm(['followups', '--json'], '2026-03-18').stdout).dueToReorder).toEqual([]);
    const due = { customer: { id: 1, name: 'Rhythm Co' }, intervalDays: 10, lastWon: '2026-03-12', expected: '2026-03-22', averageWon: 300 };
    expect(JSON.parse(spm(['followups', '--json'], '2026-03-19').stdout).dueToReorder).toEqual([due]);
    expect(spm(['followups'], '2026-03-19').stdout).toMatch(/Due to reorder \(1\)[^\n]*\n +#1 +Sun Mar 22 +Rhythm Co — buys about every 10 days; last Mar 12, expected Mar 22/);
    expect(JSON.parse(spm(['--json'], '2026-03-19').stdout).dueToReorder).toBe(1);
    expect(JSON.parse(spm(['customer', 'show', '1', '--json'], '2026-03-19').stdout).reorder).toEqual({ intervalDays: 10, lastWon: '2026-03-12', expected: '2026-03-22', averageWon: 300, due: true });
  });
});

describe('report advice (real binary)', () => {
  test('lost reasons, learning window, at risk and goals hit, in --json and in the text', () => {
    spm(['customer', 'add', 'Acme']);
    spm(['customer', 'add', 'Beta']);
    spm(['sale', 'add', 'acme', '900', '--technique', 'referral', '--date', '2026-03-10', '--no-follow-up']);
    spm(['sale', 'add', 'beta', '400', '--lost', '--reason', 'Budget', '--technique', 'cold-call', '--date', '2026-03-11']);
    spm(['sale', 'add', 'beta', '100', '--lost', '--reason', 'budget', '--technique', 'cold-call', '--date', '2026-03-12']);
    spm(['checkin', 'add', 'acme', '--satisfaction', '2', '--date', '2026-03-13']);
    const report = JSON.parse(spm(['report', '--json']).stdout);
    expect(report.lost).toEqual({ count: 2, value: 500, reasons: [{ reason: 'Budget', count: 2, value: 500 }] });
    expect(report.learning).toMatchObject({ from: '2025-12-16', to: '2026-03-15' });
    // referral 1 of 1 (20.7–100%) against cold-call 0 of 2 (0–65.8%): they overlap.
    expect(report.learning.verdict).toBe('Over 90 days the data cannot tell referral (100%) from cold-call (0%) yet.');
    expect(report.atRisk).toEqual([{ customer: { id: 1, name: 'Acme' }, why: 'rated 2/5 on Mar 13, no contact since', since: '2026-03-13' }]);
    expect(report.goalsHit).toEqual([]);
    const text = spm(['report']).stdout;
    expect(text).toContain('Lost value $500 in 2 · top reasons: Budget 2 ($500)');
    expect(text).toMatch(/At risk \(1\)\n {2}Acme — rated 2\/5 on Mar 13, no contact since {2}spm checkin add 1/);
    expect(text).toContain('→ Over 90 days the data cannot tell referral (100%) from cold-call (0%) yet.');
  });
});
