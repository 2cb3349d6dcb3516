// SQL for the report: every figure is an aggregate over an indexed date range; no query
// loads the rows themselves. EXPLAIN QUERY PLAN of each is checked in the report tests.
import type { Db } from './open-database.js';
import type { DateRange } from '../domain/period.js';
import type { ReportFacts, ReportSpec, SalesCubeCell, SalesFacts } from '../domain/report.js';
import { TOP_CUSTOMERS } from '../domain/report.js';
import { isNewSql } from '../domain/rules/new-or-repeat.sql.js';
import { monthCover, yearCover } from '../domain/period-cover.js';
import { mixNameSql } from './report-totals.js';

/**
 * Won revenue per customer in a range (from the won-sales index), and the customers new in it:
 * their first won sale ever (customer_first_won, schema v6) is in the range, read from its
 * date index. An active customer (a won sale in the range) whose first won sale is not in the
 * range had it before: repeat = not new, as the year's statement counts it. MATERIALIZED:
 * computed once per query. (A seek per customer into sales_customer instead took twice as long
 * for a year: 105–150 ms against 50–66 ms on the bench database; a customer_first_won lookup
 * per active customer, ~1,000 in a week there, ~1 ms against the few new ones read.)
 */
const ACTIVE_CUSTOMERS = `
  active AS MATERIALIZED (
    SELECT s.customer_id, sum(s.amount_cents) AS revenue, count(*) AS won
    FROM sales s INDEXED BY sales_won
    WHERE s.date BETWEEN :from AND :to AND s.outcome = 'won'
    GROUP BY s.customer_id
  ),
  fresh AS MATERIALIZED (
    SELECT fw.customer_id FROM customer_first_won fw WHERE ${isNewSql('fw.first_won_date', ':from', ':to')}
  )`;

/** Whether active customer `a` is a repeat customer (see ACTIVE_CUSTOMERS). */
const IS_REPEAT = 'a.customer_id NOT IN (SELECT f.customer_id FROM fresh f)';

/**
 * The same figures for a range within one calendar year, from the year's won totals per customer
 * (customer_year_won, a derived table) less the year's won sales outside the range (`adj`, only when
 * there are any: a year to date has none, no sale being dated after today). A customer is active
 * when a won sale is left. New customers (first won sale ever in the range: all active) are few,
 * so repeat = active - new and repeat revenue = revenue - new customers' revenue. The top
 * customers are read in revenue order from an index: a customer's revenue in the range is at most
 * its year's, and at least TOP_CUSTOMERS customers without an `adj` row earn their year's total,
 * so only customers whose year total reaches the TOP_CUSTOMERS-th of those can rank.
 */
function yearCustomersSql(adjusted: boolean): string {
  const adj = (alias: string) => (adjusted ? `LEFT JOIN adj a ON a.customer_id = ${alias}.customer_id` : '');
  const less = (column: 'won' | 'cents') => (adjusted ? `coalesce(a.${column}, 0)` : '0');
  return `
  WITH ${adjusted ? `adj AS MATERIALIZED (
    SELECT customer_id, count(*) AS won, sum(amount_cents) AS cents FROM (
      SELECT customer_id, amount_cents FROM sales INDEXED BY sales_won WHERE outcome = 'won' AND date BETWEEN :beforeFrom AND :beforeTo
      UNION ALL
      SELECT customer_id, amount_cents FROM sales INDEXED BY sales_won WHERE outcome = 'won' AND date BETWEEN :afterFrom AND :afterTo)
    GROUP BY customer_id),` : ''}
  groups AS MATERIALIZED (
    SELECT min(y.segment COLLATE BINARY) AS segment, sum(y.won_cents - ${less('cents')}) AS revenue,
           sum(y.won - ${less('won')}) AS won, count(*) AS customers
    FROM customer_year_won y ${adj('y')}
    WHERE y.year = :year AND y.won > ${less('won')}
    GROUP BY y.segment),
  fresh AS MATERIALIZED (
    SELECT y.segment, y.won_cents - ${less('cents')} AS revenue
    FROM customer_first_won fw CROSS JOIN customer_year_won y ON y.customer_id = fw.customer_id AND y.year = :year ${adj('fw')}
    WHERE ${isNewSql('fw.first_won_date', ':from', ':to')})
  SELECT 'segment' AS kind, g.segment, NULL AS id, NULL AS name, g.revenue AS revenue_cents, g.won, g.customers,
         g.customers - (SELECT count(*) FROM fresh f WHERE f.segment IS g.segment COLLATE NOCASE) AS repeat,
         g.revenue - (SELECT coalesce(sum(f.revenue), 0) FROM fresh f WHERE f.segment IS g.segment COLLATE NOCASE) AS repeat_cents
  FROM groups g
  UNION ALL
  SELECT * FROM (
    SELECT 'top', NULL, c.id, c.name, y.won_cents - ${less('cents')} AS revenue, y.won - ${less('won')}, 1, 0, 0
    FROM customer_year_won y INDEXED BY customer_year_won_rank JOIN customers c ON c.id = y.customer_id ${adj('y')}
    WHERE y.year = :year AND y.won > ${less('won')}
      AND y.won_cents >= coalesce((SELECT r.won_cents FROM customer_year_won r INDEXED BY customer_year_won_rank
                                   WHERE r.year = :year ${adjusted ? 'AND r.customer_id NOT IN (SELECT customer_id FROM adj)' : ''}
                                   ORDER BY r.won_cents DESC LIMIT 1 OFFSET ${TOP_CUSTOMERS - 1}), 0)
    ORDER BY revenue DESC, c.name_key LIMIT ${TOP_CUSTOMERS})`;
}

type CustomerRow = {
  kind: 'segment' | 'top'; segment: string | null; id: number | null; name: string | null;
  revenue_cents: number; won: number; customers: number; repeat: number; repeat_cents: number;
};
type CubeRow = { technique: string | null; product: string | null; outcome: 'won' | 'lost'; count: number; amount_cents: number };

/** Above this many (technique, product) pairs, a day range's cube is one GROUP BY instead of a sum per pair. */
const MAX_PAIRS = 500;

export class ReportRepository {
  constructor(private readonly db: Db) {}

  /** The SQL of every report query, by name: the tests run EXPLAIN QUERY PLAN on them. */
  static readonly SQL = {
    // Whole months of the cube from the month totals (sales_month_mix).
    monthMix: `SELECT ${mixNameSql('technique_key')} AS technique, ${mixNameSql('product_key')} AS product, outcome,
                      sum(count) AS count, sum(amount_cents) AS amount_cents
               FROM sales_month_mix WHERE month BETWEEN :from AND :to GROUP BY technique_key, product_key, outcome`,
    // The (technique, product) pairs sold in a month: those a day range of it can hold.
    monthPairs: `SELECT DISTINCT ${mixNameSql('technique_key')} AS technique, ${mixNameSql('product_key')} AS product
                 FROM sales_month_mix WHERE month = :month`,
    // The sales cube of a day range, the plain way (used when there are too many technique/product pairs).
    cube: `SELECT technique, product, outcome, count(*) AS count, sum(amount_cents) AS amount_cents
           FROM sales WHERE date BETWEEN :from AND :to
           GROUP BY technique, product, outcome`,
    // One (technique, product) pair's sales in a day range, from sales_mix alone.
    pairSales: `SELECT outcome, count(*) AS count, sum(amount_cents) AS amount_cents FROM sales
                WHERE technique IS :technique AND product IS :product AND outcome IN ('won', 'lost') AND date BETWEEN :from AND :to
                GROUP BY outcome`,
    // From the per-day totals (schema v7): one small row per day with sales.
    salesTotals: `SELECT coalesce(sum(won), 0) AS won, coalesce(sum(lost), 0) AS lost, coalesce(sum(won_cents), 0) AS won_cents
                  FROM sales_daily WHERE date BETWEEN :from AND :to`,
    // Won sales of a year inside and outside a range (from the per-day totals): which way is cheaper.
    yearSplit: `SELECT coalesce(sum(CASE WHEN date BETWEEN :from AND :to THEN won END), 0) AS inside, coalesce(sum(won), 0) AS year
                FROM sales_daily WHERE date BETWEEN :yearFrom AND :yearTo`,
    yearCustomers: yearCustomersSql(false),
    yearCustomersAdjusted: yearCustomersSql(true),
    // Days with a sale in a range: a day range of the cube with none is not read.
    daysWithSales: `SELECT count(*) FROM sales_daily WHERE date BETWEEN :from AND :to`,
    // Per segment: revenue, won, active and repeat customers, repeat revenue; then the top
    // customers. One statement, so the active-customer aggregate runs once.
    // The top customers: only those earning at least the TOP_CUSTOMERS-th largest revenue can
    // rank (any other has that many ahead of it), so only they are joined to their names.
    customers: `WITH ${ACTIVE_CUSTOMERS}
                SELECT 'segment' AS kind, min(c.segment) AS segment, NULL AS id, NULL AS name, sum(a.revenue) AS revenue_cents,
                       sum(a.won) AS won, count(*) AS customers, sum(${IS_REPEAT}) AS repeat,
                       coalesce(sum(CASE WHEN ${IS_REPEAT} THEN a.revenue END), 0) AS repeat_cents
                FROM active a JOIN customers c ON c.id = a.customer_id
                -- "SMB" and "smb" are one segment, as the --segment filters read them.
                GROUP BY c.segment COLLATE NOCASE
                UNION ALL
                SELECT * FROM (
                  SELECT 'top', NULL, c.id, c.name, a.revenue, a.won, 1, ${IS_REPEAT}, 0
                  FROM active a JOIN customers c ON c.id = a.customer_id
                  WHERE coalesce(a.revenue >= (SELECT r.revenue FROM active r ORDER BY r.revenue DESC LIMIT 1 OFFSET ${TOP_CUSTOMERS - 1}), 1)
                  ORDER BY a.revenue DESC, c.name_key LIMIT ${TOP_CUSTOMERS})`,
    // From the per-day check-in totals (checkins_daily): a year is ~330 rows, not every check-in.
    checkins: `SELECT coalesce(sum(checkins), 0) AS count,
                      coalesce(sum(r1), 0) AS r1, coalesce(sum(r2), 0) AS r2, coalesce(sum(r3), 0) AS r3,
                      coalesce(sum(r4), 0) AS r4, coalesce(sum(r5), 0) AS r5
               FROM checkins_daily WHERE date BETWEEN :from AND :to`,
    // The done ones only, by day (v24): no table row read per follow-up.
    followupsDone: `SELECT count(*) FROM followups INDEXED BY followups_done_on WHERE done_date BETWEEN :from AND :to AND status = 'done'`,
    // Overdue on :asOf: due before it and still open then (open now, or closed after :asOf).
    followupsOverdue: `SELECT (SELECT count(*) FROM followups WHERE status = 'open' AND due_date < :asOf)
                            + (SELECT count(*) FROM followups WHERE done_date > :asOf AND status <> 'open' AND due_date < :asOf)`,
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
   * Sales in the range by technique, product and outcome, in no particular order: whole months
   * from the month totals, the days of partial months added or taken away (monthCover).
   */
  cube(range: DateRange): SalesCubeCell[] {
    const cover = monthCover(range);
    const cells = new Map<string, SalesCubeCell>();
    const tally = (rows: CubeRow[], sign: 1 | -1) => {
      for (const row of rows) {
        const key = JSON.stringify([row.technique, row.product, row.outcome]);
        const cell = cells.get(key) ?? { technique: row.technique, product: row.product, outcome: row.outcome, count: 0, amountCents: 0 };
        cell.count += sign * row.count;
        cell.amountCents += sign * row.amount_cents;
        cells.set(key, cell);
      }
    };
    if (cover.months) tally(this.db.prepare(ReportRepository.SQL.monthMix).all(cover.months) as CubeRow[], 1);
    for (const days of cover.add) tally(this.dayCube(days), 1);
    for (const days of cover.subtract) tally(this.dayCube(days), -1);
    return [...cells.values()].filter((cell) => cell.count > 0);
  }

  /**
   * The cube of a day range within one month: each (technique, product) pair sold that month
   * summed over its dates in sales_mix (an index seek per pair, no table rows), or with too many
   * pairs one GROUP BY over the range.
   */
  private dayCube(days: DateRange): CubeRow[] {
    const { SQL } = ReportRepository;
    if (this.db.prepare(SQL.daysWithSales).pluck().get(days) === 0) return [];
    const pairs = this.db.prepare(SQL.monthPairs).all({ month: days.from.slice(0, 7) }) as { technique: string | null; product: string | null }[];
    if (pairs.length > MAX_PAIRS) return this.db.prepare(SQL.cube).all(days) as CubeRow[];
    const pairSales = this.db.prepare(SQL.pairSales);
    return pairs.flatMap(({ technique, product }) => (pairSales.all({ technique, product, ...days }) as Omit<CubeRow, 'technique' | 'product'>[])
      .map((row) => ({ technique, product, ...row })));
  }

  /**
   * Revenue, won, active, repeat and repeat revenue per segment, then the top customers. A range
   * within one year that holds more of the year's won sales than it leaves out reads the year's
   * per-customer totals (yearCustomersSql); any other reads its won sales (ACTIVE_CUSTOMERS).
   */
  private customerRows(range: DateRange): CustomerRow[] {
    const { SQL } = ReportRepository;
    const year = yearCover(range);
    if (year) {
      const split = this.db.prepare(SQL.yearSplit).get({ ...range, yearFrom: `${year.year}-01-01`, yearTo: `${year.year}-12-31` }) as { inside: number; year: number };
      const outside = split.year - split.inside;
      if (outside === 0) return this.db.prepare(SQL.yearCustomers).all({ ...range, year: year.year }) as CustomerRow[];
      if (outside < split.inside) {
        return this.db.prepare(SQL.yearCustomersAdjusted).all({
          ...range, year: year.year, beforeFrom: year.before.from, beforeTo: year.before.to, afterFrom: year.after.from, afterTo: year.after.to,
        }) as CustomerRow[];
      }
    }
    return this.db.prepare(SQL.customers).all(range) as CustomerRow[];
  }

  /** Every aggregate the report needs; run inside one read transaction for one snapshot. */
  facts(spec: ReportSpec, currency: string): ReportFacts {
    const { SQL } = ReportRepository;
    const range = { from: spec.range.from, to: spec.range.to };
    const asOf = { asOf: spec.asOf };
    const cube = this.cube(range);
    const customerRows = this.customerRows(range);
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
