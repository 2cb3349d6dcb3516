// SQL for deals and their stage history: insert, get, list, move, close, the pipeline's
// aggregates, the closed-deal groups the probabilities learn from, and the report's counts.
import type { Db } from './open-database.js';
import type { LocalDate } from '../domain/local-date.js';
import type { Deal, DealStatus, StageEntry } from '../domain/deal.js';
import type { ClosedDealGroup } from '../domain/deal-probability.js';
import type { StageSum } from '../domain/deal-pipeline.js';
import { NotFoundError } from '../domain/errors.js';

interface DealRow {
  id: number;
  customer_id: number;
  customer_name: string;
  title: string;
  value_cents: number;
  stage: string;
  status: DealStatus;
  expected_close: string | null;
  product: string | null;
  technique: string | null;
  note: string | null;
  created_date: string;
  stage_date: string;
  closed_date: string | null;
  lost_reason: string | null;
  sale_id: number | null;
  external_id: string | null;
}

function dealFromRow(row: DealRow): Deal {
  return {
    id: row.id,
    customer: { id: row.customer_id, name: row.customer_name },
    title: row.title,
    valueCents: row.value_cents,
    stage: row.stage,
    status: row.status,
    expectedCloseDate: row.expected_close,
    product: row.product,
    technique: row.technique,
    note: row.note,
    createdDate: row.created_date,
    stageDate: row.stage_date,
    closedDate: row.closed_date,
    lostReason: row.lost_reason,
    saleId: row.sale_id,
    externalId: row.external_id,
  };
}

export interface NewDeal {
  customerId: number;
  title: string;
  valueCents: number;
  stage: string;
  expectedCloseDate?: LocalDate | null;
  product?: string | null;
  technique?: string | null;
  note?: string | null;
  createdDate: LocalDate;
  /** The day it entered `stage` (its created date unless imported otherwise). */
  stageDate?: LocalDate;
  externalId?: string | null;
}

export type DealPatch = Partial<Pick<NewDeal, 'customerId' | 'title' | 'valueCents' | 'expectedCloseDate' | 'product' | 'technique' | 'note'>>;

export interface DealListFilter {
  status?: DealStatus;
  stage?: string;
  customerId?: number;
  limit?: number;
}

/** Open deals that can add to a goal: its filters, and an expected close on or before its end. */
export interface ForecastDealFilter {
  segment: string | null;
  product: string | null;
  technique: string | null;
  closeOnOrBefore: LocalDate;
}

export interface DealPeriodFigures {
  created: { deals: number; valueCents: number };
  won: { deals: number; valueCents: number; averageDaysToWin: number | null };
  lost: { deals: number; valueCents: number };
}

const SELECT = `SELECT d.id, d.customer_id, c.name AS customer_name, d.title, d.value_cents, d.stage, d.status, d.expected_close, d.product,
                       d.technique, d.note, d.created_date, d.stage_date, d.closed_date, d.lost_reason, d.sale_id, d.external_id
                FROM deals d JOIN customers c ON c.id = d.customer_id`;

/** A deal's stage probability as SQL: one `WHEN ? THEN ?` per stage, bound as stage, probability in order. */
function stageWeightSql(probabilities: readonly { stage: string; probability: number }[]): string {
  return probabilities.length ? `CASE d.stage ${probabilities.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END` : '0';
}

export class DealRepository {
  constructor(private readonly db: Db, private readonly nowIso: () => string) {}

  insert(deal: NewDeal): Deal {
    const now = this.nowIso();
    const stageDate = deal.stageDate ?? deal.createdDate;
    const result = this.db
      .prepare(`INSERT INTO deals (customer_id, title, value_cents, stage, expected_close, product, technique, note, created_date, stage_date, external_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(deal.customerId, deal.title, deal.valueCents, deal.stage, deal.expectedCloseDate ?? null, deal.product ?? null, deal.technique ?? null,
        deal.note ?? null, deal.createdDate, stageDate, deal.externalId ?? null, now, now);
    const id = Number(result.lastInsertRowid);
    this.addHistory(id, deal.stage, stageDate);
    return this.get(id);
  }

  private addHistory(dealId: number, stage: string, date: LocalDate): void {
    this.db.prepare('INSERT INTO deal_stage_history (deal_id, stage, date) VALUES (?, ?, ?)').run(dealId, stage, date);
  }

  get(id: number): Deal {
    const row = this.db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DealRow | undefined;
    if (!row) throw new NotFoundError(`no deal #${id}`, 'List every deal, closed ones too, with: spm deal list --status all');
    return dealFromRow(row);
  }

  history(id: number): StageEntry[] {
    return this.db.prepare('SELECT stage, date FROM deal_stage_history WHERE deal_id = ? ORDER BY date, id').all(id) as StageEntry[];
  }

  private filterClause(filter: DealListFilter): { where: string; params: unknown[] } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.status !== undefined) { conditions.push('d.status = ?'); params.push(filter.status); }
    if (filter.stage !== undefined) { conditions.push('d.stage = ?'); params.push(filter.stage); }
    if (filter.customerId !== undefined) { conditions.push('d.customer_id = ?'); params.push(filter.customerId); }
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }

  /** Soonest expected close first (none last), then the older deal. */
  list(filter: DealListFilter): Deal[] {
    const { where, params } = this.filterClause(filter);
    const limit = filter.limit !== undefined ? `LIMIT ${Number(filter.limit)}` : '';
    const rows = this.db.prepare(`${SELECT} ${where} ORDER BY d.expected_close IS NULL, d.expected_close, d.id ${limit}`).all(...params) as DealRow[];
    return rows.map(dealFromRow);
  }

  count(filter: DealListFilter): number {
    const { where, params } = this.filterClause(filter);
    return this.db.prepare(`SELECT count(*) FROM deals d ${where}`).pluck().get(...params) as number;
  }

  update(id: number, patch: DealPatch): Deal {
    const current = this.get(id);
    const next = { ...current, ...patch };
    this.db.prepare(`UPDATE deals SET customer_id = ?, title = ?, value_cents = ?, expected_close = ?, product = ?, technique = ?, note = ?, updated_at = ? WHERE id = ?`)
      .run(patch.customerId ?? current.customer.id, next.title, next.valueCents, next.expectedCloseDate ?? null, next.product ?? null,
        next.technique ?? null, next.note ?? null, this.nowIso(), id);
    return this.get(id);
  }

  /** Enters `stage` on `date`: a new history entry, even when moving back to an earlier stage. */
  move(id: number, stage: string, date: LocalDate): Deal {
    this.addHistory(id, stage, date);
    this.db.prepare('UPDATE deals SET stage = ?, stage_date = ?, updated_at = ? WHERE id = ?').run(stage, date, this.nowIso(), id);
    return this.get(id);
  }

  close(id: number, status: 'won' | 'lost', date: LocalDate, saleId: number, lostReason: string | null): Deal {
    this.db.prepare('UPDATE deals SET status = ?, closed_date = ?, sale_id = ?, lost_reason = ?, updated_at = ? WHERE id = ?')
      .run(status, date, saleId, lostReason, this.nowIso(), id);
    return this.get(id);
  }

  /** Back to open without a sale (a closed deal whose sale is already gone). */
  reopen(id: number): Deal {
    this.db.prepare("UPDATE deals SET status = 'open', closed_date = NULL, lost_reason = NULL, sale_id = NULL, updated_at = ? WHERE id = ?").run(this.nowIso(), id);
    return this.get(id);
  }

  delete(id: number): void {
    this.get(id);
    this.db.prepare('DELETE FROM deals WHERE id = ?').run(id);
  }

  /** Whether any deal was ever recorded (the report leaves its Pipeline block out otherwise). */
  any(): boolean {
    return this.db.prepare('SELECT 1 FROM deals LIMIT 1').get() !== undefined;
  }

  /** Open deals per stage: count and value, from the partial index over open deals. */
  openStageSums(): StageSum[] {
    return this.db.prepare(`SELECT stage, count(*) AS deals, sum(value_cents) AS valueCents FROM deals INDEXED BY deals_open_stage
                            WHERE status = 'open' GROUP BY stage`).all() as StageSum[];
  }

  /** Open deals in each stage, ids first few, for refusing a stage list that drops them. */
  openDealsInStages(stages: readonly string[]): { stage: string; id: number }[] {
    if (stages.length === 0) return [];
    return this.db.prepare(`SELECT stage, id FROM deals INDEXED BY deals_open_stage WHERE status = 'open' AND stage IN (${stages.map(() => '?').join(',')}) ORDER BY id`)
      .all(...stages) as { stage: string; id: number }[];
  }

  /** Closed deals counted by status and the set of stages their history holds (kept by triggers, schema v16). */
  closedGroups(): ClosedDealGroup[] {
    const rows = this.db.prepare('SELECT status, stages_seen AS seen, count FROM deal_closed_groups').all() as { status: 'won' | 'lost'; seen: string; count: number }[];
    return rows.map((r) => ({ status: r.status, stagesSeen: r.seen === '' ? [] : r.seen.split(','), count: r.count }));
  }

  /**
   * Open deals that entered their stage before `date` (stale) or whose expected close is before
   * it (close passed). With `ranked` the largest weighted value comes first and only `limit` are
   * read: the text view shows a screenful of thousands.
   */
  openBefore(which: 'stale' | 'closeOverdue', date: LocalDate, ranked?: { probabilities: readonly { stage: string; probability: number }[]; limit: number }): Deal[] {
    const column = which === 'stale' ? 'd.stage_date' : 'd.expected_close';
    if (!ranked) return (this.db.prepare(`${SELECT} WHERE d.status = 'open' AND ${column} < ? ORDER BY d.id`).all(date) as DealRow[]).map(dealFromRow);
    return this.rankedOpen(`${column} < ?`, [date], ranked.probabilities, ranked.limit);
  }

  /**
   * Open deals matching `where` (on deals_open_stage's columns only), largest weighted value
   * first (value × its stage's probability), then the older id; the first `limit` (all when
   * undefined). The few kept are joined to their customers after the ranking.
   */
  private rankedOpen(where: string, params: unknown[], probabilities: readonly { stage: string; probability: number }[], limit?: number): Deal[] {
    if (limit === undefined) {
      // Every candidate is read anyway without a limit: one plain query.
      const weight = stageWeightSql(probabilities);
      const rows = this.db.prepare(`${SELECT} WHERE d.status = 'open' AND ${where} ORDER BY d.value_cents * ${weight} DESC, d.id`)
        .all(...params, ...probabilities.flatMap((p) => [p.stage, p.probability])) as DealRow[];
      return rows.map(dealFromRow);
    }
    const ids = this.rankedIds(where, params, probabilities, limit);
    if (ids.length === 0) return [];
    const rows = new Map((this.db.prepare(`${SELECT} WHERE d.id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as DealRow[]).map((r) => [r.id, r]));
    return ids.map((id) => dealFromRow(rows.get(id)!));
  }

  /**
   * The ids of rankedOpen's first `limit`, without weighing every candidate: within one stage
   * the weight falls as the value does, so each stage is read from deals_open_stage largest
   * value first and stops once it has `limit` deals and the next weighs less than the last of
   * them (equal weights go on: their order is by id). Stages weighing nothing (probability 0,
   * or not in the list: stageWeightSql's ELSE 0) come after every other deal, by id, read only
   * when those are too few. Weights are value × probability in doubles, as SQLite computes them.
   */
  private rankedIds(where: string, params: unknown[], probabilities: readonly { stage: string; probability: number }[], limit: number): number[] {
    if (limit <= 0) return [];
    // As CASE: a stage listed twice weighs by its first entry.
    const weightOf = new Map<string, number>();
    for (const p of probabilities) if (!weightOf.has(p.stage)) weightOf.set(p.stage, p.probability);
    const weighted = [...weightOf].filter(([, p]) => p > 0);
    const byValue = this.db.prepare(`SELECT d.id, d.value_cents AS valueCents FROM deals d INDEXED BY deals_open_stage
                                     WHERE d.status = 'open' AND d.stage = ? AND ${where} ORDER BY d.value_cents DESC`);
    const candidates: { id: number; weight: number }[] = [];
    for (const [stage, probability] of weighted) {
      let read = 0;
      let lastKept = Infinity;
      for (const row of byValue.iterate(stage, ...params) as IterableIterator<{ id: number; valueCents: number }>) {
        const weight = row.valueCents * probability;
        if (read >= limit && weight < lastKept) break;
        candidates.push({ id: row.id, weight });
        if (++read === limit) lastKept = weight;
      }
    }
    if (candidates.length < limit) {
      const rest = this.db.prepare(`SELECT d.id FROM deals d WHERE d.status = 'open' AND d.stage NOT IN (${weighted.map(() => '?').join(', ')}) AND ${where}
                                    ORDER BY d.id LIMIT ?`).pluck().all(...weighted.map(([stage]) => stage), ...params, limit - candidates.length) as number[];
      for (const id of rest) candidates.push({ id, weight: 0 });
    }
    return candidates.sort((a, b) => b.weight - a.weight || a.id - b.id).slice(0, limit).map((c) => c.id);
  }

  countOpenBefore(which: 'stale' | 'closeOverdue', date: LocalDate): number {
    const column = which === 'stale' ? 'stage_date' : 'expected_close';
    return this.db.prepare(`SELECT count(*) FROM deals WHERE status = 'open' AND ${column} < ?`).pluck().get(date) as number;
  }

  /**
   * Open deals that are stale (entered their stage before `enteredBefore`) or whose close date
   * is before `today`, largest weighted value first (value × `probability` of its stage), the
   * first `limit` only: the daily view reads a screenful, not every candidate.
   */
  toMove(enteredBefore: LocalDate, today: LocalDate, probabilities: readonly { stage: string; probability: number }[], limit?: number): Deal[] {
    return this.rankedOpen('(d.stage_date < ? OR d.expected_close < ?)', [enteredBefore, today], probabilities, limit);
  }

  countToMove(enteredBefore: LocalDate, today: LocalDate): number {
    return this.db.prepare("SELECT count(*) FROM deals WHERE status = 'open' AND (stage_date < ? OR expected_close < ?)").pluck().get(enteredBefore, today) as number;
  }

  /**
   * The open deals that can count toward a goal, counted by stage and value: a goal list reads
   * thousands of deals as a few groups (one row per distinct value in a stage).
   */
  forecastDeals(filter: ForecastDealFilter): { stage: string; valueCents: number; count: number }[] {
    const conditions = ["d.status = 'open'", 'd.expected_close <= ?'];
    const params: unknown[] = [filter.closeOnOrBefore];
    let join = '';
    if (filter.segment !== null) { join = 'JOIN customers c ON c.id = d.customer_id AND c.segment = ? COLLATE NOCASE'; params.unshift(filter.segment); }
    if (filter.product !== null) { conditions.push('d.product = ? COLLATE NOCASE'); params.push(filter.product); }
    if (filter.technique !== null) { conditions.push('d.technique = ? COLLATE NOCASE'); params.push(filter.technique); }
    // Without filters deals_open_stage holds every column read (schema v19): no deal is looked up.
    const index = conditions.length === 2 && join === '' ? 'deals_open_stage' : 'deals_open_close';
    return this.db.prepare(`SELECT d.stage AS stage, d.value_cents AS valueCents, count(*) AS count FROM deals d INDEXED BY ${index} ${join}
                            WHERE ${conditions.join(' AND ')} GROUP BY d.stage, d.value_cents`).all(...params) as { stage: string; valueCents: number; count: number }[];
  }

  /** Created, won and lost deals in [from, to], with values (a won deal: the amount of its sale). */
  periodFigures(from: LocalDate, to: LocalDate): DealPeriodFigures {
    const created = this.db.prepare('SELECT count(*) AS deals, coalesce(sum(value_cents), 0) AS valueCents FROM deals WHERE created_date BETWEEN ? AND ?')
      .get(from, to) as { deals: number; valueCents: number };
    const closed = this.db.prepare(`SELECT d.status AS status, count(*) AS deals, coalesce(sum(coalesce(s.amount_cents, d.value_cents)), 0) AS valueCents,
                                           avg(julianday(d.closed_date) - julianday(d.created_date)) AS days
                                    FROM deals d INDEXED BY deals_closed LEFT JOIN sales s ON s.id = d.sale_id
                                    WHERE d.closed_date BETWEEN ? AND ? GROUP BY d.status`)
      .all(from, to) as { status: 'won' | 'lost'; deals: number; valueCents: number; days: number | null }[];
    const won = closed.find((r) => r.status === 'won');
    const lost = closed.find((r) => r.status === 'lost');
    return {
      created,
      won: { deals: won?.deals ?? 0, valueCents: won?.valueCents ?? 0, averageDaysToWin: won?.days ?? null },
      lost: { deals: lost?.deals ?? 0, valueCents: lost?.valueCents ?? 0 },
    };
  }

  /**
   * Stage changes in [from, to], each with the stage before it (null for a deal's first entry),
   * so the domain can tell which moved forward under the current stage order.
   */
  stageChanges(from: LocalDate, to: LocalDate): { dealId: number; stage: string; previous: string | null; valueCents: number }[] {
    return this.db.prepare(`SELECT h.deal_id AS dealId, h.stage AS stage, d.value_cents AS valueCents,
                                   (SELECT p.stage FROM deal_stage_history p WHERE p.deal_id = h.deal_id AND (p.date < h.date OR (p.date = h.date AND p.id < h.id))
                                    ORDER BY p.date DESC, p.id DESC LIMIT 1) AS previous
                            FROM deal_stage_history h INDEXED BY deal_stage_history_date JOIN deals d ON d.id = h.deal_id
                            WHERE h.date BETWEEN ? AND ?`).all(from, to) as { dealId: number; stage: string; previous: string | null; valueCents: number }[];
  }
}
