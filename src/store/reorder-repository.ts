// SQL for reorder predictions: read from customer_reorder (schema v9, kept by triggers), and a
// customer's won sales for computing one prediction in the domain.
import type { Db } from './open-database.js';
import type { LocalDate } from '../domain/local-date.js';
import type { CustomerReorder, WonSale } from '../domain/reorder.js';
import { isLateForReorderSql } from '../domain/rules/late-reorder.sql.js';

interface ReorderRow {
  customer_id: number;
  name: string;
  last_won: string;
  interval_days: number;
  expected: string;
  won_count: number;
  won_cents: number;
}

function reorderFromRow(row: ReorderRow): CustomerReorder {
  return {
    customer: { id: row.customer_id, name: row.name },
    intervalDays: row.interval_days,
    lastWon: row.last_won,
    expected: row.expected,
    averageWonCents: Math.round(row.won_cents / row.won_count),
  };
}

/** Late by more than half the interval on :asOf (the domain's isLateForReorder). */
const IS_LATE = isLateForReorderSql('r.expected', 'r.interval_days', ':asOf');

/**
 * The report's late customers on :asOf: expected before it, no won sale after it (a report of a
 * past period), active, and late by more than half the interval.
 */
const LATE_FROM_WHERE = `FROM customer_reorder r INDEXED BY customer_reorder_expected JOIN customers c INDEXED BY customers_ref ON c.id = r.customer_id
           WHERE r.expected < :asOf AND r.last_won <= :asOf AND c.archived = 0 AND ${IS_LATE}`;

/**
 * Active customers expected by `until` with no open follow-up (a scheduled touch covers them):
 * customer_reorder.followed_up (v27) says whether there is one.
 */
const DUE_WHERE = 'r.followed_up = 0 AND r.expected <= :until AND c.archived = 0';

export class ReorderRepository {
  constructor(private readonly db: Db) {}

  static readonly SQL = {
    // Ranked as rankDueToReorder does: the average won amount (in whole cents), then expected,
    // then id: the order of customer_reorder_rank (v14), read until `limit` are found (without
    // the hint the planner reads all of customer_reorder_due's range and sorts it).
    due: `SELECT r.customer_id, c.name, r.last_won, r.interval_days, r.expected, r.won_count, r.won_cents
          FROM customer_reorder r INDEXED BY customer_reorder_rank JOIN customers c INDEXED BY customers_ref ON c.id = r.customer_id
          WHERE ${DUE_WHERE}
          ORDER BY round(r.won_cents * 1.0 / r.won_count) DESC, r.expected, r.customer_id LIMIT :limit`,
    // How many are due: those with no open follow-up expected by :until (one range of
    // customer_reorder_due, v27) less the archived customers' among them (customers_archived).
    countDue: `SELECT (SELECT count(*) FROM customer_reorder WHERE followed_up = 0 AND expected <= :until)
                    - (SELECT count(*) FROM customers c CROSS JOIN customer_reorder r ON r.customer_id = c.id
                       WHERE c.archived = 1 AND r.followed_up = 0 AND r.expected <= :until)`,
    // The report's at risk for a late reorder, oldest expected first (the report's order), the
    // first :limit (-1: all); and how many in all. The one-screen report reads a screenful and
    // the count: ~4 ms where reading all (7,000 of 20,000 customers on the 10-year database) and
    // judging them in the domain took ~40.
    late: `SELECT r.customer_id, c.name, r.last_won, r.interval_days, r.expected, r.won_count, r.won_cents
           ${LATE_FROM_WHERE}
           ORDER BY r.expected, r.customer_id LIMIT :limit`,
    // Counted in customer_reorder_late (v22), which holds the late day and last_won (being late
    // implies expected < :asOf), less the archived customers among them.
    countLate: `SELECT (SELECT count(*) FROM customer_reorder r WHERE ${IS_LATE} AND r.last_won <= :asOf)
                     - (SELECT count(*) FROM customers c CROSS JOIN customer_reorder r ON r.customer_id = c.id
                        WHERE c.archived = 1 AND ${IS_LATE} AND r.last_won <= :asOf)`,
    wonSales: `SELECT date, amount_cents FROM sales WHERE customer_id = ? AND outcome = 'won' ORDER BY date`,
  } as const;

  /** Due by `until` (today + the window), ranked; the first `limit` when given, and how many in all. */
  due(until: LocalDate, limit?: number): { due: CustomerReorder[]; total: number } {
    const rows = limit === 0 ? [] : this.db.prepare(ReorderRepository.SQL.due).all({ until, limit: limit ?? -1 }) as ReorderRow[];
    const total = limit === undefined || rows.length < limit ? rows.length
      : this.db.prepare(ReorderRepository.SQL.countDue).pluck().get({ until }) as number;
    return { due: rows.map(reorderFromRow), total };
  }

  /** Late by more than half the interval on `asOf`, oldest expected first; the first `limit` when given, and how many in all. */
  late(asOf: LocalDate, limit?: number): { late: CustomerReorder[]; total: number } {
    const rows = this.db.prepare(ReorderRepository.SQL.late).all({ asOf, limit: limit ?? -1 }) as ReorderRow[];
    const total = limit === undefined || rows.length < limit ? rows.length
      : this.db.prepare(ReorderRepository.SQL.countLate).pluck().get({ asOf }) as number;
    return { late: rows.map(reorderFromRow), total };
  }

  /** One customer's won sales, oldest first (sales_customer finds them). */
  wonSales(customerId: number): WonSale[] {
    return (this.db.prepare(ReorderRepository.SQL.wonSales).all(customerId) as { date: string; amount_cents: number }[])
      .map((row) => ({ date: row.date, amountCents: row.amount_cents }));
  }
}
