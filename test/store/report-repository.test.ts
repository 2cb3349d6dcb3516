import { describe, expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { ReportRepository } from '../../src/store/report-repository.js';

const temp = useTempDb();

async function demoDb(): Promise<void> {
  const result = await runSpm(['demo', '--db', temp.dbPath], { now: '2026-03-15' });
  expect(result.code).toBe(0);
}

describe('report queries', () => {
  test('every range query searches an index; none scans a table', async () => {
    await demoDb();
    const db = openRaw(temp.dbPath);
    const params = { from: '2026-01-01', to: '2026-03-15', asOf: '2026-03-15', technique: 'demo', product: 'license' };
    const plans: Record<string, string[]> = {};
    for (const [name, sql] of Object.entries(ReportRepository.SQL)) {
      const used = Object.fromEntries(Object.entries(params).filter(([key]) => sql.includes(`:${key}`)));
      plans[name] = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[]).map((row) => row.detail);
    }
    const trendRanges = Array.from({ length: 12 }, (_, i) => [`20${10 + i}-01-01`, `20${10 + i}-12-31`]).flat();
    plans.trend = (db.prepare(`EXPLAIN QUERY PLAN ${ReportRepository.trendSql(12)}`).all(...trendRanges) as { detail: string }[]).map((row) => row.detail);
    db.close();
    for (const [name, plan] of Object.entries(plans)) {
      // A bare "SCAN table" reads every row; the first-of-index lookups stop after one entry.
      const scans = plan.filter((line) => /^SCAN (sales|checkins|followups|concerns|customers)\b/.test(line));
      if (name.startsWith('first')) expect(scans.every((line) => /USING COVERING INDEX sales_mix/.test(line))).toBe(true);
      else expect({ name, scans }).toEqual({ name, scans: [] });
    }
    expect(plans.trend.join(' | ')).toMatch(/SEARCH d USING PRIMARY KEY \(date>\? AND date<\?\)/);
    expect(plans.customers.join(' | ')).toMatch(/SEARCH s USING COVERING INDEX sales_won \(date>\? AND date<\?\).*SEARCH fw USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plans.customers.join(' | ')).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    expect(plans.salesTotals.join(' | ')).toMatch(/SEARCH sales_daily USING PRIMARY KEY \(date>\? AND date<\?\)/);
    expect(plans.pairSales.join(' | ')).toMatch(/COVERING INDEX sales_mix \(technique=\? AND product=\? AND outcome=\? AND date>\? AND date<\?\)/);
    expect(plans.checkins.join(' | ')).toMatch(/COVERING INDEX checkins_date/);
    expect(plans.concernsOpened.join(' | ')).toMatch(/concerns_opened/);
    expect(plans.followupsDone.join(' | ')).toMatch(/followups_done/);
    expect(plans.followupsOverdue.join(" | ")).toMatch(/followups_status_due \(status=\? AND due_date<\?\).*followups_done \(done_date>\?\)/);
    expect(plans.concernsResolved.join(" | ")).toMatch(/concerns_resolved/);
  });

  test('the sales cube from index skipping equals a plain GROUP BY, NULL technique and product included', async () => {
    await demoDb();
    const db = openRaw(temp.dbPath);
    db.prepare("UPDATE sales SET product = NULL WHERE id % 7 = 0").run();
    const repository = new ReportRepository(db);
    for (const range of [{ from: '2025-09-01', to: '2026-03-15' }, { from: '2026-03-09', to: '2026-03-15' }, { from: '2030-01-01', to: '2030-01-31' }]) {
      const key = (c: { technique: string | null; product: string | null; outcome: string }) => `${c.technique}|${c.product}|${c.outcome}`;
      const skipped = repository.cube(range).map((c) => ({ ...c })).sort((a, b) => key(a).localeCompare(key(b)));
      const plain = (db.prepare(ReportRepository.SQL.cube).all(range) as { technique: string | null; product: string | null; outcome: 'won' | 'lost'; count: number; amount_cents: number }[])
        .map((r) => ({ technique: r.technique, product: r.product, outcome: r.outcome, count: r.count, amountCents: r.amount_cents }))
        .sort((a, b) => key(a).localeCompare(key(b)));
      expect(skipped).toEqual(plain);
      if (range.from === '2025-09-01') {
        expect(plain.some((c) => c.technique === null)).toBe(true);
        expect(plain.some((c) => c.product === null)).toBe(true);
      }
    }
    db.close();
  });
});
