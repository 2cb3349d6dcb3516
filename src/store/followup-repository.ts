// SQL for follow-ups: insert, get, lists, completing, snoozing, cancelling; and the cadence
// candidates for "going cold", computed with per-customer index seeks only.
import type { Db } from './open-database.js';
import type { Followup, FollowupSource, FollowupStatus } from '../domain/records.js';
import type { LocalDate } from '../domain/local-date.js';
import type { CadenceCandidate } from '../domain/rules/going-cold.js';
import { GOING_COLD_WHERE_SQL } from '../domain/rules/going-cold.sql.js';
import { NotFoundError } from '../domain/errors.js';

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
}

function followupFromRow(row: FollowupRow): Followup {
  return {
    id: row.id,
    customer: { id: row.customer_id, name: row.customer_name },
    dueDate: row.due_date,
    reason: row.reason,
    source: row.source,
    status: row.status,
    saleId: row.sale_id,
    concernId: row.concern_id,
    doneDate: row.done_date,
    note: row.note,
  };
}

export interface NewFollowup {
  customerId: number;
  dueDate: LocalDate;
  reason?: string | null;
  source: FollowupSource;
  saleId?: number | null;
  concernId?: number | null;
}

export interface FollowupListFilter {
  status?: FollowupStatus;
  customerId?: number;
  limit?: number;
}

const SELECT = `SELECT f.id, f.customer_id, c.name AS customer_name, f.due_date, f.reason, f.source, f.status, f.sale_id, f.concern_id, f.done_date, f.note
                FROM followups f JOIN customers c ON c.id = f.customer_id`;

export class FollowupRepository {
  constructor(private readonly db: Db, private readonly nowIso: () => string) {}

  insert(followup: NewFollowup): Followup {
    const now = this.nowIso();
    const result = this.db
      .prepare(`INSERT INTO followups (customer_id, due_date, reason, source, sale_id, concern_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(followup.customerId, followup.dueDate, followup.reason ?? null, followup.source, followup.saleId ?? null, followup.concernId ?? null, now, now);
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
    const rows = this.db.prepare(`
      SELECT f.id, f.customer_id, c.name AS customer_name, f.due_date, f.reason, f.source, 'open' AS status, f.sale_id, f.concern_id,
             NULL AS done_date, f.note
      FROM followups f INDEXED BY followups_open_due JOIN customers c INDEXED BY customers_ref ON c.id = f.customer_id
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
   * Reads customer_cadence (v8) in index order and stops at `limit`, so the cost grows with the
   * customers shown, and the count with the customers going cold, not with the history. The
   * rule and its SQL: src/domain/rules/going-cold.ts and going-cold.sql.ts.
   */
  goingColdCandidates(today: LocalDate, limit?: number): { candidates: CadenceCandidate[]; total: number } {
    const rows = this.db.prepare(`
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
