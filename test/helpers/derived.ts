// customer_cadence as the triggers keep it, and as the domain's rules say it should be from the
// customers, sales and check-ins themselves (src/domain/rules/last-contact.ts, going-cold.ts).
import type Database from 'better-sqlite3';
import { expect } from '@jest/globals';
import { openRaw } from './run-spm.js';
import { predictReorder, type WonSale } from '../../src/domain/reorder.js';
import { lastContactDate } from '../../src/domain/rules/last-contact.js';
import { touchByDate } from '../../src/domain/rules/going-cold.js';
import { latestCheckin } from '../../src/domain/rules/low-rating.js';

/** Whether `table` has the followed_up flag yet (v25 on customer_cadence, v27 on customer_reorder). */
function hasFollowedUp(db: Database.Database, table: string): boolean {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).includes('followed_up');
}

/** The customers with an open follow-up, counted one by one in followups, not through the flag's own SQL. */
function customersWithOpenFollowups(db: Database.Database): Set<number> {
  const open = new Set<number>();
  for (const f of db.prepare('SELECT customer_id, status FROM followups').all() as { customer_id: number; status: string }[]) if (f.status === 'open') open.add(f.customer_id);
  return open;
}

/**
 * customer_cadence (v8) as stored, and as it should be by the domain rules; from v25 with
 * followed_up, 1 while the customer has an open follow-up (any due day).
 */
export function cadenceTables(db: Database.Database): { stored: unknown[]; expected: unknown[] } {
  const customers = db.prepare('SELECT id, added_date, cadence_days FROM customers WHERE cadence_days IS NOT NULL AND archived = 0 ORDER BY id').all() as { id: number; added_date: string; cadence_days: number }[];
  const touches = db.prepare('SELECT customer_id, max(date) AS date FROM (SELECT customer_id, date FROM sales UNION ALL SELECT customer_id, date FROM checkins) GROUP BY customer_id').all() as { customer_id: number; date: string }[];
  const latest = new Map(touches.map((t) => [t.customer_id, t.date]));
  const flagged = hasFollowedUp(db, 'customer_cadence');
  const open = flagged ? customersWithOpenFollowups(db) : new Set<number>();
  return {
    stored: db.prepare(`SELECT customer_id, last_contact, touch_by${flagged ? ', followed_up' : ''} FROM customer_cadence ORDER BY customer_id`).all(),
    expected: customers.map((c) => {
      const lastContact = lastContactDate(c.added_date, [latest.get(c.id)]);
      const row = { customer_id: c.id, last_contact: lastContact, touch_by: touchByDate(lastContact, c.cadence_days) };
      return flagged ? { ...row, followed_up: open.has(c.id) ? 1 : 0 } : row;
    }),
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
  // From v27 with followed_up, 1 while the customer has an open follow-up.
  const flagged = hasFollowedUp(db, 'customer_reorder');
  const open = flagged ? customersWithOpenFollowups(db) : new Set<number>();
  return {
    stored: db.prepare(`SELECT customer_id, last_won, interval_days, expected, CAST(round(won_cents * 1.0 / won_count) AS INTEGER) AS average_won_cents${flagged ? ', followed_up' : ''}
                        FROM customer_reorder ORDER BY customer_id`).all(),
    expected: flagged ? expected.map((row) => ({ ...(row as { customer_id: number }), followed_up: open.has((row as { customer_id: number }).customer_id) ? 1 : 0 })) : expected,
  };
}

/** customer_latest_checkin (v17) as stored, and as latestCheckin (the domain's rule) picks it from each customer's check-ins. */
export function latestCheckinTables(db: Database.Database): { stored: unknown[]; expected: unknown[] } {
  const checkins = db.prepare('SELECT id, customer_id, date, satisfaction FROM checkins ORDER BY customer_id').all() as { id: number; customer_id: number; date: string; satisfaction: number | null }[];
  const byCustomer = new Map<number, typeof checkins>();
  for (const k of checkins) byCustomer.set(k.customer_id, [...(byCustomer.get(k.customer_id) ?? []), k]);
  const expected = [...byCustomer].map(([customerId, list]) => {
    const k = latestCheckin(list, '9999-12-31')!;
    return { customer_id: customerId, checkin_id: k.id, date: k.date, satisfaction: k.satisfaction };
  });
  return { stored: db.prepare('SELECT customer_id, checkin_id, date, satisfaction FROM customer_latest_checkin ORDER BY customer_id').all(), expected };
}

/** A derived table's rows, after asserting that they equal their recomputation from the records. */
export function checkedRows(dbPath: string, tables: (db: Database.Database) => { stored: unknown[]; expected: unknown[] }): unknown[] {
  const db = openRaw(dbPath);
  try {
    const { stored, expected } = tables(db);
    expect(stored).toEqual(expected);
    return stored;
  } finally {
    db.close();
  }
}

/**
 * customer_year_won, sales_month_mix and sales_month_lost as stored, and recounted from sales
 * and customers (won sales per customer and calendar year with the customer's segment; every
 * sale per month, technique, product and outcome; lost sales per month and reason).
 */
export function reportTotalsTables(db: Database.Database): { stored: unknown[]; expected: unknown[] } {
  return {
    stored: [
      db.prepare('SELECT customer_id, year, segment, won, won_cents FROM customer_year_won ORDER BY customer_id, year').all(),
      // Keys: '' for none, '+' and the name otherwise.
      db.prepare(`SELECT month, CASE WHEN technique_key = '' THEN NULL ELSE substr(technique_key, 2) END AS technique,
                         CASE WHEN product_key = '' THEN NULL ELSE substr(product_key, 2) END AS product, outcome, count, amount_cents
                  FROM sales_month_mix ORDER BY month, technique_key, product_key, outcome`).all(),
      db.prepare('SELECT month, first_id, reason, count, amount_cents FROM sales_month_lost ORDER BY month, first_id').all(),
    ],
    expected: [
      db.prepare(`SELECT s.customer_id, substr(s.date, 1, 4) AS year, c.segment, count(*) AS won, sum(s.amount_cents) AS won_cents
                  FROM sales s JOIN customers c ON c.id = s.customer_id WHERE s.outcome = 'won' GROUP BY 1, 2 ORDER BY 1, 2`).all(),
      db.prepare(`SELECT substr(date, 1, 7) AS month, technique, product, outcome, count(*) AS count, sum(amount_cents) AS amount_cents
                  FROM sales GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`).all(),
      lostPerMonthAndReason(db),
    ],
  };
}

/**
 * sales_month_lost as stored, less its key: per month and reason group, the first sale's id and
 * spelling, the count and the amount. `stored` reads the table; this counts the lost sales one by
 * one, grouping reasons as SQLite's NOCASE does (ASCII letters fold, NULL apart from '').
 */
function lostPerMonthAndReason(db: Database.Database): unknown[] {
  const lost = db.prepare("SELECT id, date, reason, amount_cents FROM sales WHERE outcome = 'lost' ORDER BY id").all() as { id: number; date: string; reason: string | null; amount_cents: number }[];
  const groups = new Map<string, { month: string; first_id: number; reason: string | null; count: number; amount_cents: number }>();
  for (const sale of lost) {
    const key = JSON.stringify([sale.date.slice(0, 7), sale.reason === null ? null : sale.reason.replace(/[A-Z]/g, (c) => c.toLowerCase())]);
    const group = groups.get(key) ?? { month: sale.date.slice(0, 7), first_id: sale.id, reason: sale.reason, count: 0, amount_cents: 0 };
    group.count++;
    group.amount_cents += sale.amount_cents;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.first_id - b.first_id));
}
