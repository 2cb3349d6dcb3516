// The report's late reorders (ReorderRepository.late: SQL with isLateForReorderSql) against the
// rule applied prediction by prediction (isLateForReorder, src/domain/reorder.ts) on random
// histories and many days: expected before the day, no won sale after it, active, late by more
// than half the interval; oldest expected first, then by customer id. The first N of them (the
// one-screen report) are the first N of all, and the count is all of them.
import { expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { ReorderRepository } from '../../src/store/reorder-repository.js';
import { isLateForReorder } from '../../src/domain/reorder.js';
import { addDays } from '../../src/domain/local-date.js';
import { seededRandom } from '../../src/domain/random.js';

const temp = useTempDb();

test('late reorders equal the rule applied to every prediction, on random histories and days; the first N and the count agree', async () => {
  expect((await runSpm(['customer', 'add', 'Seed'], { db: temp.dbPath })).code).toBe(0);
  const db = openRaw(temp.dbPath);
  try {
    const next = seededRandom(16);
    const int = (n: number) => Math.floor(next() * n);
    const stamp = '2026-01-01T00:00:00Z';
    db.transaction(() => {
      for (let c = 0; c < 400; c++) {
        const id = Number(db.prepare("INSERT INTO customers (name, name_key, added_date, archived, created_at, updated_at) VALUES (?, ?, '2025-01-01', ?, ?, ?)")
          .run(`C${c}`, `c${c}`, next() < 0.1 ? 1 : 0, stamp, stamp).lastInsertRowid);
        // Rhythms from 1 to 60 days, 3-8 purchases from a start in 2025: intervals odd and even,
        // expected days spread over a year, many customers expected on one day.
        const every = 1 + int(60);
        let day = addDays('2025-01-01', int(300));
        for (let n = 3 + int(6); n > 0; n--) {
          db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, 100, 'won', ?, ?)").run(day, id, stamp, stamp);
          if (next() < 0.3) db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, 100, 'lost', ?, ?)").run(addDays(day, 1), id, stamp, stamp);
          day = addDays(day, every + int(5) - 2);
        }
      }
    })();
    const predictions = db.prepare(`SELECT r.customer_id, r.last_won, r.interval_days, r.expected, c.archived FROM customer_reorder r JOIN customers c ON c.id = r.customer_id`).all() as
      { customer_id: number; last_won: string; interval_days: number; expected: string; archived: number }[];
    expect(predictions.length).toBeGreaterThan(300);
    const reorders = new ReorderRepository(db);
    let late = 0;
    let paged = 0;
    for (let day = '2025-03-01'; day <= '2026-09-01'; day = addDays(day, 9)) {
      const expected = predictions
        .filter((p) => p.archived === 0 && p.expected < day && p.last_won <= day && isLateForReorder({ expected: p.expected, intervalDays: p.interval_days }, day))
        .sort((a, b) => (a.expected < b.expected ? -1 : a.expected > b.expected ? 1 : a.customer_id - b.customer_id))
        .map((p) => [p.customer_id, p.expected]);
      const all = reorders.late(day);
      expect({ day, late: all.late.map((r) => [r.customer.id, r.expected]), total: all.total }).toEqual({ day, late: expected, total: expected.length });
      for (const limit of [1, 7, 40]) {
        const first = reorders.late(day, limit);
        expect({ day, limit, late: first.late.map((r) => [r.customer.id, r.expected]), total: first.total }).toEqual({ day, limit, late: expected.slice(0, limit), total: expected.length });
        if (expected.length > limit) paged++;
      }
      late += expected.length;
    }
    expect(late).toBeGreaterThan(1000);
    expect(paged).toBeGreaterThan(20);
  } finally {
    db.close();
  }
});
