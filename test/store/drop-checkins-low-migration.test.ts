// The migration that drops checkins_low (the v9 index of check-ins rated 1 or 2): reached from
// v1 and from the version before it with every check-in kept, the index gone, and the report's
// low ratings at risk as the rule gives them, hand-computed below.
import { expect, test } from '@jest/globals';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { databaseAt, migrationAdding } from '../helpers/storage.js';

const temp = useTempDb();
const stamp = '2026-01-01T00:00:00.000Z';
const { version: VERSION, previous: PREVIOUS } = migrationAdding('DROP INDEX IF EXISTS checkins_low');

/** At schema `upTo`: Ann rated 2 on Mar 10 (her latest), Bob rated 1 on Mar 5 then bought on Mar 8, Cy rated 5. */
function makeDatabase(path: string, upTo: number): void {
  const db = databaseAt(path, upTo);
  const customer = db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES (?, lower(?), '2025-06-01', ?, ?)");
  for (const name of ['Ann', 'Bob', 'Cy']) customer.run(name, name, stamp, stamp);
  const checkin = db.prepare("INSERT INTO checkins (date, customer_id, channel, satisfaction, created_at) VALUES (?, ?, 'call', ?, ?)");
  for (const [date, customerId, satisfaction] of [['2026-03-01', 1, 4], ['2026-03-10', 1, 2], ['2026-03-05', 2, 1], ['2026-03-11', 3, 5]] as const) {
    checkin.run(date, customerId, satisfaction, stamp);
  }
  db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES ('2026-03-08', 2, 100, 'won', ?, ?)").run(stamp, stamp);
  db.close();
}

test.each([[1], [PREVIOUS]])(`to v${VERSION} from v%d: check-ins kept, checkins_low gone, the same low ratings at risk`, async (from) => {
  makeDatabase(temp.dbPath, from);
  const indexes = () => {
    const db = openRaw(temp.dbPath);
    try {
      return db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'checkins' AND sql IS NOT NULL ORDER BY name").pluck().all();
    } finally {
      db.close();
    }
  };
  if (from >= 9) expect(indexes()).toContain('checkins_low');
  const report = (await runSpm(['report', '--json'], { db: temp.dbPath, now: '2026-03-15' })).json();
  expect(report.atRisk).toEqual([{ customer: { id: 1, name: 'Ann' }, why: 'rated 2/5 on Mar 10, no contact since', since: '2026-03-10' }]);
  expect(indexes()).not.toContain('checkins_low');
  expect(indexes()).toEqual(expect.arrayContaining(['checkins_customer', 'checkins_date']));
  const db = openRaw(temp.dbPath);
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
  expect(db.prepare('SELECT date, customer_id, satisfaction FROM checkins ORDER BY id').raw().all()).toEqual([
    ['2026-03-01', 1, 4], ['2026-03-10', 1, 2], ['2026-03-05', 2, 1], ['2026-03-11', 3, 5],
  ]);
  db.close();
});
