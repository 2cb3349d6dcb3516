// SQL for the report: every figure is an aggregate over an indexed date range; no query
// loads the rows themselves. EXPLAIN QUERY PLAN of each is checked in the report tests.
import type { Db } from './open-database.js';
import type { DateRange } from '../domain/period.js';
import type { ReportFacts, ReportSpec, SalesCubeCell, SalesFacts } from '../domain/report.js';
import { TOP_CUSTOMERS } from '../domain/report.js';
import { isRepeatSql } from '../domain/rules/new-or-repeat.sql.js';

/**
 * Won revenue per customer in a range (from the won-sales index), with whether they had a won
 * sale before it: their first won sale ever (customer_first_won, schema v6) is before the
 * range. MATERIALIZED: computed once per query. (A seek per customer into sales_customer
 * instead took twice as long for a year: 105–150 ms against 50–66 ms on the bench database.)
 */
const ACTIVE_CUSTOMERS = `
  active AS MATERIALIZED (
    SELECT s.customer_id, sum(s.amount_cents) AS revenue, count(*) AS won,
           coalesce((SELECT ${isRepeatSql('fw.first_won_date', ':from')} FROM customer_first_won fw WHERE fw.customer_id = s.customer_id), 0) AS repeat
    FROM sales s INDEXED BY sales_won
    WHERE s.date BETWEEN :from AND :to AND s.outcome = 'won'
    GROUP BY s.customer_id
  )`;

export class ReportRepository {
  constructor(private readonly db: Db) {}

  /** The SQL of every report query, by name: the tests run EXPLAIN QUERY PLAN on them. */
  static readonly SQL = {
    // The sales cube, the plain way (used when there are too many technique/product pairs).
    cube: `SELECT technique, product, outcome, count(*) AS count, sum(amount_cents) AS amount_cents
           FROM sales WHERE date BETWEEN :from AND :to
           GROUP BY technique, product, outcome`,
    // Loose index scan over sales_mix: first/next technique, first/next product of a technique.
    // NULL sorts first in an index; min() and "> ?" skip it, so NULL is handled apart.
    firstTechnique: `SELECT technique FROM sales ORDER BY technique LIMIT 1`,
    firstNonNullTechnique: `SELECT technique FROM sales WHERE technique IS NOT NULL ORDER BY technique LIMIT 1`,
    nextTechnique: `SELECT technique FROM sales WHERE technique > :technique ORDER BY technique LIMIT 1`,
    firstProduct: `SELECT product FROM sales WHERE technique IS :technique ORDER BY product LIMIT 1`,
    firstNonNullProduct: `SELECT product FROM sales WHERE technique IS :technique AND product IS NOT NULL ORDER BY product LIMIT 1`,
    nextProduct: `SELECT product FROM sales WHERE technique IS :technique AND product > :product ORDER BY product LIMIT 1`,
    pairSales: `SELECT outcome, count(*) AS count, sum(amount_cents) AS amount_cents FROM sales
                WHERE technique IS :technique AND product IS :product AND outcome IN ('won', 'lost') AND date BETWEEN :from AND :to
                GROUP BY outcome`,
    // From the per-day totals (schema v7): one small row per day with sales.
    salesTotals: `SELECT coalesce(sum(won), 0) AS won, coalesce(sum(lost), 0) AS lost, coalesce(sum(won_cents), 0) AS won_cents
                  FROM sales_daily WHERE date BETWEEN :from AND :to`,
    // Per segment: revenue, won, active and repeat customers, repeat revenue; then the top
    // customers. One statement, so the active-customer aggregate runs once.
    customers: `WITH ${ACTIVE_CUSTOMERS}
                SELECT 'segment' AS kind, min(c.segment) AS segment, NULL AS id, NULL AS name, sum(a.revenue) AS revenue_cents,
                       sum(a.won) AS won, count(*) AS customers, sum(a.repeat) AS repeat,
                       coalesce(sum(CASE WHEN a.repeat THEN a.revenue END), 0) AS repeat_cents
                FROM active a JOIN customers c ON c.id = a.customer_id
                -- "SMB" and "smb" are one segment, as the --segment filters read them.
                GROUP BY c.segment COLLATE NOCASE
                UNION ALL
                SELECT * FROM (
                  SELECT 'top', NULL, c.id, c.name, a.revenue, a.won, 1, a.repeat, 0
                  FROM active a JOIN customers c ON c.id = a.customer_id
                  ORDER BY a.revenue DESC, c.name_key LIMIT ${TOP_CUSTOMERS})`,
    checkins: `SELECT count(*) AS count,
                      coalesce(sum(satisfaction = 1), 0) AS r1, coalesce(sum(satisfaction = 2), 0) AS r2,
                      coalesce(sum(satisfaction = 3), 0) AS r3, coalesce(sum(satisfaction = 4), 0) AS r4,
                      coalesce(sum(satisfaction = 5), 0) AS r5
               FROM checkins WHERE date BETWEEN :from AND :to`,
    followupsDone: `SELECT count(*) FROM followups INDEXED BY followups_done WHERE done_date BETWEEN :from AND :to AND status = 'done'`,
    // Overdue on :asOf: due before it and still open then (open now, or closed after :asOf).
    followupsOverdue: `SELECT (SELECT count(*) FROM followups WHERE status = 'open' AND due_date < :asOf)
                            + (SELECT count(*) FROM followups INDEXED BY followups_done WHERE done_date > :asOf AND status <> 'open' AND due_date < :asOf)`,
    concernsOpened: `SELECT count(*) FROM concerns WHERE opened_date BETWEEN :from AND :to`,
    concernsResolved: `SELECT count(*) AS resolved,
                              coalesce(sum(julianday(resolved_date) - julianday(opened_date)), 0) AS days
                       FROM concerns INDEXED BY concerns_resolved WHERE resolved_date BETWEEN :from AND :to AND status = 'resolved'`,
    // Open on :asOf: opened by then and not resolved by then.
    concernsOpen: `SELECT (SELECT count(*) FROM concerns WHERE status = 'open' AND opened_date <= :asOf)
                        + (SELECT count(*) FROM concerns WHERE resolved_date > :asOf AND opened_date <= :asOf)`,
  } as const;

  /** Revenue of each range in one query: a VALUES list of ranges, each summed over the per-day totals. */
  static trendSql(count: number): string {
    const values = Array.from({ length: count }, (_, i) => `(${i}, ?, ?)`).join(', ');
    return `WITH ranges (i, date_from, date_to) AS (VALUES ${values})
            SELECT r.i, (SELECT coalesce(sum(d.won_cents), 0) FROM sales_daily d
                         WHERE d.date BETWEEN r.date_from AND r.date_to) AS cents
            FROM ranges r ORDER BY r.i`;
  }

  salesTotals(range: DateRange): SalesFacts {
    const row = this.db.prepare(ReportRepository.SQL.salesTotals).get(range) as { won: number; lost: number; won_cents: number };
    return { won: row.won, lost: row.lost, wonCents: row.won_cents };
  }

  trend(ranges: DateRange[]): number[] {
    const params = ranges.flatMap((r) => [r.from, r.to]);
    const rows = this.db.prepare(ReportRepository.trendSql(ranges.length)).all(...params) as { i: number; cents: number }[];
    return rows.map((row) => row.cents);
  }

  /**
   * The (technique, product) pairs that occur in any sale, by skipping through sales_mix: a
   * few seeks per pair instead of a scan. Undefined when there are more than `limit`.
   */
  private techniqueProductPairs(limit: number): { technique: string | null; product: string | null }[] | undefined {
    const { SQL } = ReportRepository;
    const one = (sql: string, params: object = {}) => this.db.prepare(sql).get(params) as Record<string, string | null> | undefined;
    const pairs: { technique: string | null; product: string | null }[] = [];
    let techniqueRow = one(SQL.firstTechnique);
    while (techniqueRow) {
      const technique = techniqueRow.technique;
      let productRow = one(SQL.firstProduct, { technique });
      while (productRow) {
        const product = productRow.product;
        pairs.push({ technique, product });
        if (pairs.length > limit) return undefined;
        productRow = product === null ? one(SQL.firstNonNullProduct, { technique }) : one(SQL.nextProduct, { technique, product });
      }
      techniqueRow = technique === null ? one(SQL.firstNonNullTechnique) : one(SQL.nextTechnique, { technique });
    }
    return pairs;
  }

  /** Sales in the range by technique, product and outcome. */
  cube(range: DateRange): SalesCubeCell[] {
    const { SQL } = ReportRepository;
    type Row = { outcome: 'won' | 'lost'; count: number; amount_cents: number };
    const pairs = this.techniqueProductPairs(500);
    if (!pairs) {
      return (this.db.prepare(SQL.cube).all(range) as (Row & { technique: string | null; product: string | null })[])
        .map((row) => ({ technique: row.technique, product: row.product, outcome: row.outcome, count: row.count, amountCents: row.amount_cents }));
    }
    const pairSales = this.db.prepare(SQL.pairSales);
    return pairs.flatMap(({ technique, product }) => (pairSales.all({ technique, product, ...range }) as Row[])
      .map((row) => ({ technique, product, outcome: row.outcome, count: row.count, amountCents: row.amount_cents })));
  }

  /** Every aggregate the report needs; run inside one read transaction for one snapshot. */
  facts(spec: ReportSpec, currency: string): ReportFacts {
    const { SQL } = ReportRepository;
    const range = { from: spec.range.from, to: spec.range.to };
    const asOf = { asOf: spec.asOf };
    const cube = this.cube(range);
    const customerRows = this.db.prepare(SQL.customers).all(range) as {
      kind: 'segment' | 'top'; segment: string | null; id: number | null; name: string | null;
      revenue_cents: number; won: number; customers: number; repeat: number; repeat_cents: number;
    }[];
    const segments = customerRows.filter((row) => row.kind === 'segment');
    const top = customerRows.filter((row) => row.kind === 'top');
    const checkins = this.db.prepare(SQL.checkins).get(range) as { count: number; r1: number; r2: number; r3: number; r4: number; r5: number };
    const resolved = this.db.prepare(SQL.concernsResolved).get(range) as { resolved: number; days: number };
    return {
      currency,
      cube,
      previous: this.salesTotals(spec.previous),
      customers: {
        active: segments.reduce((sum, row) => sum + row.customers, 0),
        repeat: segments.reduce((sum, row) => sum + row.repeat, 0),
        repeatRevenueCents: segments.reduce((sum, row) => sum + row.repeat_cents, 0),
        top: top.map((c) => ({ id: c.id as number, name: c.name as string, revenueCents: c.revenue_cents, won: c.won })),
      },
      segments: segments.map((s) => ({ segment: s.segment, revenueCents: s.revenue_cents, won: s.won })),
      checkins: { count: checkins.count, ratings: [checkins.r1, checkins.r2, checkins.r3, checkins.r4, checkins.r5] },
      followups: {
        done: this.db.prepare(SQL.followupsDone).pluck().get(range) as number,
        overdue: this.db.prepare(SQL.followupsOverdue).pluck().get(asOf) as number,
      },
      concerns: {
        opened: this.db.prepare(SQL.concernsOpened).pluck().get(range) as number,
        resolved: resolved.resolved,
        open: this.db.prepare(SQL.concernsOpen).pluck().get(asOf) as number,
        resolveDaysTotal: Math.round(resolved.days),
      },
      trendCents: this.trend(spec.trend),
    };
  }
}
