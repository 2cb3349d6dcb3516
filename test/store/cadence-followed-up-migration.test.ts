// Schema v25 (customer_cadence.followed_up): reached from v1 and from v24 with the data kept,
// the flag set from the follow-ups already there, the customers going cold as the rule gives
// them (hand-computed below), and the flag following the follow-ups from then on.
import { expect, test } from '@jest/globals';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { databaseAt } from '../helpers/storage.js';
import { cadenceTables, checkedRows } from '../helpers/derived.js';

const temp = useTempDb();
const stamp = '2026-01-01T00:00:00.000Z';
const VERSION = MIGRATIONS.find((m) => m.sql.includes('ADD COLUMN followed_up'))!.version;
const PREVIOUS = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === VERSION) - 1].version;

/**
 * At schema `upTo`, every customer added on Jan 1 with no sale or check-in: Ann (every 30 days)
 * has an open follow-up due Apr 1; Bob (every 30) only a done one; Cy (every 30) none; Dee (no
 * cadence) an open one; Eve (every 7) is archived; Fay (every 90: touch by Apr 1) none.
 */
function makeDatabase(path: string, upTo: number): void {
  const db = databaseAt(path, upTo);
  const customer = db.prepare("INSERT INTO customers (name, name_key, cadence_days, archived, added_date, created_at, updated_at) VALUES (?, lower(?), ?, ?, '2026-01-01', ?, ?)");
  for (const [name, cadence, archived] of [['Ann', 30, 0], ['Bob', 30, 0], ['Cy', 30, 0], ['Dee', null, 0], ['Eve', 7, 1], ['Fay', 90, 0]] as const) {
    customer.run(name, name, cadence, archived, stamp, stamp);
  }
  const followup = db.prepare('INSERT INTO followups (customer_id, due_date, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  followup.run(1, '2026-04-01', 'open', stamp, stamp);
  followup.run(2, '2026-02-01', 'done', stamp, stamp);
  followup.run(4, '2026-04-01', 'open', stamp, stamp);
  db.close();
}

const cold = async (now = '2026-03-15') => {
  const view = (await runSpm(['followups', '--json'], { db: temp.dbPath, now })).json();
  return view.goingCold.map((c: { customer: { name: string } }) => c.customer.name);
};

test.each([[1], [PREVIOUS]])(`to v${VERSION} from v%d: data kept, the flag set from the follow-ups, the same customers going cold`, async (from) => {
  makeDatabase(temp.dbPath, from);
  // Touch by Jan 31: Bob and Cy are going cold on Mar 15; Ann has a follow-up scheduled.
  expect(await cold()).toEqual(['Bob', 'Cy']);
  const db = openRaw(temp.dbPath);
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
  expect(db.prepare('SELECT count(*) FROM followups').pluck().get()).toBe(3);
  expect(db.prepare('SELECT customer_id, touch_by, followed_up FROM customer_cadence ORDER BY customer_id').raw().all()).toEqual([
    [1, '2026-01-31', 1], [2, '2026-01-31', 0], [3, '2026-01-31', 0], [6, '2026-04-01', 0],
  ]);
  db.close();
  expect(checkedRows(temp.dbPath, cadenceTables)).toHaveLength(4);

  // From then on the flag follows the follow-ups: one for Cy hides him, done shows him again.
  await runSpm(['followup', 'add', 'cy', '2026-03-20'], { db: temp.dbPath, now: '2026-03-15' });
  expect(await cold()).toEqual(['Bob']);
  await runSpm(['followup', 'done', '4', '--no-checkin'], { db: temp.dbPath, now: '2026-03-15' });
  expect(await cold()).toEqual(['Bob', 'Cy']);
  // Undone, the follow-up is open again.
  await runSpm(['undo', '--yes'], { db: temp.dbPath, now: '2026-03-15' });
  expect(await cold()).toEqual(['Bob']);
  checkedRows(temp.dbPath, cadenceTables);
});

test('the flag follows every way a follow-up opens, closes, moves or goes', async () => {
  makeDatabase(temp.dbPath, PREVIOUS);
  const run = (args: string[]) => runSpm(args, { db: temp.dbPath, now: '2026-03-15' });
  const flags = () => checkedRows(temp.dbPath, cadenceTables).map((row) => (row as { followed_up: number }).followed_up);
  expect(await cold()).toEqual(['Bob', 'Cy']); // migrates
  expect(flags()).toEqual([1, 0, 0, 0]);
  await run(['followup', 'edit', '1', '--customer', 'bob']); // Ann's one moves to Bob
  expect(flags()).toEqual([0, 1, 0, 0]);
  await run(['followup', 'add', 'ann', '2026-03-16']); // #4
  await run(['followup', 'add', 'ann', '2026-03-17']); // #5
  await run(['followup', 'cancel', '4']);
  expect(flags()).toEqual([1, 1, 0, 0]); // #5 still open
  await run(['followup', 'rm', '5', '--yes']);
  expect(flags()).toEqual([0, 1, 0, 0]);
  // Another tool reopening a done one, and deleting an open one, with SQL of its own.
  const raw = openRaw(temp.dbPath);
  raw.prepare("UPDATE followups SET status = 'open', done_date = NULL WHERE id = 4").run();
  raw.prepare('DELETE FROM followups WHERE id = 1').run();
  raw.close();
  expect(flags()).toEqual([1, 0, 0, 0]);
  // A customer leaving the watch and coming back takes the flag from the follow-ups again.
  await run(['customer', 'archive', 'ann']);
  expect(flags()).toEqual([0, 0, 0]);
  await run(['customer', 'unarchive', 'ann']);
  expect(flags()).toEqual([1, 0, 0, 0]);
  expect(await cold()).toEqual(['Bob', 'Cy']);
});
