// Derived tables recomputed from the records themselves, to check what the triggers keep.
import type Database from 'better-sqlite3';
import { predictReorder, type WonSale } from '../../src/domain/reorder.js';

/** customer_cadence (v8) as stored, and as it should be from customers, sales and check-ins. */
export function cadenceTables(db: Database.Database): { stored: unknown[]; expected: unknown[] } {
  return {
    stored: db.prepare('SELECT customer_id, last_contact, touch_by FROM customer_cadence ORDER BY customer_id').all(),
    expected: db.prepare(`
      SELECT id AS customer_id, last_contact, coalesce(date(last_contact, '+' || cadence_days || ' days'), '9999-12-31') AS touch_by FROM (
        SELECT c.id, c.cadence_days, coalesce(nullif(max(
          coalesce((SELECT max(date) FROM sales WHERE customer_id = c.id), ''),
          coalesce((SELECT max(date) FROM checkins WHERE customer_id = c.id), '')), ''), c.added_date) AS last_contact
        FROM customers c WHERE c.cadence_days IS NOT NULL AND c.archived = 0)
      ORDER BY customer_id`).all(),
  };
}

/**
 * customer_reorder (v9) as stored, and as predictReorder (the domain's rule) computes it from
 * each customer's won sales: the SQL in the triggers must agree with the domain.
 */
export function reorderTables(db: Database.Database): { stored: unknown[]; expected: unknown[] } {
  const sales = db.prepare("SELECT customer_id, date, amount_cents FROM sales WHERE outcome = 'won' ORDER BY customer_id, date").all() as { customer_id: number; date: string; amount_cents: number }[];
  const byCustomer = new Map<number, WonSale[]>();
  for (const s of sales) {
    const list = byCustomer.get(s.customer_id) ?? [];
    list.push({ date: s.date, amountCents: s.amount_cents });
    byCustomer.set(s.customer_id, list);
  }
  const expected: unknown[] = [];
  for (const [customerId, won] of [...byCustomer].sort((a, b) => a[0] - b[0])) {
    const p = predictReorder(won);
    if (p) expected.push({ customer_id: customerId, last_won: p.lastWon, interval_days: p.intervalDays, expected: p.expected, average_won_cents: p.averageWonCents });
  }
  return {
    stored: db.prepare(`SELECT customer_id, last_won, interval_days, expected, CAST(round(won_cents * 1.0 / won_count) AS INTEGER) AS average_won_cents
                        FROM customer_reorder ORDER BY customer_id`).all(),
    expected,
  };
}
