import { beforeEach, describe, expect, test } from '@jest/globals';
import { expectRejected, openRaw, runSpm, scriptedPrompter, snapshot, useTempDb, type RunOptions } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[], options: RunOptions = {}) => runSpm(args, { db: temp.dbPath, ...options });
const json = async (args: string[], options: RunOptions = {}) => {
  const result = await run([...args, '--json'], options);
  if (result.code !== 0) throw new Error(`${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.json();
};
const followups = (now = '2026-03-15', extra: string[] = []) => json(['followups', ...extra], { now });
const openFollowups = async () => (await json(['followup', 'list'])).map((f: any) => [f.id, f.due, f.source]);

describe('post-sale follow-ups', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Acme Corp']);
  });

  test('a won sale schedules a post-sale follow-up 7 days after the sale date', async () => {
    const added = await run(['sale', 'add', 'acme', '1200', '--date', '2026-03-10']);
    expect(added.stderr).toMatch(/Follow-up #1 scheduled for 2026-03-17/);
    const [f] = await json(['followup', 'list']);
    expect(f).toEqual({ id: 1, customer: { id: 1, name: 'Acme Corp' }, due: '2026-03-17', reason: 'post-sale · $1,200', source: 'post-sale', status: 'open', daysOverdue: 0, dealId: null });
  });

  test('a lost sale schedules nothing; --no-follow-up and setting 0 turn it off', async () => {
    await run(['sale', 'add', 'acme', '100', '--lost']);
    await run(['sale', 'add', 'acme', '100', '--no-follow-up']);
    await run(['config', 'set', 'post-sale-follow-up-days', '0']);
    await run(['sale', 'add', 'acme', '100']);
    expect(await openFollowups()).toEqual([]);
  });

  test('--follow-up D with --no-follow-up is refused: they contradict each other', async () => {
    await expectRejected(['sale', 'add', 'acme', '100', '--no-follow-up', '--follow-up', '+3d'], { db: temp.dbPath }, /--follow-up and --no-follow-up contradict/);
    await expectRejected(['sale', 'add', 'acme', '100', '--follow-up', '+3d', '--no-follow-up'], { db: temp.dbPath }, /contradict/);
  });

  test('--follow-up D chooses the day; post-sale-follow-up-days changes the default', async () => {
    await run(['sale', 'add', 'acme', '100', '--follow-up', '+3d']);
    await run(['config', 'set', 'post-sale-follow-up-days', '14']);
    await run(['sale', 'add', 'acme', '100', '--date', 'yesterday']);
    expect(await openFollowups()).toEqual([[1, '2026-03-18', 'post-sale'], [2, '2026-03-28', 'post-sale']]);
  });

  test('the sale and its follow-up are written together: a bad --follow-up writes neither', async () => {
    await expectRejected(['sale', 'add', 'acme', '100', '--follow-up', '2026-02-30'], { db: temp.dbPath }, /does not exist/);
    await expectRejected(['sale', 'add', 'acme', '100', '--date', '2026-03-10', '--follow-up', '2026-03-01'], { db: temp.dbPath }, /before the sale date/);
  });

  test('sale add --json still prints the sale record', async () => {
    expect(Object.keys(await json(['sale', 'add', 'acme', '100']))).toEqual(['id', 'date', 'customer', 'amount', 'outcome', 'reason', 'technique', 'product', 'quantity', 'note']);
  });
});

describe('spm followups: the daily view', () => {
  beforeEach(async () => {
    for (const name of ['Acme Corp', 'Beta Ltd', 'Gamma Inc']) await run(['customer', 'add', name]);
  });

  test('sorts follow-ups into overdue / due today / upcoming at the boundaries (yesterday, today, today+N, today+N+1)', async () => {
    for (const [customer, due] of [['acme', 'yesterday'], ['beta', 'today'], ['gamma', '+7d'], ['acme', '+8d'], ['beta', '2026-03-05']]) {
      await run(['followup', 'add', customer, due]);
    }
    const view = await followups();
    expect(view.date).toBe('2026-03-15');
    expect(view.overdue.map((f: any) => [f.id, f.due, f.daysOverdue])).toEqual([[5, '2026-03-05', 10], [1, '2026-03-14', 1]]);
    expect(view.dueToday.map((f: any) => f.id)).toEqual([2]);
    expect(view.upcoming.map((f: any) => [f.id, f.due])).toEqual([[3, '2026-03-22']]);
    const wider = await followups('2026-03-15', ['--days', '8']);
    expect(wider.upcoming.map((f: any) => f.id)).toEqual([3, 4]);
    expect(Object.keys(view)).toEqual(['date', 'overdue', 'dueToday', 'upcoming', 'goingCold', 'openConcerns', 'dueToReorder', 'dealsToMove']);
  });

  test('text view: sections with customer, why and id, red overdue on a terminal, a footer with what to type next', async () => {
    await run(['followup', 'add', 'acme', '2026-03-12', '--reason', 'send the proposal']);
    await run(['followup', 'add', 'beta', 'today']);
    const result = await run(['followups'], { tty: true, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(result.code).toBe(0);
    const plain = result.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/Overdue \(1\)/);
    expect(plain).toMatch(/#1 +3 days overdue +Acme Corp — send the proposal/);
    expect(plain).toMatch(/Due today \(1\)/);
    expect(plain).toMatch(/#2 +Beta Ltd/);
    expect(plain).not.toMatch(/Upcoming|Going cold|Open concerns/); // empty sections are left out
    expect(plain).toMatch(/Next: spm followup done 1/);
    expect(result.stdout).toContain('\u001b[31m'); // red
  });

  test('a calm day is one line', async () => {
    const result = await run(['followups']);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(result.stdout).toMatch(/calm day: nothing overdue, nothing due today, nobody going cold/);
  });

  test('--quiet prints nothing at all on a quiet day, even with upcoming follow-ups and open concerns', async () => {
    await run(['followup', 'add', 'acme', 'tomorrow']);
    await run(['concern', 'add', 'beta', 'slow replies']);
    const result = await run(['followups', '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect((await run(['followups', '--quiet', '--json'])).stdout).toBe('');
  });

  test.each([['due today', ['followup', 'add', 'acme', 'today']], ['overdue', ['followup', 'add', 'acme', 'yesterday']], ['going cold', ['customer', 'edit', 'acme', '--every', '7']]])(
    '--quiet speaks when something is %s', async (_what, args) => {
      await run(args);
      const now = args[0] === 'customer' ? '2026-03-23' : '2026-03-15';
      const result = await run(['followups', '--quiet'], { now });
      expect(result.stdout).not.toBe('');
      expect(result.stdout).toMatch(/Acme Corp/);
    });

  test('the view is a read: the database is unchanged, and a missing database is not created', async () => {
    await run(['followup', 'add', 'acme', 'yesterday']);
    await run(['customer', 'edit', 'beta', '--every', '1']);
    const before = snapshot(temp.dbPath);
    await run(['followups'], { now: '2026-04-01' });
    await run(['followups', '--json'], { now: '2026-04-01' });
    expect(snapshot(temp.dbPath)).toBe(before);
    const missing = await runSpm(['followups'], { db: `${temp.dir}/none.db` });
    expect(missing.code).toBe(1);
    expect(snapshot(`${temp.dir}/none.db`)).toBe('missing');
  });

  test('archived customers leave the view', async () => {
    await run(['followup', 'add', 'acme', 'yesterday']);
    await run(['customer', 'archive', 'acme']);
    expect((await followups()).overdue).toEqual([]);
  });

  test('text view shows 50 lines per section and says how many more; --all shows every one', async () => {
    const db = openRaw(temp.dbPath);
    const insert = db.prepare("INSERT INTO followups (customer_id, due_date, source, created_at, updated_at) VALUES (1, '2026-03-01', 'manual', 'x', 'x')");
    for (let i = 0; i < 60; i++) insert.run();
    db.close();
    const capped = await run(['followups']);
    expect(capped.stdout).toMatch(/Overdue \(60\)/);
    expect(capped.stdout).toMatch(/… 10 more/);
    expect((await run(['followups', '--all'])).stdout).not.toMatch(/more/);
    expect((await followups()).overdue).toHaveLength(60);
  });

  test.each([[['--days', '-1']], [['--days', 'week']], [['--days', '400']]])('rejects followups %j', async (flags) => {
    await expectRejected(['followups', ...flags], { db: temp.dbPath }, /--days/);
  });
});

describe('going cold', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Acme Corp', '--every', '30'], { now: '2026-01-01' });
    await run(['customer', 'add', 'Plain Co'], { now: '2026-01-01' }); // no cadence: never cold
  });

  const cold = async (now: string) => (await followups(now)).goingCold;

  test('the day added counts as last contact when there is none; cold once more than the cadence has passed', async () => {
    expect(await cold('2026-01-31')).toEqual([]); // 30 days: not more than the cadence
    expect(await cold('2026-02-01')).toEqual([{ customer: { id: 1, name: 'Acme Corp' }, lastContact: '2026-01-01', cadenceDays: 30, daysSinceContact: 31 }]);
  });

  test('any touch resets it: a sale (won or lost) or a check-in', async () => {
    await run(['sale', 'add', 'acme', '100', '--lost'], { now: '2026-01-20' });
    expect(await cold('2026-02-19')).toEqual([]);
    expect((await cold('2026-02-20'))[0].lastContact).toBe('2026-01-20');
    await run(['checkin', 'add', 'acme', '--date', '2026-02-10'], { now: '2026-02-20' });
    expect(await cold('2026-02-20')).toEqual([]);
    expect((await cold('2026-03-13'))[0]).toMatchObject({ lastContact: '2026-02-10', daysSinceContact: 31 });
  });

  test('a scheduled follow-up suppresses it, even an overdue one; done or cancelled ones do not', async () => {
    await run(['followup', 'add', 'acme', '2026-03-01', '--no-input'], { now: '2026-02-15' });
    expect(await cold('2026-02-15')).toEqual([]);
    expect((await followups('2026-03-05')).overdue).toHaveLength(1);
    expect(await cold('2026-03-05')).toEqual([]);
    await run(['followup', 'cancel', '1'], { now: '2026-03-05' });
    expect(await cold('2026-03-05')).toHaveLength(1);
  });

  test('archived customers are never cold', async () => {
    await run(['customer', 'archive', 'acme']);
    expect(await cold('2026-06-01')).toEqual([]);
  });

  test('last contact follows edits and deletions of sales and check-ins', async () => {
    await run(['sale', 'add', 'acme', '100', '--date', '2026-02-20', '--no-follow-up'], { now: '2026-02-20' });
    expect(await cold('2026-03-15')).toEqual([]);
    await run(['sale', 'edit', '1', '--date', '2026-01-05'], { now: '2026-03-15' });
    expect((await cold('2026-03-15'))[0].lastContact).toBe('2026-01-05');
    await run(['sale', 'rm', '1', '--yes'], { now: '2026-03-15' });
    expect((await cold('2026-03-15'))[0].lastContact).toBe('2026-01-01');
    await run(['customer', 'add', 'Other'], { now: '2026-03-15' });
    const moved = await json(['sale', 'add', 'other', '100', '--no-follow-up'], { now: '2026-03-15' });
    await run(['sale', 'edit', String(moved.id), '--customer', 'acme'], { now: '2026-03-15' });
    expect(await cold('2026-03-15')).toEqual([]);
  });
});

describe('check-ins', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Acme Corp']);
    await run(['customer', 'add', 'Beta Ltd']);
  });

  test('records a check-in and prints the record shape', async () => {
    const checkin = await json(['checkin', 'add', 'acme', '--channel', 'Call', '--satisfaction', '4', '--note', 'happy', '--date', 'yesterday']);
    expect(checkin).toEqual({ id: 1, date: '2026-03-14', customer: { id: 1, name: 'Acme Corp' }, channel: 'call', satisfaction: 4, note: 'happy', completedFollowups: [], nextFollowup: null });
    expect(await json(['checkin', 'list'])).toEqual([{ id: 1, date: '2026-03-14', customer: { id: 1, name: 'Acme Corp' }, channel: 'call', satisfaction: 4, note: 'happy' }]);
  });

  test('completes only that customer\'s open follow-ups due on or before its date, and says which', async () => {
    await run(['followup', 'add', 'acme', '2026-03-10']); // 1: due before
    await run(['followup', 'add', 'acme', '2026-03-14']); // 2: due on the check-in date
    await run(['followup', 'add', 'acme', '2026-03-15']); // 3: due after the check-in date
    await run(['followup', 'add', 'beta', '2026-03-01']); // 4: another customer
    const result = await run(['checkin', 'add', 'acme', '--date', '2026-03-14']);
    expect(result.stderr).toMatch(/Completed follow-up #1 \(due 2026-03-10\)/);
    expect(result.stderr).toMatch(/Completed follow-up #2 \(due 2026-03-14\)/);
    expect(result.stderr).not.toMatch(/#3|#4/);
    expect((await openFollowups()).map(([id]: any) => id)).toEqual([4, 3]);
    const done = await json(['followup', 'list', '--status', 'done']);
    expect(done.map((f: any) => [f.id, f.status, f.daysOverdue])).toEqual([[2, 'done', null], [1, 'done', null]]);
  });

  test('--next schedules the next follow-up', async () => {
    const checkin = await json(['checkin', 'add', 'acme', '--next', '+2w']);
    expect(checkin.nextFollowup).toMatchObject({ due: '2026-03-29', source: 'manual', status: 'open' });
  });

  test('list filters by customer and dates, newest first', async () => {
    await run(['checkin', 'add', 'acme', '--date', '2026-03-01']);
    await run(['checkin', 'add', 'beta', '--date', '2026-03-05']);
    await run(['checkin', 'add', 'acme', '--date', '2026-03-10']);
    expect((await json(['checkin', 'list'])).map((c: any) => c.id)).toEqual([3, 2, 1]);
    expect((await json(['checkin', 'list', '--customer', 'acme', '--from', '2026-03-02'])).map((c: any) => c.id)).toEqual([3]);
    const piped = await run(['checkin', 'list']);
    expect(piped.stdout.split('\n')[0]).toBe('id\tdate\tcustomer\tchannel\tsatisfaction\tnote');
  });

  test.each([
    [['checkin', 'add', 'acme', '--satisfaction', '0'], /satisfaction "0" is not a whole number from 1 to 5/],
    [['checkin', 'add', 'acme', '--satisfaction', '6'], /satisfaction "6"/],
    [['checkin', 'add', 'acme', '--satisfaction', '3.5'], /satisfaction "3.5"/],
    [['checkin', 'add', 'acme', '--channel', 'fax'], /channel "fax" is not one of call, email, meeting, visit, message, other/],
    [['checkin', 'add', 'acme', '--date', '2026-02-30'], /does not exist on the calendar/],
    [['checkin', 'add', 'acme', '--date', 'tomorrow'], /in the future/],
    [['checkin', 'add', 'acme', '--next', 'yesterday'], /--next 2026-03-14 is not after the check-in date/],
    [['checkin', 'add', 'nobody'], /no customer matches "nobody"/],
    [['checkin', 'add', '#99'], /no customer #99/],
    [['checkin', 'list', '--from', '2026-03-10', '--to', '2026-03-01'], /after --to/],
  ])('rejects %j with exit 2 and no change', async (args, message) => {
    await run(['followup', 'add', 'acme', 'yesterday']);
    await expectRejected(args, { db: temp.dbPath }, message);
  });
});

describe('followup add / done / snooze / cancel / rm / list', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Acme Corp']);
    await run(['followup', 'add', 'acme', '2026-03-10', '--reason', 'renewal']); // #1, overdue
    await run(['followup', 'add', 'acme', '2026-03-20']); // #2
  });

  test('done records a check-in, which completes the other follow-ups already due', async () => {
    await run(['followup', 'add', 'acme', '2026-03-12']); // #3, overdue too
    const done = await json(['followup', 'done', '1', '--channel', 'call', '--satisfaction', '5', '--note', 'renewed']);
    expect(done).toMatchObject({ id: 1, status: 'done', daysOverdue: null, checkin: { id: 1, channel: 'call', satisfaction: 5, note: 'renewed', date: '2026-03-15' } });
    expect(done.completedFollowups.map((f: any) => f.id)).toEqual([3]);
    expect((await openFollowups()).map(([id]: any) => id)).toEqual([2]);
  });

  test('done --no-checkin records no check-in', async () => {
    await run(['followup', 'done', '2', '--no-checkin', '--note', 'voicemail']);
    expect(await json(['checkin', 'list'])).toEqual([]);
    expect((await openFollowups()).map(([id]: any) => id)).toEqual([1]);
  });

  test('snooze moves the due date; the view follows', async () => {
    const snoozed = await json(['followup', 'snooze', '1', '+3d']);
    expect(snoozed).toMatchObject({ id: 1, due: '2026-03-18', daysOverdue: 0 });
    const view = await followups();
    expect(view.overdue).toEqual([]);
    expect(view.upcoming.map((f: any) => f.id)).toEqual([1, 2]);
  });

  test('cancel keeps it in the history; rm deletes it', async () => {
    await run(['followup', 'cancel', '2']);
    expect((await json(['followup', 'list', '--status', 'cancelled'])).map((f: any) => f.id)).toEqual([2]);
    await run(['followup', 'rm', '2', '--yes']);
    expect((await json(['followup', 'list', '--status', 'all'])).map((f: any) => f.id)).toEqual([1]);
  });

  test('list: open soonest first; piped with a header', async () => {
    const piped = await run(['followup', 'list']);
    const lines = piped.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id\tdue\tcustomer\tstatus\tlate\tsource\treason');
    expect(lines[1]).toBe('1\t2026-03-10\tAcme Corp\topen\t5\tmanual\trenewal');
  });

  test.each([
    [['followup', 'add', 'acme', '2026-02-30'], /does not exist on the calendar/],
    [['followup', 'add', 'acme', '03/04/2026'], /ambiguous/],
    [['followup', 'add', 'nobody', 'today'], /no customer matches/],
    [['followup', 'done', '99'], /no follow-up #99/],
    [['followup', 'done', 'x'], /follow-up id "x" is not a number/],
    [['followup', 'done', '1', '--satisfaction', '9'], /satisfaction/],
    [['followup', 'done', '1', '--no-checkin', '--channel', 'call'], /describe the check-in/],
    [['followup', 'snooze', '99', '+1d'], /no follow-up #99/],
    [['followup', 'snooze', '1', 'yesterday'], /in the past/],
    [['followup', 'snooze', '1', 'someday'], /is not a date/],
    [['followup', 'cancel', '99'], /no follow-up #99/],
    [['followup', 'rm', '1'], /without confirmation/],
    [['followup', 'list', '--status', 'late'], /--status "late"/],
  ])('rejects %j with exit 2 and no change', async (args, message) => {
    await expectRejected(args, { db: temp.dbPath }, message);
  });

  test('a done follow-up cannot be snoozed, done or cancelled again', async () => {
    await run(['followup', 'done', '1', '--no-checkin']);
    for (const args of [['followup', 'snooze', '1', '+1d'], ['followup', 'done', '1'], ['followup', 'cancel', '1']]) {
      await expectRejected(args, { db: temp.dbPath }, /follow-up #1 is done; only open follow-ups/);
    }
  });

  test('an archived customer gets no new follow-up', async () => {
    await run(['customer', 'archive', 'acme']);
    await expectRejected(['followup', 'add', 'acme', 'tomorrow'], { db: temp.dbPath }, /is archived/);
  });
});

describe('concerns', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Acme Corp']);
  });

  test('a high concern schedules a concern follow-up the next day; others do not', async () => {
    const high = await json(['concern', 'add', 'acme', 'delivery two weeks late', '--severity', 'HIGH', '--date', '2026-03-10']);
    expect(high).toMatchObject({ id: 1, customer: { id: 1, name: 'Acme Corp' }, opened: '2026-03-10', summary: 'delivery two weeks late', severity: 'high', status: 'open', resolved: null, resolution: null });
    expect(high.followup).toMatchObject({ due: '2026-03-11', source: 'concern' });
    const medium = await json(['concern', 'add', 'acme', 'invoice address wrong']);
    expect(medium.severity).toBe('medium');
    expect(medium.followup).toBeNull();
    expect(await openFollowups()).toEqual([[1, '2026-03-11', 'concern']]);
  });

  test('resolving closes its follow-ups and schedules one resolved-concern-follow-up-days later (0 = off)', async () => {
    await run(['concern', 'add', 'acme', 'late', '--severity', 'high', '--date', '2026-03-10']);
    const resolved = await json(['concern', 'resolve', '1', '--resolution', 'refunded shipping']);
    expect(resolved).toMatchObject({ status: 'resolved', resolved: '2026-03-15', resolution: 'refunded shipping', followup: { id: 2, due: '2026-03-22', source: 'concern' } });
    expect(resolved.closedFollowups.map((f: any) => [f.id, f.status])).toEqual([[1, 'done']]);
    await run(['config', 'set', 'resolved-concern-follow-up-days', '0']);
    await run(['concern', 'add', 'acme', 'second']);
    expect((await json(['concern', 'resolve', '2'])).followup).toBeNull();
    expect(await openFollowups()).toEqual([[2, '2026-03-22', 'concern']]);
  });

  test('list: open ones oldest first with age; --all adds resolved; the daily view lists open ones', async () => {
    await run(['concern', 'add', 'acme', 'newer', '--date', '2026-03-12']);
    await run(['concern', 'add', 'acme', 'older', '--date', '2026-03-01']);
    await run(['concern', 'add', 'acme', 'done', '--date', '2026-03-02']);
    await run(['concern', 'resolve', '3']);
    expect((await json(['concern', 'list'])).map((c: any) => c.summary)).toEqual(['older', 'newer']);
    expect((await json(['concern', 'list', '--all'])).map((c: any) => c.summary)).toEqual(['newer', 'older', 'done']);
    const piped = await run(['concern', 'list']);
    expect(piped.stdout.split('\n')[1]).toMatch(/^2\t2026-03-01\t14d\tAcme Corp\tmedium\topen\tolder/);
    expect((await followups()).openConcerns.map((c: any) => c.id)).toEqual([2, 1]);
  });

  test.each([
    [['concern', 'add', 'acme', 'x', '--severity', 'urgent'], /severity "urgent" is not one of low, medium, high/],
    [['concern', 'add', 'acme', '  '], /summary is empty/],
    [['concern', 'add', 'acme', 'x', '--date', '2026-13-01'], /does not exist/],
    [['concern', 'add', 'acme', 'x', '--date', 'tomorrow'], /in the future/],
    [['concern', 'add', 'nobody', 'x'], /no customer matches/],
    [['concern', 'resolve', '99'], /no concern #99/],
    [['concern', 'resolve', '1', '--date', '2026-03-01'], /before the concern was opened/],
  ])('rejects %j with exit 2 and no change', async (args, message) => {
    await run(['concern', 'add', 'acme', 'existing', '--date', '2026-03-10']);
    await expectRejected(args, { db: temp.dbPath }, message);
  });

  test('a resolved concern cannot be resolved again', async () => {
    await run(['concern', 'add', 'acme', 'x']);
    await run(['concern', 'resolve', '1']);
    await expectRejected(['concern', 'resolve', '1'], { db: temp.dbPath }, /already resolved/);
  });
});

describe('customer show timeline', () => {
  test('adds check-ins with satisfaction, follow-ups and concerns', async () => {
    await run(['customer', 'add', 'Acme Corp']);
    await run(['sale', 'add', 'acme', '100']);
    await run(['checkin', 'add', 'acme', '--satisfaction', '2', '--channel', 'visit']);
    await run(['concern', 'add', 'acme', 'too slow']);
    const card = await json(['customer', 'show', 'acme']);
    expect(card.checkins).toEqual([{ id: 1, date: '2026-03-15', customer: { id: 1, name: 'Acme Corp' }, channel: 'visit', satisfaction: 2, note: null }]);
    expect(card.followups.map((f: any) => [f.source, f.status])).toEqual([['post-sale', 'open']]);
    expect(card.concerns.map((c: any) => [c.summary, c.status])).toEqual([['too slow', 'open']]);
    expect(card.averageSatisfaction).toBe(2);
    const text = (await run(['customer', 'show', 'acme'])).stdout;
    expect(text).toMatch(/Follow-ups\n {2}2026-03-22 {2}open/);
    expect(text).toMatch(/Check-ins\n {2}2026-03-15 {2}visit {4}2\/5 /);
    expect(text).toMatch(/Concerns\n {2}2026-03-15 {2}medium {2}open {2}too slow/);
  });
});

describe('read commands never write', () => {
  test('lists, show, config get/list and the daily view leave the database as it was', async () => {
    await run(['customer', 'add', 'Acme Corp', '--every', '7']);
    await run(['sale', 'add', 'acme', '100', '--date', '2026-03-01']);
    await run(['checkin', 'add', 'acme', '--date', '2026-03-02', '--satisfaction', '3']);
    await run(['concern', 'add', 'acme', 'slow', '--severity', 'high']);
    const before = snapshot(temp.dbPath);
    for (const args of [['followups'], ['followups', '--json'], ['followups', '--quiet'], ['followup', 'list', '--status', 'all'], ['checkin', 'list'],
      ['concern', 'list', '--all'], ['config', 'list'], ['config', 'get', 'currency'], ['customer', 'show', 'acme']]) {
      const result = await run(args, { now: '2026-04-30' });
      expect(result.code).toBe(0);
    }
    expect(snapshot(temp.dbPath)).toBe(before);
  });
});

describe('missing values', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Acme Corp']);
  });

  test.each([[['checkin', 'add']], [['followup', 'add']], [['followup', 'add', 'acme']], [['concern', 'add', 'acme']], [['checkin', 'add', '--no-input']]])(
    '%j without a terminal is exit 2 naming what is missing', async (args) => {
      await expectRejected(args, { db: temp.dbPath }, /missing (customer|due date|concern summary)/);
    });

  test('on a terminal, spm asks for the customer, the due date and the summary (tty)', async () => {
    const checkin = await run(['checkin', 'add', '--json'], { tty: true, prompter: scriptedPrompter([{ search: 'acm' }, { select: 'visit' }, { select: '' }, { input: '' }]) });
    expect(checkin.json()).toMatchObject({ customer: { name: 'Acme Corp' }, channel: 'visit', satisfaction: null, note: null });
    const followup = await run(['followup', 'add', '--json'], { tty: true, prompter: scriptedPrompter([{ search: '' }, { input: 'tomorrow' }, { input: 'send the quote' }]) });
    expect(followup.json()).toMatchObject({ customer: { name: 'Acme Corp' }, due: '2026-03-16', reason: 'send the quote' });
    const concern = await run(['concern', 'add', 'acme', '--json'], { tty: true, prompter: scriptedPrompter([{ input: 'late again' }, { select: 'low' }]) });
    expect(concern.json()).toMatchObject({ summary: 'late again', severity: 'low' });
  });
});
