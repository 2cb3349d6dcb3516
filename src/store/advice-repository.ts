// SQL for the report's advice blocks: lost reasons in a range, and the customers at risk on a
// day (low ratings with no contact since, open high concerns). Each reads an index; the plans
// are checked in the tests.
import type { Db } from './open-database.js';
import type { DateRange } from '../domain/period.js';
import type { LocalDate } from '../domain/local-date.js';
import type { AtRiskFacts, LostReasonFacts } from '../domain/report-advice.js';
import { monthCover } from '../domain/period-cover.js';
import { reasonKeySql } from './report-totals.js';

/** A lost-reasons group as read: its first sale (lowest id) gives the spelling shown. */
type LostGroupRow = { reason: string | null; first_id: number; count: number; amount_cents: number };

/**
 * The group a reason belongs to, as SQLite's NOCASE compares it (only ASCII letters fold): the
 * key of sales_month_lost (reasonKeySql) computed in JavaScript, so that rows read by different
 * statements are added up by it.
 */
const reasonGroup = (reason: string | null): string => (reason === null ? '' : `+${reason.replace(/[A-Z]/g, (c) => c.toLowerCase())}`);

// Each active customer's latest check-in up to :asOf (same day: the later id), if rated 1–2
// and followed by no sale up to :asOf (src/domain/rules/low-rating.ts). Two kinds of customer:
// - Last contact (customer_last_contact: latest sale or check-in) on or before :asOf, all of
//   them on today's report: their stored latest check-in (customer_latest_checkin, v17) is
//   the latest up to :asOf, and no sale came after it exactly when its day is the last
//   contact. A pass over the stored low ratings, each looking its last contact up, archived
//   customers left out by the few archived ids (customers_archived) rather than a customer
//   lookup each (~4 ms on the 10-year database, where a seek per customer into the
//   million-row indexes took ~35; an index of the stored low ratings, 5,600 of 20,000, was no
//   faster).
// - A contact after :asOf (a past period, or records dated ahead): the rule itself, one seek
//   in checkins_customer for the latest check-in up to the day and one in sales_customer.
// Names are joined to what is shown: all of them for the whole list, the first :limit for the
// one-screen report (not the 1,865 of the bench database's last day).
const LOW_RATED = `SELECT k.customer_id AS customer_id, k.date AS date, k.satisfaction
               FROM customer_latest_checkin k
               CROSS JOIN customer_last_contact l ON l.customer_id = k.customer_id
               WHERE k.satisfaction <= 2 AND l.last_date = k.date AND l.last_date <= :asOf
                 AND k.customer_id NOT IN (SELECT id FROM customers WHERE archived = 1)
               UNION ALL
               SELECT k.customer_id, k.date, k.satisfaction
               FROM customer_last_contact l
               JOIN customers c ON c.id = l.customer_id
               JOIN checkins k ON k.id = (SELECT k1.id FROM checkins k1
                                          WHERE k1.customer_id = l.customer_id AND k1.date <= :asOf ORDER BY k1.date DESC, k1.id DESC LIMIT 1)
               WHERE l.last_date > :asOf AND c.archived = 0 AND k.satisfaction <= 2
                 AND NOT EXISTS (SELECT 1 FROM sales s
                                 WHERE s.customer_id = k.customer_id AND s.outcome IN ('won', 'lost') AND s.date > k.date AND s.date <= :asOf)`;

const HIGH_CONCERNS = `SELECT co.id, co.customer_id, c.name, co.opened_date, co.summary
                   FROM concerns co INDEXED BY concerns_opened JOIN customers c INDEXED BY customers_ref ON c.id = co.customer_id
                   WHERE co.opened_date <= :asOf AND co.severity = 'high' AND (co.status = 'open' OR co.resolved_date > :asOf) AND c.archived = 0`;

export class AdviceRepository {
  constructor(private readonly db: Db) {}

  static readonly SQL = {
    // "Price" and "price" are one reason; the group shows the spelling of its first sale (with
    // min(), SQLite takes a bare column from the row holding the minimum). Read from sales_lost
    // (v15), which holds every column it needs.
    lostReasons: `SELECT s.reason, min(s.id) AS first_id, count(*) AS count, sum(s.amount_cents) AS amount_cents
                  FROM sales s WHERE s.date BETWEEN :from AND :to AND s.outcome = 'lost'
                  GROUP BY s.reason COLLATE NOCASE`,
    // Whole months of lost reasons from the month totals (sales_month_lost): the spelling of the
    // group's first sale comes with the smallest first_id, as above.
    monthLostReasons: `SELECT reason, min(first_id) AS first_id, sum(count) AS count, sum(amount_cents) AS amount_cents
                       FROM sales_month_lost WHERE month BETWEEN :from AND :to GROUP BY reason_key`,
    // The first lost sale of one group in a range, when the first of its months was taken away.
    firstLost: `SELECT id, reason FROM sales
                WHERE date BETWEEN :from AND :to AND outcome = 'lost' AND ${reasonKeySql('reason')} = :key COLLATE NOCASE
                ORDER BY id LIMIT 1`,
    // Lost sales in a day range (from the per-day totals): a range with none is not read.
    lostInDays: `SELECT coalesce(sum(lost), 0) FROM sales_daily WHERE date BETWEEN :from AND :to`,
    lowRated: `SELECT r.customer_id, c.name, r.date, r.satisfaction FROM (${LOW_RATED}) r JOIN customers c ON c.id = r.customer_id
               ORDER BY r.date, r.customer_id`,
    // The first :limit of them and how many in all (each row carries the count), for the
    // one-screen report: no objects for the 1,900 low ratings of the bench database it does not show.
    lowRatedFirst: `SELECT r.total, r.customer_id, c.name, r.date, r.satisfaction
                    FROM (SELECT count(*) OVER () AS total, * FROM (${LOW_RATED}) ORDER BY date, customer_id LIMIT :limit) r
                    JOIN customers c ON c.id = r.customer_id ORDER BY r.date, r.customer_id`,
    // Open on :asOf: opened by then, and still open or resolved after it.
    highConcerns: `${HIGH_CONCERNS}
                   ORDER BY co.opened_date, co.id`,
    // The first :limit of them in the report's order (oldest, then by customer; one customer's
    // in the order above) and how many in all, for the one-screen report: no entries for the
    // ~190 open on the bench database's last day that it does not show.
    highConcernsFirst: `SELECT count(*) OVER () AS total, * FROM (${HIGH_CONCERNS})
                        ORDER BY opened_date, customer_id, id LIMIT :limit`,
  } as const;

  /**
   * Lost sales in the range by reason (no particular order): whole months from the month totals,
   * the days of partial months added or taken away (monthCover), as the sales cube does. A group
   * whose first sale was among the days taken away looks its first sale up in the range.
   */
  lostReasons(range: DateRange): LostReasonFacts[] {
    const { SQL } = AdviceRepository;
    const cover = monthCover(range);
    const groups = new Map<string, LostGroupRow & { refind: boolean }>();
    const days = (r: DateRange) => (this.db.prepare(SQL.lostInDays).pluck().get(r) === 0 ? [] : this.db.prepare(SQL.lostReasons).all(r) as LostGroupRow[]);
    const add = (rows: LostGroupRow[]) => {
      for (const row of rows) {
        const group = groups.get(reasonGroup(row.reason));
        if (!group) groups.set(reasonGroup(row.reason), { ...row, refind: false });
        else {
          group.count += row.count;
          group.amount_cents += row.amount_cents;
          if (row.first_id < group.first_id) Object.assign(group, { first_id: row.first_id, reason: row.reason });
        }
      }
    };
    if (cover.months) add(this.db.prepare(SQL.monthLostReasons).all(cover.months) as LostGroupRow[]);
    for (const r of cover.add) add(days(r));
    for (const r of cover.subtract) {
      for (const row of days(r)) {
        const group = groups.get(reasonGroup(row.reason))!;
        group.count -= row.count;
        group.amount_cents -= row.amount_cents;
        if (row.first_id === group.first_id) group.refind = true;
      }
    }
    const left = [...groups].filter(([, g]) => g.count > 0);
    for (const [key, group] of left) {
      if (!group.refind) continue;
      const first = this.db.prepare(SQL.firstLost).get({ ...range, key }) as { id: number; reason: string | null };
      Object.assign(group, { first_id: first.id, reason: first.reason });
    }
    return left.map(([, g]) => ({ reason: g.reason, count: g.count, amountCents: g.amount_cents }));
  }

  /**
   * Low ratings and high concerns on `asOf`; late reorders come from the reorder repository.
   * With `rows`, only the first that many of each (and how many there are).
   */
  atRisk(asOf: LocalDate, rows?: number): Omit<AtRiskFacts, 'lateReorders'> {
    const { SQL } = AdviceRepository;
    type Low = { customer_id: number; name: string; date: string; satisfaction: number; total?: number };
    type High = { id: number; customer_id: number; name: string; opened_date: string; summary: string; total?: number };
    const low = (rows === undefined ? this.db.prepare(SQL.lowRated).all({ asOf }) : this.db.prepare(SQL.lowRatedFirst).all({ asOf, limit: rows })) as Low[];
    const high = (rows === undefined ? this.db.prepare(SQL.highConcerns).all({ asOf }) : this.db.prepare(SQL.highConcernsFirst).all({ asOf, limit: rows })) as High[];
    return {
      lowRated: low.map((r) => ({ customer: { id: r.customer_id, name: r.name }, date: r.date, satisfaction: r.satisfaction })),
      lowRatedTotal: low[0]?.total ?? low.length,
      highConcerns: high.map((r) => ({ id: r.id, customer: { id: r.customer_id, name: r.name }, openedDate: r.opened_date, summary: r.summary })),
      highConcernsTotal: high[0]?.total ?? high.length,
    };
  }
}
