// The report's totals kept per period (a schema migration builds them; triggers on sales and
// customers keep them): won sales per customer per calendar year, and sales per technique,
// product and outcome per calendar month. A year's report then reads one row per active customer
// and twelve months of mix instead of every sale of the year (src/domain/period-cover.ts says
// how a range is made of them). Derived data: rebuilt from sales at will. Here too are what the
// bulk import (bulk-insert.ts) and bulk undo (bulk-delete.ts) run in place of the triggers.

/**
 * `<name>_insert`, `_update` and `_delete` on sales for a total of the sales of one outcome: each
 * adds the new row's figures (`add`), takes the old row's away (`remove`), or both when `columns`
 * change.
 */
function outcomeTriggersSql(name: string, outcome: string, columns: string, add: (row: string) => string, remove: (row: string) => string): string {
  return `CREATE TRIGGER ${name}_insert AFTER INSERT ON sales WHEN NEW.outcome = '${outcome}' BEGIN${add('NEW')}
END;
CREATE TRIGGER ${name}_update AFTER UPDATE OF ${columns} ON sales
  WHEN OLD.outcome = '${outcome}' OR NEW.outcome = '${outcome}' BEGIN${remove('OLD')}${add('NEW')}
END;
CREATE TRIGGER ${name}_delete AFTER DELETE ON sales WHEN OLD.outcome = '${outcome}' BEGIN${remove('OLD')}
END;`;
}

/**
 * The tables, their first fill from the sales there are, and their triggers. `segment` is the
 * customer's, copied so the report groups by segment without a join (its collation is the
 * report's: "SMB" and "smb" are one segment); a customer's edit carries it along.
 */
export function reportTotalsSql(): string {
  const yearAdd = (row: string) => `
  INSERT INTO customer_year_won (customer_id, year, segment, won, won_cents)
    SELECT ${row}.customer_id, substr(${row}.date, 1, 4), (SELECT segment FROM customers WHERE id = ${row}.customer_id), 1, ${row}.amount_cents
    WHERE ${row}.outcome = 'won'
    ON CONFLICT (customer_id, year) DO UPDATE SET won = won + 1, won_cents = won_cents + excluded.won_cents;`;
  const yearKey = (row: string) => `${row}.outcome = 'won' AND customer_id = ${row}.customer_id AND year = substr(${row}.date, 1, 4)`;
  // A customer-year left with no won sale is removed.
  const yearRemove = (row: string) => `
  UPDATE customer_year_won SET won = won - 1, won_cents = won_cents - ${row}.amount_cents WHERE ${yearKey(row)};
  DELETE FROM customer_year_won WHERE ${yearKey(row)} AND won = 0;`;
  const mixKey = (row: string) => `month = substr(${row}.date, 1, 7) AND technique_key = ${mixKeySql(`${row}.technique`)} AND product_key = ${mixKeySql(`${row}.product`)} AND outcome = ${row}.outcome`;
  const mixAdd = (row: string) => `
  INSERT INTO sales_month_mix (month, technique_key, product_key, outcome, count, amount_cents)
    VALUES (substr(${row}.date, 1, 7), ${mixKeySql(`${row}.technique`)}, ${mixKeySql(`${row}.product`)}, ${row}.outcome, 1, ${row}.amount_cents)
    ON CONFLICT (month, technique_key, product_key, outcome) DO UPDATE SET count = count + 1, amount_cents = amount_cents + excluded.amount_cents;`;
  const mixRemove = (row: string) => `
  UPDATE sales_month_mix SET count = count - 1, amount_cents = amount_cents - ${row}.amount_cents WHERE ${mixKey(row)};
  DELETE FROM sales_month_mix WHERE ${mixKey(row)} AND count = 0;`;
  return `
-- A sum that would leave 64-bit integers becomes a REAL in SQLite: the CHECKs make it an error,
-- named so that spm says what it means (as for sales_daily).
CREATE TABLE customer_year_won (
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  year         TEXT NOT NULL,                    -- 'YYYY'
  segment      TEXT COLLATE NOCASE,              -- the customer's segment
  won          INTEGER NOT NULL,                 -- won sales of the customer dated in the year (> 0)
  won_cents    INTEGER NOT NULL CONSTRAINT "integer overflow in a year total" CHECK (typeof(won_cents) = 'integer'),
  PRIMARY KEY (customer_id, year)
) WITHOUT ROWID;
INSERT INTO customer_year_won (customer_id, year, segment, won, won_cents)
  SELECT n.customer_id, n.year, c.segment, n.won, n.won_cents FROM (${wonPerCustomerYear('sales')}) n JOIN customers c ON c.id = n.customer_id;
-- A year's customers by segment (covering), and by revenue (the top customers).
CREATE INDEX customer_year_won_segment ON customer_year_won (year, segment, won, won_cents);
CREATE INDEX customer_year_won_rank ON customer_year_won (year, won_cents);
${outcomeTriggersSql('sales_year_won', 'won', 'date, outcome, amount_cents, customer_id', yearAdd, yearRemove)}
CREATE TRIGGER customers_year_won_segment AFTER UPDATE OF segment ON customers BEGIN
  UPDATE customer_year_won SET segment = NEW.segment WHERE customer_id = NEW.id;
END;

-- technique and product as keys: '' for none, else '+' and the name (a key cannot be NULL).
CREATE TABLE sales_month_mix (
  month          TEXT NOT NULL,                  -- 'YYYY-MM'
  technique_key  TEXT NOT NULL,
  product_key    TEXT NOT NULL,
  outcome        TEXT NOT NULL,
  count          INTEGER NOT NULL,               -- sales dated in the month with these (> 0)
  amount_cents   INTEGER NOT NULL CONSTRAINT "integer overflow in a month total" CHECK (typeof(amount_cents) = 'integer'),
  PRIMARY KEY (month, technique_key, product_key, outcome)
) WITHOUT ROWID;
INSERT INTO sales_month_mix (month, technique_key, product_key, outcome, count, amount_cents) ${mixPerMonth('sales')};
CREATE TRIGGER sales_month_mix_insert AFTER INSERT ON sales BEGIN${mixAdd('NEW')}
END;
CREATE TRIGGER sales_month_mix_update AFTER UPDATE OF date, outcome, amount_cents, technique, product ON sales BEGIN${mixRemove('OLD')}${mixAdd('NEW')}
END;
CREATE TRIGGER sales_month_mix_delete AFTER DELETE ON sales BEGIN${mixRemove('OLD')}
END;`;
}

/** The won sales of `table` (sales' columns) that `where` keeps, per customer and year. */
const wonPerCustomerYear = (table: string, where = 'true') =>
  `SELECT customer_id, substr(date, 1, 4) AS year, count(*) AS won, sum(amount_cents) AS won_cents FROM ${table}
      WHERE outcome = 'won' AND ${where} GROUP BY customer_id, substr(date, 1, 4)`;

/** sales_month_mix's key for a technique or product: '' for none (NULL), else '+' and the name. */
export const mixKeySql = (column: string): string => `coalesce('+' || ${column}, '')`;

/** The technique or product a sales_month_mix key stands for (NULL for none). */
export const mixNameSql = (key: string): string => `CASE WHEN ${key} = '' THEN NULL ELSE substr(${key}, 2) END`;

/** The sales of `table` that `where` keeps, per month, technique, product and outcome (as keys). */
const mixPerMonth = (table: string, where = 'true') =>
  `SELECT substr(date, 1, 7) AS month, ${mixKeySql('technique')} AS technique_key, ${mixKeySql('product')} AS product_key, outcome,
      count(*) AS count, sum(amount_cents) AS amount_cents FROM ${table}
      WHERE ${where} GROUP BY 1, 2, 3, 4`;

/** What sales_year_won_insert would have done for sales with ids above :maxSaleId (bulk import). */
export const YEAR_WON_REFRESH_SQL = `
      INSERT INTO customer_year_won (customer_id, year, segment, won, won_cents)
      SELECT n.customer_id, n.year, c.segment, n.won, n.won_cents
      FROM (${wonPerCustomerYear('sales', 'id > :maxSaleId')}) n JOIN customers c ON c.id = n.customer_id WHERE true
      ON CONFLICT (customer_id, year) DO UPDATE SET won = won + excluded.won, won_cents = won_cents + excluded.won_cents`;

/**
 * YEAR_WON_REFRESH_SQL after an import that rebuilt the sales indexes (it was at least the size
 * of the table, so it reads most of it): the won sales from their covering index, sorted once,
 * where the planner took sales_customer's order and read a table row at random per sale
 * (1M imported sales: 2.3 -> 0.4 s of CPU). Without the rebuild the rowid range is cheaper.
 */
export const YEAR_WON_REFRESH_REBUILT_SQL = `
      INSERT INTO customer_year_won (customer_id, year, segment, won, won_cents)
      SELECT n.customer_id, n.year, c.segment, n.won, n.won_cents
      FROM (${wonPerCustomerYear('sales INDEXED BY sales_won', 'id > :maxSaleId')}) n JOIN customers c ON c.id = n.customer_id WHERE true
      ON CONFLICT (customer_id, year) DO UPDATE SET won = won + excluded.won, won_cents = won_cents + excluded.won_cents`;

/** What sales_month_mix_insert would have done for sales with ids above :maxSaleId (bulk import). */
export const MONTH_MIX_REFRESH_SQL = `
      INSERT INTO sales_month_mix (month, technique_key, product_key, outcome, count, amount_cents)
      ${mixPerMonth('sales', 'id > :maxSaleId')}
      ON CONFLICT (month, technique_key, product_key, outcome) DO UPDATE SET count = count + excluded.count, amount_cents = amount_cents + excluded.amount_cents`;

/**
 * MONTH_MIX_REFRESH_SQL after an import that rebuilt the sales indexes: totals per day first,
 * read in sales_mix's order (technique, product, outcome, date: no sort, no table row), then per
 * month from those few rows (1M imported sales: 1.0 -> 0.2 s of CPU). A key stands for one
 * technique or product and back, so grouping by the names groups as by the keys.
 */
export const MONTH_MIX_REFRESH_REBUILT_SQL = `
      INSERT INTO sales_month_mix (month, technique_key, product_key, outcome, count, amount_cents)
      SELECT substr(date, 1, 7), ${mixKeySql('technique')}, ${mixKeySql('product')}, outcome, sum(count), sum(amount_cents) FROM (
        SELECT technique, product, outcome, date, count(*) AS count, sum(amount_cents) AS amount_cents FROM sales INDEXED BY sales_mix
        WHERE id > :maxSaleId GROUP BY technique, product, outcome, date)
      GROUP BY 1, 2, 3, 4
      ON CONFLICT (month, technique_key, product_key, outcome) DO UPDATE SET count = count + excluded.count, amount_cents = amount_cents + excluded.amount_cents`;

/**
 * What sales_year_won_delete would have done for the sales held in table `deleted` (sales'
 * columns, already gone from sales): their won totals taken away, customer-years left empty removed.
 */
export const yearWonSubtractSql = (deleted: string): string[] => [
  `UPDATE customer_year_won SET won = customer_year_won.won - d.won, won_cents = customer_year_won.won_cents - d.won_cents
      FROM (${wonPerCustomerYear(deleted)}) d WHERE customer_year_won.customer_id = d.customer_id AND customer_year_won.year = d.year`,
  `DELETE FROM customer_year_won WHERE won = 0 AND customer_id IN (SELECT customer_id FROM ${deleted} WHERE outcome = 'won')`,
];

/** What sales_month_mix_delete would have done for the sales held in table `deleted`. */
export const monthMixSubtractSql = (deleted: string): string[] => [
  `UPDATE sales_month_mix SET count = sales_month_mix.count - d.count, amount_cents = sales_month_mix.amount_cents - d.amount_cents
      FROM (${mixPerMonth(deleted)}) d
      WHERE sales_month_mix.month = d.month AND sales_month_mix.technique_key = d.technique_key
        AND sales_month_mix.product_key = d.product_key AND sales_month_mix.outcome = d.outcome`,
  `DELETE FROM sales_month_mix WHERE count = 0 AND month IN (SELECT substr(date, 1, 7) FROM ${deleted})`,
];

// ── Lost sales per month and reason ─────────────────────────────────────────────────────────

/**
 * sales_month_lost's key for a reason: '' for none (NULL), else '+' and the reason; the column's
 * NOCASE collation makes "Price" and "price" one key, as the report groups them.
 */
export const reasonKeySql = (column: string): string => `coalesce('+' || ${column}, '')`;

/**
 * The first lost sale (lowest id) of a month's reason group, with its spelling: the group shows
 * the spelling of its first sale. Read from sales_lost, only when a group's first sale leaves it.
 */
const firstLostSql = (month: string, key: string) => `(SELECT s.id, s.reason FROM sales s
      WHERE s.outcome = 'lost' AND s.date BETWEEN ${month} || '-00' AND ${month} || '-99' AND ${reasonKeySql('s.reason')} = ${key} COLLATE NOCASE
      ORDER BY s.id LIMIT 1)`;

/** The lost sales of `table` that `where` keeps, per month and reason group (spelling and id of the first). */
const lostPerMonth = (table: string, where = 'true') =>
  `SELECT substr(date, 1, 7) AS month, ${reasonKeySql('reason')} AS reason_key, min(id) AS first_id, reason,
      count(*) AS count, sum(amount_cents) AS amount_cents FROM ${table}
      WHERE outcome = 'lost' AND ${where} GROUP BY substr(date, 1, 7), ${reasonKeySql('reason')} COLLATE NOCASE`;

/** Adds rows shaped as lostPerMonth's (the first sale kept is the one with the lower id). */
const LOST_UPSERT = `
    ON CONFLICT (month, reason_key) DO UPDATE SET count = count + excluded.count, amount_cents = amount_cents + excluded.amount_cents,
      reason = CASE WHEN excluded.first_id < first_id THEN excluded.reason ELSE reason END, first_id = min(first_id, excluded.first_id)`;

/**
 * The table of lost sales per month and reason group, its first fill and its triggers: a year's
 * lost reasons read twelve months of a few groups each instead of every lost sale of the year.
 */
export function lostReasonsTotalsSql(): string {
  const key = (row: string) => `month = substr(${row}.date, 1, 7) AND reason_key = ${reasonKeySql(`${row}.reason`)}`;
  const add = (row: string) => `
  INSERT INTO sales_month_lost (month, reason_key, first_id, reason, count, amount_cents)
    SELECT substr(${row}.date, 1, 7), ${reasonKeySql(`${row}.reason`)}, ${row}.id, ${row}.reason, 1, ${row}.amount_cents WHERE ${row}.outcome = 'lost'${LOST_UPSERT};`;
  // A group left with no sale is removed; one whose first sale left finds its new first.
  const remove = (row: string) => `
  UPDATE sales_month_lost SET count = count - 1, amount_cents = amount_cents - ${row}.amount_cents WHERE ${row}.outcome = 'lost' AND ${key(row)};
  DELETE FROM sales_month_lost WHERE ${row}.outcome = 'lost' AND ${key(row)} AND count = 0;
  UPDATE sales_month_lost SET (first_id, reason) = ${firstLostSql('month', 'reason_key')}
    WHERE ${row}.outcome = 'lost' AND ${key(row)} AND first_id = ${row}.id;`;
  return `
-- reason as a key: '' for none, else '+' and the reason; NOCASE: "Price" and "price" are one.
CREATE TABLE sales_month_lost (
  month         TEXT NOT NULL,                   -- 'YYYY-MM'
  reason_key    TEXT NOT NULL COLLATE NOCASE,
  first_id      INTEGER NOT NULL,                -- the group's first lost sale in the month (lowest id)
  reason        TEXT,                            -- its spelling, which the report shows
  count         INTEGER NOT NULL,                -- lost sales dated in the month in the group (> 0)
  amount_cents  INTEGER NOT NULL CONSTRAINT "integer overflow in a month total" CHECK (typeof(amount_cents) = 'integer'),
  PRIMARY KEY (month, reason_key)
) WITHOUT ROWID;
INSERT INTO sales_month_lost (month, reason_key, first_id, reason, count, amount_cents) ${lostPerMonth('sales')};
${outcomeTriggersSql('sales_month_lost', 'lost', 'date, outcome, amount_cents, reason', add, remove)}`;
}

/** What sales_month_lost_insert would have done for sales with ids above :maxSaleId (bulk import). */
export const MONTH_LOST_REFRESH_SQL = `
      INSERT INTO sales_month_lost (month, reason_key, first_id, reason, count, amount_cents)
      ${lostPerMonth('sales', 'id > :maxSaleId')}${LOST_UPSERT}`;

/**
 * MONTH_LOST_REFRESH_SQL after an import that rebuilt the sales indexes: totals per day and
 * spelling first, read in sales_lost's order (date, reason: no sort), then per month and reason
 * group from those few rows; the group's first sale and its spelling are the day rows' with the
 * lowest first id, as min(id) picks them sale by sale (1M-row bench import: 0.45 -> 0.1 s of CPU).
 */
export const MONTH_LOST_REFRESH_REBUILT_SQL = `
      INSERT INTO sales_month_lost (month, reason_key, first_id, reason, count, amount_cents)
      SELECT substr(date, 1, 7) AS month, ${reasonKeySql('reason')} AS reason_key, min(first_id) AS first_id, reason,
          sum(count) AS count, sum(amount_cents) AS amount_cents FROM (
        SELECT date, reason, min(id) AS first_id, count(*) AS count, sum(amount_cents) AS amount_cents FROM sales INDEXED BY sales_lost
        WHERE outcome = 'lost' AND id > :maxSaleId GROUP BY date, reason)
      GROUP BY substr(date, 1, 7), ${reasonKeySql('reason')} COLLATE NOCASE${LOST_UPSERT}`;

/** What sales_month_lost_delete would have done for the lost sales held in table `deleted`. */
export const monthLostSubtractSql = (deleted: string): string[] => [
  `UPDATE sales_month_lost SET count = sales_month_lost.count - d.count, amount_cents = sales_month_lost.amount_cents - d.amount_cents
      FROM (${lostPerMonth(deleted)}) d WHERE sales_month_lost.month = d.month AND sales_month_lost.reason_key = d.reason_key`,
  `DELETE FROM sales_month_lost WHERE count = 0 AND month IN (SELECT substr(date, 1, 7) FROM ${deleted} WHERE outcome = 'lost')`,
  `UPDATE sales_month_lost SET (first_id, reason) = ${firstLostSql('month', 'reason_key')}
      WHERE first_id IN (SELECT id FROM ${deleted} WHERE outcome = 'lost')`,
];
