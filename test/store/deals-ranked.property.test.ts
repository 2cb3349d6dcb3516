// The deals to move and the pipeline's stale and overdue lists, read a screenful at a time
// (DealRepository.rankedOpen with a limit: stage by stage from deals_open_stage), against the
// rule applied to every deal: open, matching the list's condition, weight = value × its stage's
// probability (a stage listed twice: its first entry; a stage not listed: 0), largest weight
// first, then the older id. Random deals with many equal values, stages weighing nothing,
// closed deals and deals without a close date; every limit from 1 to past the end.
import { expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { DealRepository } from '../../src/store/deal-repository.js';

const temp = useTempDb();

interface Row { id: number; value: number; stage: string; status: string; stageDate: string; close: string | null }

test('ranked deals equal the rule applied to every deal, for random deals, weights and limits', async () => {
  expect((await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath })).code).toBe(0);
  const db = openRaw(temp.dbPath);
  try {
    let state = 7;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const day = (offset: number) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
    const stamp = '2026-01-01T00:00:00Z';
    const deals: Row[] = [];
    const insert = db.prepare(`INSERT INTO deals (customer_id, title, value_cents, stage, status, expected_close, created_date, stage_date, closed_date, created_at, updated_at)
                               VALUES (1, 'd', ?, ?, ?, ?, '2025-12-01', ?, ?, ?, ?)`);
    db.transaction(() => {
      for (let n = 0; n < 400; n++) {
        // Few values (ties within a stage), one large enough that a small weight stays exact.
        const value = pick([100, 100, 2500, 5000, 5000, 12_345, 99_999_999_999]);
        const stage = pick(['lead', 'qualified', 'proposal', 'negotiation', 'dormant', 'won-back']);
        const status = random() < 0.8 ? 'open' : pick(['won', 'lost']);
        const stageDate = day(Math.floor(random() * 60));
        const close = random() < 0.2 ? null : day(Math.floor(random() * 90));
        const id = Number(insert.run(value, stage, status, close, stageDate, status === 'open' ? null : '2026-02-01', stamp, stamp).lastInsertRowid);
        deals.push({ id, value, stage, status, stageDate, close });
      }
    })();
    const repo = new DealRepository(db, () => stamp);
    const ids = (list: { id: number }[]) => list.map((d) => d.id);
    const weightings = [
      [['lead', 0.1], ['qualified', 0.25], ['proposal', 0.5], ['negotiation', 0.75]],
      // Nothing learned yet for proposal (0), a stage listed twice, a weight of 1.
      [['lead', 0.1], ['proposal', 0], ['qualified', 1], ['lead', 0.9], ['dormant', 0.3333333333333333]],
      [['negotiation', 0.07], ['won-back', 0.5]],
      [],
    ].map((list) => list.map(([stage, probability]) => ({ stage: stage as string, probability: probability as number })));
    let compared = 0;
    for (const probabilities of weightings) {
      const weightOf = (stage: string) => probabilities.find((p) => p.stage === stage)?.probability ?? 0;
      const rule = (matches: (d: Row) => boolean) => deals.filter((d) => d.status === 'open' && matches(d))
        .map((d) => ({ id: d.id, weight: d.value * weightOf(d.stage) }))
        .sort((a, b) => b.weight - a.weight || a.id - b.id)
        .map((d) => d.id);
      for (const [enteredBefore, today] of [['2026-01-20', '2026-02-10'], ['2026-02-15', '2026-01-05'], ['2025-12-01', '2025-12-01']]) {
        const toMove = rule((d) => d.stageDate < enteredBefore || (d.close !== null && d.close < today));
        const stale = rule((d) => d.stageDate < enteredBefore);
        const overdue = rule((d) => d.close !== null && d.close < today);
        for (const limit of [1, 2, 3, 5, 8, 13, 50, 120, 400]) {
          expect(ids(repo.toMove(enteredBefore, today, probabilities, limit))).toEqual(toMove.slice(0, limit));
          expect(ids(repo.openBefore('stale', enteredBefore, { probabilities, limit }))).toEqual(stale.slice(0, limit));
          expect(ids(repo.openBefore('closeOverdue', today, { probabilities, limit }))).toEqual(overdue.slice(0, limit));
          compared += 3;
        }
        expect(ids(repo.toMove(enteredBefore, today, probabilities))).toEqual(toMove);
      }
    }
    expect(compared).toBe(4 * 3 * 9 * 3);
    // The lists are not trivially empty or short.
    expect(deals.filter((d) => d.status === 'open' && d.stageDate < '2026-01-20').length).toBeGreaterThan(100);
  } finally {
    db.close();
  }
});

test('forecastDeals counts the open deals that can count toward a goal by stage and value, with and without filters', async () => {
  expect((await runSpm(['customer', 'add', 'Acme', '--segment', 'smb'], { db: temp.dbPath })).code).toBe(0);
  expect((await runSpm(['customer', 'add', 'Bigco', '--segment', 'Enterprise'], { db: temp.dbPath })).code).toBe(0);
  const db = openRaw(temp.dbPath);
  try {
    let state = 3;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const stamp = '2026-01-01T00:00:00Z';
    const insert = db.prepare(`INSERT INTO deals (customer_id, title, value_cents, stage, status, expected_close, product, technique, created_date, stage_date, closed_date, created_at, updated_at)
                               VALUES (?, 'd', ?, ?, ?, ?, ?, ?, '2025-12-01', '2025-12-01', ?, ?, ?)`);
    const deals: { customer: number; value: number; stage: string; status: string; close: string | null; product: string | null; technique: string | null }[] = [];
    db.transaction(() => {
      for (let n = 0; n < 500; n++) {
        const d = {
          customer: pick([1, 2]), value: pick([100, 2500, 5000, 777]), stage: pick(['lead', 'proposal', 'gone']), status: random() < 0.8 ? 'open' : 'won',
          close: pick([null, '2026-03-31', '2026-06-30', '2026-12-31']), product: pick([null, 'Widgets', 'widgets', 'Gears']), technique: pick([null, 'Demo']),
        };
        insert.run(d.customer, d.value, d.stage, d.status, d.close, d.product, d.technique, d.status === 'open' ? null : '2026-02-01', stamp, stamp);
        deals.push(d);
      }
    })();
    const repo = new DealRepository(db, () => stamp);
    const segmentOf = (customer: number) => (customer === 1 ? 'smb' : 'enterprise');
    const same = (a: string | null, b: string | null) => b === null || (a !== null && a.toLowerCase() === b.toLowerCase());
    const sorted = (list: { stage: string; valueCents: number; count: number }[]) => [...list].sort((a, b) => a.stage.localeCompare(b.stage) || a.valueCents - b.valueCents);
    let groups = 0;
    for (const segment of [null, 'SMB', 'enterprise']) {
      for (const product of [null, 'WIDGETS']) {
        for (const technique of [null, 'demo']) {
          for (const closeOnOrBefore of ['2026-03-31', '2026-07-01', '2027-01-01']) {
            const expected = new Map<string, { stage: string; valueCents: number; count: number }>();
            for (const d of deals) {
              if (d.status !== 'open' || d.close === null || d.close > closeOnOrBefore) continue;
              if (!same(segmentOf(d.customer), segment) || !same(d.product, product) || !same(d.technique, technique)) continue;
              const key = `${d.stage}:${d.value}`;
              const group = expected.get(key) ?? { stage: d.stage, valueCents: d.value, count: 0 };
              group.count++;
              expected.set(key, group);
            }
            expect(sorted(repo.forecastDeals({ segment, product, technique, closeOnOrBefore }))).toEqual(sorted([...expected.values()]));
            groups += expected.size;
          }
        }
      }
    }
    expect(groups).toBeGreaterThan(100);
  } finally {
    db.close();
  }
});
