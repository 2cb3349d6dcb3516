// Every record can be corrected: checkin edit/rm, concern edit/reopen/rm, followup edit, goal
// show's entries and goal unlog; what is derived follows at once.
import { describe, expect, test } from '@jest/globals';
import { expectRejected, openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { spawnSpm } from '../helpers/spawn-spm.js';

const temp = useTempDb();
const run = (args: string[], now = '2026-03-15') => runSpm(args, { db: temp.dbPath, now });
const cold = async (now: string) => ((await run(['followups', '--json'], now)).json().goingCold as { customer: { name: string }; daysSinceContact: number }[]);

describe('a check-in dated in the future by mistake, corrected', () => {
  test('the customer goes cold again on the right day, and the report counts overdue as the daily view does', async () => {
    await run(['customer', 'add', 'Acme', '--every', '30'], '2026-01-01');
    await run(['followup', 'add', 'acme', '2026-01-20'], '2026-01-01');
    // The mistake: recorded with the clock months ahead, completing the follow-up "on" that day.
    await run(['checkin', 'add', 'acme', '--date', '2026-06-01'], '2026-06-01');
    expect(await cold('2026-03-15')).toEqual([]);
    const reportBefore = (await run(['report', '--json'])).json();
    const dailyBefore = (await run(['followups', '--json'])).json();
    expect(dailyBefore.overdue).toHaveLength(0);
    expect(reportBefore.followups.overdue).toBe(1); // done "after" today: the two disagree

    const edited = await run(['checkin', 'edit', '1', '--date', '2026-02-01']);
    expect(edited.code).toBe(0);
    expect(edited.stderr).toContain('The follow-up it completed is now done on 2026-02-01 too');
    // 2026-02-01 + 30 days = 2026-03-03, the last day before going cold.
    expect(await cold('2026-03-03')).toEqual([]);
    expect(await cold('2026-03-04')).toMatchObject([{ customer: { name: 'Acme' }, daysSinceContact: 31 }]);
    const report = (await run(['report', '--json'])).json();
    const daily = (await run(['followups', '--json'])).json();
    expect(report.followups.overdue).toBe(daily.overdue.length);
    expect(report.followups.overdue).toBe(0);
    expect((await run(['followup', 'list', '--status', 'done', '--json'])).json()).toMatchObject([{ id: 1, status: 'done' }]);
    const db = openRaw(temp.dbPath);
    expect(db.prepare('SELECT done_date, checkin_id FROM followups WHERE id = 1').get()).toEqual({ done_date: '2026-02-01', checkin_id: 1 });
    db.close();
  });
});

describe('spm checkin rm', () => {
  test('reopens the follow-ups it completed, not ones done otherwise', async () => {
    await run(['customer', 'add', 'Acme']);
    await run(['followup', 'add', 'acme', '2026-03-01']); // #1: completed by the check-in
    await run(['followup', 'add', 'acme', '2026-03-02']); // #2: done by hand, no check-in
    await run(['followup', 'done', '2', '--no-checkin']);
    await run(['checkin', 'add', 'acme', '--date', '2026-03-10']);
    const removed = await run(['checkin', 'rm', '1', '--yes', '--json']);
    expect(removed.code).toBe(0);
    expect(removed.json().reopenedFollowups).toMatchObject([{ id: 1, status: 'open' }]);
    const all = (await run(['followup', 'list', '--status', 'all', '--json'])).json();
    expect(all.map((f: { id: number; status: string }) => [f.id, f.status])).toEqual([[1, 'open'], [2, 'done']]);
  });

  test('asks on a terminal, refuses without --yes when piped (database unchanged)', async () => {
    await run(['customer', 'add', 'Acme']);
    await run(['checkin', 'add', 'acme']);
    await expectRejected(['checkin', 'rm', '1'], { db: temp.dbPath }, /not deleting without confirmation/);
  });
});

describe('spm checkin edit', () => {
  test('changes only what is given; --satisfaction none clears it (piped, JSON)', async () => {
    await run(['customer', 'add', 'Acme']);
    await run(['customer', 'add', 'Bolt']);
    await run(['checkin', 'add', 'acme', '--channel', 'call', '--satisfaction', '4', '--note', 'fine']);
    const result = await run(['checkin', 'edit', '1', '--satisfaction', 'none', '--customer', 'bolt', '--json']);
    expect(result.json()).toMatchObject({ id: 1, customer: { id: 2, name: 'Bolt' }, channel: 'call', satisfaction: null, note: 'fine' });
  });

  test.each([
    [['checkin', 'edit', '1', '--date', '2026-03-16'], /check-in date 2026-03-16 is in the future/],
    [['checkin', 'edit', '1'], /nothing to change/],
    [['checkin', 'edit', '1', '--satisfaction', '6'], /satisfaction/],
    [['checkin', 'edit', '9', '--note', 'x'], /no check-in #9/],
  ])('%j: exit 2, database unchanged', async (args, message) => {
    await run(['customer', 'add', 'Acme']);
    await run(['checkin', 'add', 'acme']);
    await expectRejected(args, { db: temp.dbPath }, message);
  });
});

describe('spm concern edit / reopen / rm', () => {
  test('edit changes the summary shown in its follow-up; reopen cancels the satisfied-now follow-up; rm cancels the rest', async () => {
    await run(['customer', 'add', 'Acme']);
    await run(['concern', 'add', 'acme', 'late', '--severity', 'high', '--date', '2026-03-10']); // follow-up #1
    await run(['concern', 'edit', '1', '--summary', 'three weeks late']);
    expect((await run(['followup', 'list', '--json'])).json()).toMatchObject([{ id: 1, reason: 'concern · three weeks late' }]);
    await run(['concern', 'resolve', '1', '--date', '2026-03-12']); // closes #1, schedules #2
    const reopened = await run(['concern', 'reopen', '1', '--json']);
    expect(reopened.json()).toMatchObject({ id: 1, status: 'open', cancelledFollowups: [{ id: 2, status: 'cancelled' }] });
    await run(['followup', 'add', 'acme', '2026-03-20']); // #3, not linked
    await run(['concern', 'edit', '1', '--severity', 'high']);
    const removed = await run(['concern', 'rm', '1', '--yes']);
    expect(removed.code).toBe(0);
    const all = (await run(['followup', 'list', '--status', 'all', '--json'])).json();
    expect(all.find((f: { id: number }) => f.id === 1)).toMatchObject({ reason: 'concern · concern deleted' });
    expect(all.find((f: { id: number }) => f.id === 3)).toMatchObject({ status: 'open' });
  });

  test.each([
    [['concern', 'reopen', '1'], /concern #1 is open already/],
    [['concern', 'edit', '1', '--severity', 'urgent'], /severity/],
    [['concern', 'edit', '1', '--summary', '  '], /--summary is empty/],
    [['concern', 'rm', '1'], /not deleting without confirmation/],
  ])('%j: exit 2, database unchanged', async (args, message) => {
    await run(['customer', 'add', 'Acme']);
    await run(['concern', 'add', 'acme', 'late']);
    await expectRejected(args, { db: temp.dbPath }, message);
  });
});

describe('spm followup edit', () => {
  test('moves it to another day and customer, with a new reason (piped)', async () => {
    await run(['customer', 'add', 'Acme']);
    await run(['customer', 'add', 'Bolt']);
    await run(['followup', 'add', 'acme', '2026-03-20']);
    const result = await run(['followup', 'edit', '1', '--due', '2026-03-25', '--customer', 'bolt', '--reason', 'bring the contract']);
    expect(result.stderr).toBe('✓ Updated follow-up #1: Bolt, due 2026-03-25 (bring the contract)\n');
    expect((await run(['followup', 'list', '--json'])).json()).toMatchObject([{ id: 1, customer: { name: 'Bolt' }, due: '2026-03-25', reason: 'bring the contract' }]);
  });

  test.each([
    [['followup', 'edit', '1'], /nothing to change/],
    [['followup', 'edit', '1', '--due', 'someday'], /--due/],
    [['followup', 'edit', '7', '--due', 'fri'], /no follow-up #7/],
  ])('%j: exit 2, database unchanged', async (args, message) => {
    await run(['customer', 'add', 'Acme']);
    await run(['followup', 'add', 'acme', '2026-03-20']);
    await expectRejected(args, { db: temp.dbPath }, message);
  });
});

describe('goal entries: goal show lists them, goal unlog removes one', () => {
  test('ids, dates, amounts and notes in text and JSON; unlog takes the progress back', async () => {
    await run(['goal', 'add', 'Books', '--metric', 'custom', '--target', '10', '--period', 'year']);
    await run(['goal', 'log', 'books', '2', '--note', 'SPIN Selling', '--date', '2026-03-01']);
    await run(['goal', 'log', 'books', '1.5', '--date', '2026-03-10']);
    const shown = await run(['goal', 'show', 'books']);
    expect(shown.stdout).toContain('\nEntries\n');
    expect(shown.stdout).toMatch(/ {6}#2 {2}Mar 10 +1\.5\n/);
    expect(shown.stdout).toMatch(/ {6}#1 {2}Mar 1 +2 {2}SPIN Selling\n/);
    expect((await run(['goal', 'show', 'books', '--json'])).json().entries).toEqual([
      { id: 2, date: '2026-03-10', amount: 1.5, note: null },
      { id: 1, date: '2026-03-01', amount: 2, note: 'SPIN Selling' },
    ]);
    const removed = await run(['goal', 'unlog', '1', '--yes']);
    expect(removed.stderr).toContain('✓ Removed entry #1 (2 on 2026-03-01) from Books');
    expect((await run(['goal', 'show', 'books', '--json'])).json()).toMatchObject({ actual: 1.5, entries: [{ id: 2 }] });
  });

  test.each([
    [['goal', 'unlog', '9', '--yes'], /no goal entry #9/],
    [['goal', 'unlog', '1'], /not deleting without confirmation/],
    [['goal', 'log', 'books', '-2'], /amount must be more than zero/],
  ])('%j: exit 2, database unchanged', async (args, message) => {
    await run(['goal', 'add', 'Books', '--metric', 'custom', '--target', '10', '--period', 'year']);
    await run(['goal', 'log', 'books', '2']);
    const result = await expectRejected(args, { db: temp.dbPath }, message);
    if (args[1] === 'log') expect(result.stderr).toContain('spm goal unlog <id>');
  });
});

describe('through the real binary', () => {
  test('checkin edit and rm carry the completed follow-up; goal unlog', () => {
    const env = { SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15' };
    expect(spawnSpm(['customer', 'add', 'Acme'], env).code).toBe(0);
    expect(spawnSpm(['followup', 'add', 'acme', '2026-03-01'], env).code).toBe(0);
    expect(spawnSpm(['checkin', 'add', 'acme', '--date', '2026-03-05'], env).code).toBe(0);
    expect(spawnSpm(['checkin', 'edit', '1', '--date', '2026-03-04'], env)).toMatchObject({ code: 0, stderr: expect.stringContaining('now done on 2026-03-04') });
    expect(spawnSpm(['checkin', 'rm', '1', '--yes'], env)).toMatchObject({ code: 0, stderr: expect.stringContaining('Reopened follow-up #1') });
    expect(JSON.parse(spawnSpm(['followup', 'list', '--json'], env).stdout)).toMatchObject([{ id: 1, status: 'open' }]);
    expect(spawnSpm(['goal', 'add', 'Books', '--metric', 'custom', '--target', '5', '--period', 'year'], env).code).toBe(0);
    expect(spawnSpm(['goal', 'log', 'books', '1'], env).code).toBe(0);
    expect(spawnSpm(['goal', 'unlog', '1', '--yes', '--json'], env)).toMatchObject({ code: 0, stdout: expect.stringContaining('"id": 1') });
    const bad = spawnSpm(['checkin', 'edit', '1', '--note', 'x'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('spm: no check-in #1');
  });
});
