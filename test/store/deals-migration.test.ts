// Schema v9 (deals): reached from v1 and from v8 with data kept, and its triggers keep the
// derived stages_seen and follow the linked sale.
import { describe, expect, test } from '@jest/globals';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { databaseAt } from '../helpers/storage.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const DEALS_VERSION = MIGRATIONS.find((m) => /deals/.test(m.description))!.version;

function makeDatabase(path: string, upTo: number): void {
  const db = databaseAt(path, upTo);
  const stamp = '2026-01-01T00:00:00.000Z';
  db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Acme', 'acme', '2025-06-01', ?, ?)").run(stamp, stamp);
  db.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES ('2026-01-10', 1, 500, 'won', ?, ?)").run(stamp, stamp);
  db.close();
}

describe(`migration to v${DEALS_VERSION} (deals)`, () => {
  const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === DEALS_VERSION) - 1].version;
  test.each([[1], [previous]])('from v%d: data kept, deals work, every later version applied', async (from) => {
    makeDatabase(temp.dbPath, from);
    expect((await runSpm(['deal', 'add', 'acme', '100', '--json'], { db: temp.dbPath })).json()).toMatchObject({ id: 1, customer: { name: 'Acme' } });
    const db = openRaw(temp.dbPath);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(1);
    expect(db.prepare('SELECT stage, date FROM deal_stage_history').all()).toEqual([{ stage: 'lead', date: '2026-03-15' }]);
    db.close();
  });

  test('stages_seen follows the history: distinct, sorted; a deal moved back and forth lists each stage once', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await runSpm(['deal', 'add', 'acme', '100', '--stage', 'qualified', '--date', '-9d'], { db: temp.dbPath });
    for (const [stage, date] of [['proposal', '-8d'], ['qualified', '-7d'], ['proposal', '-6d']]) {
      await runSpm(['deal', 'move', '1', stage, '--date', date], { db: temp.dbPath });
    }
    const db = openRaw(temp.dbPath);
    expect(db.prepare('SELECT stages_seen FROM deals').pluck().get()).toBe('proposal,qualified');
    expect(db.prepare('SELECT count(*) FROM deal_stage_history').pluck().get()).toBe(4);
    // Deleting the deal cascades to its history.
    db.prepare('DELETE FROM deals').run();
    expect(db.prepare('SELECT count(*) FROM deal_stage_history').pluck().get()).toBe(0);
    db.close();
  });

  test('the date-range and open-deal queries use their indexes', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const db = openRaw(temp.dbPath);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT count(*) FROM deals WHERE created_date BETWEEN '2026-01-01' AND '2026-03-31'")).toMatch(/deals_created/);
    expect(plan("SELECT count(*) FROM deals WHERE closed_date BETWEEN '2026-01-01' AND '2026-03-31'")).toMatch(/deals_closed/);
    expect(plan("SELECT id FROM deals WHERE status = 'open' AND stage_date < '2026-03-01'")).toMatch(/deals_open_stage_date/);
    expect(plan("SELECT id FROM deals WHERE status = 'open' AND expected_close < '2026-03-01'")).toMatch(/deals_open_close/);
    expect(plan("SELECT deal_id FROM deal_stage_history WHERE date BETWEEN '2026-01-01' AND '2026-03-31'")).toMatch(/deal_stage_history_date/);
    db.close();
  });
});
