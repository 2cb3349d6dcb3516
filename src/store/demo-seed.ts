// SQL for `spm demo`: does a database hold data, and writing the generated sample data.
import type { Db } from './open-database.js';
import type { DemoData } from '../domain/demo-data.js';
import { nameKey } from '../domain/text.js';

/** The tables whose rows make a database "hold data" (settings alone do not). */
const DATA_TABLES = ['customers', 'sales', 'checkins', 'followups', 'concerns', 'goals', 'goal_logs', 'deals'] as const;

export function holdsData(db: Db): boolean {
  return DATA_TABLES.some((table) => db.prepare(`SELECT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1);
}

export type DemoCounts = Record<'customers' | 'sales' | 'checkins' | 'followups' | 'concerns' | 'goals' | 'deals', number>;

/** Inserts everything; call inside one write transaction. Indices in `data` become row ids. */
export function seedDemo(db: Db, data: DemoData, nowIso: string): DemoCounts {
  const customerIds = data.customers.map((c) => Number(db.prepare(`
    INSERT INTO customers (name, name_key, company, email, segment, tags, cadence_days, added_date, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?, ?)`).run(c.name, nameKey(c.name), c.company, c.email, c.segment, c.cadenceDays, c.addedDate, nowIso, nowIso).lastInsertRowid));
  const insertSale = db.prepare(`INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, technique, product, quantity, created_at, updated_at)
                                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const saleIds = data.sales.map((s) => Number(insertSale.run(s.date, customerIds[s.customer], s.amountCents, s.outcome, s.reason, s.technique, s.product, s.quantity, nowIso, nowIso).lastInsertRowid));
  const insertCheckin = db.prepare('INSERT INTO checkins (date, customer_id, channel, satisfaction, note, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const k of data.checkins) insertCheckin.run(k.date, customerIds[k.customer], k.channel, k.satisfaction, k.note, nowIso);
  const insertConcern = db.prepare(`INSERT INTO concerns (customer_id, opened_date, summary, severity, status, resolved_date, resolution, created_at, updated_at)
                                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const concernIds = data.concerns.map((c) => Number(insertConcern.run(customerIds[c.customer], c.openedDate, c.summary, c.severity,
    c.resolvedDate ? 'resolved' : 'open', c.resolvedDate, c.resolution, nowIso, nowIso).lastInsertRowid));
  const insertFollowup = db.prepare(`INSERT INTO followups (customer_id, due_date, reason, source, status, sale_id, concern_id, done_date, created_at, updated_at)
                                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const f of data.followups) {
    insertFollowup.run(customerIds[f.customer], f.dueDate, f.reason, f.source, f.status, f.sale === null ? null : saleIds[f.sale],
      f.concern === null ? null : concernIds[f.concern], f.doneDate, nowIso, nowIso);
  }
  const insertGoal = db.prepare(`INSERT INTO goals (name, name_key, metric, target_x100, period, from_date, to_date, recurring, created_at, updated_at)
                                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMilestone = db.prepare('INSERT INTO goal_milestones (goal_id, date, value_x100) VALUES (?, ?, ?)');
  const insertLog = db.prepare('INSERT INTO goal_logs (goal_id, date, amount_x100, note, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const g of data.goals) {
    const goalId = Number(insertGoal.run(g.name, nameKey(g.name), g.metric, g.targetX100, g.period, g.from, g.to, g.recurring ? 1 : 0, nowIso, nowIso).lastInsertRowid);
    for (const m of g.milestones) insertMilestone.run(goalId, m.date, m.valueX100);
    for (const l of g.logs) insertLog.run(goalId, l.date, l.amountX100, l.note, nowIso);
  }
  // A closed deal takes its sale's outcome, day and lost reason. The stages it reached are
  // written with the deal (distinct, in byte order, as the stage-history trigger keeps them), so
  // the trigger has nothing to add and the demo's one change holds no update per deal.
  const insertDeal = db.prepare(`INSERT INTO deals (customer_id, title, value_cents, stage, status, expected_close, product, technique, created_date, stage_date,
                                   closed_date, lost_reason, sale_id, stages_seen, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertStage = db.prepare('INSERT INTO deal_stage_history (deal_id, stage, date) VALUES (?, ?, ?)');
  for (const d of data.deals) {
    const current = d.stages[d.stages.length - 1];
    const sale = d.sale === null ? null : data.sales[d.sale];
    const dealId = Number(insertDeal.run(customerIds[d.customer], d.title, d.valueCents, current.stage, sale?.outcome ?? 'open', d.expectedCloseDate, d.product,
      d.technique, d.createdDate, current.date, sale?.date ?? null, sale?.reason ?? null, d.sale === null ? null : saleIds[d.sale],
      [...new Set(d.stages.map((entry) => entry.stage))].sort().join(','), nowIso, nowIso).lastInsertRowid);
    for (const entry of d.stages) insertStage.run(dealId, entry.stage, entry.date);
  }
  return { customers: customerIds.length, sales: saleIds.length, checkins: data.checkins.length, followups: data.followups.length, concerns: concernIds.length, goals: data.goals.length, deals: data.deals.length };
}
