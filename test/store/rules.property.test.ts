// Each rule kept by SQL for speed (triggers, aggregates) must agree with its domain definition.
// Random histories — customers, sales, check-ins and follow-ups added, edited and deleted in a
// random order — are played against a real database; then, for every customer and every day,
// what the store answers is compared with the domain function over the same records.
// SPM_PROPERTY_SEEDS=200 runs more seeds than the 10 of CI.
import { afterAll, afterEach, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { Store } from '../../src/store/store.js';
import { openRaw } from '../helpers/run-spm.js';
import { addDays, type LocalDate } from '../../src/domain/local-date.js';
import { lastContactDate } from '../../src/domain/rules/last-contact.js';
import { isGoingCold, isWatched } from '../../src/domain/rules/going-cold.js';
import { customerKind, firstWonDate } from '../../src/domain/rules/new-or-repeat.js';
import { dayTotals } from '../../src/domain/rules/day-totals.js';
import { latestCheckin, lowRatingAtRisk } from '../../src/domain/rules/low-rating.js';
import { checkinTotals } from '../../src/domain/rules/checkin-totals.js';
import type { Goal } from '../../src/domain/goal-pace.js';
import type { ReportSpec } from '../../src/domain/report.js';

const SEEDS = Number(process.env.SPM_PROPERTY_SEEDS ?? 10);
const START: LocalDate = '2026-01-01';
const DAYS = 90; // 2026-01-01 … 2026-03-31
const OPERATIONS = 900;

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)], day: () => addDays(START, int(DAYS)) };
}

interface Records {
  customers: { id: number; added_date: string; cadence_days: number | null; archived: number }[];
  sales: { id: number; customer_id: number; date: string; outcome: 'won' | 'lost'; amount_cents: number; product: string | null }[];
  checkins: { id: number; customer_id: number; date: string; satisfaction: number | null }[];
  followups: { id: number; customer_id: number; status: string }[];
}

function records(raw: Database.Database): Records {
  return {
    customers: raw.prepare('SELECT id, added_date, cadence_days, archived FROM customers ORDER BY id').all() as Records['customers'],
    sales: raw.prepare('SELECT id, customer_id, date, outcome, amount_cents, product FROM sales').all() as Records['sales'],
    checkins: raw.prepare('SELECT id, customer_id, date, satisfaction FROM checkins').all() as Records['checkins'],
    followups: raw.prepare('SELECT id, customer_id, status FROM followups').all() as Records['followups'],
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Plays a random history; returns the store (open) and a raw handle on the same file. */
function playHistory(seed: number): { store: Store; raw: Database.Database } {
  // In memory-backed /dev/shm where there is one: each of the ~1,000 writes commits on its own.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'spm-rules-'));
  dirs.push(dir);
  const path = join(dir, 'spm.db');
  const store = Store.open(path, 'write', () => '2026-04-01T00:00:00.000Z');
  const raw = openRaw(path);
  const r = random(seed);
  const ids = (table: string) => raw.prepare(`SELECT id FROM ${table}`).pluck().all() as number[];
  const customerIds = () => ids('customers');
  const products = [null, 'training', 'consulting'];
  let names = 0;
  // Half the ratings low, some none: low ratings at risk are common.
  const rating = () => (r.next() < 0.2 ? null : r.pick([1, 2, 2, 3, 4, 5]));
  const addCustomer = () => store.customers.insert({ name: `C${seed}-${names++}`, cadenceDays: r.next() < 0.7 ? 1 + r.int(40) : null, addedDate: r.day() });
  for (let i = 0; i < 150; i++) addCustomer();
  for (let op = 0; op < OPERATIONS; op++) {
    const roll = r.int(100);
    const customer = r.pick(customerIds());
    if (roll < 4) addCustomer();
    else if (roll < 8) store.customers.update(customer, { cadenceDays: r.next() < 0.2 ? null : 1 + r.int(40) });
    else if (roll < 11) store.customers.update(customer, { archived: r.next() < 0.5 });
    // Another tool moving the day added (the store has no verb for it; the triggers must follow).
    else if (roll < 13) raw.prepare('UPDATE customers SET added_date = ? WHERE id = ?').run(r.day(), customer);
    else if (roll < 15) {
      const refs = store.customers.references(customer);
      if (refs.sales + refs.checkins + refs.followups + refs.concerns === 0) store.customers.delete(customer);
    } else if (roll < 40) {
      store.sales.insert({ customerId: customer, date: r.day(), amountCents: 1 + r.int(500_000), outcome: r.next() < 0.7 ? 'won' : 'lost', product: r.pick(products) });
    } else if (roll < 52) {
      const sale = r.pick(ids('sales'));
      if (sale !== undefined) {
        const field = r.int(4);
        store.sales.update(sale, field === 0 ? { date: r.day() } : field === 1 ? { outcome: r.next() < 0.5 ? 'won' : 'lost' }
          : field === 2 ? { amountCents: 1 + r.int(500_000) } : { customerId: customer });
      }
    } else if (roll < 58) {
      const sale = r.pick(ids('sales'));
      if (sale !== undefined) {
        raw.prepare('UPDATE followups SET sale_id = NULL WHERE sale_id = ?').run(sale);
        store.sales.delete(sale);
      }
    } else if (roll < 75) store.checkins.insert({ customerId: customer, date: r.day(), channel: 'call', satisfaction: rating() });
    else if (roll < 80) {
      const checkin = r.pick(ids('checkins'));
      if (checkin !== undefined) {
        const field = r.int(4);
        if (field === 0) raw.prepare('UPDATE checkins SET date = ? WHERE id = ?').run(r.day(), checkin);
        else if (field === 1) raw.prepare('UPDATE checkins SET customer_id = ? WHERE id = ?').run(customer, checkin);
        else if (field === 2) store.checkins.update(checkin, { satisfaction: rating() });
        // Another tool changing only the rating: the triggers must follow that column too.
        else raw.prepare('UPDATE checkins SET satisfaction = ? WHERE id = ?').run(rating(), checkin);
      }
    } else if (roll < 84) {
      const checkin = r.pick(ids('checkins'));
      if (checkin !== undefined) raw.prepare('DELETE FROM checkins WHERE id = ?').run(checkin);
    } else if (roll < 92) store.followups.insert({ customerId: customer, dueDate: r.day(), source: 'manual' });
    else {
      const open = raw.prepare("SELECT id FROM followups WHERE status = 'open'").pluck().all() as number[];
      const followup = r.pick(open);
      if (followup === undefined) continue;
      if (roll < 95) store.followups.close(followup, r.next() < 0.5 ? 'done' : 'cancelled', r.day());
      else if (roll < 96) {
        const closed = r.pick(raw.prepare("SELECT id FROM followups WHERE status <> 'open'").pluck().all() as number[]);
        if (closed !== undefined) store.followups.reopen([closed]);
      } else if (roll < 98) store.followups.update(followup, { customerId: customer });
      else store.followups.delete(followup);
    }
  }
  return { store, raw };
}

const days = Array.from({ length: DAYS + 45 }, (_, i) => addDays(START, i - 5));
const months = [{ from: '2026-01-01', to: '2026-01-31' }, { from: '2026-02-01', to: '2026-02-28' }, { from: '2026-03-01', to: '2026-03-31' }];
const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);

describe.each(seeds)('seed %d', (seed) => {
  let played: { store: Store; raw: Database.Database; data: Records };
  const history = () => {
    if (!played) {
      const { store, raw } = playHistory(seed);
      played = { store, raw, data: records(raw) };
    }
    return played;
  };
  afterAll(() => {
    played?.raw.close();
    played?.store.close();
  });

  test('last contact: customer list and customer_cadence agree with lastContactDate for every customer', () => {
    const { store, raw, data } = history();
    expect(data.customers.length).toBeGreaterThan(100);
    expect(data.sales.length).toBeGreaterThan(100);
    const listed = new Map(store.customers.list({ includeArchived: true }).map((c) => [c.id, c.lastContact]));
    const cadence = new Map((raw.prepare('SELECT customer_id, last_contact FROM customer_cadence').all() as { customer_id: number; last_contact: string }[]).map((row) => [row.customer_id, row.last_contact]));
    for (const c of data.customers) {
      const touches = [...data.sales.filter((s) => s.customer_id === c.id), ...data.checkins.filter((k) => k.customer_id === c.id)].map((t) => t.date);
      const expected = lastContactDate(c.added_date, touches);
      expect({ id: c.id, lastContact: listed.get(c.id) }).toEqual({ id: c.id, lastContact: expected });
      if (c.cadence_days !== null && c.archived === 0) expect({ id: c.id, lastContact: cadence.get(c.id) }).toEqual({ id: c.id, lastContact: expected });
      else expect(cadence.has(c.id)).toBe(false);
    }
  });

  test('going cold: the daily view\'s customers agree with isWatched and isGoingCold on every day', () => {
    const { store, data } = history();
    const openFollowup = new Set(data.followups.filter((f) => f.status === 'open').map((f) => f.customer_id));
    const facts = data.customers.map((c) => ({
      id: c.id,
      watch: { cadenceDays: c.cadence_days, archived: c.archived === 1, hasOpenFollowup: openFollowup.has(c.id) },
      lastContact: lastContactDate(c.added_date, [...data.sales, ...data.checkins].filter((t) => t.customer_id === c.id).map((t) => t.date)),
    }));
    let coldSomeday = 0;
    for (const day of days) {
      const expected = facts
        .filter((c) => isWatched(c.watch) && isGoingCold({ lastContact: c.lastContact, cadenceDays: c.watch.cadenceDays! }, day))
        .map((c) => c.id).sort((a, b) => a - b);
      const { candidates, total } = store.followups.goingColdCandidates(day);
      expect({ day, cold: candidates.map((c) => c.customer.id).sort((a, b) => a - b) }).toEqual({ day, cold: expected });
      expect(total).toBe(expected.length);
      expect(store.followups.goingColdCandidates(day, 3).total).toBe(expected.length);
      coldSomeday += expected.length;
    }
    expect(coldSomeday).toBeGreaterThan(0); // the history exercises the rule
  });

  test('new or repeat: first won sale, new-customer and repeat-revenue goals and the report agree with customerKind in every month', () => {
    const { store, data } = history();
    const firstWon = new Map(data.customers.map((c) => [c.id, firstWonDate(data.sales.filter((s) => s.customer_id === c.id && s.outcome === 'won').map((s) => s.date))]));
    for (const c of data.customers) expect({ id: c.id, firstWon: store.goals.firstWonSale(c.id) }).toEqual({ id: c.id, firstWon: firstWon.get(c.id) });
    const goal = (metric: Goal['metric']): Goal => ({ id: 1, name: metric, metric, target: 1, period: null, from: START, to: '2026-03-31', recurring: false, segment: null, product: null, technique: null, archived: false, milestones: [] });
    const byRange = store.goals.dailyFactsByRange(goal('new-customers'), months);
    const repeatByRange = store.goals.dailyFactsByRange(goal('repeat-revenue'), months);
    let kinds = 0;
    months.forEach((month, i) => {
      // Unfiltered, a new customer counts on their first won sale ever, in the month that holds it.
      const newPerDay = new Map<string, number>();
      const repeatCentsPerDay = new Map<string, number>();
      for (const [id, first] of firstWon) if (customerKind(first, month) === 'new') newPerDay.set(first!, (newPerDay.get(first!) ?? 0) + 1);
      const wonInMonth = data.sales.filter((s) => s.outcome === 'won' && s.date >= month.from && s.date <= month.to);
      for (const s of wonInMonth) {
        if (customerKind(firstWon.get(s.customer_id) ?? null, month) === 'repeat') repeatCentsPerDay.set(s.date, (repeatCentsPerDay.get(s.date) ?? 0) + s.amount_cents);
      }
      const asMap = (facts: { date: string; value: number }[], scale: number) => new Map(facts.map((f) => [f.date, Math.round(f.value * scale)]));
      const sorted = (m: Map<string, number>) => [...m].filter(([, v]) => v !== 0).sort();
      expect(sorted(asMap(byRange[i], 1))).toEqual(sorted(newPerDay));
      expect(sorted(asMap(store.goals.dailyFacts(goal('new-customers'), month.from, month.to), 1))).toEqual(sorted(newPerDay));
      expect(sorted(asMap(repeatByRange[i], 100))).toEqual(sorted(repeatCentsPerDay));
      // The report: active customers (a won sale in the month) and how many of them are repeat.
      const active = new Set(wonInMonth.map((s) => s.customer_id));
      const repeat = [...active].filter((id) => customerKind(firstWon.get(id) ?? null, month) === 'repeat');
      const spec = { kind: 'month', label: 'month', toDate: false, range: month, previous: month, trend: [month], asOf: month.to } as unknown as ReportSpec;
      const facts = store.report.facts(spec, 'USD');
      expect(facts.customers.active).toBe(active.size);
      expect(facts.customers.repeat).toBe(repeat.length);
      expect(facts.customers.repeatRevenueCents).toBe([...repeatCentsPerDay.values()].reduce((a, b) => a + b, 0));
      kinds += newPerDay.size + repeat.length;
    });
    expect(kinds).toBeGreaterThan(0);
  });

  test('latest check-in: customer_latest_checkin agrees with latestCheckin for every customer', () => {
    const { raw, data } = history();
    const stored = raw.prepare('SELECT customer_id, checkin_id, date, satisfaction FROM customer_latest_checkin ORDER BY customer_id').all();
    const expected = data.customers.flatMap((c) => {
      const latest = latestCheckin(data.checkins.filter((k) => k.customer_id === c.id), '9999-12-31');
      return latest ? [{ customer_id: c.id, checkin_id: latest.id, date: latest.date, satisfaction: latest.satisfaction }] : [];
    });
    expect(stored).toEqual(expected);
    expect(expected.filter((k) => k.satisfaction === null).length).toBeGreaterThan(0);
  });

  test('low ratings at risk: the report\'s list agrees with lowRatingAtRisk on every day', () => {
    const { store, data } = history();
    let atRisk = 0;
    for (const day of days) {
      const expected = data.customers.filter((c) => c.archived === 0).flatMap((c) => {
        const saleDates = data.sales.filter((s) => s.customer_id === c.id).map((s) => s.date);
        const k = lowRatingAtRisk(data.checkins.filter((x) => x.customer_id === c.id), saleDates, day);
        return k ? [{ id: c.id, date: k.date, satisfaction: k.satisfaction }] : [];
      }).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
      const listed = store.advice.atRisk(day).lowRated.map((k) => ({ id: k.customer.id, date: k.date, satisfaction: k.satisfaction }));
      expect({ day, listed }).toEqual({ day, listed: expected });
      // The one-screen report's first few and the count.
      const first = store.advice.atRisk(day, 3);
      expect({ day, first: first.lowRated.map((k) => k.customer.id), total: first.lowRatedTotal }).toEqual({ day, first: expected.slice(0, 3).map((k) => k.id), total: expected.length });
      atRisk += expected.length;
    }
    expect(atRisk).toBeGreaterThan(0);
  });

  test('check-in day totals: checkins_daily, check-ins and satisfaction goals (with and without a segment) agree with checkinTotals on every day', () => {
    const { store, raw, data } = history();
    const toRows = (checkins: Records['checkins']) => checkinTotals(checkins).map((t) => ({
      date: t.date, checkins: t.checkins, rated: t.rated, rating_sum: t.ratingSum, r1: t.byRating[0], r2: t.byRating[1], r3: t.byRating[2], r4: t.byRating[3], r5: t.byRating[4],
    }));
    expect(raw.prepare('SELECT * FROM checkins_daily ORDER BY date').all()).toEqual(toRows(data.checkins));
    const goal = (metric: Goal['metric'], segment: string | null): Goal => ({ id: 1, name: metric, metric, target: 1, period: null, from: START, to: '2026-03-31', recurring: false, segment, product: null, technique: null, archived: false, milestones: [] });
    // Segments for this test only (in two spellings: the filter ignores case), cleared after.
    raw.exec("UPDATE customers SET segment = CASE id % 3 WHEN 0 THEN 'Smb' WHEN 1 THEN 'smb' END");
    try {
      let rated = 0;
      for (const segment of [null, 'SMB']) {
        const totals = new Map(checkinTotals(data.checkins.filter((k) => segment === null || k.customer_id % 3 !== 2)).map((t) => [t.date, t]));
        const checkins = new Map(store.goals.dailyFacts(goal('checkins', segment), days[0], days[days.length - 1]).map((f) => [f.date, f.value]));
        const satisfaction = new Map(store.goals.dailyFacts(goal('satisfaction', segment), days[0], days[days.length - 1]).map((f) => [f.date, [f.value, f.count]]));
        for (const day of days) {
          const t = totals.get(day) ?? { checkins: 0, rated: 0, ratingSum: 0 };
          expect({ day, segment, checkins: checkins.get(day) ?? 0, satisfaction: satisfaction.get(day) ?? [0, 0] })
            .toEqual({ day, segment, checkins: t.checkins, satisfaction: [t.ratingSum, t.rated] });
          rated += t.rated;
        }
      }
      expect(rated).toBeGreaterThan(0);
    } finally {
      raw.exec('UPDATE customers SET segment = NULL');
    }
  });

  test('day totals: sales_daily, revenue, sales and win-rate goals (with and without a filter) and the report agree with dayTotals on every day', () => {
    const { store, raw, data } = history();
    const toFacts = (sales: Records['sales']) => dayTotals(sales.map((s) => ({ date: s.date, outcome: s.outcome, amountCents: s.amount_cents })));
    expect(raw.prepare('SELECT date, won_cents AS wonCents, won, lost FROM sales_daily ORDER BY date').all()).toEqual(toFacts(data.sales));
    const goal = (metric: Goal['metric'], product: string | null): Goal => ({ id: 1, name: metric, metric, target: 1, period: null, from: START, to: '2026-03-31', recurring: false, segment: null, product, technique: null, archived: false, milestones: [] });
    for (const product of [null, 'training']) {
      const totals = new Map(toFacts(data.sales.filter((s) => product === null || s.product === product)).map((d) => [d.date, d]));
      const revenue = new Map(store.goals.dailyFacts(goal('revenue', product), days[0], days[days.length - 1]).map((f) => [f.date, Math.round(f.value * 100)]));
      const won = new Map(store.goals.dailyFacts(goal('sales', product), days[0], days[days.length - 1]).map((f) => [f.date, f.value]));
      const rate = new Map(store.goals.dailyFacts(goal('win-rate', product), days[0], days[days.length - 1]).map((f) => [f.date, [f.value, f.count]]));
      for (const day of days) {
        const t = totals.get(day) ?? { wonCents: 0, won: 0, lost: 0 };
        expect({ day, product, cents: revenue.get(day) ?? 0, won: won.get(day) ?? 0, rate: rate.get(day) ?? [0, 0] })
          .toEqual({ day, product, cents: t.wonCents, won: t.won, rate: [t.won, t.won + t.lost] });
      }
    }
    for (const month of months) {
      const inMonth = toFacts(data.sales).filter((d) => d.date >= month.from && d.date <= month.to);
      expect(store.report.salesTotals(month)).toEqual({
        won: inMonth.reduce((sum, d) => sum + d.won, 0), lost: inMonth.reduce((sum, d) => sum + d.lost, 0), wonCents: inMonth.reduce((sum, d) => sum + d.wonCents, 0),
      });
    }
  });
});
