// New or repeat customer (./new-or-repeat.ts) as SQL: `customer_first_won` (schema v6) holds
// each customer's first won sale ever, kept by triggers on sales and refreshed in one statement
// after a bulk import. Text only: src/store runs it. test/store/rules.property.test.ts checks
// that the two agree on random histories.

/** The condition on `firstWon` for a customer new in the period [from, to]. */
export const isNewSql = (firstWon: string, from: string, to: string): string => `${firstWon} BETWEEN ${from} AND ${to}`;

/** customer_first_won's triggers on sales. */
export function firstWonTriggersSql(): string {
  const recompute = (id: string) => `
  DELETE FROM customer_first_won WHERE customer_id = ${id};
  INSERT INTO customer_first_won (customer_id, first_won_date)
    SELECT ${id}, min(date) FROM sales WHERE customer_id = ${id} AND outcome = 'won' HAVING min(date) IS NOT NULL;`;
  return `CREATE TRIGGER sales_first_won_insert AFTER INSERT ON sales WHEN NEW.outcome = 'won' BEGIN
  INSERT INTO customer_first_won (customer_id, first_won_date) VALUES (NEW.customer_id, NEW.date)
    ON CONFLICT (customer_id) DO UPDATE SET first_won_date = min(first_won_date, excluded.first_won_date);
END;
CREATE TRIGGER sales_first_won_update AFTER UPDATE OF date, outcome, customer_id ON sales BEGIN${recompute('OLD.customer_id')}${recompute('NEW.customer_id')}
END;
CREATE TRIGGER sales_first_won_delete AFTER DELETE ON sales WHEN OLD.outcome = 'won' BEGIN${recompute('OLD.customer_id')}
END;`;
}

/** What the insert trigger would have done for sales with ids above :maxSaleId (bulk import). */
export const FIRST_WON_REFRESH_SQL = `
      INSERT INTO customer_first_won (customer_id, first_won_date)
      SELECT customer_id, min(date) FROM sales WHERE id > :maxSaleId AND outcome = 'won' GROUP BY customer_id
      ON CONFLICT (customer_id) DO UPDATE SET first_won_date = min(first_won_date, excluded.first_won_date)`;

/**
 * What the delete trigger would have done for the customers `touched` selects (a query with a
 * `customer_id` column): their first won day recomputed from the won sales left (undo of an import).
 */
export const firstWonRecomputeSql = (touched: string): string[] => [
  `DELETE FROM customer_first_won WHERE customer_id IN (${touched})`,
  `INSERT INTO customer_first_won (customer_id, first_won_date)
      SELECT customer_id, min(date) FROM sales WHERE customer_id IN (${touched}) AND outcome = 'won' GROUP BY customer_id`,
];
