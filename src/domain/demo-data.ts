// Sample data for `spm demo`: about six months of a rep's history around `today`, generated
// from a seeded PRNG so the same day and seed give the same database. Pure: no I/O, no clock.
import { addDays, addMonths, daysBetween, weekdayIndex, type LocalDate } from './local-date.js';
import { periodContaining } from './period.js';
import type { CheckinChannel, ConcernSeverity, FollowupSource, FollowupStatus, SaleOutcome } from './records.js';
import { seededRandom } from './random.js';

export interface DemoCustomer { name: string; company: string; email: string; segment: string; cadenceDays: number | null; addedDate: LocalDate }
export interface DemoSale { customer: number; date: LocalDate; amountCents: number; outcome: SaleOutcome; reason: string | null; technique: string | null; product: string; quantity: number }
export interface DemoCheckin { customer: number; date: LocalDate; channel: CheckinChannel; satisfaction: number | null; note: string | null }
export interface DemoConcern { customer: number; openedDate: LocalDate; summary: string; severity: ConcernSeverity; resolvedDate: LocalDate | null; resolution: string | null }
export interface DemoFollowup { customer: number; dueDate: LocalDate; reason: string | null; source: FollowupSource; status: FollowupStatus; doneDate: LocalDate | null; sale: number | null; concern: number | null }
export interface DemoGoal {
  name: string; metric: string; targetX100: number; period: string | null; from: LocalDate; to: LocalDate; recurring: boolean;
  milestones: { date: LocalDate; valueX100: number }[];
  logs: { date: LocalDate; amountX100: number; note: string }[];
}
/** A deal; a closed one points at the sale it became (an index into `sales`). */
export interface DemoDeal {
  customer: number; title: string; valueCents: number; product: string; technique: string | null;
  createdDate: LocalDate; expectedCloseDate: LocalDate | null; stages: { stage: string; date: LocalDate }[];
  sale: number | null;
}
export interface DemoData {
  customers: DemoCustomer[];
  sales: DemoSale[];
  checkins: DemoCheckin[];
  concerns: DemoConcern[];
  followups: DemoFollowup[];
  goals: DemoGoal[];
  deals: DemoDeal[];
}

const NAMES = ['Acme', 'Birch', 'Cobalt', 'Dune', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen', 'Maple',
  'Nimbus', 'Orchid', 'Pioneer', 'Quartz', 'Redwood', 'Summit', 'Tidal', 'Umber', 'Vertex', 'Willow', 'Yarrow', 'Zephyr'];
const KINDS = ['Labs', 'Bakery', 'Dental', 'Logistics', 'Studio', 'Partners', 'Outfitters', 'Clinic', 'Foods', 'Systems'];
const SEGMENTS = [
  { name: 'smb', weight: 0.5, minCents: 60_000, maxCents: 400_000 },
  { name: 'mid-market', weight: 0.32, minCents: 300_000, maxCents: 1_200_000 },
  { name: 'enterprise', weight: 0.18, minCents: 900_000, maxCents: 4_000_000 },
];
/** Techniques and how often each wins: referrals work, cold calls mostly do not. */
const TECHNIQUES: { name: string | null; weight: number; winRate: number }[] = [
  { name: 'referral', weight: 0.22, winRate: 0.78 },
  { name: 'demo', weight: 0.26, winRate: 0.6 },
  { name: 'email-campaign', weight: 0.18, winRate: 0.35 },
  { name: 'cold-call', weight: 0.2, winRate: 0.18 },
  { name: 'trade-show', weight: 0.06, winRate: 0.5 },
  { name: null, weight: 0.08, winRate: 0.45 },
];
const PRODUCTS = ['consulting', 'license', 'training', 'support'];
const LOST_REASONS = ['price', 'went with a competitor', 'timing', 'no budget', 'no decision'];
const CHANNELS: CheckinChannel[] = ['call', 'email', 'meeting', 'visit', 'message'];
const CHECKIN_NOTES = ['Happy with the onboarding', 'Asked about the next phase', 'Wants a quarterly review', null, null, 'Slow invoice approval on their side'];

/** How far back the demo history goes, in days. */
export const DEMO_HISTORY_DAYS = 182;

export function generateDemoData(today: LocalDate, seed = 20260315): DemoData {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const weighted = <T extends { weight: number }>(list: readonly T[]): T => {
    let roll = random() * list.reduce((sum, item) => sum + item.weight, 0);
    for (const item of list) if ((roll -= item.weight) < 0) return item;
    return list[list.length - 1];
  };
  const start = addDays(today, -DEMO_HISTORY_DAYS);

  // Customers: 30–60, unique names, added before or during the history.
  const customerCount = between(40, 52);
  const customers: DemoCustomer[] = [];
  const used = new Set<string>();
  while (customers.length < customerCount) {
    const name = `${pick(NAMES)} ${pick(KINDS)}`;
    if (used.has(name)) continue;
    used.add(name);
    const segment = weighted(SEGMENTS).name;
    customers.push({
      name,
      company: `${name} ${pick(['Inc', 'LLC', 'Ltd', 'GmbH'])}`,
      email: `hello@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      segment,
      cadenceDays: random() < 0.45 ? pick([30, 45, 60, 90]) : null,
      addedDate: addDays(start, between(-90, DEMO_HISTORY_DAYS - 10)),
    });
  }
  const segmentOf = (i: number) => SEGMENTS.find((s) => s.name === customers[i].segment)!;

  // Sales on working days: about one deal decided a day, some of them repeat business.
  const sales: DemoSale[] = [];
  const buyers = new Set<number>();
  for (let day = 0; day <= DEMO_HISTORY_DAYS; day++) {
    const date = addDays(start, day);
    const weekday = weekdayIndex(date);
    if (weekday === 0 || weekday === 6) continue;
    const deals = [0, 1, 1, 1, 2, 2][between(0, 5)];
    for (let d = 0; d < deals; d++) {
      const known = [...buyers].filter((i) => customers[i].addedDate <= date);
      const eligible = customers.map((_, i) => i).filter((i) => customers[i].addedDate <= date);
      if (eligible.length === 0) continue;
      const customer = known.length > 0 && random() < 0.5 ? pick(known) : pick(eligible);
      const technique = weighted(TECHNIQUES);
      // Repeat customers say yes more often.
      const won = random() < Math.min(0.95, technique.winRate + (buyers.has(customer) ? 0.15 : 0));
      const { minCents, maxCents } = segmentOf(customer);
      const amountCents = Math.round(between(minCents, maxCents) / 5000) * 5000;
      sales.push({
        customer, date, amountCents, outcome: won ? 'won' : 'lost', reason: won ? null : pick(LOST_REASONS),
        technique: technique.name, product: pick(PRODUCTS), quantity: between(1, 4),
      });
      if (won) buyers.add(customer);
    }
  }

  // After each won sale: a post-sale follow-up a week later and, often, a check-in.
  const checkins: DemoCheckin[] = [];
  const followups: DemoFollowup[] = [];
  sales.forEach((sale, index) => {
    if (sale.outcome !== 'won') return;
    const due = addDays(sale.date, 7);
    const late = daysBetween(due, today);
    const checkinDate = addDays(due, between(0, 3));
    const overdue = late > 0 && late < 25 && random() < 0.3;
    if (late > 0 && !overdue && checkinDate <= today) {
      const satisfaction = random() < 0.15 ? null : weighted([{ v: 5, weight: 0.42 }, { v: 4, weight: 0.35 }, { v: 3, weight: 0.13 }, { v: 2, weight: 0.07 }, { v: 1, weight: 0.03 }]).v;
      checkins.push({ customer: sale.customer, date: checkinDate, channel: pick(CHANNELS), satisfaction, note: pick(CHECKIN_NOTES) });
      followups.push({ customer: sale.customer, dueDate: due, reason: null, source: 'post-sale', status: 'done', doneDate: checkinDate, sale: index, concern: null });
    } else {
      followups.push({ customer: sale.customer, dueDate: due, reason: null, source: 'post-sale', status: 'open', doneDate: null, sale: index, concern: null });
    }
  });
  // A few calls and manual follow-ups not tied to a sale.
  for (let i = 0; i < 25; i++) {
    const date = addDays(start, between(0, DEMO_HISTORY_DAYS));
    checkins.push({ customer: between(0, customers.length - 1), date, channel: pick(CHANNELS), satisfaction: random() < 0.5 ? between(3, 5) : null, note: null });
  }
  for (let i = 0; i < 6; i++) {
    followups.push({ customer: between(0, customers.length - 1), dueDate: addDays(today, between(-3, 12)), reason: pick(['send the proposal', 'renewal call', 'introduce the new training', 'ask for a referral']), source: 'manual', status: 'open', doneDate: null, sale: null, concern: null });
  }

  // Concerns: two resolved, one still open.
  const concerns: DemoConcern[] = [
    { customer: 0, openedDate: addDays(today, -70), summary: 'Invoice billed twice', severity: 'high', resolvedDate: addDays(today, -66), resolution: 'Refunded the duplicate and apologised' },
    { customer: 1, openedDate: addDays(today, -24), summary: 'Training materials arrived late', severity: 'medium', resolvedDate: addDays(today, -17), resolution: 'Sent the PDFs, rebooked the session' },
    { customer: 2, openedDate: addDays(today, -5), summary: 'Support response took three days', severity: 'low', resolvedDate: null, resolution: null },
  ];
  followups.push({ customer: 0, dueDate: addDays(today, -65), reason: 'high concern: call the customer', source: 'concern', status: 'done', doneDate: addDays(today, -65), sale: null, concern: 0 });
  followups.push({ customer: 0, dueDate: addDays(today, -59), reason: 'satisfied now?', source: 'concern', status: 'done', doneDate: addDays(today, -58), sale: null, concern: 0 });
  followups.push({ customer: 1, dueDate: addDays(today, -10), reason: 'satisfied now?', source: 'concern', status: 'open', doneDate: null, sale: null, concern: 1 });

  // Goals: this quarter's revenue with monthly milestones, a recurring monthly new-customer
  // goal, a win-rate goal and a custom one (sales books read this year).
  const quarter = periodContaining('quarter', today);
  const quarterDays = daysBetween(quarter.from, quarter.to) + 1;
  const dailyCents = sales.filter((s) => s.outcome === 'won').reduce((sum, s) => sum + s.amountCents, 0) / (DEMO_HISTORY_DAYS + 1);
  const quarterTarget = Math.max(10_000_00, Math.round((dailyCents * quarterDays * 1.1) / 500_000) * 500_000);
  const month = periodContaining('month', today);
  const firstMonth = periodContaining('month', addMonths(month.from, -4));
  const year = periodContaining('year', today);
  const goals: DemoGoal[] = [
    {
      name: 'Quarterly revenue', metric: 'revenue', targetX100: quarterTarget, period: 'quarter', from: quarter.from, to: quarter.to, recurring: false,
      milestones: [1, 2, 3].map((k) => ({ date: addDays(addMonths(quarter.from, k), -1), valueX100: Math.round((quarterTarget * k) / 3) })),
      logs: [],
    },
    { name: 'New customers each month', metric: 'new-customers', targetX100: 300, period: 'month', from: firstMonth.from, to: firstMonth.to, recurring: true, milestones: [], logs: [] },
    { name: 'Win rate this quarter', metric: 'win-rate', targetX100: 5500, period: 'quarter', from: quarter.from, to: quarter.to, recurring: false, milestones: [], logs: [] },
    {
      name: 'Read 4 sales books', metric: 'custom', targetX100: 400, period: 'year', from: year.from, to: year.to, recurring: false, milestones: [],
      logs: [{ date: maxOf(year.from, addDays(today, -120)), amountX100: 100, note: 'SPIN Selling' }, { date: maxOf(year.from, addDays(today, -30)), amountX100: 100, note: 'The Challenger Sale' }],
    },
  ];
  const deals = generateDemoDeals(today, customers, sales, seed);
  return { customers, sales, checkins, concerns, followups, goals, deals };
}

const DEMO_STAGES = ['lead', 'qualified', 'proposal', 'negotiation'];
const DEAL_KINDS = ['rollout', 'renewal', 'pilot', 'upgrade', 'expansion'];

/**
 * Deals: about half of the decided sales came through a deal that went stage by stage, so the
 * pipeline learns its win chances from history; a dozen deals are still open, a few of them
 * stale or past their expected close, so `spm pipeline` and "Deals to move" have work to show.
 * A second random stream keeps the sales, check-ins and goals above the same as before deals
 * existed.
 */
function generateDemoDeals(today: LocalDate, customers: readonly DemoCustomer[], sales: readonly DemoSale[], seed: number): DemoDeal[] {
  const random = seededRandom(seed + 1);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const title = (product: string) => `${product[0].toUpperCase()}${product.slice(1)} ${pick(DEAL_KINDS)}`;
  /** Stage entries from `from` through stage index `last`, each a few days after the one before, none after `until`. */
  const walk = (from: LocalDate, last: number, until: LocalDate): { stage: string; date: LocalDate }[] => {
    const stages: { stage: string; date: LocalDate }[] = [];
    let date = from;
    for (let i = 0; i <= last; i++) {
      stages.push({ stage: DEMO_STAGES[i], date });
      date = addDays(date, between(3, 12));
      if (date > until) date = until;
    }
    return stages;
  };
  const deals: DemoDeal[] = [];
  sales.forEach((sale, index) => {
    if (random() >= 0.5) return;
    // Won deals mostly got to negotiation; lost ones dropped out anywhere along the way.
    const last = sale.outcome === 'won' ? pick([2, 3, 3, 3]) : pick([0, 1, 1, 2, 2, 3]);
    const earliest = customers[sale.customer].addedDate;
    const wanted = addDays(sale.date, -between(12, 50));
    const createdDate = wanted > earliest ? wanted : earliest <= sale.date ? earliest : sale.date;
    deals.push({
      customer: sale.customer, title: title(sale.product), valueCents: sale.amountCents, product: sale.product, technique: sale.technique,
      createdDate, expectedCloseDate: sale.date, stages: walk(createdDate, last, sale.date), sale: index,
    });
  });
  const open = customers.map((_, i) => i).filter((i) => customers[i].addedDate <= today);
  for (let i = 0; i < 12 && open.length > 0; i++) {
    const customer = pick(open);
    const product = pick(PRODUCTS);
    // Walked back from the day it entered its current stage: recent for most, weeks ago for
    // every fourth (stale); the first two are past their expected close.
    const reached = between(0, 3);
    const stages: { stage: string; date: LocalDate }[] = [];
    let date = addDays(today, -(i % 4 === 3 ? between(16, 30) : between(0, 9)));
    for (let stage = reached; stage >= 0; stage--) {
      stages.unshift({ stage: DEMO_STAGES[stage], date });
      date = addDays(date, -between(3, 12));
    }
    const createdDate = stages[0].date;
    const segment = SEGMENTS.find((s) => s.name === customers[customer].segment)!;
    const expectedCloseDate = i < 2 ? maxOf(createdDate, addDays(today, -between(2, 9))) : addDays(today, between(10, 80));
    deals.push({
      customer, title: title(product), valueCents: Math.round(between(segment.minCents, segment.maxCents) / 5000) * 5000, product,
      technique: pick(TECHNIQUES).name, createdDate, expectedCloseDate, stages, sale: null,
    });
  }
  return deals;
}

function maxOf(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}
