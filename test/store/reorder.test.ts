// customer_reorder (schema v9): the triggers' SQL must keep the same prediction as the domain's
// predictReorder through inserts, edits and deletes, and the daily view must read it.
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { checkedRows, reorderTables } from '../helpers/derived.js';
import { indexesUsed, tableAccesses } from '../helpers/query-plan.js';
import { APPLICATION_ID, MIGRATIONS } from '../../src/store/migrations.js';
import { ReorderRepository } from '../../src/store/reorder-repository.js';
import { rankDueToReorder } from '../../src/domain/reorder.js';

const temp = useTempDb();
const run = async (args: string[], now = '2026-03-15') => {
  const result = await runSpm(args, { db: temp.dbPath, now });
  expect(result.stderr).not.toMatch(/^spm: /m);
  return result;
};

const stored = () => checkedRows(temp.dbPath, reorderTables);

test('customer_reorder follows won sales being added, edited and deleted', async () => {
  await run(['customer', 'add', 'Acme']);
  await run(['sale', 'add', 'acme', '100', '--date', '2026-01-01', '--no-follow-up']); // #1
  await run(['sale', 'add', 'acme', '300', '--date', '2026-01-11', '--no-follow-up']); // #2
  expect(stored()).toEqual([]); // two days: no prediction
  await run(['sale', 'add', 'acme', '200', '--date', '2026-02-11', '--no-follow-up']); // #3: gaps 10, 31 -> 21
  expect(stored()).toEqual([{ customer_id: 1, last_won: '2026-02-11', interval_days: 21, expected: '2026-03-04', average_won_cents: 200_00, followed_up: 0 }]);
  await run(['sale', 'add', 'acme', '999', '--date', '2026-03-01', '--lost']); // a lost sale changes nothing
  expect(stored()).toEqual([{ customer_id: 1, last_won: '2026-02-11', interval_days: 21, expected: '2026-03-04', average_won_cents: 200_00, followed_up: 0 }]);
  await run(['sale', 'edit', '3', '--date', '2026-01-21']); // gaps 10, 10
  expect(stored()).toEqual([{ customer_id: 1, last_won: '2026-01-21', interval_days: 10, expected: '2026-01-31', average_won_cents: 200_00, followed_up: 0 }]);
  await run(['sale', 'edit', '1', '--amount', '400']); // average (400 + 300 + 200) / 3
  expect(stored()).toEqual([{ customer_id: 1, last_won: '2026-01-21', interval_days: 10, expected: '2026-01-31', average_won_cents: 300_00, followed_up: 0 }]);
  await run(['sale', 'rm', '2', '--yes']);
  expect(stored()).toEqual([]);
});

test('the SQL agrees with the domain on many random histories', async () => {
  await run(['customer', 'add', 'Seed']);
  const db = openRaw(temp.dbPath);
  try {
    // A seeded generator: the same histories every run.
    let state = 42;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const stamp = '2026-01-01T00:00:00Z';
    const addCustomer = db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES (?, ?, '2024-01-01', ?, ?)");
    const addSale = db.prepare('INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let c = 0; c < 150; c++) {
        const id = Number(addCustomer.run(`R${c}`, `r${c}`, stamp, stamp).lastInsertRowid);
        const count = Math.floor(random() * 9);
        for (let s = 0; s < count; s++) {
          const day = new Date(Date.UTC(2025, 0, 1 + Math.floor(random() * 200))).toISOString().slice(0, 10);
          addSale.run(day, id, 1 + Math.floor(random() * 100_000), random() < 0.25 ? 'lost' : 'won', stamp, stamp);
        }
      }
    })();
    const { stored: rows, expected } = reorderTables(db);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows).toEqual(expected);
  } finally {
    db.close();
  }
});

test('due reorders (first N in rank order, and how many in all) equal the rule applied to every customer', async () => {
  await run(['customer', 'add', 'Seed']);
  const db = openRaw(temp.dbPath);
  try {
    let state = 7;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const stamp = '2026-01-01T00:00:00Z';
    const addCustomer = db.prepare("INSERT INTO customers (name, name_key, added_date, archived, created_at, updated_at) VALUES (?, ?, '2024-01-01', ?, ?, ?)");
    const addSale = db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, ?, 'won', ?, ?)");
    const addFollowup = db.prepare("INSERT INTO followups (customer_id, due_date, status, source, created_at, updated_at) VALUES (?, '2026-04-01', ?, 'manual', ?, ?)");
    db.transaction(() => {
      for (let c = 0; c < 200; c++) {
        const id = Number(addCustomer.run(`R${c}`, `r${c}`, random() < 0.1 ? 1 : 0, stamp, stamp).lastInsertRowid);
        // Few distinct amounts: many ties on the average, broken by expected day, then id.
        for (let s = 0; s < 3 + Math.floor(random() * 4); s++) {
          addSale.run(new Date(Date.UTC(2025, 6, 1 + Math.floor(random() * 240))).toISOString().slice(0, 10), id, 100 * (1 + Math.floor(random() * 4)), stamp, stamp);
        }
        if (random() < 0.2) addFollowup.run(id, random() < 0.5 ? 'open' : 'done', stamp, stamp);
      }
    })();
    const repository = new ReorderRepository(db);
    for (const until of ['2025-10-01', '2026-01-15', '2026-03-18', '2027-01-01']) {
      // The rule, customer by customer: expected by `until`, active, no open follow-up; ranked by the domain.
      const candidates = (db.prepare(`SELECT r.customer_id, c.name, r.last_won, r.interval_days, r.expected, r.won_count, r.won_cents, c.archived,
          (SELECT count(*) FROM followups f WHERE f.customer_id = r.customer_id AND f.status = 'open') AS open_followups
        FROM customer_reorder r JOIN customers c ON c.id = r.customer_id`).all() as { customer_id: number; name: string; last_won: string; interval_days: number; expected: string; won_count: number; won_cents: number; archived: number; open_followups: number }[])
        .filter((r) => r.expected <= until && r.archived === 0 && r.open_followups === 0)
        .map((r) => ({ customer: { id: r.customer_id, name: r.name }, intervalDays: r.interval_days, lastWon: r.last_won, expected: r.expected, averageWonCents: Math.round(r.won_cents / r.won_count) }));
      const ranked = rankDueToReorder(candidates);
      for (const limit of [1, 5, 50, undefined]) {
        expect(repository.due(until, limit)).toEqual({ due: limit === undefined ? ranked : ranked.slice(0, limit), total: ranked.length });
      }
    }
  } finally {
    db.close();
  }
});

describe('Due to reorder in the daily view', () => {
  test('within 3 days or late, no open follow-up, active customers only; ranked by average won', async () => {
    await run(['customer', 'add', 'Small']); // #1: every 10 days, expected Mar 17 (today + 2): due
    for (const date of ['2026-02-25', '2026-03-07']) await run(['sale', 'add', 'small', '50', '--date', date, '--no-follow-up']);
    await run(['sale', 'add', 'small', '50', '--date', '2026-02-15', '--no-follow-up']);
    await run(['customer', 'add', 'Big']); // #2: every 20 days, expected Mar 1: late, due
    for (const date of ['2026-01-20', '2026-01-20', '2026-01-01', '2026-02-09']) await run(['sale', 'add', 'big', '900', '--date', date, '--no-follow-up']);
    await run(['customer', 'add', 'Later']); // #3: expected Mar 19 (today + 4): not yet
    for (const date of ['2026-02-27', '2026-03-09', '2026-02-17']) await run(['sale', 'add', 'later', '2000', '--date', date, '--no-follow-up']);
    await run(['customer', 'add', 'Booked']); // #4: due, but a follow-up is scheduled
    for (const date of ['2026-02-01', '2026-02-11', '2026-02-21']) await run(['sale', 'add', 'booked', '5000', '--date', date, '--no-follow-up']);
    await run(['followup', 'add', 'booked', '2026-03-20']);
    await run(['customer', 'add', 'Gone']); // #5: due, archived
    for (const date of ['2026-02-01', '2026-02-11', '2026-02-21']) await run(['sale', 'add', 'gone', '5000', '--date', date, '--no-follow-up']);
    await run(['customer', 'archive', 'gone']);

    const json = (await run(['followups', '--json'])).json();
    expect(json.dueToReorder).toEqual([
      { customer: { id: 2, name: 'Big' }, intervalDays: 20, lastWon: '2026-02-09', expected: '2026-03-01', averageWon: 900 },
      { customer: { id: 1, name: 'Small' }, intervalDays: 10, lastWon: '2026-03-07', expected: '2026-03-17', averageWon: 50 },
    ]);
    const text = (await run(['followups'])).stdout;
    expect(text).toContain('Due to reorder (2)');
    expect(text).toMatch(/#2 +late 14 days +Big — buys about every 20 days; last Feb 9, expected Mar 1/);
    expect(text).toMatch(/#1 +Tue Mar 17 +Small — buys about every 10 days; last Mar 7, expected Mar 17/);
    // On Mar 16, "Later" (expected Mar 19) enters the window.
    expect((await run(['followups', '--json'], '2026-03-16')).json().dueToReorder.map((d: { customer: { id: number } }) => d.customer.id)).toEqual([3, 2, 1]);

    const dashboard = await run(['--json']);
    expect(dashboard.json().dueToReorder).toBe(2);
    expect((await run([])).stdout).toContain('2 due to reorder');

    const card = await run(['customer', 'show', 'big', '--json']);
    expect(card.json().reorder).toEqual({ intervalDays: 20, lastWon: '2026-02-09', expected: '2026-03-01', averageWon: 900, due: true });
    expect((await run(['customer', 'show', 'big'])).stdout).toMatch(/Reorder +buys about every 20 days; last Feb 9, expected Mar 1 \(due\)/);
    expect((await run(['customer', 'show', 'booked', '--json'])).json().reorder).toMatchObject({ expected: '2026-03-03', due: false });
  });

  test('the queries read their indexes', async () => {
    await run(['customer', 'add', 'Acme']);
    const db = openRaw(temp.dbPath);
    try {
      for (const [name, sql] of Object.entries(ReorderRepository.SQL)) {
        if (name === 'wonSales') continue;
        const params = { until: '2026-03-18', asOf: '2026-03-15', limit: 5 };
        const wanted = Object.fromEntries(Object.entries(params).filter(([key]) => sql.includes(`:${key}`)));
        // The ranked list reads customer_reorder in rank order (v14) and stops at the limit; the
        // report's late count by the day each is late (v22); the count of those due by the flag
        // and expected day (v27); the report's late list by expected day.
        const index = name === 'due' ? 'customer_reorder_rank' : name === 'countLate' ? 'customer_reorder_late' : name === 'countDue' ? 'customer_reorder_due' : 'customer_reorder_expected';
        if (name === 'countDue') expect(Object.values(indexesUsed(db, sql, wanted))).toContain(index);
        else expect(indexesUsed(db, sql, wanted)).toMatchObject({ r: index });
        expect(tableAccesses(db, sql, wanted).filter((a) => a.via === 'full scan' && (a.table === 'f' || a.table === 'c'))).toEqual([]);
      }
    } finally {
      db.close();
    }
  });
});

test('migrating a v1 database with history fills customer_reorder', async () => {
  const db = new Database(temp.dbPath);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.exec(MIGRATIONS.find((m) => m.version === 1)!.sql);
  db.pragma('user_version = 1');
  const stamp = '2026-01-01T00:00:00.000Z';
  db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Acme', 'acme', '2025-01-01', ?, ?)").run(stamp, stamp);
  const sale = db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, 1, 100, ?, ?, ?)");
  for (const [date, outcome] of [['2026-01-01', 'won'], ['2026-01-05', 'won'], ['2026-01-05', 'won'], ['2026-01-12', 'won'], ['2026-01-13', 'lost']]) sale.run(date, outcome, stamp, stamp);
  db.close();
  expect((await run(['followups', '--json'])).json().dueToReorder).toEqual([
    // gaps 4, 7 -> 5.5 -> 6 days
    { customer: { id: 1, name: 'Acme' }, intervalDays: 6, lastWon: '2026-01-12', expected: '2026-01-18', averageWon: 1 },
  ]);
  expect(stored()).toHaveLength(1);
});
