import { beforeEach, describe, expect, test } from '@jest/globals';
import { expectRejected, openRaw, runSpm, scriptedPrompter, snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
// Today is Sunday 2026-03-15 (the harness default): day 74 of Q1 (Jan 1 – Mar 31, 90 days).
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });

/** Three customers, sales and check-ins around Q1 2026; every figure below is hand-computed from these. */
async function seed(): Promise<void> {
  for (const [name, segment] of [['Alpha', 'smb'], ['Beta', 'enterprise'], ['Gamma', 'smb']]) {
    expect((await run(['customer', 'add', name, '--segment', segment])).code).toBe(0);
  }
  const db = openRaw(temp.dbPath);
  const sale = db.prepare(`INSERT INTO sales (date, customer_id, amount_cents, outcome, technique, product, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'x', 'x')`);
  sale.run('2025-12-10', 1, 100_000, 'won', 'referral', 'consulting'); // Alpha, before Q1: Alpha is a repeat customer
  sale.run('2026-01-15', 1, 200_000, 'won', 'referral', 'license');
  sale.run('2026-02-01', 2, 50_000, 'won', 'cold-call', 'consulting'); // Beta's first won sale
  sale.run('2026-02-02', 2, 30_000, 'lost', 'cold-call', null);
  sale.run('2026-03-10', 3, 70_000, 'won', 'referral', 'consulting'); // Gamma's first won sale
  sale.run('2026-03-12', 1, 10_000, 'lost', 'demo', null);
  sale.run('2026-03-20', 3, 30_000, 'won', 'referral', 'consulting'); // after today: not counted yet
  const checkin = db.prepare(`INSERT INTO checkins (date, customer_id, channel, satisfaction, created_at) VALUES (?, ?, 'call', ?, 'x')`);
  checkin.run('2025-12-01', 1, 1); // before Q1
  checkin.run('2026-01-05', 1, 5);
  checkin.run('2026-02-10', 2, 3);
  checkin.run('2026-03-01', 3, null);
  db.close();
}

const q1 = ['--period', 'quarter'];

describe('goal list --json: each metric over Q1 as of 2026-03-15', () => {
  beforeEach(seed);

  test.each([
    // [name, flags, actual]
    ['revenue', ['--metric', 'revenue', '--target', '9000'], 3200], // 2,000 + 500 + 700
    ['sales', ['--metric', 'sales', '--target', '10'], 3],
    ['new customers', ['--metric', 'new-customers', '--target', '5'], 2], // Beta, Gamma (Alpha bought in Dec)
    ['repeat revenue', ['--metric', 'repeat-revenue', '--target', '5000'], 2000], // Alpha's Jan sale
    ['win rate', ['--metric', 'win-rate', '--target', '50'], 60], // 3 won of 5 decided
    ['checkins', ['--metric', 'checkins', '--target', '10'], 3],
    ['satisfaction', ['--metric', 'satisfaction', '--target', '4.5'], 4], // (5 + 3) / 2, the unrated one aside
    ['smb revenue', ['--metric', 'revenue', '--target', '9000', '--segment', 'SMB'], 2700], // Alpha 2,000 + Gamma 700
    ['consulting revenue', ['--metric', 'revenue', '--target', '9000', '--product', 'consulting'], 1200],
    ['cold-call win rate', ['--metric', 'win-rate', '--target', '50', '--technique', 'cold-call'], 50],
    ['smb new customers', ['--metric', 'new-customers', '--target', '5', '--segment', 'smb'], 1],
    ['smb satisfaction', ['--metric', 'satisfaction', '--target', '4', '--segment', 'smb'], 5],
  ])('%s', async (name, flags, actual) => {
    expect((await run(['goal', 'add', name, ...flags, ...q1])).code).toBe(0);
    const [goal] = (await run(['goal', 'list', '--json'])).json();
    expect(goal).toMatchObject({ name, from: '2026-01-01', to: '2026-03-31', actual });
  });

  test('revenue: the full documented shape with pace figures', async () => {
    await run(['goal', 'add', 'Q1 revenue', '--metric', 'revenue', '--target', '9000', ...q1, '--milestone', '2026-01-31=1000', '--milestone', '2026-03-31=9000']);
    expect((await run(['goal', 'list', '--json'])).json()).toEqual([{
      id: 1, name: 'Q1 revenue', metric: 'revenue', target: 9000, from: '2026-01-01', to: '2026-03-31',
      actual: 3200,
      percent: 35.56, // 3,200 / 9,000
      expected: 7400, // 9,000 × 74 / 90
      projected: 3891.89, // 3,200 × 90 / 74
      neededPerDay: 362.5, // 5,800 / 16 days left
      status: 'behind',
      milestones: [{ date: '2026-01-31', value: 1000, status: 'met' }, { date: '2026-03-31', value: 9000, status: 'upcoming' }],
      forecast: null,
    }]);
  });

  test('custom goals sum their logs', async () => {
    await run(['goal', 'add', 'Books', '--metric', 'custom', '--target', '4', ...q1]);
    expect((await run(['goal', 'log', 'books', '1', '--date', '2026-01-10', '--note', 'SPIN Selling'])).code).toBe(0);
    const logged = (await run(['goal', 'log', 'Books', '2.5', '--date', '2026-02-20', '--json'])).json();
    expect(logged).toEqual({ id: 2, goal: { id: 1, name: 'Books' }, date: '2026-02-20', amount: 2.5, note: null });
    expect((await run(['goal', 'list', '--json'])).json()[0]).toMatchObject({ actual: 3.5, status: 'ahead' }); // expected 4 × 74 / 90 = 3.29
  });
});

describe('goal add', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Alpha']);
  });

  test('prints the record as JSON; --period without --start is the period containing today', async () => {
    const result = await run(['goal', 'add', 'March sales', '--metric', 'sales', '--target', '12', '--period', 'month', '--json']);
    expect(result.json()).toEqual({
      id: 1, name: 'March sales', metric: 'sales', target: 12, period: 'month', from: '2026-03-01', to: '2026-03-31', recurring: false,
      segment: null, product: null, technique: null, archived: false, milestones: [],
    });
  });

  test('weeks start on the week-start setting: Sunday 2026-03-15 starts its own week', async () => {
    expect((await run(['goal', 'add', 'Mon week', '--metric', 'checkins', '--target', '5', '--period', 'week', '--json'])).json()).toMatchObject({ from: '2026-03-09', to: '2026-03-15' });
    const db = openRaw(temp.dbPath);
    db.prepare("INSERT INTO settings (key, value) VALUES ('week-start', 'sunday')").run();
    db.close();
    expect((await run(['goal', 'add', 'Sun week', '--metric', 'checkins', '--target', '5', '--period', 'week', '--json'])).json()).toMatchObject({ from: '2026-03-15', to: '2026-03-21' });
  });

  test('--start picks the period containing that day; --from/--to a custom timeline', async () => {
    expect((await run(['goal', 'add', 'Q3', '--metric', 'revenue', '--target', '$30,000', '--period', 'quarter', '--start', '2026-08-15', '--json'])).json())
      .toMatchObject({ from: '2026-07-01', to: '2026-09-30', target: 30000 });
    expect((await run(['goal', 'add', 'Spring', '--metric', 'sales', '--target', '10', '--from', 'today', '--to', '2026-06-30', '--json'])).json())
      .toMatchObject({ from: '2026-03-15', to: '2026-06-30', period: null });
  });

  test.each([
    [['--target', '0'], /--target must be more than zero/],
    [['--target', '-5'], /--target must be more than zero/],
    [['--target', 'lots'], /not an amount/],
    [['--metric', 'profit'], /--metric "profit" is not a metric/],
    [['--period', 'fortnight'], /--period "fortnight" is not a period/],
    [['--period', 'month', '--from', '2026-03-01', '--to', '2026-03-31'], /--period cannot be used together with --from\/--to/],
    [['--from', '2026-03-31', '--to', '2026-03-01'], /timeline is empty/],
    [['--from', '2026-03-01'], /--to is missing/],
    [['--start', '2026-01-01'], /--start needs --period/],
    [['--period', 'month', '--milestone', '2026-04-01=5'], /milestone 2026-04-01 is outside the timeline/],
    [['--period', 'month', '--milestone', '2026-03-10'], /has no value/],
    [['--period', 'month', '--milestone', '2026-03-10='], /has no value/],
    [['--period', 'month', '--milestone', '2026-03-10=0'], /must be more than zero/],
    [['--from', '2026-03-01', '--to', '2026-03-31', '--recurring'], /recurring goal needs --period/],
    [['--period', 'month', '--recurring', '--milestone', '2026-03-10=2'], /recurring goal cannot have them/],
    [['--metric', 'checkins', '--product', 'x'], /--product does not apply to checkins goals/],
    [['--metric', 'win-rate', '--target', '120'], /over 100/],
    [['--metric', 'satisfaction', '--target', '6'], /over 5/],
    [['--from', '2026-02-30', '--to', '2026-03-31'], /does not exist/],
    [['--from', '', '--to', '2026-03-31'], /--from is empty/],
  ])('rejects %j with exit 2 and an unchanged database', async (flags, message) => {
    const base: Record<string, string> = { '--metric': 'sales', '--target': '10' };
    const args = ['goal', 'add', 'Bad goal'];
    for (const [flag, value] of Object.entries(base)) if (!flags.includes(flag)) args.push(flag, value);
    if (!flags.some((f) => ['--period', '--from', '--to', '--start'].includes(f))) args.push('--period', 'month');
    await expectRejected([...args, ...flags], { db: temp.dbPath }, message);
  });

  test('rejects a duplicate name in any case', async () => {
    await run(['goal', 'add', 'Q1', '--metric', 'sales', '--target', '5', '--period', 'quarter']);
    await expectRejected(['goal', 'add', 'q1', '--metric', 'sales', '--target', '5', '--period', 'quarter'], { db: temp.dbPath }, /already exists/);
  });

  test('missing values without a terminal are exit 2 naming them', async () => {
    await expectRejected(['goal', 'add', 'X', '--metric', 'sales', '--period', 'month'], { db: temp.dbPath }, /missing --target/);
    await expectRejected(['goal', 'add', 'X', '--metric', 'sales', '--target', '3'], { db: temp.dbPath }, /missing timeline/);
  });
});

describe('goal add wizard (tty)', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Alpha']);
  });

  test('asks name, metric, target, timeline, recurring and repeatable milestones', async () => {
    const prompter = scriptedPrompter([
      { input: 'Q1 revenue' },
      { select: 'revenue' },
      { input: '30,000' },
      { select: 'quarter' },
      { confirm: false }, // recurring?
      { confirm: true }, { input: '2026-02-15' }, { input: '12000' },
      { confirm: true }, { input: '2026-03-31' }, { input: '30000' },
      { confirm: false },
      { confirm: false }, // only some sales (segment, product, technique)?
    ]);
    const result = await run(['goal', 'add', '--json'], { tty: true, prompter });
    expect(result.code).toBe(0);
    expect(prompter.remaining()).toBe(0);
    expect(result.json()).toMatchObject({ name: 'Q1 revenue', metric: 'revenue', target: 30000, period: 'quarter', from: '2026-01-01', to: '2026-03-31', recurring: false,
      milestones: [{ date: '2026-02-15', value: 12000 }, { date: '2026-03-31', value: 30000 }] });
    expect(prompter.asked[1]).toBe('Metric');
  });

  test('custom dates and a recurring weekly goal skip what the flags gave', async () => {
    const custom = scriptedPrompter([{ input: 'Spring' }, { select: 'custom' }, { input: '2026-03-16' }, { input: '2026-05-31' }, { confirm: false }, { confirm: false }]);
    const first = await run(['goal', 'add', '--metric', 'sales', '--target', '20', '--json'], { tty: true, prompter: custom });
    expect(first.json()).toMatchObject({ name: 'Spring', from: '2026-03-16', to: '2026-05-31', period: null });
    const weekly = scriptedPrompter([{ select: 'week' }, { confirm: true }, { confirm: false }]);
    const second = await run(['goal', 'add', 'Calls', '--metric', 'checkins', '--target', '15', '--json'], { tty: true, prompter: weekly });
    expect(second.json()).toMatchObject({ recurring: true, period: 'week', from: '2026-03-09', to: '2026-03-15' });
    expect(weekly.remaining()).toBe(0);
  });

  test('Ctrl-C exits 130 and writes nothing', async () => {
    const before = snapshot(temp.dbPath);
    const result = await run(['goal', 'add'], { tty: true, prompter: scriptedPrompter([{ input: 'Q1' }, { select: 'revenue' }, { cancel: true }]) });
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/cancelled/);
    expect(snapshot(temp.dbPath)).toBe(before);
  });

  test('--no-input on a terminal never prompts', async () => {
    const result = await run(['goal', 'add', '--no-input'], { tty: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing goal name/);
  });
});

describe('goal list', () => {
  beforeEach(async () => {
    await seed();
    await run(['goal', 'add', 'Q1 revenue', '--metric', 'revenue', '--target', '9000', '--period', 'quarter']);
    await run(['goal', 'add', 'Old', '--metric', 'sales', '--target', '1', '--from', '2025-12-01', '--to', '2025-12-31']);
    await run(['goal', 'add', 'Parked', '--metric', 'sales', '--target', '1', '--period', 'year']);
    await run(['goal', 'archive', 'parked']);
  });

  test('active goals only by default; --all adds finished and archived ones', async () => {
    expect((await run(['goal', 'list', '--json'])).json().map((g: { name: string }) => g.name)).toEqual(['Q1 revenue']);
    const all = (await run(['goal', 'list', '--all', '--json'])).json();
    expect(all.map((g: { name: string }) => g.name)).toEqual(['Parked', 'Old', 'Q1 revenue']);
    expect(all[1]).toMatchObject({ status: 'met', actual: 1, percent: 100 }); // Alpha's Dec 10 sale
  });

  test('tab-separated with raw numbers when piped', async () => {
    const lines = (await run(['goal', 'list'])).stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id\tgoal\tmetric\ttimeline\tactual\ttarget\t%\tstatus\tprojected\tforecast\tchance-to-hit\tneeded-per-day');
    expect(lines[1]).toBe('1\tQ1 revenue\trevenue\t2026-01-01..2026-03-31\t3200\t9000\t35.56\tbehind\t3891.89\t\t\t362.5');
  });

  test('a table with a pace bar and money on a terminal (tty)', async () => {
    const result = await run(['goal', 'list'], { tty: true });
    const row = result.stdout.split('\n').find((l) => l.includes('Q1 revenue'))!;
    expect(row).toMatch(/\$3,200 \/ \$9,000/);
    expect(row).toMatch(/36%/);
    expect(row).toMatch(/█{6}░{6}│░{3}/); // 36 % of 16 cells filled, the even-pace marker at 82 %
    expect(row).toMatch(/behind/);
    expect(row).toMatch(/\$362\.50\/day/); // 5,800 left over 16 days
  });
});

describe('goal show', () => {
  beforeEach(seed);

  test('a recurring monthly goal: past periods hit or missed and the streak', async () => {
    await run(['goal', 'add', 'Monthly sale', '--metric', 'sales', '--target', '1', '--period', 'month', '--start', '2025-11-01', '--recurring']);
    const shown = (await run(['goal', 'show', 'monthly', '--json'])).json();
    expect(shown).toMatchObject({ from: '2026-03-01', to: '2026-03-31', actual: 1, status: 'met', recurring: true });
    // Nov 2025: no sale; Dec, Jan, Feb: one each; March already met → streak 4.
    expect(shown.history).toEqual([
      { from: '2025-11-01', to: '2025-11-30', actual: 0, status: 'missed' },
      { from: '2025-12-01', to: '2025-12-31', actual: 1, status: 'met' },
      { from: '2026-01-01', to: '2026-01-31', actual: 1, status: 'met' },
      { from: '2026-02-01', to: '2026-02-28', actual: 1, status: 'met' },
    ]);
    expect(shown.streak).toBe(4);
    const text = (await run(['goal', 'show', 'monthly'], { tty: true })).stdout;
    expect(text).toMatch(/Nov 2025\s+0\s+missed/);
    expect(text).toMatch(/Streak\s+4 periods in a row/);
  });

  test('milestones, the daily series and a chart on a terminal', async () => {
    await run(['goal', 'add', 'Q1 revenue', '--metric', 'revenue', '--target', '9000', '--period', 'quarter', '--milestone', '2026-02-01=2500']);
    const shown = (await run(['goal', 'show', '1', '--json'])).json();
    expect(shown.milestones).toEqual([{ date: '2026-02-01', value: 2500, status: 'met' }]); // 2,000 + 500 by Feb 1
    expect(shown.series).toHaveLength(74);
    expect(shown.series[14]).toEqual({ date: '2026-01-15', actual: 2000, expected: 1500 });
    expect(shown.history).toBeNull();
    const text = (await run(['goal', 'show', 'q1'], { tty: true, env: { COLUMNS: '100' } })).stdout;
    expect(text).toMatch(/Actual\s+\$3,200 of \$9,000 \(36%\)\s+behind/);
    expect(text).toMatch(/Feb 1\s+\$2,500\s+met/);
    expect(text).toMatch(/\$9,000 ┤/);
    expect(text).toMatch(/●/);
  });

  test('an unknown goal is exit 2 with the closest names', async () => {
    await run(['goal', 'add', 'Q1 revenue', '--metric', 'revenue', '--target', '9000', '--period', 'quarter']);
    expect((await run(['goal', 'show', 'q1 rev', '--json'])).json().name).toBe('Q1 revenue'); // a unique prefix
    await run(['goal', 'add', 'Q1 sales', '--metric', 'sales', '--target', '9', '--period', 'quarter']);
    await expectRejected(['goal', 'show', 'q1'], { db: temp.dbPath }, /goal "q1" is ambiguous: #1 Q1 revenue, #2 Q1 sales/);
    await expectRejected(['goal', 'show', 'nothing'], { db: temp.dbPath }, /no goal matches "nothing"/);
    await expectRejected(['goal', 'show', '#9'], { db: temp.dbPath }, /no goal #9/);
  });
});

describe('goal log, edit, archive, rm', () => {
  beforeEach(async () => {
    await seed();
    await run(['goal', 'add', 'Q1 revenue', '--metric', 'revenue', '--target', '9000', '--period', 'quarter', '--milestone', '2026-02-01=2500']);
    await run(['goal', 'add', 'Books', '--metric', 'custom', '--target', '4', '--period', 'year']);
  });

  test('log is refused for goals spm counts itself', async () => {
    await expectRejected(['goal', 'log', 'q1', '5'], { db: temp.dbPath }, /tracks revenue, which spm counts itself; only custom goals take logs/);
    await expectRejected(['goal', 'log', 'books', '0'], { db: temp.dbPath }, /more than zero/);
    await expectRejected(['goal', 'log', 'books', '1', '--date', '2026-13-01'], { db: temp.dbPath }, /not a date|does not exist/);
    await expectRejected(['goal', 'log', 'nope', '1'], { db: temp.dbPath }, /no goal matches/);
  });

  test.each([['edit', '--target', '5'], ['archive'], ['unarchive'], ['rm', '--yes'], ['show'], ['log', '1']])('goal %s on an unknown goal is exit 2', async (verb, ...rest) => {
    const args = verb === 'log' ? ['goal', 'log', 'nope', ...rest] : ['goal', verb, 'nope', ...rest];
    await expectRejected(args, { db: temp.dbPath }, /no goal matches "nope"/);
  });

  test('log prints the new progress', async () => {
    const result = await run(['goal', 'log', 'books', '1']);
    expect(result.stderr).toMatch(/Logged 1 toward Books on 2026-03-15/);
    // 1 of 4; day 74 of 365 → 20 %; 3 left over 291 days = 0.0103…, rounded up to 0.02.
    expect(result.stderr).toMatch(/^Books: 25% of 4 — expected 20% by today; 0\.02\/day to go$/m);
  });

  test('edit changes target and milestones; bad edits change nothing', async () => {
    const edited = (await run(['goal', 'edit', 'q1', '--target', '12000', '--milestone', '2026-03-01=6000', '--remove-milestone', '2026-02-01', '--json'])).json();
    expect(edited).toMatchObject({ target: 12000, milestones: [{ date: '2026-03-01', value: 6000 }] });
    expect((await run(['goal', 'edit', '1', '--name', 'First quarter', '--period', 'quarter', '--start', '2026-04-01', '--remove-milestone', '2026-03-01', '--json'])).json()).toMatchObject({ name: 'First quarter', from: '2026-04-01', to: '2026-06-30' });
    await expectRejected(['goal', 'edit', '1', '--target', '0'], { db: temp.dbPath }, /more than zero/);
    await expectRejected(['goal', 'edit', '1', '--milestone', '2026-01-01=5'], { db: temp.dbPath }, /outside the timeline/);
    await expectRejected(['goal', 'edit', '1', '--metric', 'win-rate'], { db: temp.dbPath }, /over 100/);
    await expectRejected(['goal', 'edit', '1', '--remove-milestone', '2026-05-05'], { db: temp.dbPath }, /no milestone on 2026-05-05/);
    await expectRejected(['goal', 'edit', '1'], { db: temp.dbPath }, /nothing to change/);
    await expectRejected(['goal', 'edit', '1', '--name', 'books'], { db: temp.dbPath }, /already exists/);
  });

  test('archive hides, unarchive brings back, rm needs confirmation', async () => {
    expect((await run(['goal', 'archive', 'books', '--json'])).json()).toMatchObject({ archived: true });
    expect((await run(['goal', 'list', '--json'])).json()).toHaveLength(1);
    await run(['goal', 'unarchive', 'books']);
    expect((await run(['goal', 'list', '--json'])).json()).toHaveLength(2);
    await expectRejected(['goal', 'rm', 'books'], { db: temp.dbPath }, /not deleting without confirmation/);
    const removed = await run(['goal', 'rm', 'books', '--yes']);
    expect(removed.stderr).toMatch(/Deleted goal #2 Books/);
    expect((await run(['goal', 'list', '--all', '--json'])).json()).toHaveLength(1);
  });

  test('rm asks on a terminal', async () => {
    const prompter = scriptedPrompter([{ confirm: true }]);
    expect((await run(['goal', 'rm', 'q1'], { tty: true, prompter })).code).toBe(0);
    expect(prompter.asked[0]).toMatch(/Delete goal #1 Q1 revenue\?/);
  });
});

describe('progress lines after sale add', () => {
  beforeEach(async () => {
    await seed();
    await run(['goal', 'add', 'Q1 revenue', '--metric', 'revenue', '--target', '9000', '--period', 'quarter']);
    await run(['goal', 'add', 'Q1 win rate', '--metric', 'win-rate', '--target', '50', '--period', 'quarter']);
    await run(['goal', 'add', 'Consulting', '--metric', 'sales', '--target', '5', '--period', 'quarter', '--product', 'consulting']);
    await run(['goal', 'add', 'Repeat', '--metric', 'repeat-revenue', '--target', '5000', '--period', 'quarter']);
    await run(['goal', 'add', 'Newcomers', '--metric', 'new-customers', '--target', '4', '--period', 'quarter']);
    await run(['goal', 'add', 'Next quarter', '--metric', 'revenue', '--target', '9000', '--period', 'quarter', '--start', '2026-04-01']);
  });

  test('one line per active goal the sale counts toward', async () => {
    const result = await run(['sale', 'add', 'beta', '1000']);
    expect(result.code).toBe(0);
    // Revenue 3,200 + 1,000 = 4,200 of 9,000 = 47 %; expected 74/90 = 82 %; 4,800 over 16 days = $300/day.
    expect(result.stderr).toMatch(/^Q1 revenue: 47% of \$9,000 — expected 82% by today; \$300\/day to go$/m);
    expect(result.stderr).toMatch(/^Q1 win rate: 66\.7% against a target of 50% — ahead$/m); // 4 won of 6
    // Beta's first won sale (Feb 1) is inside Q1: not a repeat customer. No consulting product; next quarter not begun.
    expect(result.stderr).not.toMatch(/Repeat|Consulting|Next quarter|Newcomers/); // Beta was new on Feb 1 already
    await run(['customer', 'add', 'Delta']);
    const first = await run(['sale', 'add', 'delta', '100']);
    expect(first.stderr).toMatch(/^Newcomers: 75% of 4 — expected 82% by today; 0\.07\/day to go$/m); // Beta, Gamma, Delta; 1 / 16 = 0.0625, rounded up
    const repeat = await run(['sale', 'add', 'alpha', '600', '--product', 'consulting']);
    expect(repeat.stderr).toMatch(/^Repeat: 52% of \$5,000 — expected 82% by today; \$150\/day to go$/m); // 2,600; 2,400 / 16
    expect(repeat.stderr).toMatch(/^Consulting: 60% of 5 — expected 82% by today; 0\.13\/day to go$/m); // 3 of 5; 2 / 16
  });

  test('a lost sale counts toward the win rate only; --json prints no lines', async () => {
    const lost = await run(['sale', 'add', 'alpha', '400', '--lost', '--product', 'consulting']);
    expect(lost.stderr.split('\n').filter((l) => /: /.test(l) && !/Recorded/.test(l))).toEqual(['Q1 win rate: 50% against a target of 50% — on-track']);
    const json = await run(['sale', 'add', 'alpha', '400', '--json']);
    expect(json.stderr).toBe('');
  });
});
