import { describe, expect, test } from '@jest/globals';
import {
  assertCloseAfterCreated, assertOpen, daysInStage, droppedStagesInUse, isCloseOverdue, isStale, parseDealStatus, parseStageList, resolveStage, stageDurations,
} from '../../src/domain/deal.js';
import { builtInDefaultPercent, learnStageProbabilities, MIN_CLOSED_FOR_LEARNING, probabilityOf, type ClosedDealGroup } from '../../src/domain/deal-probability.js';
import { binomialCdf, exactChance, forecastGoal, simulatedChance, wholePercent, type ForecastDeal } from '../../src/domain/deal-forecast.js';
import { seededRandom } from '../../src/domain/random.js';
import { buildPipeline, dealsToMove, pipelineDeal } from '../../src/domain/deal-pipeline.js';

const STAGES = ['lead', 'qualified', 'proposal', 'negotiation'];
const defaults = (stage: string) => builtInDefaultPercent(stage);

describe('stage list', () => {
  test.each([
    ['lead,qualified,proposal,negotiation', ['lead', 'qualified', 'proposal', 'negotiation']],
    [' Lead , demo-done,won-back ', ['lead', 'demo-done', 'won-back']],
  ])('%s parses', (text, stages) => expect(parseStageList(text)).toEqual(stages));

  test.each([
    ['', /empty/],
    ['lead,,proposal', /not a stage name/],
    ['lead,lead', /listed twice/],
    ['lead,won', /deal status/],
    ['lead,pro posal', /not a stage name/],
  ])('%j is refused', (text, message) => expect(() => parseStageList(text)).toThrow(message));

  test('a stage by exact name or unique prefix; unknown or ambiguous is refused naming the stages', () => {
    expect(resolveStage('neg', STAGES)).toBe('negotiation');
    expect(resolveStage('Proposal', STAGES)).toBe('proposal');
    expect(() => resolveStage('closing', STAGES)).toThrow('unknown stage "closing"');
    expect(() => resolveStage('won', STAGES)).toThrow(expect.objectContaining({ hint: expect.stringContaining('To close a deal: spm deal won <deal>.') }));
    expect(() => resolveStage('p', ['proposal', 'pitch'])).toThrow(/unknown stage/);
  });

  test('a new list may not drop a stage an open deal is in', () => {
    expect(droppedStagesInUse(['lead', 'won-back'], ['lead', 'proposal', 'proposal', 'negotiation'])).toEqual(['proposal', 'negotiation']);
    expect(droppedStagesInUse(['lead', 'proposal'], ['lead', 'proposal'])).toEqual([]);
  });
});

describe('deal rules', () => {
  test('close date before created is refused; same day is fine', () => {
    expect(() => assertCloseAfterCreated('2026-03-01', '2026-03-02')).toThrow('close date 2026-03-01 is before the deal was created (2026-03-02)');
    expect(() => assertCloseAfterCreated('2026-03-02', '2026-03-02')).not.toThrow();
    expect(() => assertCloseAfterCreated(null, '2026-03-02')).not.toThrow();
  });

  test('a closed deal cannot act', () => {
    expect(() => assertOpen({ id: 7, status: 'won' }, 'moved')).toThrow('deal #7 is won: it cannot be moved');
    expect(() => assertOpen({ id: 7, status: 'open' }, 'moved')).not.toThrow();
  });

  test('days in stage, stale after more than N days, close overdue the day after the close date', () => {
    expect(daysInStage({ stageDate: '2026-03-01' }, '2026-03-15')).toBe(14);
    expect(isStale({ status: 'open', stageDate: '2026-03-01' }, '2026-03-15', 14)).toBe(false);
    expect(isStale({ status: 'open', stageDate: '2026-02-28' }, '2026-03-15', 14)).toBe(true);
    expect(isStale({ status: 'won', stageDate: '2026-01-01' }, '2026-03-15', 14)).toBe(false);
    expect(isCloseOverdue({ status: 'open', expectedCloseDate: '2026-03-15' }, '2026-03-15')).toBe(false);
    expect(isCloseOverdue({ status: 'open', expectedCloseDate: '2026-03-14' }, '2026-03-15')).toBe(true);
    expect(isCloseOverdue({ status: 'open', expectedCloseDate: null }, '2026-03-15')).toBe(false);
  });

  test('days in each stage: up to the next entry, the last one up to today', () => {
    const history = [{ stage: 'lead', date: '2026-03-01' }, { stage: 'proposal', date: '2026-03-04' }, { stage: 'lead', date: '2026-03-10' }];
    expect(stageDurations(history, '2026-03-15').map((h) => h.days)).toEqual([3, 6, 5]);
  });
});

describe('learned win probability per stage (funnel)', () => {
  // Hand count, stages lead < qualified < proposal < negotiation:
  //   A won,  history lead, proposal (skipped qualified)      reaches lead, qualified, proposal
  //   B lost, history lead, qualified, lead, qualified         reaches lead, qualified (once each)
  //   C won,  imported at negotiation (history: negotiation)   reaches all four
  //   D, E lost, history lead                                  reach lead
  //   F won,  history lead … negotiation                       reaches all four
  // lead: 6 reached, 3 won (A, C, F) -> learned 50 %, Wilson 95 % of 3/6 = 18.76 … 81.24
  // qualified: A, B, C, F = 4 reached, 3 won -> below 5: default 25
  // proposal: A, C, F = 3 -> default 50; negotiation: C, F = 2 -> default 75
  const closed: ClosedDealGroup[] = [
    { status: 'won', stagesSeen: ['lead', 'proposal'], count: 1 },
    { status: 'lost', stagesSeen: ['lead', 'qualified', 'lead', 'qualified'], count: 1 },
    { status: 'won', stagesSeen: ['negotiation'], count: 1 },
    { status: 'lost', stagesSeen: ['lead'], count: 2 },
    { status: 'won', stagesSeen: ['lead', 'qualified', 'proposal', 'negotiation'], count: 1 },
  ];

  test('reached counts follow the funnel; skipped, back-and-forth and imported deals as worked out by hand', () => {
    const table = learnStageProbabilities(STAGES, closed, defaults);
    expect(table.map((p) => [p.stage, p.reached, p.won, p.source])).toEqual([
      ['lead', 6, 3, 'history'],
      ['qualified', 4, 3, 'default'],
      ['proposal', 3, 3, 'default'],
      ['negotiation', 2, 2, 'default'],
    ]);
  });

  test('learned stage: share won with Wilson bounds; default stages: the setting, no range', () => {
    const [lead, qualified, proposal, negotiation] = learnStageProbabilities(STAGES, closed, defaults);
    expect(lead.probability).toBe(0.5);
    expect(lead.low).toBeCloseTo(0.1876, 4);
    expect(lead.high).toBeCloseTo(0.8124, 4);
    expect([qualified.probability, proposal.probability, negotiation.probability]).toEqual([0.25, 0.5, 0.75]);
    expect([qualified.low, qualified.high]).toEqual([null, null]);
  });

  test(`${MIN_CLOSED_FOR_LEARNING} closed deals learn, 4 do not; a changed default applies below it`, () => {
    const four: ClosedDealGroup[] = [{ status: 'won', stagesSeen: ['proposal'], count: 4 }];
    const five: ClosedDealGroup[] = [...four, { status: 'lost', stagesSeen: ['lead'], count: 1 }];
    expect(learnStageProbabilities(STAGES, four, (s) => (s === 'lead' ? 30 : 50))[0]).toMatchObject({ probability: 0.3, source: 'default', reached: 4 });
    // 4 won of 5: 80 %, Wilson 95 % of 4/5 = 37.55 … 96.38
    const lead = learnStageProbabilities(STAGES, five, defaults)[0];
    expect(lead).toMatchObject({ probability: 0.8, source: 'history', reached: 5, won: 4 });
    expect(lead.low).toBeCloseTo(0.3755, 4);
    expect(lead.high).toBeCloseTo(0.9638, 4);
  });

  test('a stage added later defaults to 50; stages no longer listed are ignored', () => {
    expect(builtInDefaultPercent('demo')).toBe(50);
    const table = learnStageProbabilities(['lead', 'demo'], [{ status: 'won', stagesSeen: ['gone'], count: 9 }], defaults);
    expect(table.map((p) => [p.reached, p.probability])).toEqual([[0, 0.1], [0, 0.5]]);
  });
});

describe('forecast and chance to hit', () => {
  const deal = (valueX100: number, probability: number): ForecastDeal => ({ valueX100, probability });

  test('one deal: it hits only when won, and only if it is large enough', () => {
    // need 800 (target 1000, actual 200)
    expect(forecastGoal(200, 1000, [deal(1500, 0.4)])).toEqual({ valueX100: 200 + 600, chanceToHit: 0.4, deals: 1, method: 'exact' });
    expect(forecastGoal(200, 1000, [deal(500, 0.4)]).chanceToHit).toBe(0);
    expect(forecastGoal(1000, 1000, [deal(500, 0.4)]).chanceToHit).toBe(1);
  });

  test('two deals: both needed (0.5 × 0.4 = 0.2) or either enough (1 − 0.5 × 0.6 = 0.7)', () => {
    expect(exactChance(800, [deal(600, 0.5), deal(500, 0.4)])).toBeCloseTo(0.2, 12);
    expect(exactChance(500, [deal(600, 0.5), deal(500, 0.4)])).toBeCloseTo(0.7, 12);
  });

  test('three deals: A 700 @50 %, B 400 @50 %, C 300 @20 %, need 1000 → A and (B or C) = 0.5 × (1 − 0.5 × 0.8) = 0.3', () => {
    const deals = [deal(700, 0.5), deal(400, 0.5), deal(300, 0.2)];
    const forecast = forecastGoal(200, 1200, deals);
    // 200 + 350 + 200 + 60
    expect(forecast.valueX100).toBeCloseTo(810, 9);
    expect(forecast.chanceToHit).toBeCloseTo(0.3, 12);
    expect(forecast.method).toBe('exact');
  });

  test('no deals: the forecast is the actual; the chance is 0 unless already met', () => {
    expect(forecastGoal(300, 1000, [])).toMatchObject({ valueX100: 300, chanceToHit: 0, deals: 0 });
  });

  // 20 deals: exact is still available, so the simulation can be checked against it.
  const twenty = Array.from({ length: 20 }, (_, i) => deal(1000 + 137 * i, [0.1, 0.25, 0.5, 0.75][i % 4]));
  const need = 19_000; // expected Σ = 19,165.5: a close call, where a sampling error would show

  test('the seeded simulation is within 1 point of the exact chance, and reproducible', () => {
    const exact = exactChance(need, twenty);
    const simulated = simulatedChance(need, twenty);
    expect(exact).toBeGreaterThan(0.2);
    expect(exact).toBeLessThan(0.8);
    expect(Math.abs(simulated - exact)).toBeLessThan(0.01);
    expect(simulatedChance(need, twenty)).toBe(simulated);
  });

  test('above 20 deals the forecast simulates', () => {
    const deals = [...twenty, deal(1, 0.5)];
    const forecast = forecastGoal(0, need, deals);
    expect(forecast.method).toBe('simulation');
    expect(Math.abs(forecast.chanceToHit - exactChance(need, deals))).toBeLessThan(0.01);
  });

  test('the binomial distribution identical deals are drawn from, worked by hand', () => {
    // 4 deals at 50 %: 1, 4, 6, 4, 1 sixteenths
    expect([...binomialCdf(4, 0.5)].map((x) => x * 16)).toEqual([1, 5, 11, 15, 16].map((x) => expect.closeTo(x, 12)));
    // 3 deals at 20 %: 0.512, 0.384, 0.096, 0.008
    expect([...binomialCdf(3, 0.2)]).toEqual([0.512, 0.896, 0.992, 1].map((x) => expect.closeTo(x, 12)));
    // 2,000 at 75 %: P(at most 1,500) is one half give or take the middle term (≈ 0.0206)
    const big = binomialCdf(2000, 0.75);
    expect(big[1500]).toBeGreaterThan(0.5);
    expect(big[1500] - big[1499]).toBeCloseTo(0.0206, 3);
    expect(big[2000]).toBe(1);
  });

  test('identical deals counted together: the same forecast as one by one', () => {
    // Two deals of 500 at 50 %, need 1000: both must be won, 0.25; expected 500.
    expect(forecastGoal(0, 1000, [{ valueX100: 500, probability: 0.5, count: 2 }])).toEqual({ valueX100: 500, chanceToHit: 0.25, deals: 2, method: 'exact' });
    // 30 deals in three groups of 10 (exact is still computable here: few distinct sums).
    const groups: ForecastDeal[] = [{ valueX100: 1000, probability: 0.25, count: 10 }, { valueX100: 800, probability: 0.5, count: 10 }, { valueX100: 500, probability: 0.75, count: 10 }];
    const one = groups.flatMap((g) => Array.from({ length: g.count! }, () => deal(g.valueX100, g.probability)));
    const need30 = 10_000; // expected 2,500 + 4,000 + 3,750 = 10,250
    const exact = exactChance(need30, one);
    expect(exactChance(need30, groups)).toBeCloseTo(exact, 12);
    expect(exact).toBeGreaterThan(0.2);
    expect(exact).toBeLessThan(0.8);
    const forecast = forecastGoal(0, need30, groups);
    expect(forecast).toMatchObject({ valueX100: 10_250, deals: 30, method: 'simulation' });
    expect(Math.abs(forecast.chanceToHit - exact)).toBeLessThan(0.01);
    expect(Math.abs(simulatedChance(need30, one) - exact)).toBeLessThan(0.01);
    // All won or none: a group at 100 % always adds its whole value.
    expect(simulatedChance(3000, [{ valueX100: 1000, probability: 1, count: 3 }])).toBe(1);
    expect(simulatedChance(1, [{ valueX100: 1000, probability: 0, count: 30 }])).toBe(0);
  });

  test('different deals drawn eight at a time (blocks of 8, 6, 8 and 5 here) match the exact chance', () => {
    // 27 deals worth 100 … 2,700, alternately 30 % and 80 %: 14 at 30 % (blocks 8 + 6), 13 at 80 % (8 + 5).
    const deals = Array.from({ length: 27 }, (_, i) => deal(100 * (i + 1), i % 2 ? 0.8 : 0.3));
    // expected: 0.3 × (100 + 300 + … + 2,700) + 0.8 × (200 + … + 2,600) = 0.3 × 19,600 + 0.8 × 18,200 = 20,440
    expect(forecastGoal(0, 1, deals).valueX100).toBeCloseTo(20_440, 9);
    for (const need of [15_000, 20_000, 21_000, 25_000]) {
      const exact = exactChance(need, deals);
      expect(Math.abs(simulatedChance(need, deals) - exact)).toBeLessThan(0.01);
    }
    // Certain and impossible deals in blocks: 100 % always adds its value, 0 % never does.
    expect(simulatedChance(300, [deal(100, 1), deal(200, 1), deal(50, 0)])).toBe(1);
    expect(simulatedChance(301, [deal(100, 1), deal(200, 1), deal(50, 0)])).toBe(0);
  });

  test('the generator is seeded: same seed, same numbers, all in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('pipeline board', () => {
  test('per stage value and weighted value, totals, lists ranked by weighted value', () => {
    const probabilities = learnStageProbabilities(['lead', 'proposal'], [], defaults);
    const customer = { id: 1, name: 'Acme' };
    const base = { customer, status: 'open' as const, product: null, technique: null, note: null, createdDate: '2026-01-01', closedDate: null, lostReason: null, saleId: null, externalId: null };
    const small = { ...base, id: 3, title: 'small', valueCents: 100_000, stage: 'proposal', expectedCloseDate: '2026-03-01', stageDate: '2026-02-01' };
    const big = { ...base, id: 4, title: 'big', valueCents: 900_000, stage: 'lead', expectedCloseDate: '2026-03-10', stageDate: '2026-02-01' };
    const board = buildPipeline({
      today: '2026-03-15', probabilities,
      sums: [{ stage: 'lead', deals: 2, valueCents: 1_000_000 }, { stage: 'proposal', deals: 1, valueCents: 100_000 }],
      stale: [small, big], closeOverdue: [small],
    });
    expect(board.stages).toEqual([
      { stage: 'lead', deals: 2, value: 10_000, probability: 10, probabilityLow: null, probabilityHigh: null, probabilitySource: 'default', weightedValue: 1_000 },
      { stage: 'proposal', deals: 1, value: 1_000, probability: 50, probabilityLow: null, probabilityHigh: null, probabilitySource: 'default', weightedValue: 500 },
    ]);
    expect(board.totals).toEqual({ deals: 3, value: 11_000, weightedValue: 1_500 });
    // big: 9,000 × 10 % = 900 weighted; small: 1,000 × 50 % = 500
    expect(board.stale.map((d) => d.id)).toEqual([4, 3]);
    expect(board.stale[0]).toEqual({ id: 4, customer, title: 'big', value: 9000, stage: 'lead', status: 'open', expectedClose: '2026-03-10', daysInStage: 42, probability: 10 });
  });
});

describe('pipeline block of the report', () => {
  test('advanced counts each deal once, only forward moves under the current order; first entries are not moves', async () => {
    const { buildPipelinePeriod } = await import('../../src/domain/deal-pipeline.js');
    const block = buildPipelinePeriod({
      figures: { created: { deals: 2, valueCents: 300_00 }, won: { deals: 1, valueCents: 150_00, averageDaysToWin: 12.345 }, lost: { deals: 0, valueCents: 0 } },
      changes: [
        { dealId: 1, stage: 'lead', previous: null, valueCents: 100_00 }, // created in the period: not a move
        { dealId: 1, stage: 'proposal', previous: 'lead', valueCents: 100_00 }, // forward
        { dealId: 1, stage: 'negotiation', previous: 'proposal', valueCents: 100_00 }, // forward again: still one deal
        { dealId: 2, stage: 'lead', previous: 'qualified', valueCents: 200_00 }, // back: not advanced
        { dealId: 3, stage: 'qualified', previous: 'lead', valueCents: 50_00 }, // forward
      ],
      stages: STAGES,
      probabilities: learnStageProbabilities(STAGES, [], defaults),
    });
    expect(block.advanced).toEqual({ deals: 2, value: 150 });
    expect(block.created).toEqual({ deals: 2, value: 300 });
    expect(block.won).toEqual({ deals: 1, value: 150, averageDaysToWin: 12.3 });
    expect(block.stages[0]).toEqual({ stage: 'lead', reached: 0, won: 0, probability: 10, probabilityLow: null, probabilityHigh: null, probabilitySource: 'default' });
  });
});

describe('deals to move and small deal rules', () => {
  const probabilities = [
    { stage: 'lead', reached: 0, won: 0, probability: 0.1, low: null, high: null, source: 'default' as const },
    { stage: 'proposal', reached: 0, won: 0, probability: 0.5, low: null, high: null, source: 'default' as const },
  ];
  const base = {
    customer: { id: 1, name: 'Acme' }, title: 't', status: 'open' as const, product: null, technique: null, note: null, createdDate: '2026-01-01',
    closedDate: null, lostReason: null, saleId: null, externalId: null,
  };
  // today 2026-03-20, stale after 14 days in a stage
  const candidates = [
    // 1000.00 at 10% = 100.00; 19 days in lead: stale
    { ...base, id: 1, valueCents: 100000, stage: 'lead', stageDate: '2026-03-01', expectedCloseDate: null },
    // 300.00 at 50% = 150.00; 14 days: not stale; close date passed
    { ...base, id: 2, valueCents: 30000, stage: 'proposal', stageDate: '2026-03-06', expectedCloseDate: '2026-03-19' },
    // 1500.00 at 10% = 150.00 (a tie with #2: the older id first); stale and overdue
    { ...base, id: 3, valueCents: 150000, stage: 'lead', stageDate: '2026-02-01', expectedCloseDate: '2026-03-01' },
    // due today, 14 days in stage: nothing to move
    { ...base, id: 4, valueCents: 900000, stage: 'proposal', stageDate: '2026-03-06', expectedCloseDate: '2026-03-20' },
  ];

  test('largest weighted value first (ties by id), each with why', () => {
    expect(dealsToMove(candidates, '2026-03-20', probabilities, 14)).toEqual([
      {
        id: 2, customer: { id: 1, name: 'Acme' }, title: 't', value: 300, stage: 'proposal', status: 'open', expectedClose: '2026-03-19', daysInStage: 14,
        probability: 50, weightedValue: 150, why: 'close date 2026-03-19 passed',
      },
      {
        id: 3, customer: { id: 1, name: 'Acme' }, title: 't', value: 1500, stage: 'lead', status: 'open', expectedClose: '2026-03-01', daysInStage: 47,
        probability: 10, weightedValue: 150, why: '47 days in lead, close date 2026-03-01 passed',
      },
      {
        id: 1, customer: { id: 1, name: 'Acme' }, title: 't', value: 1000, stage: 'lead', status: 'open', expectedClose: null, daysInStage: 19,
        probability: 10, weightedValue: 100, why: '19 days in lead',
      },
    ]);
    expect(dealsToMove([], '2026-03-20', probabilities, 14)).toEqual([]);
  });

  test('equal weighted values: the older id first, whatever order they come in (deals to move and the board\'s overdue list)', () => {
    const [, two, three] = candidates;
    expect(dealsToMove([three, two], '2026-03-20', probabilities, 14).map((d) => d.id)).toEqual([2, 3]);
    const board = buildPipeline({ today: '2026-03-20', probabilities, sums: [], stale: [three, candidates[0]], closeOverdue: [three, two] });
    expect(board.closeOverdue.map((d) => d.id)).toEqual([2, 3]);
    expect(board.stale.map((d) => d.id)).toEqual([3, 1]);
  });

  test.each([['all', 'all'], [' Open ', 'open'], ['WON', 'won'], ['lost', 'lost']])('--status %j is %s', (text, status) => expect(parseDealStatus(text)).toBe(status));

  test('another --status is refused', () => {
    expect(() => parseDealStatus('closed')).toThrow(expect.objectContaining({ message: '--status "closed" is not a deal status', hint: 'Use open, won, lost or all.' }));
  });

  test.each([[0.5, 50], [0.125, 13], [0.004, 0], [1, 100]])('%d is %d%%', (fraction, percent) => expect(wholePercent(fraction)).toBe(percent));
});

describe('deal edges', () => {
  test('at most 20 stages', () => {
    const stages = Array.from({ length: 21 }, (_, i) => `s${i + 1}`);
    expect(parseStageList(stages.slice(0, 20).join(','))).toHaveLength(20);
    expect(() => parseStageList(stages.join(','))).toThrow(expect.objectContaining({ message: 'at most 20 deal stages' }));
  });

  test('a blank stage is no prefix of every stage', () => {
    expect(() => resolveStage('  ', ['lead'])).toThrow(expect.objectContaining({ message: 'unknown stage "  "', hint: 'Stages: lead (spm config set deal-stages …).' }));
  });

  test('a closed deal shows no probability; a stage missing from the table has none', () => {
    const deal = {
      id: 7, customer: { id: 1, name: 'Acme' }, title: 't', valueCents: 12_345, stage: 'proposal', status: 'won' as const, expectedCloseDate: null, product: null,
      technique: null, note: null, createdDate: '2026-03-01', stageDate: '2026-03-05', closedDate: '2026-03-09', lostReason: null, saleId: 3, externalId: null,
    };
    const table = [{ stage: 'proposal', reached: 0, won: 0, probability: 0.5, low: null, high: null, source: 'default' as const }];
    expect(pipelineDeal(deal, '2026-03-10', table)).toEqual({
      id: 7, customer: { id: 1, name: 'Acme' }, title: 't', value: 123.45, stage: 'proposal', status: 'won', expectedClose: null, daysInStage: 5, probability: null,
    });
    expect(pipelineDeal({ ...deal, status: 'open' }, '2026-03-10', table).probability).toBe(50);
    expect(probabilityOf(table, 'demo')).toBe(0);
  });

  test('a forecast that needs nothing is certain; one its deals cannot reach is hopeless', () => {
    expect(simulatedChance(0, [])).toBe(1);
    expect(simulatedChance(-5, [{ valueX100: 100, probability: 0.5 }])).toBe(1);
    expect(simulatedChance(500, [{ valueX100: 100, probability: 1 }, { valueX100: 399, probability: 1 }])).toBe(0);
    expect(simulatedChance(499, [{ valueX100: 100, probability: 1 }, { valueX100: 399, probability: 1 }])).toBe(1);
  });
});
