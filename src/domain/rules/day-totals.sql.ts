// Day totals (./day-totals.ts) as SQL: `sales_daily` (schema v7) holds them per day, kept by
// triggers on sales and refreshed in one statement after a bulk import; filtered goals compute
// the same figures with the same aggregate over the sales themselves. Text only: src/store runs
// it. test/store/rules.property.test.ts checks that the two agree on random histories.

/** Won cents, won count and lost count of the sales in a GROUP BY, columns prefixed `p` (e.g. 's.'). */
export const dayTotalsAggregateSql = (p = '', names?: { wonCents: string; won: string; lost: string }): string => {
  const as = (name: string | undefined) => (name ? ` AS ${name}` : '');
  return `coalesce(sum(CASE WHEN ${p}outcome = 'won' THEN ${p}amount_cents END), 0)${as(names?.wonCents)}, sum(${p}outcome = 'won')${as(names?.won)}, sum(${p}outcome = 'lost')${as(names?.lost)}`;
};

/** sales_daily's triggers on sales: add the new row's figures, take the old row's away. */
export function dayTotalsTriggersSql(): string {
  const add = (row: string) => `
  INSERT INTO sales_daily (date, won_cents, won, lost)
    VALUES (${row}.date, CASE WHEN ${row}.outcome = 'won' THEN ${row}.amount_cents ELSE 0 END, ${row}.outcome = 'won', ${row}.outcome = 'lost')
    ON CONFLICT (date) DO UPDATE SET won_cents = won_cents + excluded.won_cents, won = won + excluded.won, lost = lost + excluded.lost;`;
  // Days left with no sale are removed.
  const remove = (row: string) => `
  UPDATE sales_daily SET won_cents = won_cents - CASE WHEN ${row}.outcome = 'won' THEN ${row}.amount_cents ELSE 0 END,
    won = won - (${row}.outcome = 'won'), lost = lost - (${row}.outcome = 'lost') WHERE date = ${row}.date;
  DELETE FROM sales_daily WHERE date = ${row}.date AND won = 0 AND lost = 0;`;
  return `CREATE TRIGGER sales_daily_insert AFTER INSERT ON sales BEGIN${add('NEW')}
END;
CREATE TRIGGER sales_daily_update AFTER UPDATE OF date, outcome, amount_cents ON sales BEGIN${remove('OLD')}${add('NEW')}
END;
CREATE TRIGGER sales_daily_delete AFTER DELETE ON sales BEGIN${remove('OLD')}
END;`;
}

/** What the insert trigger would have done for sales with ids above :maxSaleId (bulk import). */
export const DAY_TOTALS_REFRESH_SQL = `
      INSERT INTO sales_daily (date, won_cents, won, lost)
      SELECT date, ${dayTotalsAggregateSql()}
      FROM sales WHERE id > :maxSaleId GROUP BY date
      ON CONFLICT (date) DO UPDATE SET won_cents = won_cents + excluded.won_cents, won = won + excluded.won, lost = lost + excluded.lost`;

/**
 * What the delete trigger would have done for the sales held in table `deleted` (sales' columns,
 * already gone from sales): each day's figures less theirs, days left with no sale removed.
 */
export const dayTotalsSubtractSql = (deleted: string): string[] => [
  `UPDATE sales_daily SET won_cents = won_cents - d.gone_cents, won = won - d.gone_won, lost = lost - d.gone_lost
      FROM (SELECT date AS day, ${dayTotalsAggregateSql('', { wonCents: 'gone_cents', won: 'gone_won', lost: 'gone_lost' })} FROM ${deleted} GROUP BY date) d
      WHERE sales_daily.date = d.day`,
  `DELETE FROM sales_daily WHERE date IN (SELECT date FROM ${deleted}) AND won = 0 AND lost = 0`,
];
