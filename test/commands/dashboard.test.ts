import { describe, expect, test } from '@jest/globals';
import { openRaw, runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';
import { Store } from '../../src/store/store.js';
import { loadDailyView } from '../../src/commands/followups/followups.js';
import { DASHBOARD_FOLLOWUPS } from '../../src/commands/dashboard/dashboard.js';
import { addDays } from '../../src/domain/local-date.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });

describe('bare spm: the dashboard', () => {
  test('with no database: a welcome with the commands to start with, creating nothing', async () => {
    const result = await run([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Welcome to spm/);
    expect(result.stdout).toMatch(/spm customer add "Acme Corp"/);
    expect(result.stdout).toMatch(/spm demo/);
    expect(snapshot(temp.dbPath)).toBe('missing');
  });

  test('overdue and due follow-ups first, counts of cold customers and concerns, one pace line per goal', async () => {
    // Today is Sunday 2026-03-15.
    await run(['customer', 'add', 'Acme Corp', '--every', '10']);
    await run(['customer', 'add', 'Beta Ltd']);
    await run(['followup', 'add', 'acme', '2026-03-12', '--reason', 'send the quote']);
    await run(['followup', 'add', 'beta', 'today', '--reason', 'call back']);
    await run(['followup', 'add', 'beta', '2026-03-20', '--reason', 'later']);
    await run(['concern', 'add', 'beta', 'invoice was wrong']);
    await run(['goal', 'add', 'March revenue', '--metric', 'revenue', '--target', '3100', '--period', 'month']);
    await run(['sale', 'add', 'beta', '1000', '--date', '2026-03-01', '--no-follow-up']);
    const before = snapshot(temp.dbPath);
    const text = await run([]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Follow-ups: 1 overdue, 1 due today/);
    expect(text.stdout).toMatch(/#1 +3 days overdue +Acme Corp — send the quote/);
    expect(text.stdout).toMatch(/#2 +today +Beta Ltd — call back/);
    expect(text.stdout).not.toMatch(/later/);
    expect(text.stdout).toMatch(/1 open concern/);
    // $1,000 of $3,100 = 32%; an even pace by the 15th of 31 days is 48%; ($3,100 − $1,000) / 16 days = $131.25/day,
    // to the cent, as the report and goal list show it.
    expect(text.stdout).toMatch(/March revenue: 32% of \$3,100 — expected 48% by today; \$131\.25\/day to go/);
    expect(snapshot(temp.dbPath)).toBe(before); // reads never write

    const json = (await run(['--json'])).json();
    expect(json).toMatchObject({ date: '2026-03-15', overdue: 1, dueToday: 1, goingCold: 0, openConcerns: 1 });
    expect(json.followups.map((f: { id: number }) => f.id)).toEqual([1, 2]);
    expect(json.goals[0]).toMatchObject({ name: 'March revenue', actual: 1000, target: 3100, status: 'behind', neededPerDay: 131.25 });
  });

  test('lists the first five due follow-ups and counts the rest', async () => {
    await run(['customer', 'add', 'Acme Corp']);
    for (let day = 1; day <= 7; day++) await run(['followup', 'add', 'acme', `2026-03-0${day}`]);
    const result = await run([]);
    expect(result.stdout).toMatch(/Follow-ups: 7 overdue/);
    expect(result.stdout.match(/days overdue/g)).toHaveLength(5);
    expect(result.stdout).toMatch(/… and 2 more/);
  });

  test('reads only the counts of the sections it does not list: the whole daily view\'s totals and first follow-ups, on every day', async () => {
    expect((await runSpm(['demo', '--db', temp.dbPath], { now: '2026-03-15' })).code).toBe(0);
    // Enough to count past the five listed: more overdue, cold customers and reorders due.
    const db = openRaw(temp.dbPath);
    const insert = db.prepare("INSERT INTO followups (customer_id, due_date, source, created_at, updated_at) VALUES (?, ?, 'manual', 'x', 'x')");
    for (let i = 0; i < 12; i++) insert.run(1 + (i % 5), `2026-02-${String(10 + i).padStart(2, '0')}`);
    db.prepare('UPDATE customers SET cadence_days = 7 WHERE id % 3 = 0').run();
    db.close();
    const store = Store.open(temp.dbPath, 'read', () => '2026-03-15T00:00:00.000Z');
    try {
      let counted = 0;
      for (let day = '2025-12-01'; day <= '2026-06-30'; day = addDays(day, 4)) {
        // The whole view in a connection of its own; the dashboard's in one whose statements ran before.
        const own = Store.open(temp.dbPath, 'read', () => '2026-03-15T00:00:00.000Z');
        const whole = own.read(() => loadDailyView(own, day, 0, undefined));
        own.close();
        const shown = store.read(() => loadDailyView(store, day, 0, DASHBOARD_FOLLOWUPS, 0));
        expect({ day, totals: shown.totals, overdue: shown.overdue, dueToday: shown.dueToday })
          .toEqual({ day, totals: whole.totals, overdue: whole.overdue.slice(0, DASHBOARD_FOLLOWUPS), dueToday: whole.dueToday.slice(0, DASHBOARD_FOLLOWUPS) });
        expect({ day, lists: [shown.goingCold, shown.openConcerns, shown.dueToReorder] }).toEqual({ day, lists: [[], [], []] });
        if (whole.totals.goingCold > 0 && whole.totals.openConcerns > 0 && whole.totals.dueToReorder > 0 && whole.totals.overdue > DASHBOARD_FOLLOWUPS) counted++;
      }
      expect(counted).toBeGreaterThan(5);
    } finally {
      store.close();
    }
  });

  test('a calm morning says so', async () => {
    await run(['customer', 'add', 'Acme Corp']);
    expect((await run([])).stdout).toMatch(/No follow-ups due today/);
  });

  test('an unknown command is exit 2 with a suggestion, not the dashboard', async () => {
    const result = await run(['reprot']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("spm: unknown command 'reprot' (did you mean report?)\nhint: Run spm --help to see the commands.\n");
  });
});

describe('goals in the report and after a check-in', () => {
  test('the report lists goals whose timeline overlaps the range, judged as of its end', async () => {
    await run(['customer', 'add', 'Acme Corp']);
    await run(['goal', 'add', 'March revenue', '--metric', 'revenue', '--target', '3100', '--period', 'month']);
    await run(['goal', 'add', 'Last year', '--metric', 'sales', '--target', '5', '--from', '2025-01-01', '--to', '2025-12-31']);
    await run(['sale', 'add', 'acme', '1000', '--date', '2026-03-10', '--no-follow-up']);
    const week = (await run(['report', '--json'])).json();
    expect(week.goals.map((g: { name: string }) => g.name)).toEqual(['March revenue']);
    expect(week.goals[0]).toMatchObject({ actual: 1000, from: '2026-03-01', to: '2026-03-31' });
    // The previous week (Mar 2–8) ends before the sale: the goal as of Mar 8 has nothing yet.
    const lastWeek = (await run(['report', '--last', '--json'])).json();
    expect(lastWeek.goals[0]).toMatchObject({ name: 'March revenue', actual: 0 });
    const lastYear = (await run(['report', '--from', '2025-06-01', '--to', '2025-06-30', '--json'])).json();
    expect(lastYear.goals.map((g: { name: string }) => g.name)).toEqual(['Last year']);
  });

  test('a report of a finished period judges a goal that ended with it as over: met or missed, not behind', async () => {
    const now = { now: '2026-03-15' };
    await run(['customer', 'add', 'Acme Corp'], now);
    await run(['goal', 'add', 'Monthly revenue', '--metric', 'revenue', '--target', '3100', '--period', 'month', '--start', '2026-01-01', '--recurring'], now);
    await run(['goal', 'add', 'February sales', '--metric', 'sales', '--target', '1', '--from', '2026-02-01', '--to', '2026-02-28'], now);
    await run(['sale', 'add', 'acme', '1000', '--date', '2026-02-10', '--no-follow-up'], now);
    const february = (await run(['report', '--period', 'month', '--last', '--json'], now)).json();
    expect(february.goals).toMatchObject([
      { name: 'Monthly revenue', from: '2026-02-01', to: '2026-02-28', actual: 1000, status: 'missed' },
      { name: 'February sales', actual: 1, status: 'met' },
    ]);
    // The same as a custom range that ends on the goals' last day.
    const custom = (await run(['report', '--from', '2026-02-15', '--to', '2026-02-28', '--json'], now)).json();
    expect(custom.goals.map((g: { status: string }) => g.status)).toEqual(['missed', 'met']);
    // On that last day itself the period is still running: behind, with the day left to act.
    const lastDay = (await run(['report', '--period', 'month', '--json'], { now: '2026-02-28' })).json();
    expect(lastDay.goals[0]).toMatchObject({ name: 'Monthly revenue', status: 'behind' });
  });

  test('a check-in prints the progress of the check-in goals it counts toward', async () => {
    await run(['customer', 'add', 'Acme Corp']);
    await run(['goal', 'add', 'March touches', '--metric', 'checkins', '--target', '10', '--period', 'month']);
    const result = await run(['checkin', 'add', 'acme', '--channel', 'call', '--satisfaction', '4']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/March touches: 10% of 10/);
  });
});
