// The report's sales cube, customer figures and lost reasons read the per-month and per-customer-year totals
// (derived tables) for long ranges. On random histories, for hand-picked ranges that take each way
// (a year with no sale outside the range, a year less its days outside it, the sales themselves,
// partial months added or taken away, a month with too many products to sum pair by pair) and
// for random ranges, every figure equals the written rule applied to the sales one by one:
// - cube: sales dated in the range, counted and summed per technique, product and outcome;
// - active: customers with a won sale in the range; new: their first won sale ever is in it;
//   repeat: active and not new; repeat revenue: the range's won amounts of repeat customers;
// - segments: active customers grouped by segment without regard to ASCII case, each shown as
//   its smallest spelling (byte order) among them, with revenue and won count;
// - top customers: by revenue in the range, largest first, then by lower-cased name, five;
// - lost reasons: the range's lost sales grouped without regard to case, counted and summed,
//   each group spelled as its first sale;
// - check-ins: those dated in the range, and how many were rated 1, 2, 3, 4 and 5.
// SPM_PROPERTY_SEEDS=50 runs more seeds than the 4 of CI.
import { afterEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import { ReportRepository } from '../../src/store/report-repository.js';
import { AdviceRepository } from '../../src/store/advice-repository.js';
import { seededRandom } from '../../src/domain/random.js';
import { addDays, daysBetween, type LocalDate } from '../../src/domain/local-date.js';
import { customerKind, firstWonDate } from '../../src/domain/rules/new-or-repeat.js';
import type { DateRange } from '../../src/domain/period.js';
import type { ReportSpec } from '../../src/domain/report.js';

const SEEDS = Number(process.env.SPM_PROPERTY_SEEDS ?? 4);
const NOW = '2029-02-01T00:00:00.000Z';
const FIRST: LocalDate = '2027-11-20';
const LAST: LocalDate = '2029-01-10';
const SPAN = daysBetween(FIRST, LAST) + 1;

interface Sale { id: number; customer_id: number; date: string; outcome: 'won' | 'lost'; amount_cents: number; technique: string | null; product: string | null; reason: string | null }
interface Customer { id: number; name_key: string; name: string; segment: string | null }

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * 70 customers, each buying within a window of its own (some all along, some a season only), so
 * a range leaves some customers' sales outside it and not others'. Amounts from a few values so
 * revenues tie; segments in several spellings; techniques and products NULL, empty or named.
 * June 2028 also holds sales of 520 distinct products.
 */
function build(path: string, seed: number): Db {
  const db = openDatabase(path, 'write', () => NOW);
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const segments = [null, 'SMB', 'smb', 'Smb', 'Enterprise', 'enterprise', 'Mid'];
  const labels = [null, '', 'demo', 'Demo', 'referral'];
  const customer = db.prepare('INSERT INTO customers (name, name_key, segment, archived, added_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const sale = db.prepare('INSERT INTO sales (date, customer_id, amount_cents, outcome, technique, product, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const reasons = [null, '', 'Price', 'price', 'PRICE', 'timing', 'Timing'];
  db.transaction(() => {
    for (let id = 1; id <= 70; id++) {
      // Names whose lower-cased order differs from their id order.
      const name = `${pick(['Acme', 'beta', 'Gamma', 'delta'])} ${String(70 - id).padStart(2, '0')}`;
      customer.run(name, name.toLowerCase(), pick(segments), next() < 0.2 ? 1 : 0, '2027-01-01', NOW, NOW);
      const start = int(SPAN);
      const length = next() < 0.3 ? SPAN : 20 + int(150);
      const count = int(60);
      for (let i = 0; i < count; i++) {
        const date = addDays(FIRST, Math.min(SPAN - 1, start + int(length)));
        const outcome = next() < 0.65 ? 'won' : 'lost';
        sale.run(date, id, pick([100, 200, 300, 500, 5000]), outcome, pick(labels), pick(labels), outcome === 'lost' ? pick(reasons) : null, NOW, NOW);
      }
    }
    const checkin = db.prepare("INSERT INTO checkins (date, customer_id, channel, satisfaction, created_at) VALUES (?, ?, 'call', ?, ?)");
    for (let i = 0; i < 1500; i++) checkin.run(addDays(FIRST, int(SPAN)), 1 + int(70), pick([null, 1, 2, 3, 4, 5]), NOW);
    // A leap day with a sale, whatever the seed.
    sale.run('2028-02-29', 1, 300, 'lost', 'demo', null, 'Price', NOW, NOW);
    for (let i = 0; i < 520; i++) sale.run(addDays('2028-06-01', int(30)), 1 + int(70), 100, 'won', 'demo', `p${i}`, null, NOW, NOW);
  })();
  return db;
}

/** The cube by the rule: the range's sales counted and summed per technique, product and outcome, sorted. */
function cubeByRule(sales: Sale[], range: DateRange) {
  const cells = new Map<string, { technique: string | null; product: string | null; outcome: string; count: number; amountCents: number }>();
  for (const s of sales.filter((s) => s.date >= range.from && s.date <= range.to)) {
    const key = JSON.stringify([s.technique, s.product, s.outcome]);
    const cell = cells.get(key) ?? { technique: s.technique, product: s.product, outcome: s.outcome, count: 0, amountCents: 0 };
    cell.count++;
    cell.amountCents += s.amount_cents;
    cells.set(key, cell);
  }
  return sortCells([...cells.values()]);
}

function sortCells<T extends { technique: string | null; product: string | null; outcome: string }>(cells: T[]): T[] {
  const key = (c: T) => JSON.stringify([c.technique, c.product, c.outcome]);
  return [...cells].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Lost reasons by the rule: the range's lost sales grouped without regard to case, each group spelled as its first sale (lowest id). */
function lostByRule(sales: Sale[], range: DateRange) {
  const groups = new Map<string | null, { reason: string | null; first: number; count: number; amountCents: number }>();
  for (const s of [...sales].sort((a, b) => a.id - b.id)) {
    if (s.outcome !== 'lost' || s.date < range.from || s.date > range.to) continue;
    const group = groups.get(nocase(s.reason)) ?? { reason: s.reason, first: s.id, count: 0, amountCents: 0 };
    group.count++;
    group.amountCents += s.amount_cents;
    groups.set(nocase(s.reason), group);
  }
  return sortReasons([...groups.values()].map(({ reason, count, amountCents }) => ({ reason, count, amountCents })));
}

const sortReasons = <T extends { reason: string | null }>(rows: T[]): T[] => [...rows].sort((a, b) => String(a.reason).localeCompare(String(b.reason)));

/** SQLite's NOCASE: ASCII letters only. */
const nocase = (text: string | null) => (text === null ? null : text.replace(/[A-Z]/g, (c) => c.toLowerCase()));

function customersByRule(sales: Sale[], customers: Customer[], range: DateRange) {
  const firstWon = new Map<number, string | null>();
  for (const c of customers) firstWon.set(c.id, firstWonDate(sales.filter((s) => s.customer_id === c.id && s.outcome === 'won').map((s) => s.date)));
  const perCustomer = new Map<number, { revenue: number; won: number }>();
  for (const s of sales) {
    if (s.outcome !== 'won' || s.date < range.from || s.date > range.to) continue;
    const t = perCustomer.get(s.customer_id) ?? { revenue: 0, won: 0 };
    t.revenue += s.amount_cents;
    t.won++;
    perCustomer.set(s.customer_id, t);
  }
  const byId = new Map(customers.map((c) => [c.id, c]));
  const active = [...perCustomer.keys()];
  const repeat = active.filter((id) => customerKind(firstWon.get(id) ?? null, range) === 'repeat');
  const groups = new Map<string | null, { segment: string | null; revenueCents: number; won: number }>();
  for (const id of active) {
    const segment = byId.get(id)!.segment;
    const group = groups.get(nocase(segment)) ?? { segment, revenueCents: 0, won: 0 };
    if (segment !== null && group.segment !== null && segment < group.segment) group.segment = segment;
    group.revenueCents += perCustomer.get(id)!.revenue;
    group.won += perCustomer.get(id)!.won;
    groups.set(nocase(segment), group);
  }
  const top = active
    .map((id) => ({ id, name: byId.get(id)!.name, revenueCents: perCustomer.get(id)!.revenue, won: perCustomer.get(id)!.won }))
    .sort((a, b) => b.revenueCents - a.revenueCents || (byId.get(a.id)!.name_key < byId.get(b.id)!.name_key ? -1 : 1))
    .slice(0, 5);
  return {
    customers: { active: active.length, repeat: repeat.length, repeatRevenueCents: repeat.reduce((sum, id) => sum + perCustomer.get(id)!.revenue, 0), top },
    segments: [...groups.values()].sort((a, b) => String(a.segment).localeCompare(String(b.segment))),
  };
}

/** The report's facts for `range`, and the SQL texts it prepared (which way each figure took). */
function factsOf(db: Db, range: DateRange) {
  const prepared: string[] = [];
  const spy = new Proxy(db, { get: (target, key) => (key === 'prepare' ? (sql: string) => { prepared.push(sql); return target.prepare(sql); } : Reflect.get(target, key)) });
  const spec = { kind: 'custom', label: 'range', toDate: false, range, previous: range, trend: [range], asOf: range.to, today: range.to } as unknown as ReportSpec;
  const facts = new ReportRepository(spy).facts(spec, 'USD');
  const lostReasons = new AdviceRepository(spy).lostReasons(range);
  return { facts, lostReasons, prepared };
}

const { SQL } = ReportRepository;
/** Ranges that take each way; `ways` are the SQL texts each must prepare. */
const PICKED: [string, string, string[]][] = [
  ['2028-01-01', '2028-12-31', [SQL.yearCustomers, SQL.monthMix]],
  // To date: nothing dated after Jan 10, 2029.
  ['2029-01-01', '2029-01-31', [SQL.yearCustomers]],
  ['2028-01-01', '2028-11-20', [SQL.yearCustomersAdjusted, SQL.monthMix, SQL.pairSales]],
  ['2028-02-10', '2028-12-31', [SQL.yearCustomersAdjusted, SQL.pairSales]],
  ['2028-03-05', '2028-10-25', [SQL.yearCustomersAdjusted]],
  ['2028-02-29', '2028-02-29', [SQL.customers, SQL.pairSales]],
  ['2028-03-09', '2028-03-15', [SQL.customers]],
  ['2027-12-15', '2028-01-10', [SQL.customers, SQL.monthMix]],
  ['2027-11-20', '2029-01-10', [SQL.customers, SQL.monthMix]],
  // June has 520 products: its partial days are one GROUP BY.
  ['2028-06-05', '2028-06-12', [SQL.cube]],
  ['2028-05-20', '2028-06-20', [SQL.cube, SQL.monthMix]],
  ['2030-01-01', '2030-12-31', []],
];

describe.each(Array.from({ length: SEEDS }, (_, i) => i + 1))('seed %d', (seed) => {
  test('the cube, customers, segments, lost reasons and check-ins of every range equal the rule applied record by record', () => {
    dir = mkdtempSync(join(tmpdir(), 'spm-report-year-'));
    const db = build(join(dir, 'spm.db'), seed);
    try {
      const sales = db.prepare('SELECT id, customer_id, date, outcome, amount_cents, technique, product, reason FROM sales').all() as Sale[];
      const customers = db.prepare('SELECT id, name, name_key, segment FROM customers').all() as Customer[];
      const checkins = db.prepare('SELECT date, satisfaction FROM checkins').all() as { date: string; satisfaction: number | null }[];
      const next = seededRandom(seed * 7919);
      const random = Array.from({ length: 60 }, () => {
        const from = addDays(FIRST, Math.floor(next() * SPAN) - 10);
        return [from, addDays(from, Math.floor(next() * (next() < 0.5 ? 40 : 400))), []] as [string, string, string[]];
      });
      let figures = 0;
      const allPrepared = new Set<string>();
      for (const [from, to, ways] of [...PICKED, ...random]) {
        const range = { from, to };
        const { facts, lostReasons, prepared } = factsOf(db, range);
        prepared.forEach((sql) => allPrepared.add(sql));
        expect({ range, lostReasons: sortReasons(lostReasons) }).toEqual({ range, lostReasons: lostByRule(sales, range) });
        for (const sql of ways) expect({ range, took: prepared.includes(sql) }).toEqual({ range, took: true });
        expect({ range, cube: sortCells(facts.cube) }).toEqual({ range, cube: cubeByRule(sales, range) });
        const expected = customersByRule(sales, customers, range);
        expect({ range, customers: facts.customers }).toEqual({ range, customers: expected.customers });
        expect({ range, segments: [...facts.segments].sort((a, b) => String(a.segment).localeCompare(String(b.segment))) }).toEqual({ range, segments: expected.segments });
        const rated = checkins.filter((k) => k.date >= range.from && k.date <= range.to);
        expect({ range, checkins: facts.checkins }).toEqual({ range, checkins: { count: rated.length, ratings: [1, 2, 3, 4, 5].map((r) => rated.filter((k) => k.satisfaction === r).length) } });
        figures += expected.customers.active;
      }
      expect(figures).toBeGreaterThan(1000);
      // Lost reasons took each way too, a group's first sale looked up again included.
      const { SQL: ADVICE } = AdviceRepository;
      for (const sql of [ADVICE.monthLostReasons, ADVICE.lostReasons, ADVICE.firstLost]) expect(allPrepared.has(sql)).toBe(true);
    } finally {
      db.close();
    }
  });
});
