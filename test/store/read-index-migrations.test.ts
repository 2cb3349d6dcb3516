// Schema v14 (customer_reorder_rank), v15 (sales_lost), v22 (customer_reorder_late), v24
// (followups_done_on) and v26 (sales_list), indexes for the daily view, the report and the sale
// list: each reached from v1 and from the version before it with the data kept, and what reads
// the index gives the same answers.
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { APPLICATION_ID, applyMigration, MIGRATIONS } from '../../src/store/migrations.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const stamp = '2026-01-01T00:00:00.000Z';

/** A database at schema `upTo`: customers Small (avg won $50), Big (avg $900); lost sales this week and last month. */
function makeDatabase(path: string, upTo: number): void {
  const db = new Database(path);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS.filter((m) => m.version <= upTo)) applyMigration(db, m);
  db.pragma(`user_version = ${upTo}`);
  const customer = db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES (?, ?, '2025-06-01', ?, ?)");
  customer.run('Small', 'small', stamp, stamp);
  customer.run('Big', 'big', stamp, stamp);
  const sale = db.prepare('INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const [date, customerId, cents, outcome, reason] of [
    ['2026-01-01', 1, 5000, 'won', null], ['2026-01-11', 1, 5000, 'won', null], ['2026-01-21', 1, 5000, 'won', null],
    ['2026-01-05', 2, 90000, 'won', null], ['2026-01-15', 2, 90000, 'won', null], ['2026-01-25', 2, 90000, 'won', null],
    ['2026-03-10', 1, 10000, 'lost', 'Price'], ['2026-03-11', 2, 30000, 'lost', 'price'], ['2026-03-12', 1, 5000, 'lost', 'timing'],
    ['2026-03-13', 2, 2000, 'lost', null], ['2026-02-13', 1, 7000, 'lost', 'Price'],
  ] as const) sale.run(date, customerId, cents, outcome, reason, stamp, stamp);
  // This week: two follow-ups done, one cancelled; one done last month (none open: an open one
  // would take Small off the reorder list).
  const followup = db.prepare("INSERT INTO followups (customer_id, due_date, status, done_date, created_at, updated_at) VALUES (1, '2026-03-09', ?, ?, ?, ?)");
  for (const [status, done] of [['done', '2026-03-10'], ['done', '2026-03-14'], ['cancelled', '2026-03-11'], ['done', '2026-02-10']] as const) followup.run(status, done, stamp, stamp);
  db.close();
}

const versionOf = (index: string) => MIGRATIONS.find((m) => m.sql.includes(`CREATE INDEX ${index} `))!.version;

describe.each([['customer_reorder_rank'], ['sales_lost'], ['customer_reorder_late'], ['followups_done_on'], ['sales_list']])('migration adding %s', (index) => {
  const version = versionOf(index);
  const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === version) - 1].version;
  test.each([[1], [previous]])(`to v${version} from v%d: data kept, the index made, the same answers`, async (from) => {
    makeDatabase(temp.dbPath, from);
    const run = async (args: string[]) => (await runSpm(args, { db: temp.dbPath, now: '2026-03-15' })).json();
    // Both buy every 10 days and are late (expected Jan 31, Feb 4; lost sales do not count): due, the larger average first.
    const view = await run(['followups', '--json']);
    expect(view.dueToReorder.map((d: { customer: { name: string }; averageWon: number }) => [d.customer.name, d.averageWon])).toEqual([['Big', 900], ['Small', 50]]);
    // Week Mar 9–15: $100 + $300 (Price, first spelled so), $50 timing, $20 none; Feb 13 is outside.
    // Both late by more than half their 10 days on Mar 15 (from Feb 6 and Feb 10): at risk, oldest expected first.
    const atRisk = (await run(['report', '--json'])).atRisk.map((a: { customer: { name: string }; since: string }) => [a.customer.name, a.since]);
    expect(atRisk).toEqual([['Small', '2026-01-31'], ['Big', '2026-02-04']]);
    expect((await run(['report', '--json'])).followups.done).toBe(2);
    expect((await run(['report', '--json'])).lost).toEqual({ count: 4, value: 470, reasons: [{ reason: 'Price', count: 2, value: 400 }, { reason: 'timing', count: 1, value: 50 }, { reason: '(no reason)', count: 1, value: 20 }] });
    const db = openRaw(temp.dbPath);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(11);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(index)).toBe(1);
    db.close();
  });
});

describe('migration adding sales_list', () => {
  const version = versionOf('sales_list');
  const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === version) - 1].version;
  test.each([[1], [previous]])(`to v${version} from v%d: the sale list newest first, a day's sales by id, every cell`, async (from) => {
    makeDatabase(temp.dbPath, from);
    const db = new Database(temp.dbPath);
    // Two more on days already used, inserted out of date order: ids 12 (Mar 11) and 13 (Jan 5).
    db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, technique, product, quantity, note, created_at, updated_at) VALUES ('2026-03-11', 1, 1, 'won', 'demo', 'kit', 3, 'first\tcall', ?, ?)").run(stamp, stamp);
    db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, note, created_at, updated_at) VALUES ('2026-01-05', 2, 100000000000, 'lost', 'Price', 'too dear', ?, ?)").run(stamp, stamp);
    db.close();
    const list = await runSpm(['sale', 'list', '--all'], { db: temp.dbPath, now: '2026-03-15' });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe([
      'id\tdate\tcustomer\tamount\toutcome\ttechnique\tproduct\tqty\tnote',
      '10\t2026-03-13\tBig\t20.00\tlost\t\t\t\t',
      '9\t2026-03-12\tSmall\t50.00\tlost\t\t\t\tlost: timing',
      '12\t2026-03-11\tSmall\t0.01\twon\tdemo\tkit\t3\tfirst call',
      '8\t2026-03-11\tBig\t300.00\tlost\t\t\t\tlost: price',
      '7\t2026-03-10\tSmall\t100.00\tlost\t\t\t\tlost: Price',
      '11\t2026-02-13\tSmall\t70.00\tlost\t\t\t\tlost: Price',
      '6\t2026-01-25\tBig\t900.00\twon\t\t\t\t',
      '3\t2026-01-21\tSmall\t50.00\twon\t\t\t\t',
      '5\t2026-01-15\tBig\t900.00\twon\t\t\t\t',
      '2\t2026-01-11\tSmall\t50.00\twon\t\t\t\t',
      '13\t2026-01-05\tBig\t1000000000.00\tlost\t\t\t\tlost: Price · too dear',
      '4\t2026-01-05\tBig\t900.00\twon\t\t\t\t',
      '1\t2026-01-01\tSmall\t50.00\twon\t\t\t\t',
      '',
    ].join('\n'));
    const raw = openRaw(temp.dbPath);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'sales_list'").pluck().get()).toBe(1);
    raw.close();
  });
});
