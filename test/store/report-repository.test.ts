import { describe, expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { ReportRepository } from '../../src/store/report-repository.js';
import { indexesUsed, tableAccesses } from '../helpers/query-plan.js';

const temp = useTempDb();

async function demoDb(): Promise<void> {
  const result = await runSpm(['demo', '--db', temp.dbPath], { now: '2026-03-15' });
  expect(result.code).toBe(0);
}

describe('report queries', () => {
  // The planner picks these indexes with no INDEXED BY hint (checked with and without
  // statistics on the 10-year bench database): the test pins the choice, not EXPLAIN's wording.
  test('every range query reads the index meant for it; none reads a whole table', async () => {
    await demoDb();
    const db = openRaw(temp.dbPath);
    const params = {
      from: '2026-01-01', to: '2026-03-15', asOf: '2026-03-15', technique: 'demo', product: 'license', month: '2026-03',
      year: '2026', yearFrom: '2026-01-01', yearTo: '2026-12-31', beforeFrom: '2026-01-01', beforeTo: '2025-12-31', afterFrom: '2026-03-16', afterTo: '2026-12-31',
    };
    const used = (sql: string) => Object.fromEntries(Object.entries(params).filter(([key]) => sql.includes(`:${key}`)));
    const { SQL } = ReportRepository;
    for (const [name, sql] of Object.entries(SQL)) {
      // a, r, ranges, g, f, adj: a statement's own small intermediate results, not tables.
      expect({ name, scans: tableAccesses(db, sql, used(sql)).filter((a) => a.via === 'full scan' && !['a', 'r', 'ranges', 'g', 'f', 'adj'].includes(a.table)) }).toEqual({ name, scans: [] });
    }
    const trendRanges = Array.from({ length: 12 }, (_, i) => [`20${10 + i}-01-01`, `20${10 + i}-12-31`]).flat();
    expect(indexesUsed(db, ReportRepository.trendSql(12), trendRanges)).toMatchObject({ d: 'primary key' });
    expect(indexesUsed(db, SQL.customers, used(SQL.customers))).toMatchObject({ s: 'sales_won', fw: 'customer_first_won_date', c: 'primary key' });
    expect(indexesUsed(db, SQL.salesTotals, used(SQL.salesTotals))).toEqual({ sales_daily: 'primary key' });
    expect(indexesUsed(db, SQL.yearSplit, used(SQL.yearSplit))).toEqual({ sales_daily: 'primary key' });
    expect(indexesUsed(db, SQL.monthMix, used(SQL.monthMix))).toEqual({ sales_month_mix: 'primary key' });
    expect(indexesUsed(db, SQL.monthPairs, used(SQL.monthPairs))).toEqual({ sales_month_mix: 'primary key' });
    // The year's customers by segment from the covering index, the new ones from their first won
    // day, the top ones in revenue order; the won sales outside the range from sales_won.
    for (const sql of [SQL.yearCustomers, SQL.yearCustomersAdjusted]) {
      expect(tableAccesses(db, sql, used(sql)).filter((a) => !['g', 'f', 'a'].includes(a.table))).toEqual([
        ...(sql === SQL.yearCustomersAdjusted ? [{ table: 'sales', via: 'sales_won' }, { table: 'sales', via: 'sales_won' }] : []),
        { table: 'y', via: 'customer_year_won_segment' },
        { table: 'fw', via: 'customer_first_won_date' }, { table: 'y', via: 'primary key' },
        { table: 'y', via: 'customer_year_won_rank' }, { table: 'r', via: 'customer_year_won_rank' },
        ...(sql === SQL.yearCustomersAdjusted ? [{ table: 'adj', via: 'full scan' }] : []),
        { table: 'c', via: 'primary key' },
      ]);
    }
    expect(indexesUsed(db, SQL.pairSales, used(SQL.pairSales))).toEqual({ sales: 'sales_mix' });
    // The plain cube needs technique and product: sales_list (v26) holds them with the date, so no row is looked up.
    expect(indexesUsed(db, SQL.cube, used(SQL.cube))).toEqual({ sales: 'sales_list' });
    expect(indexesUsed(db, SQL.checkins, used(SQL.checkins))).toEqual({ checkins_daily: 'primary key' });
    expect(indexesUsed(db, SQL.concernsOpened, used(SQL.concernsOpened))).toEqual({ concerns: 'concerns_opened' });
    expect(indexesUsed(db, SQL.followupsDone, used(SQL.followupsDone))).toEqual({ followups: 'followups_done_on' });
    expect(tableAccesses(db, SQL.followupsOverdue, used(SQL.followupsOverdue)).map((a) => a.via)).toEqual(['followups_status_due', 'followups_done']);
    expect(tableAccesses(db, SQL.concernsResolved, used(SQL.concernsResolved)).map((a) => a.via)).toEqual(['concerns_resolved']);
    db.close();
  });

  test('the sales cube from month totals and day ranges equals a plain GROUP BY, NULL technique and product included', async () => {
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
