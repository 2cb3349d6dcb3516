import { beforeEach, describe, expect, test } from '@jest/globals';
import { expectRejected, openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { renderReport, visibleLength } from '../../src/commands/report/render.js';
import { expectFitsWidth } from '../helpers/fit.js';
import { buildReport, reportSpec, type ReportFacts } from '../../src/domain/report.js';
import { createTheme } from '../../src/ui/theme.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });
const report = async (args: string[], now = '2026-03-15') => {
  const result = await run(['report', ...args, '--json'], { now });
  expect(result.code).toBe(0);
  return result.json();
};

/**
 * The small book every figure below is computed from by hand (today 2026-03-15, a Sunday):
 *   sales  2026-02-20 Acme   1000 won  referral  consulting   (Acme's first won sale)
 *          2026-03-03 Birch   800 lost demo
 *          2026-03-04 Acme   1500 won  demo      consulting
 *          2026-03-10 Acme   2000 won  referral  consulting
 *          2026-03-11 Birch  3000 won  demo      license      (Birch's first won sale)
 *          2026-03-12 Birch   500 lost cold-call
 *          2026-03-13 Cobalt  700 lost cold-call
 *          2026-03-14 Cobalt  400 won  (none)    (none)       (Cobalt's first won sale)
 *          2026-03-15 Cobalt  250 won  referral  consulting
 *   segments: Acme smb, Birch enterprise, Cobalt none.
 */
async function seed(): Promise<void> {
  for (const [name, segment] of [['Acme', 'smb'], ['Birch', 'enterprise'], ['Cobalt', undefined]] as const) {
    expect((await run(['customer', 'add', name, ...(segment ? ['--segment', segment] : [])])).code).toBe(0);
  }
  const sales: string[][] = [
    ['Acme', '1000', '--date', '2026-02-20', '--technique', 'referral', '--product', 'consulting'],
    ['Birch', '800', '--date', '2026-03-03', '--technique', 'demo', '--lost'],
    ['Acme', '1500', '--date', '2026-03-04', '--technique', 'demo', '--product', 'consulting'],
    ['Acme', '2000', '--date', '2026-03-10', '--technique', 'referral', '--product', 'consulting'],
    ['Birch', '3000', '--date', '2026-03-11', '--technique', 'demo', '--product', 'license'],
    ['Birch', '500', '--date', '2026-03-12', '--technique', 'cold-call', '--lost'],
    ['Cobalt', '700', '--date', '2026-03-13', '--technique', 'cold-call', '--lost'],
    ['Cobalt', '400', '--date', '2026-03-14'],
    ['Cobalt', '250', '--date', '2026-03-15', '--technique', 'referral', '--product', 'consulting'],
  ];
  // --no-follow-up: the follow-ups below are the whole (hand-counted) set; no post-sale ones.
  for (const sale of sales) expect((await run(['sale', 'add', ...sale, '--no-follow-up'])).code).toBe(0);
  const db = openRaw(temp.dbPath);
  const stamp = '2026-03-15T12:00:00Z';
  const checkin = db.prepare('INSERT INTO checkins (date, customer_id, channel, satisfaction, created_at) VALUES (?, ?, ?, ?, ?)');
  checkin.run('2026-03-10', 1, 'call', 5, stamp);
  checkin.run('2026-03-11', 2, 'email', 4, stamp);
  checkin.run('2026-03-12', 3, 'visit', null, stamp);
  checkin.run('2026-03-01', 1, 'call', 1, stamp);
  const followup = db.prepare('INSERT INTO followups (customer_id, due_date, status, done_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  followup.run(1, '2026-03-05', 'done', '2026-03-10', stamp, stamp); // done this week; overdue on Mar 8
  followup.run(2, '2026-03-13', 'open', null, stamp, stamp); // overdue on Mar 15
  followup.run(3, '2026-03-15', 'open', null, stamp, stamp); // due today: not overdue
  followup.run(1, '2026-02-25', 'done', '2026-03-01', stamp, stamp);
  followup.run(3, '2026-03-01', 'cancelled', '2026-03-11', stamp, stamp); // cancelled, not done
  const concern = db.prepare('INSERT INTO concerns (customer_id, opened_date, summary, status, resolved_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  concern.run(1, '2026-03-01', 'late delivery', 'resolved', '2026-03-10', stamp, stamp); // 9 days
  concern.run(2, '2026-03-12', 'wrong invoice', 'open', null, stamp, stamp);
  concern.run(3, '2026-03-09', 'rude support', 'resolved', '2026-03-12', stamp, stamp); // 3 days
  db.close();
}

describe('spm report --json (figures computed by hand)', () => {
  beforeEach(seed);

  test('has exactly the documented keys', async () => {
    const json = await report([]);
    expect(Object.keys(json)).toEqual(['period', 'currency', 'sales', 'previous', 'lost', 'customers', 'atRisk', 'checkins', 'followups', 'concerns', 'goals', 'goalsHit', 'techniques', 'learning', 'products', 'segments', 'trend', 'pipeline']);
    expect(Object.keys(json.period)).toEqual(['from', 'to', 'label']);
    expect(Object.keys(json.sales).sort()).toEqual(['averageDeal', 'lost', 'revenue', 'winRate', 'won']);
    expect(Object.keys(json.previous).sort()).toEqual(['averageDeal', 'lost', 'revenue', 'winRate', 'won']);
    expect(Object.keys(json.customers)).toEqual(expect.arrayContaining(['active', 'new', 'repeat', 'repeatRevenue']));
    expect(Object.keys(json.checkins)).toEqual(expect.arrayContaining(['count', 'averageSatisfaction', 'rated']));
    expect(Object.keys(json.followups).sort()).toEqual(['done', 'overdue']);
    expect(Object.keys(json.concerns).sort()).toEqual(['averageDaysToResolve', 'open', 'opened', 'resolved']);
    expect(Object.keys(json.techniques[0]).sort()).toEqual(['averageDeal', 'enoughData', 'lost', 'revenue', 'technique', 'winRate', 'winRateHigh', 'winRateLow', 'won']);
    expect(Object.keys(json.products[0]).sort()).toEqual(['name', 'revenue', 'won']);
    expect(Object.keys(json.segments[0]).sort()).toEqual(['name', 'revenue', 'won']);
    expect(Object.keys(json.trend[0]).sort()).toEqual(['from', 'revenue', 'to']);
    expect(json.goals).toEqual([]);
  });

  test('the current week (Monday start): every figure', async () => {
    const json = await report([]);
    expect(json.period).toEqual({ from: '2026-03-09', to: '2026-03-15', label: 'Week of Mar 9, 2026' });
    expect(json.currency).toBe('USD');
    expect(json.sales).toEqual({ revenue: 5650, won: 4, lost: 2, winRate: 66.67, averageDeal: 1412.5 });
    expect(json.previous).toEqual({ revenue: 1500, won: 1, lost: 1, winRate: 50, averageDeal: 1500 });
    // Acme had won before the week (repeat); Birch and Cobalt won for the first time (new).
    expect(json.customers).toEqual({
      active: 3, new: 2, repeat: 1, repeatRevenue: 2000,
      top: [{ id: 2, name: 'Birch', revenue: 3000, won: 1 }, { id: 1, name: 'Acme', revenue: 2000, won: 1 }, { id: 3, name: 'Cobalt', revenue: 650, won: 2 }],
    });
    expect(json.checkins).toEqual({ count: 3, averageSatisfaction: 4.5, rated: 2, ratings: [0, 0, 0, 1, 1] });
    expect(json.followups).toEqual({ done: 1, overdue: 1 });
    expect(json.concerns).toEqual({ opened: 2, resolved: 2, open: 1, averageDaysToResolve: 6 });
    expect(json.techniques).toEqual([
      { technique: 'demo', won: 1, lost: 0, winRate: 100, winRateLow: 20.65, winRateHigh: 100, revenue: 3000, averageDeal: 3000, enoughData: false },
      { technique: 'referral', won: 2, lost: 0, winRate: 100, winRateLow: 34.24, winRateHigh: 100, revenue: 2250, averageDeal: 1125, enoughData: false },
      { technique: '(none)', won: 1, lost: 0, winRate: 100, winRateLow: 20.65, winRateHigh: 100, revenue: 400, averageDeal: 400, enoughData: false },
      // Lost only: a 0% rate, no average deal, and an interval that still reaches 66%.
      { technique: 'cold-call', won: 0, lost: 2, winRate: 0, winRateLow: 0, winRateHigh: 65.76, revenue: 0, averageDeal: null, enoughData: false },
    ]);
    expect(json.products).toEqual([{ name: 'license', revenue: 3000, won: 1 }, { name: 'consulting', revenue: 2250, won: 2 }, { name: '(none)', revenue: 400, won: 1 }]);
    expect(json.segments).toEqual([{ name: 'enterprise', revenue: 3000, won: 1 }, { name: 'smb', revenue: 2000, won: 1 }, { name: '(none)', revenue: 650, won: 2 }]);
    expect(json.trend).toHaveLength(12);
    expect(json.trend[0]).toEqual({ from: '2025-12-22', to: '2025-12-28', revenue: 0 });
    expect(json.trend.slice(8).map((t: { revenue: number }) => t.revenue)).toEqual([1000, 0, 1500, 5650]);
    expect(json.trend[11]).toEqual({ from: '2026-03-09', to: '2026-03-15', revenue: 5650 });
  });

  test('--last: the previous complete week, with overdue and open judged at its end', async () => {
    const json = await report(['--last']);
    expect(json.period).toEqual({ from: '2026-03-02', to: '2026-03-08', label: 'Week of Mar 2, 2026' });
    expect(json.sales).toEqual({ revenue: 1500, won: 1, lost: 1, winRate: 50, averageDeal: 1500 });
    // The week before (Feb 23 – Mar 1) had no sales.
    expect(json.previous).toEqual({ revenue: 0, won: 0, lost: 0, winRate: null, averageDeal: null });
    expect(json.customers).toMatchObject({ active: 1, new: 0, repeat: 1, repeatRevenue: 1500 });
    expect(json.checkins).toMatchObject({ count: 0, averageSatisfaction: null, rated: 0 });
    // On Mar 8 the follow-ups due Mar 5 (done Mar 10) and Mar 1 (cancelled Mar 11) were still
    // open and overdue; the concern opened Mar 1 (resolved Mar 10) was open.
    expect(json.followups).toEqual({ done: 0, overdue: 2 });
    expect(json.concerns).toEqual({ opened: 0, resolved: 0, open: 1, averageDaysToResolve: null });
    expect(json.techniques.map((t: { technique: string }) => t.technique)).toEqual(['demo']);
    expect(json.techniques[0]).toMatchObject({ won: 1, lost: 1, winRate: 50, winRateLow: 9.45, winRateHigh: 90.55 });
    expect(json.trend[11].revenue).toBe(1500);
  });

  test('weeks starting on Sunday (setting week-start)', async () => {
    const db = openRaw(temp.dbPath);
    db.prepare("INSERT INTO settings (key, value) VALUES ('week-start', 'sunday')").run();
    db.close();
    const current = await report([]);
    expect(current.period).toEqual({ from: '2026-03-15', to: '2026-03-15', label: 'Week of Mar 15, 2026 (to date)' });
    expect(current.sales).toEqual({ revenue: 250, won: 1, lost: 0, winRate: 100, averageDeal: 250 });
    // Cobalt's first won sale was Saturday, in the week before: a repeat customer now.
    expect(current.customers).toMatchObject({ active: 1, new: 0, repeat: 1, repeatRevenue: 250 });
    // Like for like: the first day of the week before.
    expect(current.previous).toEqual({ revenue: 0, won: 0, lost: 0, winRate: null, averageDeal: null });
    const last = await report(['--last']);
    expect(last.period).toMatchObject({ from: '2026-03-08', to: '2026-03-14' });
    expect(last.sales).toEqual({ revenue: 5400, won: 3, lost: 2, winRate: 60, averageDeal: 1800 });
  });

  test('--period month: month to date against the same days of the month before', async () => {
    const json = await report(['--period', 'month']);
    expect(json.period).toEqual({ from: '2026-03-01', to: '2026-03-15', label: 'Mar 2026 (to date)' });
    expect(json.sales).toEqual({ revenue: 7150, won: 5, lost: 3, winRate: 62.5, averageDeal: 1430 });
    expect(json.previous).toEqual({ revenue: 0, won: 0, lost: 0, winRate: null, averageDeal: null });
    expect(json.customers).toMatchObject({ active: 3, new: 2, repeat: 1, repeatRevenue: 3500 });
    expect(json.checkins).toMatchObject({ count: 4, averageSatisfaction: 3.33, rated: 3 });
    expect(json.concerns).toEqual({ opened: 3, resolved: 2, open: 1, averageDaysToResolve: 6 });
    expect(json.trend.slice(10).map((t: { revenue: number }) => t.revenue)).toEqual([1000, 7150]);
  });

  test('--period quarter and --period year: Acme\'s first sale is inside the range, so everyone is new', async () => {
    for (const period of ['quarter', 'year']) {
      const json = await report(['--period', period]);
      expect(json.period.from).toBe('2026-01-01');
      expect(json.sales).toEqual({ revenue: 8150, won: 6, lost: 3, winRate: 66.67, averageDeal: 1358.33 });
      expect(json.customers).toMatchObject({ active: 3, new: 3, repeat: 0, repeatRevenue: 0 });
      expect(json.trend[11].revenue).toBe(8150);
    }
  });

  test('custom ranges: first sale inside vs before the range', async () => {
    const inside = await report(['--from', '2026-02-20', '--to', '2026-03-04']);
    expect(inside.period).toEqual({ from: '2026-02-20', to: '2026-03-04', label: 'Feb 20 – Mar 4, 2026' });
    expect(inside.sales).toEqual({ revenue: 2500, won: 2, lost: 1, winRate: 66.67, averageDeal: 1250 });
    expect(inside.customers).toMatchObject({ active: 1, new: 1, repeat: 0, repeatRevenue: 0 });
    expect(inside.trend[10]).toEqual({ from: '2026-02-07', to: '2026-02-19', revenue: 0 });
    const after = await report(['--from', '2026-03-04', '--to', '2026-03-10']);
    expect(after.customers).toMatchObject({ active: 1, new: 0, repeat: 1, repeatRevenue: 3500 });
    // The 7 days before (Feb 25 – Mar 3) hold one lost sale: a 0% win rate, no average deal.
    expect(after.previous).toEqual({ revenue: 0, won: 0, lost: 1, winRate: 0, averageDeal: null });
  });

  test('an empty period: zeros and nulls, text with dashes, never NaN', async () => {
    const json = await report(['--period', 'quarter', '--last']);
    expect(json.period).toEqual({ from: '2025-10-01', to: '2025-12-31', label: '2025-Q4' });
    expect(json.sales).toEqual({ revenue: 0, won: 0, lost: 0, winRate: null, averageDeal: null });
    expect(json.customers).toEqual({ active: 0, new: 0, repeat: 0, repeatRevenue: 0, top: [] });
    expect(json.techniques).toEqual([]);
    expect(json.products).toEqual([]);
    expect(json.segments).toEqual([]);
    const text = await run(['report', '--period', 'quarter', '--last']);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(/NaN|undefined|Infinity/);
    expect(text.stdout).toMatch(/Win rate\s+—/);
    expect(text.stdout).toMatch(/No sales in this period/);
    expect(text.stdout).toMatch(/average satisfaction — \(0 rated\)\n  concerns opened 0/);
  });
});

describe('spm report (text)', () => {
  beforeEach(seed);

  test.each([[true], [false]])('one 80x40 screen, sections in order (tty: %s)', async (tty) => {
    const result = await run(['report'], { tty, columns: 120 });
    expect(result.code).toBe(0);
    expectFitsWidth(result.stdout, 80);
    expect(result.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(40);
    const order = ['Report · Week of Mar 9, 2026', 'Revenue, last 12 weeks', 'Goals', 'Customers', 'Quality', 'Techniques', 'Products'];
    const positions = order.map((heading) => result.stdout.indexOf(heading));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(result.stdout).toMatch(/Revenue\s+\$5,650\s+▲ 277%\s+was \$1,500/);
    expect(result.stdout).toMatch(/Win rate\s+66\.7%\s+▲ 16\.7 pts/);
    expect(result.stdout).toMatch(/active 3 · new 2 · repeat 1 · repeat revenue \$2,000 \(35% of revenue\)/);
    expect(result.stdout).not.toMatch(/\u001b\[/); // NO_COLOR in the harness
    // Every row with --full.
    const full = await run(['report', '--full'], { tty, columns: 120 });
    expect(full.stdout).toMatch(/cold-call\s+0\s+2\s+0%\s+0–66%\s+\$0\s+—\s+few sales/);
  });

  test('colour when forced: dimmed low-data rows, still within the width', async () => {
    const result = await run(['report', '--full'], { tty: true, columns: 100, env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(result.stdout).toMatch(/\u001b\[2m {2}cold-call/);
    expectFitsWidth(result.stdout, 100);
  });

  test('goals are drawn with pace bars, whatever goals the report holds', () => {
    const spec = reportSpec({}, '2026-03-15', 'monday');
    const facts: ReportFacts = {
      currency: 'EUR', cube: [], previous: { won: 0, lost: 0, wonCents: 0 }, customers: { active: 0, repeat: 0, repeatRevenueCents: 0, top: [] },
      segments: [], checkins: { count: 0, ratings: [0, 0, 0, 0, 0] }, followups: { done: 0, overdue: 0 },
      concerns: { opened: 0, resolved: 0, open: 0, resolveDaysTotal: 0 }, trendCents: Array(12).fill(0),
    };
    const goals = [
      { id: 1, name: 'Q1 revenue with a very long name indeed', metric: 'revenue', target: 30000, from: '2026-01-01', to: '2026-03-31', actual: 15000, percent: 50, expected: 24000, projected: 18500, neededPerDay: 937.5, status: 'behind', milestones: [] },
      { id: 2, name: 'Win rate', metric: 'win-rate', target: 60, from: '2026-01-01', to: '2026-03-31', actual: 64.5, percent: 107.5, expected: 60, projected: 64.5, neededPerDay: null, status: 'ahead', milestones: [] },
    ];
    const render = (width: number) => renderReport(buildReport(spec, facts, goals), { theme: createTheme(0), previousRange: spec.previous, trendUnit: 'weeks', asOf: spec.asOf, width });
    const wide = render(100);
    expect(wide).toMatch(/Q1 revenue with a v… █{8}░{4}│░{3} {3}50% {2}€15,000 of €30,000 behind · €937\.50\/day to go/);
    expect(wide).toMatch(/Win rate\s+█{16}\s+108%\s+64\.5% of 60% ahead/);
    // At 80 columns the bars narrow to keep the per-day figure and the name is cut to fit
    // (2 + 17 + 1 + 60 = 80); names and bars stay aligned.
    const lines = render(80).split('\n').filter((line) => /█/.test(line));
    expect(lines).toEqual([
      '  Q1 revenue with… ████░│░░   50%  €15,000 of €30,000 behind · €937.50/day to go',
      '  Win rate         ████████  108%  64.5% of 60% ahead',
    ]);
    for (const width of [50, 60, 80, 100]) expectFitsWidth(render(width), width);
  });
});

describe('renderReport with a busy decade of data', () => {
  test('big money and counts keep their columns apart and fit 100 columns', () => {
    const spec = reportSpec({ period: 'year' }, '2026-11-28', 'monday');
    const big = 14_320_385_027; // cents
    const facts: ReportFacts = {
      currency: 'USD',
      cube: ['(none)', 'email-campaign', 'demo'].flatMap((technique) => [
        { technique, product: 'license', outcome: 'won' as const, count: 18_181, amountCents: big },
        { technique, product: 'license', outcome: 'lost' as const, count: 15_008, amountCents: big },
      ]),
      previous: { won: 56_887, lost: 34_717, wonCents: big },
      customers: { active: 18_877, repeat: 18_877, repeatRevenueCents: big * 3, top: [{ id: 1, name: 'A customer with a name far too long to show', revenueCents: 3_375_591, won: 12 }] },
      segments: [{ segment: 'enterprise', revenueCents: big * 3, won: 54_543 }],
      checkins: { count: 145_322, ratings: [16_447, 16_320, 16_217, 16_387, 16_428] },
      followups: { done: 13_419, overdue: 11_578 },
      concerns: { opened: 1205, resolved: 1175, open: 1190, resolveDaysTotal: 2350 },
      trendCents: Array(12).fill(big),
    };
    const text = renderReport(buildReport(spec, facts, []), { theme: createTheme(0), previousRange: spec.previous, trendUnit: 'years', asOf: spec.asOf });
    for (const line of text.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(100);
    expect(text).toMatch(/email-campaign\s+18,181\s+15,008\s+55%\s+54–55%\s+\$143,203,850\s+\$7,877/);
    expect(text).toMatch(/license\s+\$429,611,551\s+54,543 won\s+enterprise\s+\$429,611,551\s+54,543 won/);
    expect(text).toMatch(/check-ins 145,322 · average satisfaction 3\.0 of 5 \(81,799 rated\)/);
    expect(text).not.toMatch(/NaN/);
  });
});

describe('spm report: bad input and no database', () => {
  test.each([
    [['report', '--period', 'fortnight'], /--period "fortnight" is not a period/],
    [['report', '--from', '2026-02-30'], /does not exist/],
    [['report', '--from', '2026-03-01', '--period', 'month'], /cannot be combined/],
    [['report', '--to', '2026-03-01'], /--to needs --from/],
    [['report', '--from', '2026-03-10', '--to', '2026-03-01'], /is after --to/],
    [['report', '--bogus'], /unknown option/],
  ])('%j is refused with exit 2', async (args, message) => {
    await run(['customer', 'add', 'Acme']);
    await expectRejected(args, { db: temp.dbPath }, message);
  });

  test('a missing database is reported, not created', async () => {
    const result = await run(['report']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no spm database/);
    expect(result.stdout).toBe('');
  });
});
