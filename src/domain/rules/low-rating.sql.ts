// Low rating at risk (./low-rating.ts) as SQL: `customer_latest_checkin` (schema v17) holds each
// customer's latest check-in (latest day, then the later id) with its rating, kept by triggers on
// check-ins, refreshed in one statement after a bulk import and recomputed for the touched
// customers when an import is undone. Text only: src/store runs it.
// test/store/rules.property.test.ts checks the table and the report's query against the rule.

/** The id of customer `id`'s latest check-in, one seek in checkins_customer (NULL without check-ins). */
const latestIdSql = (id: string): string => `(SELECT k1.id FROM checkins k1 WHERE k1.customer_id = ${id} ORDER BY k1.date DESC, k1.id DESC LIMIT 1)`;

const COLUMNS = 'customer_id, checkin_id, date, satisfaction';

/** The table, filled from the check-ins, and its triggers on check-ins. */
export function latestCheckinTableSql(): string {
  const recompute = (id: string) => `
  DELETE FROM customer_latest_checkin WHERE customer_id = ${id};
  INSERT INTO customer_latest_checkin (${COLUMNS}) SELECT customer_id, id, date, satisfaction FROM checkins WHERE id = ${latestIdSql(id)};`;
  return `
CREATE TABLE customer_latest_checkin (
  customer_id   INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  checkin_id    INTEGER NOT NULL,                -- the latest check-in: latest day, then the later id
  date          TEXT NOT NULL,                   -- its day
  satisfaction  INTEGER                          -- its rating (1-5), NULL when not rated
);
INSERT INTO customer_latest_checkin (${COLUMNS})
  SELECT c.id, k.id, k.date, k.satisfaction FROM customers c
  JOIN checkins k ON k.id = ${latestIdSql('c.id')};
CREATE TRIGGER checkins_latest_insert AFTER INSERT ON checkins BEGIN
  INSERT INTO customer_latest_checkin (${COLUMNS}) VALUES (NEW.customer_id, NEW.id, NEW.date, NEW.satisfaction)
    ON CONFLICT (customer_id) DO UPDATE SET checkin_id = excluded.checkin_id, date = excluded.date, satisfaction = excluded.satisfaction
    WHERE excluded.date > date OR (excluded.date = date AND excluded.checkin_id > checkin_id);
END;
CREATE TRIGGER checkins_latest_update AFTER UPDATE OF id, date, customer_id, satisfaction ON checkins BEGIN${recompute('OLD.customer_id')}${recompute('NEW.customer_id')}
END;
CREATE TRIGGER checkins_latest_delete AFTER DELETE ON checkins
  WHEN OLD.id = (SELECT checkin_id FROM customer_latest_checkin WHERE customer_id = OLD.customer_id) BEGIN${recompute('OLD.customer_id')}
END;`;
}

/**
 * What the insert trigger would have done for check-ins with ids above :maxCheckinId (bulk
 * import): the customers they touch get their latest check-in, old or new, found by one seek each
 * in checkins_customer (built again before this runs).
 */
export const LATEST_CHECKIN_REFRESH_SQL = `
      INSERT INTO customer_latest_checkin (${COLUMNS})
      SELECT t.customer_id, k.id, k.date, k.satisfaction
      FROM (SELECT DISTINCT customer_id FROM checkins WHERE id > :maxCheckinId) t
      JOIN checkins k ON k.id = ${latestIdSql('t.customer_id')}
      WHERE true
      ON CONFLICT (customer_id) DO UPDATE SET checkin_id = excluded.checkin_id, date = excluded.date, satisfaction = excluded.satisfaction`;

/**
 * What the delete trigger would have done for the customers `touched` selects (a query with a
 * `customer_id` column, each once): their latest check-in recomputed from what is left (undo of an import).
 */
export const latestCheckinRecomputeSql = (touched: string): string[] => [
  `DELETE FROM customer_latest_checkin WHERE customer_id IN (${touched})`,
  `INSERT INTO customer_latest_checkin (${COLUMNS})
      SELECT t.customer_id, k.id, k.date, k.satisfaction FROM (${touched}) t
      JOIN checkins k ON k.id = ${latestIdSql('t.customer_id')}`,
];
