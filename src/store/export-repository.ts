// SQL for export and restore. One table of column specs drives both directions, so what
// `export json` writes is exactly what `import json` reads back (ids, dates, amounts, stamps).
import type { Db } from './open-database.js';
import { FollowupRepository } from './followup-repository.js';

/** How a column is shown in JSON: as is, cents or x100 as units, 0/1 as boolean, JSON text as a value. */
export type Kind = 'int' | 'text' | 'units' | 'bool' | 'json';

export interface TableSpec {
  table: string;
  /** The array's key in the export document. */
  key: string;
  columns: readonly (readonly [column: string, jsonKey: string, kind: Kind])[];
  /** The table has a `name_key` (unique lower-cased name) derived from `name` on restore. */
  nameKey?: boolean;
}

/** In restore order: parents before children. */
export const EXPORT_TABLES: readonly TableSpec[] = [
  { table: 'customers', key: 'customers', nameKey: true, columns: [
    ['id', 'id', 'int'], ['name', 'name', 'text'], ['company', 'company', 'text'], ['email', 'email', 'text'], ['phone', 'phone', 'text'],
    ['segment', 'segment', 'text'], ['tags', 'tags', 'json'], ['notes', 'notes', 'text'], ['cadence_days', 'cadenceDays', 'int'],
    ['archived', 'archived', 'bool'], ['added_date', 'addedDate', 'text'], ['created_at', 'createdAt', 'text'], ['updated_at', 'updatedAt', 'text'],
  ] },
  { table: 'sales', key: 'sales', columns: [
    ['id', 'id', 'int'], ['date', 'date', 'text'], ['customer_id', 'customerId', 'int'], ['amount_cents', 'amount', 'units'], ['outcome', 'outcome', 'text'],
    ['reason', 'reason', 'text'], ['technique', 'technique', 'text'], ['product', 'product', 'text'], ['quantity', 'quantity', 'int'], ['note', 'note', 'text'],
    ['external_id', 'externalId', 'text'], ['created_at', 'createdAt', 'text'], ['updated_at', 'updatedAt', 'text'],
  ] },
  { table: 'checkins', key: 'checkins', columns: [
    ['id', 'id', 'int'], ['date', 'date', 'text'], ['customer_id', 'customerId', 'int'], ['channel', 'channel', 'text'], ['satisfaction', 'satisfaction', 'int'],
    ['note', 'note', 'text'], ['external_id', 'externalId', 'text'], ['created_at', 'createdAt', 'text'],
  ] },
  { table: 'concerns', key: 'concerns', columns: [
    ['id', 'id', 'int'], ['customer_id', 'customerId', 'int'], ['opened_date', 'opened', 'text'], ['summary', 'summary', 'text'], ['severity', 'severity', 'text'],
    ['status', 'status', 'text'], ['resolved_date', 'resolved', 'text'], ['resolution', 'resolution', 'text'], ['created_at', 'createdAt', 'text'], ['updated_at', 'updatedAt', 'text'],
  ] },
  { table: 'goals', key: 'goals', nameKey: true, columns: [
    ['id', 'id', 'int'], ['name', 'name', 'text'], ['metric', 'metric', 'text'], ['target_x100', 'target', 'units'], ['period', 'period', 'text'],
    ['from_date', 'from', 'text'], ['to_date', 'to', 'text'], ['recurring', 'recurring', 'bool'], ['segment', 'segment', 'text'], ['product', 'product', 'text'],
    ['technique', 'technique', 'text'], ['archived', 'archived', 'bool'], ['created_at', 'createdAt', 'text'], ['updated_at', 'updatedAt', 'text'],
  ] },
  { table: 'goal_milestones', key: 'goalMilestones', columns: [['id', 'id', 'int'], ['goal_id', 'goalId', 'int'], ['date', 'date', 'text'], ['value_x100', 'value', 'units']] },
  { table: 'goal_logs', key: 'goalLogs', columns: [
    ['id', 'id', 'int'], ['goal_id', 'goalId', 'int'], ['date', 'date', 'text'], ['amount_x100', 'amount', 'units'], ['note', 'note', 'text'], ['created_at', 'createdAt', 'text'],
  ] },
  // stages_seen is derived: the history's insert trigger rebuilds it on restore.
  { table: 'deals', key: 'deals', columns: [
    ['id', 'id', 'int'], ['customer_id', 'customerId', 'int'], ['title', 'title', 'text'], ['value_cents', 'value', 'units'], ['stage', 'stage', 'text'],
    ['status', 'status', 'text'], ['expected_close', 'expectedClose', 'text'], ['product', 'product', 'text'], ['technique', 'technique', 'text'],
    ['note', 'note', 'text'], ['created_date', 'created', 'text'], ['stage_date', 'stageEntered', 'text'], ['closed_date', 'closed', 'text'],
    ['lost_reason', 'lostReason', 'text'], ['sale_id', 'saleId', 'int'], ['external_id', 'externalId', 'text'], ['created_at', 'createdAt', 'text'], ['updated_at', 'updatedAt', 'text'],
  ] },
  { table: 'deal_stage_history', key: 'dealStageHistory', columns: [['id', 'id', 'int'], ['deal_id', 'dealId', 'int'], ['stage', 'stage', 'text'], ['date', 'date', 'text']] },
  // After deals: a follow-up may belong to one.
  { table: 'followups', key: 'followups', columns: [
    ['id', 'id', 'int'], ['customer_id', 'customerId', 'int'], ['due_date', 'due', 'text'], ['reason', 'reason', 'text'], ['source', 'source', 'text'],
    ['status', 'status', 'text'], ['sale_id', 'saleId', 'int'], ['concern_id', 'concernId', 'int'], ['done_date', 'doneDate', 'text'], ['note', 'note', 'text'],
    ['created_at', 'createdAt', 'text'], ['updated_at', 'updatedAt', 'text'], ['checkin_id', 'checkinId', 'int'],
    ['deal_id', 'dealId', 'int'],
  ] },
];

export type ExportRecord = Record<string, unknown>;

function toJsonValue(value: unknown, kind: Kind): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'units': return (value as number) / 100;
    case 'bool': return value === 1;
    case 'json': return JSON.parse(value as string);
    default: return value;
  }
}

export class ExportRepository {
  constructor(private readonly db: Db) {}

  /** Rows of one table in id order, as export records, one at a time (flat memory). */
  *records(spec: TableSpec): Generator<ExportRecord> {
    const statement = this.db.prepare(`SELECT ${spec.columns.map((c) => c[0]).join(', ')} FROM ${spec.table} ORDER BY id`).raw();
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      const record: ExportRecord = {};
      for (let i = 0; i < spec.columns.length; i++) record[spec.columns[i][1]] = toJsonValue(row[i], spec.columns[i][2]);
      yield record;
    }
  }

  settings(): Record<string, string> {
    const rows = this.db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /**
   * Open follow-ups with their customers' names, by due date, for the calendar export; reasons
   * drawn from the linked sale or concern as they are now.
   */
  openFollowups(): { id: number; due: string; reason: string | null; source: string; customer: string }[] {
    return new FollowupRepository(this.db, () => '').list({ status: 'open' })
      .map((f) => ({ id: f.id, due: f.dueDate, reason: f.reason, source: f.source, customer: f.customer.name }));
  }

  /** The database's own random id (schema v10), which calendar UIDs carry. */
  databaseId(): string {
    return (this.db.prepare("SELECT value FROM spm_meta WHERE key = 'database-id'").pluck().get() as string | undefined) ?? 'spm';
  }

  /** Rows for a CSV export, one at a time, with customer names joined in. */
  csvRows(entity: CsvEntity): { header: string[]; text: boolean[]; rows: Iterable<unknown[]> } {
    const spec = CSV_EXPORTS[entity];
    return { header: spec.header, text: spec.text, rows: this.db.prepare(spec.sql).raw().iterate() as Iterable<unknown[]> };
  }
}

export const CSV_ENTITIES = ['sales', 'customers', 'checkins', 'followups', 'concerns', 'goals', 'deals'] as const;
export type CsvEntity = (typeof CSV_ENTITIES)[number];

/**
 * CSV columns per entity; headers of sales, customers and check-ins are import field names, so
 * an export imports again. `text` marks the cells the formula guard applies to.
 */
const CSV_EXPORTS: Record<CsvEntity, { header: string[]; text: boolean[]; sql: string }> = {
  sales: {
    header: ['id', 'date', 'customer', 'amount', 'outcome', 'reason', 'technique', 'product', 'quantity', 'note', 'external-id'],
    text: [false, false, true, false, false, true, true, true, false, true, true],
    sql: `SELECT s.id, s.date, c.name, printf('%.2f', s.amount_cents / 100.0), s.outcome, s.reason, s.technique, s.product, s.quantity, s.note, s.external_id
          FROM sales s JOIN customers c ON c.id = s.customer_id ORDER BY s.date, s.id`,
  },
  customers: {
    header: ['id', 'customer', 'company', 'email', 'phone', 'segment', 'tags', 'notes', 'cadence-days', 'archived', 'added'],
    text: [false, true, true, true, true, true, true, true, false, false, false],
    sql: `SELECT id, name, company, email, phone, segment, (SELECT group_concat(value, ', ') FROM json_each(tags)), notes, cadence_days,
          CASE archived WHEN 1 THEN 'yes' ELSE 'no' END, added_date FROM customers ORDER BY id`,
  },
  checkins: {
    header: ['id', 'date', 'customer', 'channel', 'satisfaction', 'note', 'external-id'],
    text: [false, false, true, false, false, true, true],
    sql: `SELECT k.id, k.date, c.name, k.channel, k.satisfaction, k.note, k.external_id FROM checkins k JOIN customers c ON c.id = k.customer_id ORDER BY k.date, k.id`,
  },
  followups: {
    header: ['id', 'customer', 'due', 'reason', 'source', 'status', 'sale-id', 'concern-id', 'done', 'note', 'deal-id'],
    text: [false, true, false, true, false, false, false, false, false, true, false],
    sql: `SELECT f.id, c.name, f.due_date, f.reason, f.source, f.status, f.sale_id, f.concern_id, f.done_date, f.note, f.deal_id
          FROM followups f JOIN customers c ON c.id = f.customer_id ORDER BY f.due_date, f.id`,
  },
  concerns: {
    header: ['id', 'customer', 'opened', 'summary', 'severity', 'status', 'resolved', 'resolution'],
    text: [false, true, false, true, false, false, false, true],
    sql: `SELECT k.id, c.name, k.opened_date, k.summary, k.severity, k.status, k.resolved_date, k.resolution
          FROM concerns k JOIN customers c ON c.id = k.customer_id ORDER BY k.opened_date, k.id`,
  },
  goals: {
    header: ['id', 'name', 'metric', 'target', 'period', 'from', 'to', 'recurring', 'segment', 'product', 'technique', 'archived'],
    text: [false, true, false, false, false, false, false, false, true, true, true, false],
    sql: `SELECT id, name, metric, target_x100 / 100.0, period, from_date, to_date, CASE recurring WHEN 1 THEN 'yes' ELSE 'no' END,
          segment, product, technique, CASE archived WHEN 1 THEN 'yes' ELSE 'no' END FROM goals ORDER BY id`,
  },
  deals: {
    header: ['id', 'title', 'customer', 'value', 'stage', 'status', 'expected-close', 'created-date', 'stage-date', 'closed-date', 'lost-reason', 'product', 'technique', 'note', 'sale-id', 'external-id'],
    text: [false, true, true, false, true, false, false, false, false, false, true, true, true, true, false, true],
    sql: `SELECT d.id, d.title, c.name, printf('%.2f', d.value_cents / 100.0), d.stage, d.status, d.expected_close, d.created_date, d.stage_date,
          d.closed_date, d.lost_reason, d.product, d.technique, d.note, d.sale_id, d.external_id
          FROM deals d JOIN customers c ON c.id = d.customer_id ORDER BY d.id`,
  },
};
