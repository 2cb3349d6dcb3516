// Schema v20: checkins_daily, the check-in day totals kept by triggers. Reached from v1 and from
// the version before it with the check-ins there were counted in; the check-ins and
// satisfaction goals give the hand-worked figures over it, and later writes keep it.
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { databaseAt, migrationAdding } from '../helpers/storage.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const stamp = '2026-01-01T00:00:00.000Z';
const { version: VERSION, previous: PREVIOUS } = migrationAdding('CREATE TABLE checkins_daily');

function makeDatabase(path: string, upTo: number): void {
  const db = databaseAt(path, upTo);
  db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Acme', 'acme', '2025-06-01', ?, ?)").run(stamp, stamp);
  const checkin = db.prepare("INSERT INTO checkins (date, customer_id, channel, satisfaction, created_at) VALUES (?, 1, 'call', ?, ?)");
  // Mar 2: two, rated 4 and 5; Mar 3: one unrated; Mar 9: rated 1; Feb 27: before the month.
  for (const [date, satisfaction] of [['2026-03-02', 4], ['2026-03-02', 5], ['2026-03-03', null], ['2026-03-09', 1], ['2026-02-27', 3]] as const) checkin.run(date, satisfaction, stamp);
  db.close();
}

const daily = () => {
  const db = openRaw(temp.dbPath);
  try {
    return db.prepare('SELECT date, checkins, rated, rating_sum, r1, r2, r3, r4, r5 FROM checkins_daily ORDER BY date').all();
  } finally {
    db.close();
  }
};

describe(`migration v${VERSION} (check-in day totals)`, () => {
  test.each([[1], [PREVIOUS]])('from v%d: the check-ins counted in, the goals\' figures, later writes kept', async (from) => {
    makeDatabase(temp.dbPath, from);
    const run = (args: string[]) => runSpm(args, { db: temp.dbPath, now: '2026-03-15' });
    expect((await run(['goal', 'add', 'Calls', '--metric', 'checkins', '--target', '10', '--from', '2026-03-01', '--to', '2026-03-31'])).code).toBe(0);
    expect((await run(['goal', 'add', 'Happy', '--metric', 'satisfaction', '--target', '4', '--from', '2026-03-01', '--to', '2026-03-31'])).code).toBe(0);
    expect(daily()).toEqual([
      { date: '2026-02-27', checkins: 1, rated: 1, rating_sum: 3, r1: 0, r2: 0, r3: 1, r4: 0, r5: 0 },
      { date: '2026-03-02', checkins: 2, rated: 2, rating_sum: 9, r1: 0, r2: 0, r3: 0, r4: 1, r5: 1 },
      { date: '2026-03-03', checkins: 1, rated: 0, rating_sum: 0, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0 },
      { date: '2026-03-09', checkins: 1, rated: 1, rating_sum: 1, r1: 1, r2: 0, r3: 0, r4: 0, r5: 0 },
    ]);
    // March: 4 check-ins; ratings 4, 5, 1 average 3.33.
    const actual = async () => ((await run(['goal', 'list', '--json'])).json() as { name: string; actual: number }[]).map((g) => [g.name, g.actual]);
    expect(await actual()).toEqual([['Happy', 3.33], ['Calls', 4]]);
    // Rating the unrated one 5 and deleting the 1: ratings 4, 5, 5.
    expect((await run(['checkin', 'edit', '3', '--satisfaction', '5'])).code).toBe(0);
    expect((await run(['checkin', 'rm', '4', '--yes'])).code).toBe(0);
    expect(await actual()).toEqual([['Happy', 4.67], ['Calls', 3]]);
    expect(daily()).toEqual([
      { date: '2026-02-27', checkins: 1, rated: 1, rating_sum: 3, r1: 0, r2: 0, r3: 1, r4: 0, r5: 0 },
      { date: '2026-03-02', checkins: 2, rated: 2, rating_sum: 9, r1: 0, r2: 0, r3: 0, r4: 1, r5: 1 },
      { date: '2026-03-03', checkins: 1, rated: 1, rating_sum: 5, r1: 0, r2: 0, r3: 0, r4: 0, r5: 1 },
    ]);
  });
});
