// Derived tables recomputed from the records themselves, to check what the triggers keep.
import type Database from 'better-sqlite3';

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
