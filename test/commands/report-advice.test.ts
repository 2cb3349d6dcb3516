// The report's advice blocks through the command, in-process: lost reasons grouped in any
// case, the learning window from its setting, who is at risk and why, recurring goals hit.
import { beforeEach, describe, expect, test } from '@jest/globals';
import { expectRejected, openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { AdviceRepository } from '../../src/store/advice-repository.js';
import { indexesUsed, tableAccesses } from '../helpers/query-plan.js';

const temp = useTempDb();
const run = async (args: string[], now = '2026-03-15') => {
  const result = await runSpm(args, { db: temp.dbPath, now });
  if (result.code !== 0) throw new Error(`spm ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result;
};

/** Today is Sunday 2026-03-15; the week (Monday start) is Mar 9–15. */
async function seed() {
  for (const name of ['Acme', 'Beta', 'Cee', 'Dee']) await run(['customer', 'add', name]); // #1–#4
  // Acme won every 10 days in January: expected Jan 31, 43 days late on Mar 15 (> 5): at risk.
  for (const date of ['2026-01-01', '2026-01-11', '2026-01-21']) await run(['sale', 'add', 'acme', '100', '--date', date, '--technique', 'referral', '--no-follow-up']);
  // Lost this week: "Price" and "price" are one reason.
  await run(['sale', 'add', 'acme', '100', '--lost', '--reason', 'Price', '--date', '2026-03-10']);
  await run(['sale', 'add', 'beta', '300', '--lost', '--reason', 'price', '--date', '2026-03-11']);
  await run(['sale', 'add', 'cee', '50', '--lost', '--reason', 'timing', '--date', '2026-03-12', '--technique', 'cold-call']);
  await run(['sale', 'add', 'dee', '20', '--lost', '--date', '2026-03-13', '--technique', 'cold-call']);
  await run(['sale', 'add', 'dee', '500', '--date', '2026-03-13', '--technique', 'referral', '--no-follow-up']);
  // Before a 30-day window (Feb 14 .. Mar 15) and just inside it.
  await run(['sale', 'add', 'beta', '70', '--lost', '--date', '2026-02-13', '--technique', 'cold-call']);
  await run(['sale', 'add', 'beta', '80', '--date', '2026-02-14', '--technique', 'cold-call', '--no-follow-up']);
  // Beta rated 2 on Mar 10 (the lost sale on Mar 11 is contact since: not at risk);
  // Cee rated 1 on Mar 14 with nothing since: at risk. Dee rated 1, then rated 4 the same day.
  await run(['checkin', 'add', 'beta', '--satisfaction', '2', '--date', '2026-03-10']);
  await run(['checkin', 'add', 'cee', '--satisfaction', '1', '--date', '2026-03-14']);
  await run(['checkin', 'add', 'dee', '--satisfaction', '1', '--date', '2026-03-12']);
  await run(['checkin', 'add', 'dee', '--satisfaction', '4', '--date', '2026-03-12']);
  // Dee has a high concern open; Beta had one, resolved.
  await run(['concern', 'add', 'dee', 'Invoice wrong twice', '--severity', 'high', '--date', '2026-03-11']);
  await run(['concern', 'add', 'beta', 'Late delivery', '--severity', 'high', '--date', '2026-03-01']);
  await run(['concern', 'resolve', '2', '--resolution', 'credited', '--date', '2026-03-05']);
}

describe('spm report: advice blocks', () => {
  beforeEach(seed);

  test('lost: count, value and reasons in any case (--json)', async () => {
    const report = (await run(['report', '--json'])).json();
    expect(report.lost).toEqual({
      count: 4,
      value: 470,
      reasons: [
        { reason: 'Price', count: 2, value: 400 },
        { reason: 'timing', count: 1, value: 50 },
        { reason: '(no reason)', count: 1, value: 20 },
      ],
    });
  });

  test('learning window: learning-window-days ending on the report\'s last day, ranked by win rate', async () => {
    await run(['config', 'set', 'learning-window-days', '30']);
    const { learning } = (await run(['report', '--json'])).json();
    expect(learning.from).toBe('2026-02-14');
    expect(learning.to).toBe('2026-03-15');
    // referral: Mar 13 won (January is outside the window). cold-call: Feb 14 won, Mar 12 and 13 lost.
    // (none): Acme's and Beta's lost sales.
    expect(learning.techniques.map((t: any) => [t.technique, t.won, t.lost])).toEqual([['referral', 1, 0], ['cold-call', 1, 2], ['(none)', 0, 2]]);
    // 1 of 1 (20.7–100%) and 1 of 3 (6.1–79.2%) overlap.
    expect(learning.verdict).toBe('Over 30 days the data cannot tell referral (100%) from cold-call (33%) yet.');
    // The default window is 90 days: Dec 16 .. Mar 15 takes the January sales in.
    await run(['config', 'unset', 'learning-window-days']);
    const wide = (await run(['report', '--json'])).json().learning;
    expect(wide.from).toBe('2025-12-16');
    expect(wide.techniques[0]).toMatchObject({ technique: 'referral', won: 4, lost: 0 });
  });

  test('at risk: high concern, low rating with no contact since, late reorder — each with its command', async () => {
    const report = (await run(['report', '--json'])).json();
    expect(report.atRisk).toEqual([
      { customer: { id: 4, name: 'Dee' }, why: 'high concern open since Mar 11: Invoice wrong twice', since: '2026-03-11' },
      { customer: { id: 3, name: 'Cee' }, why: 'rated 1/5 on Mar 14, no contact since', since: '2026-03-14' },
      { customer: { id: 1, name: 'Acme' }, why: 'late to reorder: expected Jan 31, buys every 10 days', since: '2026-01-31' },
    ]);
    const text = (await run(['report', '--full'])).stdout;
    expect(text).toMatch(/At risk \(3\)\n {2}Dee — high concern open since Mar 11: Invoice wrong twice {2}spm concern resolve 1\n {2}Cee — rated 1\/5 on Mar 14, no contact since {2}spm checkin add 3\n {2}Acme — late to reorder: expected Jan 31, buys every 10 days {2}spm followup add 1 today\n/);
    expect(text).toMatch(/ {2}Lost value \$470 in 4 · top reasons: Price 2 \(\$400\), timing 1 \(\$50\), \(no reason\) 1 \(\$20\)\n/);
    expect(text).toMatch(/Learning window · Dec 16, 2025 – Mar 15, 2026\n/);
  });

  test('at risk as of a past period\'s last day: later contact does not count yet', async () => {
    // On Mar 8 (last week's end): Beta's concern was resolved on Mar 5; Cee and Dee were not yet rated.
    const report = (await run(['report', '--last', '--json'])).json();
    expect(report.atRisk).toEqual([
      { customer: { id: 1, name: 'Acme' }, why: 'late to reorder: expected Jan 31, buys every 10 days', since: '2026-01-31' },
    ]);
  });

  test('recurring goals in a longer report: periods hit of the completed ones', async () => {
    await run(['goal', 'add', 'Weekly check-ins', '--metric', 'checkins', '--target', '1', '--period', 'week', '--start', '2026-01-05', '--recurring']);
    for (const date of ['2026-01-06', '2026-02-03']) await run(['checkin', 'add', 'acme', '--date', date]);
    const report = (await run(['report', '--period', 'quarter', '--json'])).json();
    // Weeks Jan 5–11 … Mar 2–8 (9): hit Jan 5–11, Feb 2–8, and none of Mar 2–8 (no check-in then).
    expect(report.goalsHit).toEqual([{ id: 1, name: 'Weekly check-ins', period: 'week', hit: 2, periods: 9 }]);
    expect((await run(['report', '--period', 'quarter', '--full'])).stdout).toContain('  Weekly check-ins: 2 of 9 weeks hit\n');
    // A weekly report holds no completed week of its own: no line.
    expect((await run(['report', '--json'])).json().goalsHit).toEqual([]);
  });
});

test('learning-window-days refuses values out of range, changing nothing', async () => {
  await run(['customer', 'add', 'Acme']);
  for (const bad of ['0', '6', '3651', 'ninety', '-5']) {
    await expectRejected(['config', 'set', 'learning-window-days', bad], { db: temp.dbPath }, /learning-window-days/);
  }
  await run(['config', 'set', 'learning-window-days', '7']);
  expect((await run(['report', '--json'])).json().learning.from).toBe('2026-03-09');
});

test('the advice queries read indexes', async () => {
  await run(['customer', 'add', 'Acme']);
  const db = openRaw(temp.dbPath);
  try {
    expect(indexesUsed(db, AdviceRepository.SQL.lostReasons, { from: '2026-03-09', to: '2026-03-15' })).toEqual({ s: 'sales_lost' });
    // The stored latest check-ins once, each one's last contact by key, the archived from their
    // partial index; past the day, the rule's seeks; names by key. No other table read whole.
    for (const sql of [AdviceRepository.SQL.lowRated, AdviceRepository.SQL.lowRatedFirst]) {
      const accesses = tableAccesses(db, sql, { asOf: '2026-03-15', limit: 40 }).filter((a) => a.table !== 'r');
      expect(accesses.slice(0, 3)).toEqual([{ table: 'k', via: 'full scan' }, { table: 'customers', via: 'customers_archived' }, { table: 'l', via: 'primary key' }]);
      expect(accesses.slice(3)).toEqual(expect.arrayContaining([{ table: 'k1', via: 'checkins_customer' }, { table: 's', via: 'sales_customer' }]));
      expect(accesses.slice(3).filter((a) => a.via === 'full scan' && a.table !== 'l')).toEqual([]);
    }
    expect(indexesUsed(db, AdviceRepository.SQL.highConcerns, { asOf: '2026-03-15' })).toMatchObject({ co: 'concerns_opened' });
  } finally {
    db.close();
  }
});
