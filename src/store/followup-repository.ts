// SQL for follow-ups: insert, get, lists, completing, snoozing, cancelling; and the cadence
// candidates for "going cold", computed with per-customer index seeks only.
import type { Db } from './open-database.js';
import { StatementCache } from './statement-cache.js';
import type { Followup, FollowupSource, FollowupStatus } from '../domain/records.js';
import type { LocalDate } from '../domain/local-date.js';
import type { CadenceCandidate } from '../domain/rules/going-cold.js';
import { GOING_COLD_WHERE_SQL } from '../domain/rules/going-cold.sql.js';
import { NotFoundError } from '../domain/errors.js';
import type { SaleOutcome } from '../domain/records.js';
import { followupReason, type ReasonFacts } from '../domain/followup-policy.js';
import { DEFAULT_SETTINGS } from '../domain/settings.js';

interface FollowupRow {
  id: number;
  customer_id: number;
  customer_name: string;
  due_date: string;
  reason: string | null;
  source: FollowupSource;
  status: FollowupStatus;
  sale_id: number | null;
  concern_id: number | null;
  done_date: string | null;
  note: string | null;
  checkin_id: number | null;
  deal_id: number | null;
  deal_title: string | null;
  deal_status: 'open' | 'won' | 'lost' | null;
  sale_amount_cents: number | null;
  sale_outcome: SaleOutcome | null;
  sale_product: string | null;
  sale_technique: string | null;
  concern_summary: string | null;
  currency: string | null;
}

function followupFromRow(row: FollowupRow): Followup {
  const facts: ReasonFacts = {
    source: row.source,
    reason: row.reason,
    saleId: row.sale_id,
    sale: row.sale_outcome === null ? null : { amountCents: row.sale_amount_cents!, outcome: row.sale_outcome, product: row.sale_product, technique: row.sale_technique },
    concernId: row.concern_id,
    concern: row.concern_summary === null ? null : { summary: row.concern_summary },
    dealId: row.deal_id,
    deal: row.deal_title === null ? null : { title: row.deal_title, status: row.deal_status! },
  };
  return {
    id: row.id,
    customer: { id: row.customer_id, name: row.customer_name },
    dueDate: row.due_date,
    // Drawn from the linked sale or concern as it is now (the policy's rendering).
    reason: followupReason(facts, row.currency ?? DEFAULT_SETTINGS.currency),
    source: row.source,
    status: row.status,
    saleId: row.sale_id,
    concernId: row.concern_id,
    doneDate: row.done_date,
    note: row.note,
    checkinId: row.checkin_id,
    dealId: row.deal_id,
  };
}

export interface NewFollowup {
  customerId: number;
  dueDate: LocalDate;
  reason?: string | null;
  source: FollowupSource;
  saleId?: number | null;
  concernId?: number | null;
  dealId?: number | null;
}

export interface FollowupListFilter {
  status?: FollowupStatus;
  customerId?: number;
  limit?: number;
}

/** What a reason is drawn from: the linked sale, concern and deal (primary-key lookups), and the currency. */
const LINK_COLUMNS = `f.checkin_id, f.deal_id, d.title AS deal_title, d.status AS deal_status, s.amount_cents AS sale_amount_cents, s.outcome AS sale_outcome, s.product AS sale_product, s.technique AS sale_technique,
                k.summary AS concern_summary, (SELECT value FROM settings WHERE key = 'currency') AS currency`;
const LINK_JOINS = 'LEFT JOIN sales s ON s.id = f.sale_id LEFT JOIN concerns k ON k.id = f.concern_id LEFT JOIN deals d ON d.id = f.deal_id';

const SELECT = `SELECT f.id, f.customer_id, c.name AS customer_name, f.due_date, f.reason, f.source, f.status, f.sale_id, f.concern_id, f.done_date, f.note,
                ${LINK_COLUMNS}
                FROM followups f JOIN customers c ON c.id = f.customer_id ${LINK_JOINS}`;

export class FollowupRepository {
  /** The daily view reads its three sections of open follow-ups with one statement. */
  private readonly statements: StatementCache;

  constructor(private readonly db: Db, private readonly nowIso: () => string) {
    this.statements = new StatementCache(db);
  }

  insert(followup: NewFollowup): Followup {
    const now = this.nowIso();
    const result = this.db
      .prepare(`INSERT INTO followups (customer_id, due_date, reason, source, sale_id, concern_id, deal_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(followup.customerId, followup.dueDate, followup.reason ?? null, followup.source, followup.saleId ?? null, followup.concernId ?? null, followup.dealId ?? null, now, now);
    return this.get(Number(result.lastInsertRowid));
  }

  get(id: number): Followup {
    const row = this.db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as FollowupRow | undefined;
    if (!row) throw new NotFoundError(`no follow-up #${id}`, 'List open follow-ups with: spm followup list');
    return followupFromRow(row);
  }

  private filterClause(filter: FollowupListFilter): { where: string; params: unknown[] } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.status !== undefined) { conditions.push('f.status = ?'); params.push(filter.status); }
    if (filter.customerId !== undefined) { conditions.push('f.customer_id = ?'); params.push(filter.customerId); }
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }

  /** Open ones soonest due first; otherwise open first, then the latest due first. */
  list(filter: FollowupListFilter): Followup[] {
    const { where, params } = this.filterClause(filter);
    const order = filter.status === 'open' ? 'f.due_date, f.id' : "f.status = 'open' DESC, f.due_date DESC, f.id DESC";
    const limit = filter.limit !== undefined ? 'LIMIT ?' : '';
    const rows = this.db.prepare(`${SELECT} ${where} ORDER BY ${order} ${limit}`)
      .all(...params, ...(filter.limit !== undefined ? [filter.limit] : [])) as FollowupRow[];
    return rows.map(followupFromRow);
  }

  count(filter: FollowupListFilter): number {
    const { where, params } = this.filterClause(filter);
    return this.db.prepare(`SELECT count(*) FROM followups f ${where}`).pluck().get(...params) as number;
  }

  /**
   * Open follow-ups of active customers due from `from` (null: any day) to `to`, soonest
   * first, the first `limit` if given. Reads only the partial covering index of open
   * follow-ups and customers_ref (v3).
   */
  openDueIn(from: LocalDate | null, to: LocalDate, limit?: number): Followup[] {
    const rows = this.statements.prepare(`
      SELECT f.id, f.customer_id, c.name AS customer_name, f.due_date, f.reason, f.source, 'open' AS status, f.sale_id, f.concern_id,
             NULL AS done_date, f.note, ${LINK_COLUMNS}
      FROM followups f INDEXED BY followups_open_due JOIN customers c INDEXED BY customers_ref ON c.id = f.customer_id ${LINK_JOINS}
      WHERE f.status = 'open' AND f.due_date >= ? AND f.due_date <= ? AND c.archived = 0 ORDER BY f.due_date, f.id LIMIT ?`)
      .all(from ?? '', to, limit ?? -1) as FollowupRow[];
    return rows.map(followupFromRow);
  }

  /** How many open follow-ups of active customers are overdue, due today, due after today up to `until`. */
  countOpenDue(today: LocalDate, until: LocalDate): { overdue: number; dueToday: number; upcoming: number } {
    const row = this.db.prepare(`
      SELECT coalesce(sum(f.due_date < ?), 0) AS overdue, coalesce(sum(f.due_date = ?), 0) AS due_today, coalesce(sum(f.due_date > ?), 0) AS upcoming
      FROM followups f INDEXED BY followups_open_due JOIN customers c INDEXED BY customers_ref ON c.id = f.customer_id
      WHERE f.status = 'open' AND f.due_date <= ? AND c.archived = 0`).get(today, today, today, until) as { overdue: number; due_today: number; upcoming: number };
    return { overdue: row.overdue, dueToday: row.due_today, upcoming: row.upcoming };
  }

  /** One customer's open follow-ups due on or before `date` (followups_customer). */
  openForCustomerDueBy(customerId: number, date: LocalDate): Followup[] {
    const rows = this.db.prepare(`${SELECT} WHERE f.customer_id = ? AND f.status = 'open' AND f.due_date <= ? ORDER BY f.due_date, f.id`)
      .all(customerId, date) as FollowupRow[];
    return rows.map(followupFromRow);
  }

  openForSale(saleId: number): Followup[] {
    const rows = this.db.prepare(`${SELECT} WHERE f.sale_id = ? AND f.status = 'open' ORDER BY f.due_date, f.id`).all(saleId) as FollowupRow[];
    return rows.map(followupFromRow);
  }

  /** A deal's open follow-ups (followups_deal). */
  openForDeal(dealId: number): Followup[] {
    const rows = this.db.prepare(`${SELECT} WHERE f.deal_id = ? AND f.status = 'open' ORDER BY f.due_date, f.id`).all(dealId) as FollowupRow[];
    return rows.map(followupFromRow);
  }

  openForConcern(concernId: number): Followup[] {
    const rows = this.db.prepare(`${SELECT} WHERE f.concern_id = ? AND f.status = 'open' ORDER BY f.due_date, f.id`).all(concernId) as FollowupRow[];
    return rows.map(followupFromRow);
  }

  /** Closes an open follow-up as done or cancelled on `date`, keeping any note given. */
  close(id: number, status: 'done' | 'cancelled', date: LocalDate, note: string | null = null): Followup {
    const [closed] = this.closeMany([id], status, date, note);
    if (!closed) return this.get(id); // throws NotFoundError
    return closed;
  }

  /**
   * Closes follow-ups as done or cancelled on `date`, keeping any note given, in one UPDATE and
   * one SELECT however many: soonest due first.
   */
  closeMany(ids: readonly number[], status: 'done' | 'cancelled', date: LocalDate, note: string | null = null): Followup[] {
    if (ids.length === 0) return [];
    const list = JSON.stringify(ids);
    this.db.prepare('UPDATE followups SET status = ?, done_date = ?, note = coalesce(?, note), updated_at = ? WHERE id IN (SELECT value FROM json_each(?))')
      .run(status, date, note, this.nowIso(), list);
    return (this.db.prepare(`${SELECT} WHERE f.id IN (SELECT value FROM json_each(?)) ORDER BY f.due_date, f.id`).all(list) as FollowupRow[]).map(followupFromRow);
  }

  /**
   * Completes follow-ups by a check-in: done on its date, linked to it (so editing the check-in's
   * date moves them, and deleting it reopens them).
   */
  completeByCheckin(ids: readonly number[], checkinId: number, date: LocalDate): Followup[] {
    if (ids.length === 0) return [];
    const list = JSON.stringify(ids);
    this.db.prepare("UPDATE followups SET status = 'done', done_date = ?, checkin_id = ?, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))")
      .run(date, checkinId, this.nowIso(), list);
    return (this.db.prepare(`${SELECT} WHERE f.id IN (SELECT value FROM json_each(?)) ORDER BY f.due_date, f.id`).all(list) as FollowupRow[]).map(followupFromRow);
  }

  /** Follow-ups a check-in completed, still done and linked to it (followups_checkin). */
  completedByCheckin(checkinId: number): Followup[] {
    return (this.db.prepare(`${SELECT} WHERE f.checkin_id = ? AND f.status = 'done' ORDER BY f.due_date, f.id`).all(checkinId) as FollowupRow[]).map(followupFromRow);
  }

  /** Moves the done date of the follow-ups a check-in completed (its date was corrected). */
  moveCompletedByCheckin(checkinId: number, date: LocalDate): number {
    return this.db.prepare("UPDATE followups SET done_date = ?, updated_at = ? WHERE checkin_id = ? AND status = 'done' AND done_date IS NOT ?")
      .run(date, this.nowIso(), checkinId, date).changes;
  }

  /** Reopens follow-ups: open again, no done date, no link to what completed them. */
  reopen(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.db.prepare("UPDATE followups SET status = 'open', done_date = NULL, checkin_id = NULL, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))")
      .run(this.nowIso(), JSON.stringify(ids));
  }

  /** Corrects a follow-up: any field given replaces it (`reason: null` clears the text, `dealId: null` the deal). */
  update(id: number, patch: { customerId?: number; dueDate?: LocalDate; reason?: string | null; dealId?: number | null }): Followup {
    const current = this.db.prepare('SELECT customer_id, due_date, reason, deal_id FROM followups WHERE id = ?').get(id) as
      { customer_id: number; due_date: string; reason: string | null; deal_id: number | null } | undefined;
    if (!current) return this.get(id); // throws NotFoundError
    this.db.prepare('UPDATE followups SET customer_id = ?, due_date = ?, reason = ?, deal_id = ?, updated_at = ? WHERE id = ?')
      .run(patch.customerId ?? current.customer_id, patch.dueDate ?? current.due_date, patch.reason !== undefined ? patch.reason : current.reason,
        patch.dealId !== undefined ? patch.dealId : current.deal_id, this.nowIso(), id);
    return this.get(id);
  }

  reschedule(id: number, dueDate: LocalDate): Followup {
    this.db.prepare('UPDATE followups SET due_date = ?, updated_at = ? WHERE id = ?').run(dueDate, this.nowIso(), id);
    return this.get(id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM followups WHERE id = ?').run(id);
  }

  /**
   * Active customers with a cadence and no open follow-up whose last contact (the latest sale,
   * won or lost, or check-in, else the day added) is before `today` minus their cadence: the
   * ones going cold, coldest first (the earliest touch-by day), with how many there are in all.
   * Reads customer_cadence_cold (v25: customers with no open follow-up, by touch-by day) in
   * index order and stops at `limit`, so the cost grows with the customers shown, and the count
   * with the customers going cold, not with the history or the follow-ups. The
   * rule and its SQL: src/domain/rules/going-cold.ts and going-cold.sql.ts.
   */
  goingColdCandidates(today: LocalDate, limit?: number): { candidates: CadenceCandidate[]; total: number } {
    const rows = limit === 0 ? [] : this.db.prepare(`
      SELECT k.customer_id AS id, c.name, c.cadence_days, k.last_contact
      ${GOING_COLD}
      ORDER BY k.touch_by, k.customer_id LIMIT ?`)
      .all(today, limit ?? -1) as { id: number; name: string; cadence_days: number; last_contact: string }[];
    const total = limit === undefined || rows.length < limit ? rows.length
      : this.db.prepare(`SELECT count(*) ${GOING_COLD_FROM}`).pluck().get(today) as number;
    return {
      candidates: rows.map((r) => ({ customer: { id: r.id, name: r.name }, cadenceDays: r.cadence_days, lastContact: r.last_contact })),
      total,
    };
  }
}

const GOING_COLD_FROM = `FROM customer_cadence k ${GOING_COLD_WHERE_SQL}`;
const GOING_COLD = `FROM customer_cadence k JOIN customers c ON c.id = k.customer_id ${GOING_COLD_WHERE_SQL}`;
