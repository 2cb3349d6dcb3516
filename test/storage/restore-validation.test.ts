// import json checks every field as the commands that create the record do, and a refused
// restore leaves no file behind (it used to leave a new empty-schema database).
import { beforeEach, describe, expect, test } from '@jest/globals';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSpm, useTempDb } from '../helpers/run-spm.js';
import { expectOneErrorLine } from '../helpers/storage.js';

const temp = useTempDb();
const stamp = '2026-03-01T10:00:00.000Z';

/** A small valid export: one customer, one sale, one goal. */
function validDocument(): Record<string, any> {
  return {
    format: 'spm-export', version: 1, schemaVersion: 9, exportedAt: stamp,
    customers: [{ id: 1, name: 'Acme', company: null, email: null, phone: null, segment: null, tags: ['vip'], notes: null, cadenceDays: 30, archived: false, addedDate: '2026-01-01', createdAt: stamp, updatedAt: stamp }],
    sales: [{ id: 1, date: '2026-02-01', customerId: 1, amount: 1200.5, outcome: 'won', reason: null, technique: null, product: null, quantity: null, note: null, externalId: null, createdAt: stamp, updatedAt: stamp }],
    checkins: [], concerns: [], followups: [],
    goals: [{ id: 1, name: 'Q1', metric: 'revenue', target: 30000, period: 'quarter', from: '2026-01-01', to: '2026-03-31', recurring: false, segment: null, product: null, technique: null, archived: false, createdAt: stamp, updatedAt: stamp }],
    goalMilestones: [], goalLogs: [],
    settings: { currency: 'EUR' },
  };
}

let restoredDb: string;
beforeEach(() => {
  restoredDb = join(temp.dir, 'restored.db');
});

async function restore(document: unknown) {
  const file = join(temp.dir, 'in.json');
  writeFileSync(file, JSON.stringify(document));
  return runSpm(['import', 'json', file], { db: restoredDb });
}

test('the valid document restores', async () => {
  const result = await restore(validDocument());
  expect(result.stderr).toMatch(/^✓ Restored 1 customers, 1 sales/);
  expect(result.code).toBe(0);
});

const cases: [string, (d: Record<string, any>) => void, RegExp][] = [
  ['currency "not-a-code"', (d) => { d.settings.currency = 'not-a-code'; }, /settings\.currency/],
  ['negative follow-up days', (d) => { d.settings['post-sale-follow-up-days'] = '-3'; }, /post-sale-follow-up-days/],
  ['follow-up days 99999999', (d) => { d.settings['post-sale-follow-up-days'] = '99999999'; }, /from 0 to 3650/],
  ['an unknown setting', (d) => { d.settings.colour = 'red'; }, /settings\.colour is not a setting/],
  ['amount 1e300', (d) => { d.sales[0].amount = 1e300; }, /sales\[0\]: amount is too large/],
  ['amount over the cap', (d) => { d.sales[0].amount = 1000000000.01; }, /too large \(at most 1,000,000,000\.00\)/],
  ['amount with 3 decimals', (d) => { d.sales[0].amount = 1.005; }, /more than 2 decimals/],
  ['amount 0', (d) => { d.sales[0].amount = 0; }, /more than zero/],
  ['amount negative', (d) => { d.sales[0].amount = -5; }, /more than zero/],
  ['amount as text', (d) => { d.sales[0].amount = '12'; }, /amount is not a number/],
  ['date 2026-02-30', (d) => { d.sales[0].date = '2026-02-30'; }, /sales\[0\]: date 2026-02-30 does not exist on the calendar/],
  ['date "someday"', (d) => { d.sales[0].date = 'someday'; }, /outside the dates spm keeps/],
  ['date 0050-06-15', (d) => { d.sales[0].date = '0050-06-15'; }, /outside the dates spm keeps/],
  ['date 12025-01-01', (d) => { d.customers[0].addedDate = '12025-01-01'; }, /outside the dates spm keeps/],
  ['an empty name', (d) => { d.customers[0].name = ''; }, /customers\[0\]: customer name is empty/],
  ['a digits-only name', (d) => { d.customers[0].name = '42'; }, /would read as an id/],
  ['a 300-character name', (d) => { d.customers[0].name = 'x'.repeat(300); }, /longer than 200 characters/],
  ['a name with NUL', (d) => { d.customers[0].name = 'Acme\u0000Evil'; }, /control characters/],
  ['a name of escapes only', (d) => { d.customers[0].name = '\u001b[2J\u001b[H'; }, /control characters/],
  ['a goal name of spaces', (d) => { d.goals[0].name = '   '; }, /goals\[0\]: goal name is empty/],
  ['cadence of 10^9 days', (d) => { d.customers[0].cadenceDays = 1e9; }, /cadenceDays 1000000000 is not a number of days from 1 to 3650/],
  ['tags as a string', (d) => { d.customers[0].tags = 'vip, big'; }, /tags is not a list of tags/],
  ['a bad email', (d) => { d.customers[0].email = '555-1234'; }, /does not look like an address/],
  ['outcome "maybe"', (d) => { d.sales[0].outcome = 'maybe'; }, /outcome "maybe" is not one of won, lost/],
  ['a reason on a won sale', (d) => { d.sales[0].reason = 'price'; }, /reason is only for lost sales/],
  ['a bad time stamp', (d) => { d.sales[0].createdAt = 'yesterday'; }, /createdAt is not a UTC time stamp/],
  ['a goal from after to', (d) => { d.goals[0].from = '2026-04-01'; }, /from 2026-04-01 is after to 2026-03-31/],
  ['a goal target of 1e300', (d) => { d.goals[0].target = 1e300; }, /too large/],
  ['a win-rate over 100', (d) => { d.goals[0].metric = 'win-rate'; d.goals[0].target = 150; }, /over 100/],
  ['a sale of a missing customer', (d) => { d.sales[0].customerId = 99; }, /sales\[0\] cannot be restored: FOREIGN KEY/],
  ['a record that is not an object', (d) => { d.sales[0] = 5; }, /sales\[0\] is not an object/],
  ['customers not an array', (d) => { d.customers = {}; }, /"customers" is not an array/],
  ['an id of 0', (d) => { d.customers[0].id = 0; }, /id is not an id/],
  ['satisfaction 9', (d) => { d.checkins = [{ id: 1, date: '2026-02-01', customerId: 1, channel: 'call', satisfaction: 9, note: null, externalId: null, createdAt: stamp }]; }, /satisfaction is not a whole number from 1 to 5/],
];

describe('a restore of a bad field is refused: exit 2, one line naming the record, no file left', () => {
  test.each(cases)('%s', async (_, spoil, message) => {
    const document = validDocument();
    spoil(document);
    const result = await restore(document);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toMatch(message);
    expect(readdirSync(temp.dir)).toEqual(['in.json']);
  });
});

test('the figures of the restore table', () => {
  // Counted for the note: every case above is a distinct wrong accept that used to be restored.
  expect(cases.length).toBeGreaterThanOrEqual(30);
});
