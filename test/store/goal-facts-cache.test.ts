// Goals read in one go (goal list, the report) share their facts through a per-read cache: every
// goal's facts must be exactly those it gets alone, whatever else was read first — goals that
// differ only in metric, segment, product, technique, range or (custom) which goal's logs; and
// the connection's statements, prepared once and run again for the next goal, give what a
// connection of its own gives.
import { expect, test } from '@jest/globals';
import { Store } from '../../src/store/store.js';
import type { Goal, GoalMetric } from '../../src/domain/goal-pace.js';
import { runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();

test('each goal\'s facts read with a shared cache equal its facts read alone', async () => {
  const run = async (args: string[]) => expect((await runSpm(args, { db: temp.dbPath, now: '2026-03-31' })).code).toBe(0);
  await run(['customer', 'add', 'Acme', '--segment', 'smb']);
  await run(['customer', 'add', 'Bigco', '--segment', 'enterprise']);
  for (const [customer, amount, date, product, technique, lost] of [
    ['acme', '100', '2026-01-05', 'training', 'demo', false], ['bigco', '900', '2026-01-05', 'consulting', 'referral', false],
    ['acme', '250', '2026-02-10', 'consulting', 'demo', false], ['bigco', '400', '2026-03-03', 'training', 'referral', true],
    ['acme', '75', '2026-03-03', 'training', 'referral', false], ['bigco', '60', '2026-03-20', 'training', 'demo', false],
  ] as const) await run(['sale', 'add', customer, amount, '--date', date, '--product', product, '--technique', technique, ...(lost ? ['--lost'] : []), '--no-follow-up']);
  await run(['checkin', 'add', 'acme', '--date', '2026-01-07', '--satisfaction', '4']);
  await run(['checkin', 'add', 'bigco', '--date', '2026-03-03', '--satisfaction', '2']);
  await run(['goal', 'add', 'Books', '--metric', 'custom', '--target', '10', '--from', '2026-01-01', '--to', '2026-03-31']);
  await run(['goal', 'add', 'Talks', '--metric', 'custom', '--target', '10', '--from', '2026-01-01', '--to', '2026-03-31']);
  await run(['goal', 'log', 'books', '2', '--date', '2026-01-10']);
  await run(['goal', 'log', 'talks', '1', '--date', '2026-02-11']);

  const store = Store.open(temp.dbPath, 'read', () => '2026-03-31T00:00:00.000Z');
  try {
    const goal = (id: number, metric: GoalMetric, segment: string | null, product: string | null, technique: string | null): Goal =>
      ({ id, name: 'g', metric, target: 1, period: null, from: '2026-01-01', to: '2026-03-31', recurring: false, segment, product, technique, archived: false, milestones: [] });
    const goals: Goal[] = [];
    for (const metric of ['revenue', 'sales', 'win-rate', 'new-customers', 'repeat-revenue'] as const) {
      for (const [segment, product, technique] of [[null, null, null], ['smb', null, null], [null, 'training', null], [null, null, 'demo'], ['enterprise', 'training', 'referral']] as const) {
        goals.push(goal(goals.length + 1, metric, segment, product, technique));
      }
    }
    for (const metric of ['checkins', 'satisfaction'] as const) for (const segment of [null, 'smb', 'enterprise']) goals.push(goal(goals.length + 1, metric, segment, null, null));
    goals.push(goal(1, 'custom', null, null, null), goal(2, 'custom', null, null, null));
    const ranges = [['2026-01-01', '2026-03-31'], ['2026-01-01', '2026-02-28'], ['2026-03-01', '2026-03-31']] as const;
    const shared = new Map<string, unknown>();
    let days = 0;
    for (const [from, to] of ranges) {
      for (const g of goals) {
        // Alone: in a connection of its own, where no statement has run before.
        const own = Store.open(temp.dbPath, 'read', () => '2026-03-31T00:00:00.000Z');
        const alone = own.goals.dailyFacts(g, from, to);
        own.close();
        // Again with the connection's statements, run before for other goals and ranges.
        expect({ metric: g.metric, id: g.id, from, to, facts: store.goals.dailyFacts(g, from, to) }).toEqual({ metric: g.metric, id: g.id, from, to, facts: alone });
        expect({ metric: g.metric, id: g.id, segment: g.segment, product: g.product, technique: g.technique, from, facts: store.goals.dailyFacts(g, from, to, shared) })
          .toEqual({ metric: g.metric, id: g.id, segment: g.segment, product: g.product, technique: g.technique, from, facts: alone });
        days += alone.length;
      }
    }
    expect(days).toBeGreaterThan(100);
  } finally {
    store.close();
  }
});
