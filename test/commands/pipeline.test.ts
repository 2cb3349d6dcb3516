import { beforeEach, describe, expect, test } from '@jest/globals';
import { runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });

beforeEach(async () => {
  await run(['customer', 'add', 'Acme Corp']);
});

describe('spm pipeline', () => {
  test('empty: every stage with its default, zero totals (json)', async () => {
    const board = (await run(['pipeline', '--json'])).json();
    expect(board.date).toBe('2026-03-15');
    expect(board.stages.map((s: any) => [s.stage, s.probability, s.probabilitySource])).toEqual([
      ['lead', 10, 'default'], ['qualified', 25, 'default'], ['proposal', 50, 'default'], ['negotiation', 75, 'default'],
    ]);
    expect(board.totals).toEqual({ deals: 0, value: 0, weightedValue: 0 });
    expect(board).toMatchObject({ stale: [], closeOverdue: [] });
  });

  test('learns lead from 5 closed deals, lists stale and overdue deals (json)', async () => {
    // 5 closed deals that reached lead: 2 won (one imported-like straight into negotiation), 3 lost.
    for (const [stage, outcome] of [['lead', 'lost'], ['lead', 'lost'], ['qualified', 'lost'], ['proposal', 'won'], ['negotiation', 'won']]) {
      const deal = (await run(['deal', 'add', 'acme', '100', '--stage', stage, '--date', '2026-01-01', '--json'])).json();
      if (outcome === 'won') await run(['deal', 'won', String(deal.id), '--date', '2026-01-05']);
      else await run(['deal', 'lost', String(deal.id), '--reason', 'x', '--date', '2026-01-05']);
    }
    await run(['deal', 'add', 'acme', '10000', '--title', 'Old', '--date', '2026-02-01', '--close', '2026-03-01']); // #6: stale 42 days, overdue
    await run(['deal', 'add', 'acme', '4000', '--title', 'Fresh', '--stage', 'proposal', '--close', '2026-04-01']); // #7
    const board = (await run(['pipeline', '--json'])).json();
    // lead: 2 of 5 won = 40 %, Wilson 95 % of 2/5 = 11.76 … 76.93
    expect(board.stages[0]).toEqual({ stage: 'lead', deals: 1, value: 10000, probability: 40, probabilityLow: 11.76, probabilityHigh: 76.93, probabilitySource: 'history', weightedValue: 4000 });
    expect(board.stages[2]).toMatchObject({ stage: 'proposal', deals: 1, value: 4000, probability: 50, probabilitySource: 'default', weightedValue: 2000 });
    expect(board.totals).toEqual({ deals: 2, value: 14000, weightedValue: 6000 });
    const old = { id: 6, customer: { id: 1, name: 'Acme Corp' }, title: 'Old', value: 10000, stage: 'lead', status: 'open', expectedClose: '2026-03-01', daysInStage: 42, probability: 40 };
    expect(board.stale).toEqual([old]);
    expect(board.closeOverdue).toEqual([old]);
  });

  test('deal-stale-days changes what is stale', async () => {
    await run(['deal', 'add', 'acme', '100', '--date', '-5d']);
    expect((await run(['pipeline', '--json'])).json().stale).toEqual([]);
    await run(['config', 'set', 'deal-stale-days', '4']);
    expect((await run(['pipeline', '--json'])).json().stale.map((d: any) => d.id)).toEqual([1]);
  });

  test('text board on a terminal (tty)', async () => {
    await run(['deal', 'add', 'acme', '10000', '--title', 'Old', '--date', '2026-02-01', '--close', '2026-03-01']);
    const result = await run(['pipeline'], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/lead +1 +\$10,000 +10% default +\$1,000/);
    expect(result.stdout).toMatch(/Total +1 +\$10,000 +\$1,000/);
    expect(result.stdout).toMatch(/Stale: in one stage more than 14 days\n {2}#1 Acme Corp · Old \$10,000 \(lead for 42 days\)/);
    expect(result.stdout).toMatch(/Close date passed\n {2}#1 Acme Corp · Old \$10,000 \(close date 2026-03-01 passed\)/);
  });
});

describe('deals to move in the daily view and the dashboard', () => {
  beforeEach(async () => {
    // #1 stale only: $10,000 lead (10 %) → $1,000 weighted, 42 days in lead
    await run(['deal', 'add', 'acme', '10000', '--title', 'Big lead', '--date', '2026-02-01', '--close', '2026-05-01']);
    // #2 close passed only: $4,000 negotiation (75 %) → $3,000 weighted
    await run(['deal', 'add', 'acme', '4000', '--title', 'Late close', '--stage', 'negotiation', '--date', '2026-03-10', '--close', '2026-03-12']);
    // #3 neither: fresh, close ahead
    await run(['deal', 'add', 'acme', '50000', '--title', 'Fine', '--stage', 'proposal', '--close', '2026-04-30']);
  });

  test('spm followups --json lists them largest weighted value first, with why', async () => {
    const view = (await run(['followups', '--json'])).json();
    expect(view.dealsToMove.map((d: any) => [d.id, d.weightedValue, d.why])).toEqual([
      [2, 3000, 'close date 2026-03-12 passed'],
      [1, 1000, '42 days in lead'],
    ]);
  });

  test('spm followups text: a section with the id, stage and why (tty)', async () => {
    const text = (await run(['followups'], { tty: true, columns: 120 })).stdout;
    expect(text).toMatch(/Deals to move \(2\)/);
    expect(text).toMatch(/#2 {2}negotiation, 75% +Acme Corp — Late close \$4,000 · close date 2026-03-12 passed/);
  });

  test('the dashboard counts them and lists the first five (json and tty)', async () => {
    const json = (await run(['--json'])).json();
    expect(json.dealsToMove).toBe(2);
    expect(json.deals.map((d: any) => d.id)).toEqual([2, 1]);
    expect((await run([], { tty: true, columns: 120 })).stdout).toMatch(/Deals to move: 2\n +#2 +negotiation, 75%/);
  });

  test('a deal both stale and past its close date is listed once with both reasons', async () => {
    await run(['deal', 'edit', '1', '--close', '2026-03-01']);
    const view = (await run(['followups', '--json'])).json();
    expect(view.dealsToMove.find((d: any) => d.id === 1).why).toBe('42 days in lead, close date 2026-03-01 passed');
    expect(view.dealsToMove).toHaveLength(2);
  });
});

describe('the report\'s Pipeline block', () => {
  test('no deal ever: pipeline is null and there is no block', async () => {
    expect((await run(['report', '--json'])).json().pipeline).toBeNull();
    expect((await run(['report'], { tty: true })).stdout).not.toMatch(/Pipeline/);
  });

  test('created, advanced, won and lost in the week, with values and days to win (json, tty)', async () => {
    // Week of Mar 9–15, 2026.
    await run(['deal', 'add', 'acme', '10000', '--date', '2026-03-01']); // #1 created last week
    await run(['deal', 'move', '1', 'proposal', '--date', '2026-03-10']); // advanced this week
    await run(['deal', 'add', 'acme', '4000', '--stage', 'negotiation', '--date', '2026-02-10']); // #2
    await run(['deal', 'won', '2', '--date', '2026-03-11', '--amount', '4200']); // won this week, 29 days after created
    await run(['deal', 'add', 'acme', '700', '--date', '2026-03-12']); // #3 created this week
    await run(['deal', 'lost', '3', '--reason', 'price', '--date', '2026-03-13']);
    const block = (await run(['report', '--json'])).json().pipeline;
    expect(block).toMatchObject({
      created: { deals: 1, value: 700 }, advanced: { deals: 1, value: 10000 },
      won: { deals: 1, value: 4200, averageDaysToWin: 29 }, lost: { deals: 1, value: 700 },
    });
    expect(block.stages.map((s: any) => [s.stage, s.reached, s.won])).toEqual([['lead', 2, 1], ['qualified', 1, 1], ['proposal', 1, 1], ['negotiation', 1, 1]]);
    const text = (await run(['report', '--full'], { tty: true, columns: 120 })).stdout;
    expect(text).toMatch(/Pipeline\n {2}created 1 \$700 · advanced 1 \$10,000 · won 1 \$4,200, 29 days avg · lost 1 \$700\n {2}win chance: lead 10% default/);
  });
});
