// The report's "rated 1–2 with no contact since" (AdviceRepository.SQL.lowRated) against its
// definition applied customer by customer on random histories: the latest check-in up to the
// day (same day: the later id) was rated 1 or 2, no won or lost sale after it up to the day,
// active customers only; oldest first, then by customer id.
import { expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { AdviceRepository } from '../../src/store/advice-repository.js';

const temp = useTempDb();

interface Checkin { id: number; customer: number; date: string; satisfaction: number | null }
interface Sale { customer: number; date: string }

test('lowRated equals the rule applied to every customer, on many random histories and days', async () => {
  expect((await runSpm(['customer', 'add', 'Seed'], { db: temp.dbPath })).code).toBe(0);
  const db = openRaw(temp.dbPath);
  try {
    let state = 11;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Few days (Jan 1 .. Feb 9): same-day check-ins and sales are common.
    const day = () => new Date(Date.UTC(2026, 0, 1 + Math.floor(random() * 40))).toISOString().slice(0, 10);
    const stamp = '2026-01-01T00:00:00Z';
    const customers: { id: number; name: string; archived: boolean }[] = [{ id: 1, name: 'Seed', archived: false }];
    const checkins: Checkin[] = [];
    const sales: Sale[] = [];
    db.transaction(() => {
      for (let c = 0; c < 300; c++) {
        const archived = random() < 0.1;
        const id = Number(db.prepare("INSERT INTO customers (name, name_key, added_date, archived, created_at, updated_at) VALUES (?, ?, '2025-01-01', ?, ?, ?)")
          .run(`C${c}`, `c${c}`, archived ? 1 : 0, stamp, stamp).lastInsertRowid);
        customers.push({ id, name: `C${c}`, archived });
      }
      // Inserted in random date order, so ids do not follow dates.
      for (let n = 0; n < 1500; n++) {
        const customer = 1 + Math.floor(random() * customers.length);
        const date = day();
        if (random() < 0.6) {
          const satisfaction = random() < 0.2 ? null : 1 + Math.floor(random() * 5);
          const id = Number(db.prepare("INSERT INTO checkins (date, customer_id, channel, satisfaction, created_at) VALUES (?, ?, 'call', ?, ?)").run(date, customer, satisfaction, stamp).lastInsertRowid);
          checkins.push({ id, customer, date, satisfaction });
        } else {
          db.prepare('INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, 100, ?, ?, ?)').run(date, customer, random() < 0.5 ? 'won' : 'lost', stamp, stamp);
          sales.push({ customer, date });
        }
      }
    })();
    const advice = new AdviceRepository(db);
    let found = 0;
    for (const asOf of ['2025-12-31', '2026-01-05', '2026-01-20', '2026-02-01', '2026-02-09', '2026-06-30']) {
      const expected = customers.filter((c) => !c.archived).flatMap((c) => {
        const latest = checkins.filter((k) => k.customer === c.id && k.date <= asOf)
          .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id))[0];
        if (latest === undefined || latest.satisfaction === null || latest.satisfaction > 2) return [];
        if (sales.some((s) => s.customer === c.id && s.date > latest.date && s.date <= asOf)) return [];
        return [{ customer: { id: c.id, name: c.name }, date: latest.date, satisfaction: latest.satisfaction }];
      }).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.customer.id - b.customer.id));
      expect(advice.atRisk(asOf).lowRated).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(50);
  } finally {
    db.close();
  }
});
