// Schema v27 (customer_reorder.followed_up): reached from v1 and from v26 with the data kept,
// the flag set from the follow-ups already there, the customers due to reorder as the rule
// gives them (hand-computed below), and the flag following the follow-ups from then on.
import { expect, test } from '@jest/globals';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { databaseAt } from '../helpers/storage.js';
import { cadenceTables, checkedRows, reorderTables } from '../helpers/derived.js';

const temp = useTempDb();
const stamp = '2026-01-01T00:00:00.000Z';
const VERSION = MIGRATIONS.find((m) => m.sql.includes('ALTER TABLE customer_reorder ADD COLUMN followed_up'))!.version;
const PREVIOUS = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === VERSION) - 1].version;

/**
 * At schema `upTo`: Ann, Bob, Cy and Dee each won on Jan 1, 11 and 21 (every 10 days: expected
 * Jan 31, late by Mar 15), at $1, $3, $2 and $4 a sale. Ann has an open follow-up, Bob only a
 * done one, Cy none; Dee is archived.
 */
function makeDatabase(path: string, upTo: number): void {
  const db = databaseAt(path, upTo);
  const customer = db.prepare("INSERT INTO customers (name, name_key, archived, added_date, created_at, updated_at) VALUES (?, lower(?), ?, '2025-12-01', ?, ?)");
  const sale = db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, ?, 'won', ?, ?)");
  for (const [id, name, cents, archived] of [[1, 'Ann', 100, 0], [2, 'Bob', 300, 0], [3, 'Cy', 200, 0], [4, 'Dee', 400, 1]] as const) {
    customer.run(name, name, archived, stamp, stamp);
    for (const date of ['2026-01-01', '2026-01-11', '2026-01-21']) sale.run(date, id, cents, stamp, stamp);
  }
  const followup = db.prepare('INSERT INTO followups (customer_id, due_date, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  followup.run(1, '2026-04-01', 'open', stamp, stamp);
  followup.run(2, '2026-02-01', 'done', stamp, stamp);
  db.close();
}

const due = async () => {
  const view = (await runSpm(['followups', '--json'], { db: temp.dbPath, now: '2026-03-15' })).json();
  const count = (await runSpm(['--json'], { db: temp.dbPath, now: '2026-03-15' })).json().dueToReorder;
  return { names: view.dueToReorder.map((r: { customer: { name: string } }) => r.customer.name), count };
};

test.each([[1], [PREVIOUS]])(`to v${VERSION} from v%d: data kept, the flag set from the follow-ups, the same customers due to reorder`, async (from) => {
  makeDatabase(temp.dbPath, from);
  // Bob ($3 a sale) before Cy ($2); Ann has a follow-up scheduled, Dee is archived.
  expect(await due()).toEqual({ names: ['Bob', 'Cy'], count: 2 });
  const db = openRaw(temp.dbPath);
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
  expect(db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(12);
  expect(db.prepare('SELECT customer_id, expected, followed_up FROM customer_reorder ORDER BY customer_id').raw().all()).toEqual([
    [1, '2026-01-31', 1], [2, '2026-01-31', 0], [3, '2026-01-31', 0], [4, '2026-01-31', 0],
  ]);
  db.close();
  checkedRows(temp.dbPath, reorderTables);

  // From then on the flag follows the follow-ups: one for Cy leaves Bob; moved to Bob, Cy again.
  await runSpm(['followup', 'add', 'cy', '2026-03-20'], { db: temp.dbPath, now: '2026-03-15' });
  expect(await due()).toEqual({ names: ['Bob'], count: 1 });
  await runSpm(['followup', 'edit', '3', '--customer', 'bob'], { db: temp.dbPath, now: '2026-03-15' });
  expect(await due()).toEqual({ names: ['Cy'], count: 1 });
  await runSpm(['followup', 'cancel', '3'], { db: temp.dbPath, now: '2026-03-15' });
  expect(await due()).toEqual({ names: ['Bob', 'Cy'], count: 2 });
  await runSpm(['undo'], { db: temp.dbPath, now: '2026-03-15' });
  expect(await due()).toEqual({ names: ['Cy'], count: 1 });
  // A won sale rewrites Ann's prediction (a new row): the flag comes from her open follow-up again.
  await runSpm(['sale', 'add', 'ann', '1', '--date', '2026-01-31', '--no-follow-up'], { db: temp.dbPath, now: '2026-03-15' });
  const raw = openRaw(temp.dbPath);
  expect(raw.prepare('SELECT expected, followed_up FROM customer_reorder WHERE customer_id = 1').raw().get()).toEqual(['2026-02-10', 1]);
  // Another tool deleting the open follow-up with SQL of its own.
  raw.prepare('DELETE FROM followups WHERE customer_id = 1').run();
  raw.close();
  expect(await due()).toEqual({ names: ['Cy', 'Ann'], count: 2 });
  checkedRows(temp.dbPath, reorderTables);
  checkedRows(temp.dbPath, cadenceTables);
});
