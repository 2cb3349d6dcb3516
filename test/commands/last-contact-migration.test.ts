// Schema v3: a database written before it (v1, with history) is migrated, its last contacts
// backfilled, and going cold computed from them as if they had always been kept.
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { APPLICATION_ID, MIGRATIONS } from '../../src/store/migrations.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { cadenceTables } from '../helpers/derived.js';

const temp = useTempDb();

function makeV1Database(path: string): void {
  const db = new Database(path);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.exec(MIGRATIONS.find((m) => m.version === 1)!.sql);
  db.pragma('user_version = 1');
  const stamp = '2026-01-01T00:00:00.000Z';
  const customer = db.prepare("INSERT INTO customers (name, name_key, cadence_days, added_date, created_at, updated_at) VALUES (?, lower(?), ?, '2025-06-01', ?, ?)");
  customer.run('Sold Lately', 'Sold Lately', 30, stamp, stamp); // 1: last sale (lost) 2026-03-01
  customer.run('Called Lately', 'Called Lately', 30, stamp, stamp); // 2: last check-in 2026-03-05, old sale
  customer.run('Long Silent', 'Long Silent', 30, stamp, stamp); // 3: last won sale 2026-01-02
  customer.run('Never Touched', 'Never Touched', 30, stamp, stamp); // 4: nothing: the day added
  const sale = db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES (?, ?, 100, ?, ?, ?)");
  sale.run('2026-01-10', 1, 'won', stamp, stamp);
  sale.run('2026-03-01', 1, 'lost', stamp, stamp);
  sale.run('2025-12-01', 2, 'won', stamp, stamp);
  sale.run('2026-01-02', 3, 'won', stamp, stamp);
  sale.run('2025-09-02', 3, 'lost', stamp, stamp);
  db.prepare("INSERT INTO checkins (date, customer_id, channel, created_at) VALUES ('2026-03-05', 2, 'call', ?)").run(stamp);
  db.close();
}

describe('migration to v3 (last contact per customer)', () => {
  test('backfills last contacts from sales and check-ins, keeps a backup, and going cold agrees', async () => {
    makeV1Database(temp.dbPath);
    const result = await runSpm(['followups', '--json'], { db: temp.dbPath, now: '2026-03-15' });
    expect(result.code).toBe(0);
    const db = openRaw(temp.dbPath);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    expect(db.prepare('SELECT customer_id, last_date FROM customer_last_contact ORDER BY customer_id').all()).toEqual([
      { customer_id: 1, last_date: '2026-03-01' },
      { customer_id: 2, last_date: '2026-03-05' },
      { customer_id: 3, last_date: '2026-01-02' },
    ]);
    // v8 backfills each touch-by day from those last contacts.
    const cadence = cadenceTables(db);
    expect(cadence.stored).toHaveLength(4);
    expect(cadence.stored).toEqual(cadence.expected);
    db.close();
    expect(result.json().goingCold).toEqual([
      { customer: { id: 4, name: 'Never Touched' }, lastContact: '2025-06-01', cadenceDays: 30, daysSinceContact: 287 },
      { customer: { id: 3, name: 'Long Silent' }, lastContact: '2026-01-02', cadenceDays: 30, daysSinceContact: 72 },
    ]);
    expect(readdirSync(temp.dir).some((f) => /\.before-v\d+-.*\.bak$/.test(f))).toBe(true);
    expect(existsSync(temp.dbPath)).toBe(true);
  });
});
