// SQL for concerns (complaints): insert, get, resolve, lists.
import type { Db } from './open-database.js';
import type { Concern, ConcernSeverity } from '../domain/records.js';
import type { LocalDate } from '../domain/local-date.js';
import { NotFoundError } from '../domain/errors.js';

interface ConcernRow {
  id: number;
  customer_id: number;
  customer_name: string;
  opened_date: string;
  summary: string;
  severity: ConcernSeverity;
  status: 'open' | 'resolved';
  resolved_date: string | null;
  resolution: string | null;
}

function concernFromRow(row: ConcernRow): Concern {
  return {
    id: row.id,
    customer: { id: row.customer_id, name: row.customer_name },
    openedDate: row.opened_date,
    summary: row.summary,
    severity: row.severity,
    status: row.status,
    resolvedDate: row.resolved_date,
    resolution: row.resolution,
  };
}

export interface NewConcern {
  customerId: number;
  openedDate: LocalDate;
  summary: string;
  severity: ConcernSeverity;
}

export interface ConcernListFilter {
  /** Only open concerns (oldest first); otherwise every concern, newest first. */
  openOnly: boolean;
  customerId?: number;
  /** Leave out concerns of archived customers. */
  activeCustomersOnly?: boolean;
  limit?: number;
}

/**
 * The customer's name and archived flag from customers_ref (v3), not the customers table: the
 * daily view has read that index's pages already for its follow-ups, and a table row per concern
 * is a page of its own (the dashboard's count of open concerns on the bench database: ~0.37 ->
 * ~0.22 ms on a first read).
 */
const CUSTOMER_JOIN = 'JOIN customers c INDEXED BY customers_ref ON c.id = n.customer_id';

const SELECT = `SELECT n.id, n.customer_id, c.name AS customer_name, n.opened_date, n.summary, n.severity, n.status, n.resolved_date, n.resolution
                FROM concerns n ${CUSTOMER_JOIN}`;

export class ConcernRepository {
  constructor(private readonly db: Db, private readonly nowIso: () => string) {}

  insert(concern: NewConcern): Concern {
    const now = this.nowIso();
    const result = this.db
      .prepare('INSERT INTO concerns (customer_id, opened_date, summary, severity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(concern.customerId, concern.openedDate, concern.summary, concern.severity, now, now);
    return this.get(Number(result.lastInsertRowid));
  }

  get(id: number): Concern {
    const row = this.db.prepare(`${SELECT} WHERE n.id = ?`).get(id) as ConcernRow | undefined;
    if (!row) throw new NotFoundError(`no concern #${id}`, 'List open concerns with: spm concern list');
    return concernFromRow(row);
  }

  resolve(id: number, resolvedDate: LocalDate, resolution: string | null): Concern {
    this.db.prepare("UPDATE concerns SET status = 'resolved', resolved_date = ?, resolution = ?, updated_at = ? WHERE id = ?")
      .run(resolvedDate, resolution, this.nowIso(), id);
    return this.get(id);
  }

  /** Corrects a concern: any field given replaces it. */
  update(id: number, patch: { summary?: string; severity?: Concern['severity']; openedDate?: LocalDate }): Concern {
    const current = this.get(id);
    this.db.prepare('UPDATE concerns SET summary = ?, severity = ?, opened_date = ?, updated_at = ? WHERE id = ?')
      .run(patch.summary ?? current.summary, patch.severity ?? current.severity, patch.openedDate ?? current.openedDate, this.nowIso(), id);
    return this.get(id);
  }

  /** Open again: no resolution, no resolved date. */
  reopen(id: number): Concern {
    this.db.prepare("UPDATE concerns SET status = 'open', resolved_date = NULL, resolution = NULL, updated_at = ? WHERE id = ?").run(this.nowIso(), id);
    return this.get(id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM concerns WHERE id = ?').run(id);
  }

  private filterClause(filter: ConcernListFilter): { where: string; params: unknown[] } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.openOnly) conditions.push("n.status = 'open'");
    if (filter.customerId !== undefined) { conditions.push('n.customer_id = ?'); params.push(filter.customerId); }
    if (filter.activeCustomersOnly) conditions.push('c.archived = 0');
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }

  list(filter: ConcernListFilter): Concern[] {
    if (filter.limit === 0) return [];
    const { where, params } = this.filterClause(filter);
    const order = filter.openOnly ? 'n.opened_date, n.id' : "n.status = 'open' DESC, n.opened_date DESC, n.id DESC";
    const limit = filter.limit !== undefined ? 'LIMIT ?' : '';
    const rows = this.db.prepare(`${SELECT} ${where} ORDER BY ${order} ${limit}`)
      .all(...params, ...(filter.limit !== undefined ? [filter.limit] : [])) as ConcernRow[];
    return rows.map(concernFromRow);
  }

  count(filter: ConcernListFilter): number {
    const { where, params } = this.filterClause(filter);
    return this.db.prepare(`SELECT count(*) FROM concerns n ${CUSTOMER_JOIN} ${where}`).pluck().get(...params) as number;
  }
}
