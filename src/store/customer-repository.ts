// SQL for customers: insert, find, resolve what a user typed, list, update, remove.
import type { Db } from './open-database.js';
import type { Customer } from '../domain/records.js';
import type { LocalDate } from '../domain/local-date.js';
import { InputError, NotFoundError } from '../domain/errors.js';
import { nameKey, sanitizeLine } from '../domain/text.js';
import { resolveNamedRow } from './resolve-name.js';
import { lastContactSql } from '../domain/rules/last-contact.sql.js';

interface CustomerRow {
  id: number;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  segment: string | null;
  tags: string;
  notes: string | null;
  cadence_days: number | null;
  archived: number;
  added_date: string;
}

export function customerFromRow(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    email: row.email,
    phone: row.phone,
    segment: row.segment,
    tags: JSON.parse(row.tags) as string[],
    notes: row.notes,
    cadenceDays: row.cadence_days,
    archived: row.archived === 1,
    addedDate: row.added_date,
  };
}

export interface NewCustomer {
  name: string;
  company?: string | null;
  email?: string | null;
  phone?: string | null;
  segment?: string | null;
  tags?: string[];
  notes?: string | null;
  cadenceDays?: number | null;
  addedDate: LocalDate;
}

export type CustomerPatch = Partial<Omit<NewCustomer, 'addedDate'>> & { archived?: boolean };

export interface CustomerListFilter {
  segment?: string;
  search?: string;
  includeArchived: boolean;
  /** undefined = no limit */
  limit?: number;
}

export interface CustomerListItem extends Customer {
  /** Latest sale or check-in day, else the day added. */
  lastContact: LocalDate;
  lifetimeValueCents: number;
}

export interface CustomerStats {
  lifetimeValueCents: number;
  firstSale: LocalDate | null;
  lastSale: LocalDate | null;
  lastCheckin: LocalDate | null;
  averageSatisfaction: number | null;
}

const COLUMNS = 'id, name, company, email, phone, segment, tags, notes, cadence_days, archived, added_date';

export class CustomerRepository {
  constructor(private readonly db: Db, private readonly nowIso: () => string) {}

  insert(customer: NewCustomer): Customer {
    this.assertNameFree(customer.name);
    const now = this.nowIso();
    const result = this.db
      .prepare(`INSERT INTO customers (name, name_key, company, email, phone, segment, tags, notes, cadence_days, added_date, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(customer.name.trim(), nameKey(customer.name), customer.company ?? null, customer.email ?? null, customer.phone ?? null,
        this.canonicalSegment(customer.segment ?? null), JSON.stringify(customer.tags ?? []), customer.notes ?? null, customer.cadenceDays ?? null,
        customer.addedDate, now, now);
    return this.get(Number(result.lastInsertRowid));
  }

  /**
   * The spelling of a segment already in use (case-insensitive), else this one: "SMB" and "smb"
   * are one segment in lists, filters and reports, as techniques and products are.
   */
  private canonicalSegment(segment: string | null, exceptId = -1): string | null {
    if (segment === null) return null;
    return (this.db.prepare('SELECT segment FROM customers WHERE segment = ? COLLATE NOCASE AND id <> ? LIMIT 1').pluck().get(segment, exceptId) as string | undefined) ?? segment;
  }

  /** The segments in use, most customers first. */
  segmentsInUse(limit = 500): string[] {
    return this.db.prepare('SELECT segment FROM customers WHERE segment IS NOT NULL GROUP BY segment COLLATE NOCASE ORDER BY count(*) DESC, segment LIMIT ?').pluck().all(limit) as string[];
  }

  private assertNameFree(name: string, exceptId?: number): void {
    const existing = this.findByName(name);
    if (existing && existing.id !== exceptId) {
      throw new InputError(`a customer named ${JSON.stringify(sanitizeLine(existing.name))} already exists (#${existing.id})`, 'Names are unique regardless of case; pick another or edit the existing one.');
    }
  }

  get(id: number): Customer {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM customers WHERE id = ?`).get(id) as CustomerRow | undefined;
    if (!row) throw new NotFoundError(`no customer #${id}`, 'List customers with: spm customer list');
    return customerFromRow(row);
  }

  findByName(name: string): Customer | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM customers WHERE name_key = ?`).get(nameKey(name)) as CustomerRow | undefined;
    return row && customerFromRow(row);
  }

  /**
   * Resolves `12`, `#12`, an exact name in any case, or a unique name prefix. Ambiguous and
   * unknown references throw NotFoundError (exit 2) with candidates or the closest names.
   */
  resolve(text: string): Customer {
    return customerFromRow(resolveNamedRow<CustomerRow>(this.db, {
      table: 'customers',
      columns: COLUMNS,
      what: 'customer',
      listHint: 'List customers with: spm customer list',
      exampleId: 12,
      unknownHint: (name) => `Add it with: spm customer add ${JSON.stringify(name)}   (or pass --create to sale add)`,
    }, text));
  }

  private filterClause(filter: Omit<CustomerListFilter, 'limit'>): { where: string; params: unknown[] } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (!filter.includeArchived) conditions.push('c.archived = 0');
    if (filter.segment !== undefined) {
      conditions.push('c.segment = ? COLLATE NOCASE');
      params.push(filter.segment);
    }
    if (filter.search !== undefined) {
      // instr() on lower-cased text: no LIKE wildcards from user text to escape.
      conditions.push(`(instr(c.name_key, ?) > 0 OR instr(lower(coalesce(c.company, '')), ?) > 0 OR instr(lower(coalesce(c.email, '')), ?) > 0 OR instr(lower(c.tags), ?) > 0)`);
      const key = nameKey(filter.search);
      params.push(key, key, key, key);
    }
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }

  /** Newest first; last contact and lifetime value are computed for the listed rows only. */
  list(filter: CustomerListFilter): CustomerListItem[] {
    const { where, params } = this.filterClause(filter);
    const sql = `
      SELECT ${COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')},
        ${lastContactSql('(SELECT l.last_date FROM customer_last_contact l WHERE l.customer_id = c.id)', 'c.added_date')} AS last_contact,
        coalesce((SELECT sum(s.amount_cents) FROM sales s WHERE s.customer_id = c.id AND s.outcome = 'won'), 0) AS lifetime_cents
      FROM customers c ${where}
      ORDER BY c.id DESC
      ${filter.limit !== undefined ? 'LIMIT ?' : ''}`;
    const rows = this.db.prepare(sql).all(...params, ...(filter.limit !== undefined ? [filter.limit] : [])) as (CustomerRow & { last_contact: string; lifetime_cents: number })[];
    return rows.map((row) => ({ ...customerFromRow(row), lastContact: row.last_contact, lifetimeValueCents: row.lifetime_cents }));
  }

  count(filter: Omit<CustomerListFilter, 'limit'>): number {
    const { where, params } = this.filterClause(filter);
    return this.db.prepare(`SELECT count(*) FROM customers c ${where}`).pluck().get(...params) as number;
  }

  stats(customerId: number): CustomerStats {
    const sales = this.db.prepare(`
      SELECT coalesce(sum(CASE WHEN outcome = 'won' THEN amount_cents END), 0) AS lifetime,
             min(CASE WHEN outcome = 'won' THEN date END) AS first_sale,
             max(date) AS last_sale
      FROM sales WHERE customer_id = ?`).get(customerId) as { lifetime: number; first_sale: string | null; last_sale: string | null };
    const checkins = this.db.prepare(`
      SELECT max(date) AS last_checkin, avg(satisfaction) AS average_satisfaction
      FROM checkins WHERE customer_id = ?`).get(customerId) as { last_checkin: string | null; average_satisfaction: number | null };
    return {
      lifetimeValueCents: sales.lifetime,
      firstSale: sales.first_sale,
      lastSale: sales.last_sale,
      lastCheckin: checkins.last_checkin,
      averageSatisfaction: checkins.average_satisfaction,
    };
  }

  update(id: number, patch: CustomerPatch): Customer {
    const current = this.get(id);
    if (patch.name !== undefined) this.assertNameFree(patch.name, id);
    const next = { ...current, ...patch };
    this.db.prepare(`UPDATE customers SET name = ?, name_key = ?, company = ?, email = ?, phone = ?, segment = ?, tags = ?, notes = ?,
                     cadence_days = ?, archived = ?, updated_at = ? WHERE id = ?`)
      .run(next.name.trim(), nameKey(next.name), next.company ?? null, next.email ?? null, next.phone ?? null,
        patch.segment !== undefined ? this.canonicalSegment(patch.segment, id) : current.segment ?? null,
        JSON.stringify(next.tags ?? []), next.notes ?? null, next.cadenceDays ?? null, next.archived ? 1 : 0, this.nowIso(), id);
    return this.get(id);
  }

  /** How many records of each kind refer to the customer (a customer with any cannot be removed). */
  references(id: number): { sales: number; checkins: number; followups: number; concerns: number } {
    return this.db.prepare(`
      SELECT (SELECT count(*) FROM sales WHERE customer_id = ?) AS sales,
             (SELECT count(*) FROM checkins WHERE customer_id = ?) AS checkins,
             (SELECT count(*) FROM followups WHERE customer_id = ?) AS followups,
             (SELECT count(*) FROM concerns WHERE customer_id = ?) AS concerns`).get(id, id, id, id) as { sales: number; checkins: number; followups: number; concerns: number };
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM customers WHERE id = ?').run(id);
  }
}
