// SQL for goals, their milestones and logs, and each goal's per-day facts by aggregate queries
// over date ranges (the day totals, or the sales_date and checkins_date indexes), never by loading sales.
import type { Db } from './open-database.js';
import { StatementCache } from './statement-cache.js';
import type { LocalDate } from '../domain/local-date.js';
import type { DateRange, PeriodKind } from '../domain/period.js';
import type { DailyFact, Goal, GoalMetric, Milestone } from '../domain/goal-pace.js';
import { InputError, NotFoundError } from '../domain/errors.js';
import { nameKey, sanitizeLine } from '../domain/text.js';
import { resolveNamedRow } from './resolve-name.js';
import { dayTotalsAggregateSql } from '../domain/rules/day-totals.sql.js';
import { isNewSql } from '../domain/rules/new-or-repeat.sql.js';

interface GoalRow {
  id: number;
  name: string;
  metric: GoalMetric;
  target_x100: number;
  period: PeriodKind | null;
  from_date: string;
  to_date: string;
  recurring: number;
  segment: string | null;
  product: string | null;
  technique: string | null;
  archived: number;
}

/** A goal to insert: everything but the id and the archived flag. */
export type NewGoal = Omit<Goal, 'id' | 'archived'>;

export type GoalPatch = Partial<NewGoal> & { archived?: boolean };

export interface GoalLog {
  id: number;
  goal: { id: number; name: string };
  date: LocalDate;
  amount: number;
  note: string | null;
}

/** Metric values are stored ×100 as integers: cents for money, hundredths otherwise. */
const toX100 = (value: number) => Math.round(value * 100);
const COLUMNS = 'id, name, metric, target_x100, period, from_date, to_date, recurring, segment, product, technique, archived';

/** A logged entry with its goal's name (insertLog, logs, getLog). */
const LOG_SELECT = `SELECT l.id, l.date, l.amount_x100, l.note, g.id AS goal_id, g.name AS goal_name
                    FROM goal_logs l JOIN goals g ON g.id = l.goal_id`;

interface LogRow { id: number; date: string; amount_x100: number; note: string | null; goal_id: number; goal_name: string }

function logFromRow(row: LogRow): GoalLog {
  return { id: row.id, goal: { id: row.goal_id, name: row.goal_name }, date: row.date, amount: row.amount_x100 / 100, note: row.note };
}

export class GoalRepository {
  /** The facts' statements: goals over different ranges run the same few (a goal list's three timelines). */
  private readonly factStatements: StatementCache;

  constructor(private readonly db: Db, private readonly nowIso: () => string) {
    this.factStatements = new StatementCache(db);
  }

  private fromRow(row: GoalRow, milestoneRows?: readonly MilestoneRow[]): Goal {
    const milestones = (milestoneRows ?? this.db.prepare('SELECT goal_id, date, value_x100 FROM goal_milestones WHERE goal_id = ? ORDER BY date').all(row.id) as MilestoneRow[])
      .map((m) => ({ date: m.date, value: m.value_x100 / 100 }));
    return {
      id: row.id,
      name: row.name,
      metric: row.metric,
      target: row.target_x100 / 100,
      period: row.period,
      from: row.from_date,
      to: row.to_date,
      recurring: row.recurring === 1,
      segment: row.segment,
      product: row.product,
      technique: row.technique,
      archived: row.archived === 1,
      milestones,
    };
  }

  insert(goal: NewGoal): Goal {
    this.assertNameFree(goal.name);
    const now = this.nowIso();
    const result = this.db.prepare(`INSERT INTO goals (name, name_key, metric, target_x100, period, from_date, to_date, recurring, segment, product, technique, created_at, updated_at)
                                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(goal.name.trim(), nameKey(goal.name), goal.metric, toX100(goal.target), goal.period, goal.from, goal.to, goal.recurring ? 1 : 0,
        goal.segment, goal.product, goal.technique, now, now);
    const id = Number(result.lastInsertRowid);
    this.replaceMilestones(id, goal.milestones);
    return this.get(id);
  }

  private replaceMilestones(id: number, milestones: readonly Milestone[]): void {
    this.db.prepare('DELETE FROM goal_milestones WHERE goal_id = ?').run(id);
    const insert = this.db.prepare('INSERT INTO goal_milestones (goal_id, date, value_x100) VALUES (?, ?, ?)');
    for (const milestone of milestones) insert.run(id, milestone.date, toX100(milestone.value));
  }

  private assertNameFree(name: string, exceptId?: number): void {
    const existing = this.db.prepare('SELECT id, name FROM goals WHERE name_key = ?').get(nameKey(name)) as { id: number; name: string } | undefined;
    if (existing && existing.id !== exceptId) {
      throw new InputError(`a goal named ${JSON.stringify(sanitizeLine(existing.name))} already exists (#${existing.id})`, 'Names are unique regardless of case; pick another or edit the existing one.');
    }
  }

  get(id: number): Goal {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM goals WHERE id = ?`).get(id) as GoalRow | undefined;
    if (!row) throw new NotFoundError(`no goal #${id}`, 'List goals with: spm goal list --all');
    return this.fromRow(row);
  }

  /** Resolves `3`, `#3`, an exact name in any case or a unique name prefix, like customers. */
  resolve(text: string): Goal {
    return this.fromRow(resolveNamedRow<GoalRow>(this.db, {
      table: 'goals',
      columns: COLUMNS,
      what: 'goal',
      listHint: 'List goals with: spm goal list --all',
      exampleId: 3,
      unknownHint: () => 'List goals with: spm goal list --all',
    }, text));
  }

  /** Every goal, oldest first; archived ones only when asked. */
  list(includeArchived: boolean): Goal[] {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM goals ${includeArchived ? '' : 'WHERE archived = 0'} ORDER BY id`).all() as GoalRow[];
    // Every goal's milestones in one query, not one per goal.
    const milestones = new Map<number, MilestoneRow[]>();
    for (const m of this.db.prepare('SELECT goal_id, date, value_x100 FROM goal_milestones ORDER BY goal_id, date').all() as MilestoneRow[]) {
      const list = milestones.get(m.goal_id);
      if (list) list.push(m);
      else milestones.set(m.goal_id, [m]);
    }
    return rows.map((row) => this.fromRow(row, milestones.get(row.id) ?? []));
  }

  update(id: number, patch: GoalPatch): Goal {
    const current = this.get(id);
    if (patch.name !== undefined) this.assertNameFree(patch.name, id);
    const next = { ...current, ...patch };
    this.db.prepare(`UPDATE goals SET name = ?, name_key = ?, metric = ?, target_x100 = ?, period = ?, from_date = ?, to_date = ?, recurring = ?,
                     segment = ?, product = ?, technique = ?, archived = ?, updated_at = ? WHERE id = ?`)
      .run(next.name.trim(), nameKey(next.name), next.metric, toX100(next.target), next.period, next.from, next.to, next.recurring ? 1 : 0,
        next.segment, next.product, next.technique, next.archived ? 1 : 0, this.nowIso(), id);
    if (patch.milestones !== undefined) this.replaceMilestones(id, patch.milestones);
    return this.get(id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM goals WHERE id = ?').run(id);
  }

  insertLog(goalId: number, date: LocalDate, amount: number, note: string | null): GoalLog {
    const result = this.db.prepare('INSERT INTO goal_logs (goal_id, date, amount_x100, note, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(goalId, date, toX100(amount), note, this.nowIso());
    return this.getLog(Number(result.lastInsertRowid));
  }

  /** A goal's logged entries, newest first. */
  logs(goalId: number): GoalLog[] {
    return (this.db.prepare(`${LOG_SELECT} WHERE l.goal_id = ? ORDER BY l.date DESC, l.id DESC`).all(goalId) as LogRow[]).map(logFromRow);
  }

  /** One logged entry. */
  getLog(id: number): GoalLog {
    const row = this.db.prepare(`${LOG_SELECT} WHERE l.id = ?`).get(id) as LogRow | undefined;
    if (!row) throw new NotFoundError(`no goal entry #${id}`, 'See a goal\'s entries with: spm goal show <goal>');
    return logFromRow(row);
  }

  deleteLog(id: number): void {
    this.db.prepare('DELETE FROM goal_logs WHERE id = ?').run(id);
  }

  countLogs(goalId: number): number {
    return this.db.prepare('SELECT count(*) FROM goal_logs WHERE goal_id = ?').pluck().get(goalId) as number;
  }

  /** The day of a customer's first won sale ever (customer_first_won, v6), or null. */
  firstWonSale(customerId: number): LocalDate | null {
    return (this.db.prepare('SELECT first_won_date FROM customer_first_won WHERE customer_id = ?').pluck().get(customerId) as string | undefined) ?? null;
  }

  /**
   * The goal's facts per day over [from, to], where `from` is the start of the timeline (for
   * new-customers and repeat-revenue, "before the timeline began" means before `from`) and
   * `to` is min(today, end). Aggregate queries grouped by date over the date indexes; with a
   * `cache` (one per read transaction), goals over the same range and filters share them:
   * revenue, sales and win-rate come from one scan of sales_date, new-customers and
   * repeat-revenue from one more.
   */
  dailyFacts(goal: Goal, from: LocalDate, to: LocalDate, cache: Map<string, unknown> = new Map()): DailyFact[] {
    if (from > to) return [];
    return this.factsOver(goal, [{ from, to }], cache);
  }

  /**
   * The goal's facts per day in each of `ranges` (disjoint, in date order: the past periods of
   * a recurring goal), in a fixed few queries however many ranges: the facts of the whole span
   * split by range. New-customers and repeat-revenue judge each customer against the range
   * that holds the day.
   */
  dailyFactsByRange(goal: Goal, ranges: readonly DateRange[]): DailyFact[][] {
    const valid = ranges.filter((r) => r.from <= r.to);
    if (valid.length === 0) return ranges.map(() => []);
    const facts = this.factsOver(goal, valid, new Map());
    return ranges.map((r) => facts.filter((d) => d.date >= r.from && d.date <= r.to));
  }

  /**
   * Facts over disjoint `ranges` in date order. Goals with the same metric, filters and ranges
   * share one array (read-only to every caller): a goal list's 50 goals over three timelines
   * otherwise made one copy of the days each (~16k objects, a young-generation collection or two).
   */
  private factsOver(goal: Goal, ranges: readonly DateRange[], cache: Map<string, unknown>): DailyFact[] {
    const filter: SaleFilter = { segment: goal.segment, product: goal.product, technique: goal.technique };
    // A custom goal's facts are its own logs.
    return this.cached(cache, ['facts', goal.metric, goal.metric === 'custom' ? goal.id : filter, ranges], () => this.computeFacts(goal, filter, ranges, cache));
  }

  private computeFacts(goal: Goal, filter: SaleFilter, ranges: readonly DateRange[], cache: Map<string, unknown>): DailyFact[] {
    const from = ranges[0].from;
    const to = ranges[ranges.length - 1].to;
    switch (goal.metric) {
      case 'revenue':
        return this.saleDays(filter, from, to, cache).filter((d) => d.wonCents > 0).map((d) => ({ date: d.date, value: d.wonCents / 100, count: 0 }));
      case 'sales':
        return this.saleDays(filter, from, to, cache).filter((d) => d.won > 0).map((d) => ({ date: d.date, value: d.won, count: 0 }));
      case 'win-rate':
        return this.saleDays(filter, from, to, cache).map((d) => ({ date: d.date, value: d.won, count: d.decided }));
      case 'new-customers':
        return this.freshDays(filter, ranges, cache).filter((d) => d.customers > 0).map((d) => ({ date: d.date, value: d.customers, count: 0 }));
      case 'repeat-revenue': {
        // Revenue from customers with a won sale before the timeline began (as in the report):
        // the range's revenue minus that of its new customers.
        const freshCents = new Map(this.freshDays(filter, ranges, cache).map((d) => [d.date, d.cents]));
        return this.saleDays(filter, from, to, cache)
          .map((d) => ({ date: d.date, value: (d.wonCents - (freshCents.get(d.date) ?? 0)) / 100, count: 0 }))
          .filter((d) => d.value > 0);
      }
      case 'checkins':
      case 'satisfaction':
        return this.checkinDays(goal.segment, from, to, cache)
          .map((d) => (goal.metric === 'checkins' ? { date: d.date, value: d.checkins, count: 0 } : { date: d.date, value: d.ratingSum, count: d.rated }))
          .filter((d) => d.value > 0);
      case 'custom':
        return (this.factStatements.prepare('SELECT date, sum(amount_x100) AS value FROM goal_logs WHERE goal_id = ? AND date BETWEEN ? AND ? GROUP BY date')
          .all(goal.id, from, to) as { date: string; value: number }[]).map((row) => ({ date: row.date, value: row.value / 100, count: 0 }));
    }
  }

  private cached<T>(cache: Map<string, unknown>, key: unknown[], compute: () => T): T {
    const text = JSON.stringify(key);
    if (!cache.has(text)) cache.set(text, compute());
    return cache.get(text) as T;
  }

  /** JOIN and WHERE pieces narrowing `sales s` by segment (via the customer), product, technique. */
  private saleFilter(filter: SaleFilter): { join: string; joinParams: unknown[]; where: string; whereParams: unknown[] } {
    const where: string[] = [];
    const whereParams: unknown[] = [];
    if (filter.product !== null) { where.push('AND s.product = ? COLLATE NOCASE'); whereParams.push(filter.product); }
    if (filter.technique !== null) { where.push('AND s.technique = ? COLLATE NOCASE'); whereParams.push(filter.technique); }
    return {
      join: filter.segment !== null ? 'JOIN customers c ON c.id = s.customer_id AND c.segment = ? COLLATE NOCASE' : '',
      joinParams: filter.segment !== null ? [filter.segment] : [],
      where: where.join(' '),
      whereParams,
    };
  }

  /** Per day: won amount (cents), won count, decided (won + lost) count. One range scan of sales_date. */
  private saleDays(filter: SaleFilter, from: LocalDate, to: LocalDate, cache: Map<string, unknown>): { date: string; wonCents: number; won: number; decided: number }[] {
    return this.cached(cache, ['sales', filter, from, to], () => {
      if (filter.segment === null && filter.product === null && filter.technique === null) {
        // No filter: the per-day totals (schema v7) already hold these figures.
        return this.factStatements.prepare('SELECT date, won_cents AS wonCents, won, won + lost AS decided FROM sales_daily WHERE date BETWEEN ? AND ?')
          .all(from, to) as { date: string; wonCents: number; won: number; decided: number }[];
      }
      const f = this.saleFilter(filter);
      // The day totals' own aggregate (src/domain/rules/day-totals.sql.ts) over the matching sales.
      return (this.factStatements.prepare(`SELECT s.date AS date, ${dayTotalsAggregateSql('s.', { wonCents: 'wonCents', won: 'won', lost: 'lost' })}
                               FROM sales s ${f.join} WHERE s.date BETWEEN ? AND ? ${f.where} GROUP BY s.date`)
        .all(...f.joinParams, from, to, ...f.whereParams) as { date: string; wonCents: number; won: number; lost: number }[])
        .map((d) => ({ date: d.date, wonCents: d.wonCents, won: d.won, decided: d.won + d.lost }));
    });
  }

  /**
   * Per day: how many customers had their first won sale ever then (their first matching won
   * sale in the range, with no won sale at all before the range began), and the won cents of
   * such new customers. `ranges` are disjoint (one timeline, or the past periods of a recurring
   * goal): a customer is new in the range that holds their first won sale ever.
   */
  private freshDays(filter: SaleFilter, ranges: readonly DateRange[], cache: Map<string, unknown>): { date: string; customers: number; cents: number }[] {
    return this.cached(cache, ['fresh', filter, ranges], () => {
      const f = this.saleFilter(filter);
      const values = ranges.map(() => '(?, ?)').join(', ');
      // customer_first_won (v6) gives the customers whose first won sale ever is in a range;
      // each is then read in sales_customer for its matching won sales in that range.
      return this.factStatements.prepare(`
        WITH ranges (range_from, range_to) AS (VALUES ${values}),
        fresh AS MATERIALIZED (
          SELECT fw.customer_id AS customer_id, r.range_from AS range_from, r.range_to AS range_to, min(s.date) AS first
          FROM ranges r
          CROSS JOIN customer_first_won fw ON ${isNewSql('fw.first_won_date', 'r.range_from', 'r.range_to')}
          CROSS JOIN sales s ON s.customer_id = fw.customer_id AND s.outcome = 'won' AND s.date BETWEEN r.range_from AND r.range_to ${f.join}
          WHERE 1 = 1 ${f.where}
          GROUP BY fw.customer_id, r.range_from)
        SELECT date, sum(customers) AS customers, sum(cents) AS cents FROM (
          SELECT first AS date, count(*) AS customers, 0 AS cents FROM fresh GROUP BY first
          UNION ALL
          SELECT s.date AS date, 0 AS customers, sum(s.amount_cents) AS cents
          FROM fresh CROSS JOIN sales s ON s.customer_id = fresh.customer_id AND s.outcome = 'won' AND s.date BETWEEN fresh.range_from AND fresh.range_to ${f.join}
          WHERE 1 = 1 ${f.where} GROUP BY s.date)
        GROUP BY date`)
        .all(...ranges.flatMap((r) => [r.from, r.to]), ...f.joinParams, ...f.whereParams, ...f.joinParams, ...f.whereParams) as { date: string; customers: number; cents: number }[];
    });
  }

  /**
   * Per day: check-ins, and the sum and count of their ratings. Without a segment from the day
   * totals (schema v20); with one, one range scan of checkins_date.
   */
  private checkinDays(segment: string | null, from: LocalDate, to: LocalDate, cache: Map<string, unknown>): { date: string; checkins: number; ratingSum: number; rated: number }[] {
    return this.cached(cache, ['checkins', segment, from, to], () => {
      if (segment === null) {
        return this.factStatements.prepare('SELECT date, checkins, rating_sum AS ratingSum, rated FROM checkins_daily WHERE date BETWEEN ? AND ?')
          .all(from, to) as { date: string; checkins: number; ratingSum: number; rated: number }[];
      }
      const join = segment !== null ? 'JOIN customers c ON c.id = k.customer_id AND c.segment = ? COLLATE NOCASE' : '';
      return this.factStatements.prepare(`SELECT k.date AS date, count(*) AS checkins, coalesce(sum(k.satisfaction), 0) AS ratingSum, count(k.satisfaction) AS rated
                              FROM checkins k ${join} WHERE k.date BETWEEN ? AND ? GROUP BY k.date`)
        .all(...(segment !== null ? [segment] : []), from, to) as { date: string; checkins: number; ratingSum: number; rated: number }[];
    });
  }
}

interface MilestoneRow {
  goal_id: number;
  date: string;
  value_x100: number;
}

interface SaleFilter {
  segment: string | null;
  product: string | null;
  technique: string | null;
}
