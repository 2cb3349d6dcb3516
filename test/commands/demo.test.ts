import { describe, expect, test } from '@jest/globals';
import { expectRejected, openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { generateDemoData } from '../../src/domain/demo-data.js';

const temp = useTempDb();

describe('spm demo', () => {
  test('fills a new database: every table has rows, data spread around today', async () => {
    const result = await runSpm(['demo', '--db', temp.dbPath, '--json'], { now: '2026-03-15' });
    expect(result.code).toBe(0);
    const summary = result.json();
    expect(summary.db).toBe(temp.dbPath);
    expect(result.stderr).toContain(`export SPM_DB=${temp.dbPath}`);
    const db = openRaw(temp.dbPath);
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    for (const table of ['customers', 'sales', 'checkins', 'followups', 'concerns', 'goals', 'goal_milestones', 'goal_logs']) {
      expect({ table, rows: count(`SELECT count(*) FROM ${table}`) > 0 }).toEqual({ table, rows: true });
    }
    expect(summary.customers).toBe(count('SELECT count(*) FROM customers'));
    expect(summary.customers).toBeGreaterThanOrEqual(30);
    expect(summary.customers).toBeLessThanOrEqual(60);
    expect(count('SELECT count(DISTINCT segment) FROM customers')).toBe(3);
    expect(count("SELECT count(*) FROM sales WHERE outcome = 'lost'")).toBeGreaterThan(10);
    expect(count('SELECT count(DISTINCT technique) FROM sales')).toBeGreaterThanOrEqual(5);
    const dates = db.prepare('SELECT min(date) AS first, max(date) AS last FROM sales').get() as { first: string; last: string };
    expect(dates.first >= '2025-09-01' && dates.last <= '2026-03-15').toBe(true);
    expect(count("SELECT count(*) FROM followups WHERE status = 'open' AND due_date < '2026-03-15'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM followups WHERE status = 'open' AND due_date >= '2026-03-15'")).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM checkins WHERE satisfaction IS NOT NULL')).toBeGreaterThan(10);
    expect(count("SELECT count(*) FROM concerns WHERE status = 'open'")).toBe(1);
    expect(count('SELECT count(*) FROM goals WHERE recurring = 1')).toBe(1);
    // The history names the command, so `spm undo` says what it reverts.
    expect(db.prepare('SELECT command FROM history_changes').pluck().all()).toEqual([`spm demo --db ${temp.dbPath} --json`]);
    // Deals: closed ones became their sales (same outcome and day), and enough of them reached
    // every stage that the pipeline learns each win chance from history; some open ones need moving.
    expect(summary.deals).toBe(count('SELECT count(*) FROM deals'));
    expect(count("SELECT count(*) FROM deals WHERE status = 'open'")).toBe(12);
    expect(count(`SELECT count(*) FROM deals d JOIN sales s ON s.id = d.sale_id
                  WHERE d.status <> s.outcome OR d.closed_date <> s.date OR d.value_cents <> s.amount_cents`)).toBe(0);
    expect(count("SELECT count(*) FROM deals WHERE status <> 'open' AND sale_id IS NULL")).toBe(0);
    expect(count(`SELECT count(*) FROM deals d WHERE d.stage_date <> (SELECT max(date) FROM deal_stage_history h WHERE h.deal_id = d.id)
                  OR d.created_date <> (SELECT min(date) FROM deal_stage_history h WHERE h.deal_id = d.id)`)).toBe(0);
    db.close();
    const pipeline = (await runSpm(['pipeline', '--json'], { db: temp.dbPath, now: '2026-03-15' })).json();
    expect(pipeline.stages.map((s: { probabilitySource: string }) => s.probabilitySource)).toEqual(['history', 'history', 'history', 'history']);
    expect(pipeline.totals.deals).toBe(12);
    expect(pipeline.stale.length + pipeline.closeOverdue.length).toBeGreaterThan(0);
    // The report reads it without trouble.
    const report = await runSpm(['report', '--period', 'month', '--json'], { db: temp.dbPath, now: '2026-03-15' });
    expect(report.code).toBe(0);
    expect(report.json().sales.won).toBeGreaterThan(0);
  });

  test('refuses a database that already holds data, unchanged (exit 2)', async () => {
    expect((await runSpm(['customer', 'add', 'Mine'], { db: temp.dbPath })).code).toBe(0);
    await expectRejected(['demo', '--db', temp.dbPath], { db: temp.dbPath }, /already holds data/);
  });

  test('ignores SPM_DB: only --db chooses the file', async () => {
    expect((await runSpm(['customer', 'add', 'Mine'], { db: temp.dbPath })).code).toBe(0);
    const other = `${temp.dir}/other.db`;
    const result = await runSpm(['demo', '--db', other], { db: temp.dbPath });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(other);
  });

  test('the same day gives the same data; another day moves it', () => {
    expect(generateDemoData('2026-03-15')).toEqual(generateDemoData('2026-03-15'));
    const later = generateDemoData('2026-06-01');
    expect(later.sales.every((s) => s.date <= '2026-06-01' && s.date >= '2025-12-01')).toBe(true);
  });
});
