// SQL for check-ins: insert, get, filtered lists (newest first).
import type { Db } from './open-database.js';
import type { Checkin, CheckinChannel } from '../domain/records.js';
import type { LocalDate } from '../domain/local-date.js';
import { NotFoundError } from '../domain/errors.js';

interface CheckinRow {
  id: number;
  date: string;
  customer_id: number;
  customer_name: string;
  channel: CheckinChannel;
  satisfaction: number | null;
  note: string | null;
}

function checkinFromRow(row: CheckinRow): Checkin {
  return {
    id: row.id,
    date: row.date,
    customer: { id: row.customer_id, name: row.customer_name },
    channel: row.channel,
    satisfaction: row.satisfaction,
    note: row.note,
  };
}

export interface NewCheckin {
  date: LocalDate;
  customerId: number;
  channel: CheckinChannel;
  satisfaction?: number | null;
  note?: string | null;
  externalId?: string | null;
}

export interface CheckinListFilter {
  from?: LocalDate;
  to?: LocalDate;
  customerId?: number;
  limit?: number;
}

const SELECT = `SELECT k.id, k.date, k.customer_id, c.name AS customer_name, k.channel, k.satisfaction, k.note
                FROM checkins k JOIN customers c ON c.id = k.customer_id`;

export class CheckinRepository {
  constructor(private readonly db: Db, private readonly nowIso: () => string) {}

  insert(checkin: NewCheckin): Checkin {
    const result = this.db
      .prepare('INSERT INTO checkins (date, customer_id, channel, satisfaction, note, external_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(checkin.date, checkin.customerId, checkin.channel, checkin.satisfaction ?? null, checkin.note ?? null, checkin.externalId ?? null, this.nowIso());
    return this.get(Number(result.lastInsertRowid));
  }

  get(id: number): Checkin {
    const row = this.db.prepare(`${SELECT} WHERE k.id = ?`).get(id) as CheckinRow | undefined;
    if (!row) throw new NotFoundError(`no check-in #${id}`, 'List check-ins with: spm checkin list');
    return checkinFromRow(row);
  }

  /** Corrects a check-in: any field given replaces it (null clears satisfaction or note). */
  update(id: number, patch: { date?: LocalDate; customerId?: number; channel?: CheckinChannel; satisfaction?: number | null; note?: string | null }): Checkin {
    const current = this.get(id);
    this.db.prepare('UPDATE checkins SET date = ?, customer_id = ?, channel = ?, satisfaction = ?, note = ? WHERE id = ?')
      .run(patch.date ?? current.date, patch.customerId ?? current.customer.id, patch.channel ?? current.channel,
        patch.satisfaction !== undefined ? patch.satisfaction : current.satisfaction, patch.note !== undefined ? patch.note : current.note, id);
    return this.get(id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM checkins WHERE id = ?').run(id);
  }

  private filterClause(filter: CheckinListFilter): { where: string; params: unknown[] } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.from !== undefined) { conditions.push('k.date >= ?'); params.push(filter.from); }
    if (filter.to !== undefined) { conditions.push('k.date <= ?'); params.push(filter.to); }
    if (filter.customerId !== undefined) { conditions.push('k.customer_id = ?'); params.push(filter.customerId); }
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }

  /** Newest first (date, then id). */
  list(filter: CheckinListFilter): Checkin[] {
    return [...this.iterate(filter)];
  }

  /** The same rows as list(), one at a time as SQLite steps (see SaleRepository.iterate). */
  *iterate(filter: CheckinListFilter): Generator<Checkin> {
    const { where, params } = this.filterClause(filter);
    const limit = filter.limit !== undefined ? 'LIMIT ?' : '';
    const rows = this.db.prepare(`${SELECT} ${where} ORDER BY k.date DESC, k.id DESC ${limit}`)
      .iterate(...params, ...(filter.limit !== undefined ? [filter.limit] : [])) as IterableIterator<CheckinRow>;
    for (const row of rows) yield checkinFromRow(row);
  }

  count(filter: CheckinListFilter): number {
    const { where, params } = this.filterClause(filter);
    return this.db.prepare(`SELECT count(*) FROM checkins k ${where}`).pluck().get(...params) as number;
  }
}
