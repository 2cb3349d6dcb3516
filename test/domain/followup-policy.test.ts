// The automatic follow-up policy: hand-computed cases for when, what a sale edit does, and the reason shown.
import { describe, expect, test } from '@jest/globals';
import { followupChangesForSaleEdit, followupChangesForSaleRemoval, followupReason, postSaleFollowUp, type ReasonFacts, type SaleFacts } from '../../src/domain/followup-policy.js';

describe('postSaleFollowUp', () => {
  test.each([
    [{ date: '2026-03-10', outcome: 'won' as const }, 7, false, { due: '2026-03-17' }],
    [{ date: '2026-02-25', outcome: 'won' as const }, 7, false, { due: '2026-03-04' }],
    [{ date: '2026-03-10', outcome: 'lost' as const }, 7, false, { skip: 'lost' }],
    [{ date: '2026-03-10', outcome: 'won' as const }, 0, false, { skip: 'off' }],
    [{ date: '2026-03-10', outcome: 'won' as const }, 7, true, { skip: 'archived' }],
  ])('%j, %i days, archived %s → %j', (sale, days, archived, expected) => {
    expect(postSaleFollowUp(sale, days, archived)).toEqual(expected);
  });

  test('a due day past the calendar makes none, and says why', () => {
    expect(postSaleFollowUp({ date: '2199-12-30', outcome: 'won' }, 7, false)).toEqual({ skip: 'past-calendar', note: expect.stringMatching(/2199-12-30 \+ 7 days is after 2199-12-31/) });
  });
});

describe('followupChangesForSaleEdit', () => {
  const won: SaleFacts = { customerId: 1, date: '2026-03-10', outcome: 'won' };
  const open = [{ id: 5, dueDate: '2026-03-17' }];
  test.each<[string, SaleFacts, SaleFacts, { id: number; dueDate: string }[], unknown[]]>([
    ['marked lost: cancelled', won, { ...won, outcome: 'lost' }, open, [{ kind: 'cancel', id: 5, note: 'sale marked lost' }]],
    ['won again, none open: scheduled from the sale date', { ...won, outcome: 'lost' }, won, [], [{ kind: 'schedule', customerId: 1, dueDate: '2026-03-17' }]],
    ['won again, one open: left alone', { ...won, outcome: 'lost' }, won, open, []],
    ['another customer: moved to them', won, { ...won, customerId: 2 }, open, [{ kind: 'update', id: 5, customerId: 2 }]],
    ['three days later: due three days later', won, { ...won, date: '2026-03-13' }, open, [{ kind: 'update', id: 5, dueDate: '2026-03-20' }]],
    ['across a month end backwards (11 days earlier)', won, { ...won, date: '2026-02-27' }, open, [{ kind: 'update', id: 5, dueDate: '2026-03-06' }]],
    ['customer and day at once', won, { customerId: 3, date: '2026-03-11', outcome: 'won' }, open, [{ kind: 'update', id: 5, customerId: 3, dueDate: '2026-03-18' }]],
    ['amount only: nothing', won, won, open, []],
  ])('%s', (_what, before, after, followups, expected) => {
    expect(followupChangesForSaleEdit(before, after, followups, 7, false)).toEqual(expected);
  });

  test('won again for an archived customer, or with the setting off: nothing scheduled', () => {
    expect(followupChangesForSaleEdit({ ...won, outcome: 'lost' }, won, [], 7, true)).toEqual([]);
    expect(followupChangesForSaleEdit({ ...won, outcome: 'lost' }, won, [], 0, false)).toEqual([]);
  });

  test('removal cancels every open one', () => {
    expect(followupChangesForSaleRemoval(9, open)).toEqual([{ kind: 'cancel', id: 5, note: 'sale #9 deleted' }]);
  });
});

describe('followupReason', () => {
  const base: ReasonFacts = { source: 'post-sale', reason: null, saleId: 3, sale: { amountCents: 280000, outcome: 'won', product: 'training', technique: 'demo' }, concernId: null, concern: null };
  test.each<[string, ReasonFacts, string | null]>([
    ['a sale with a product', base, 'post-sale · training $2,800'],
    ['a sale with a technique only', { ...base, sale: { ...base.sale!, product: null } }, 'post-sale · demo $2,800'],
    ['a small sale with neither', { ...base, sale: { amountCents: 4550, outcome: 'won', product: null, technique: null } }, 'post-sale · $45.50'],
    ['a lost sale (--follow-up)', { ...base, sale: { ...base.sale!, outcome: 'lost' } }, 'lost sale · training $2,800'],
    ['the sale deleted', { ...base, saleId: null, sale: null }, 'post-sale · sale deleted'],
    ['a text given by hand after the link', { ...base, reason: 'ask for a referral' }, 'post-sale · training $2,800 · ask for a referral'],
    ['a concern', { ...base, source: 'concern', saleId: null, sale: null, concernId: 5, concern: { summary: 'late delivery' } }, 'concern · late delivery'],
    ['after a concern was resolved', { ...base, source: 'concern', reason: 'satisfied now?', saleId: null, sale: null, concernId: 5, concern: { summary: 'late delivery' } }, 'concern · late delivery · satisfied now?'],
    ['the concern deleted', { ...base, source: 'concern', saleId: null, sale: null, concernId: null, concern: null }, 'concern · concern deleted'],
    ['a manual one', { ...base, source: 'manual', reason: 'send the brochure', saleId: null, sale: null }, 'send the brochure'],
    ['a manual one without a reason', { ...base, source: 'manual', saleId: null, sale: null }, null],
  ])('%s', (_what, facts, expected) => {
    expect(followupReason(facts, 'USD')).toBe(expected);
  });
});
