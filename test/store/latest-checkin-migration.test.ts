// Schema v17 (customer_latest_checkin): reached from v1 and from v16 with the data kept, the
// table filled from the check-ins already there, and the report's low ratings at risk as the
// rule gives them, hand-computed below.
import { expect, test } from '@jest/globals';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { databaseAt } from '../helpers/storage.js';

const temp = useTempDb();
const stamp = '2026-01-01T00:00:00.000Z';
const VERSION = MIGRATIONS.find((m) => m.sql.includes('CREATE TABLE customer_latest_checkin'))!.version;
const PREVIOUS = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === VERSION) - 1].version;

/**
 * At schema `upTo`: Ann's latest check-in is the later id of two on Mar 10 (rated 2; the
 * earlier, rated 5, was entered after it); Bob rated 1 on Mar 5, then a lost sale on Mar 8;
 * Cy rated 1 on Mar 12 and bought the same day (not after); Dee rated 4 last, 1 before; Eve
 * has no check-in; Fay rated 2 on Mar 14, archived.
 */
function makeDatabase(path: string, upTo: number): void {
  const db = databaseAt(path, upTo);
  const customer = db.prepare("INSERT INTO customers (name, name_key, archived, added_date, created_at, updated_at) VALUES (?, lower(?), ?, '2025-06-01', ?, ?)");
  for (const name of ['Ann', 'Bob', 'Cy', 'Dee', 'Eve']) customer.run(name, name, 0, stamp, stamp);
  customer.run('Fay', 'Fay', 1, stamp, stamp);
  const checkin = db.prepare("INSERT INTO checkins (id, date, customer_id, channel, satisfaction, created_at) VALUES (?, ?, ?, 'call', ?, ?)");
  for (const [id, date, customerId, satisfaction] of [
    [20, '2026-03-10', 1, 2], [10, '2026-03-10', 1, 5], [3, '2026-03-01', 1, 1],
    [4, '2026-03-05', 2, 1],
    [5, '2026-03-12', 3, 1],
    [6, '2026-03-02', 4, 1], [7, '2026-03-09', 4, 4],
    [8, '2026-03-14', 6, 2],
  ] as const) checkin.run(id, date, customerId, satisfaction, stamp);
  const sale = db.prepare('INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, 100, ?, ?, ?)');
  sale.run('2026-03-08', 2, 'lost', stamp, stamp);
  sale.run('2026-03-12', 3, 'won', stamp, stamp);
  db.close();
}

test.each([[1], [PREVIOUS]])(`to v${VERSION} from v%d: data kept, the latest check-ins stored, the same low ratings at risk`, async (from) => {
  makeDatabase(temp.dbPath, from);
  const report = (await runSpm(['report', '--json'], { db: temp.dbPath, now: '2026-03-15' })).json();
  expect(report.atRisk).toEqual([
    { customer: { id: 1, name: 'Ann' }, why: 'rated 2/5 on Mar 10, no contact since', since: '2026-03-10' },
    { customer: { id: 3, name: 'Cy' }, why: 'rated 1/5 on Mar 12, no contact since', since: '2026-03-12' },
  ]);
  // On Mar 9 (a past report's last day: contacts after it), Ann's latest is #3 (rated 1) and
  // Bob's lost sale of Mar 8 came after his rating.
  const past = (await runSpm(['report', '--from', '2026-03-02', '--to', '2026-03-09', '--json'], { db: temp.dbPath, now: '2026-03-15' })).json();
  expect(past.atRisk.map((a: { customer: { name: string }; since: string }) => [a.customer.name, a.since])).toEqual([['Ann', '2026-03-01']]);
  const db = openRaw(temp.dbPath);
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
  expect(db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(8);
  expect(db.prepare('SELECT customer_id, checkin_id, date, satisfaction FROM customer_latest_checkin ORDER BY customer_id').raw().all()).toEqual([
    [1, 20, '2026-03-10', 2], [2, 4, '2026-03-05', 1], [3, 5, '2026-03-12', 1], [4, 7, '2026-03-09', 4], [6, 8, '2026-03-14', 2],
  ]);
  db.close();
});
