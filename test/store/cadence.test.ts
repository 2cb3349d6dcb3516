// customer_cadence (schema v8): the touch-by day of each active customer with a cadence must
// follow every change of customers, sales and check-ins, and drive the daily view's
// "going cold" exactly as the rule says (last contact more than the cadence ago).
import { expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { checkedRows, cadenceTables } from '../helpers/derived.js';

const temp = useTempDb();
const run = async (args: string[], now = '2026-03-30') => {
  const result = await runSpm(args, { db: temp.dbPath, now });
  expect(result.stderr).not.toMatch(/^spm: /m);
  return result;
};

const stored = () => checkedRows(temp.dbPath, cadenceTables);

test('customer_cadence follows customers, sales and check-ins', async () => {
  await run(['customer', 'add', 'Acme', '--every', '30'], '2026-03-01'); // #1
  await run(['customer', 'add', 'Beta'], '2026-03-01'); // #2, no cadence: no row
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-03-01', touch_by: '2026-03-31', followed_up: 0 }]);

  await run(['sale', 'add', 'acme', '100', '--date', '2026-03-10', '--no-follow-up']); // #1
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-03-10', touch_by: '2026-04-09', followed_up: 0 }]);
  await run(['checkin', 'add', 'acme', '--date', '2026-03-20']);
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-03-20', touch_by: '2026-04-19', followed_up: 0 }]);
  // An earlier (lost) sale changes nothing; deleting the latest contact goes back to the one before.
  await run(['sale', 'add', 'acme', '50', '--date', '2026-03-05', '--lost']); // #2
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-03-20', touch_by: '2026-04-19', followed_up: 0 }]);
  await run(['sale', 'edit', '1', '--date', '2026-03-25']);
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-03-25', touch_by: '2026-04-24', followed_up: 0 }]);
  await run(['sale', 'rm', '1', '--yes']);
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-03-20', touch_by: '2026-04-19', followed_up: 0 }]);

  await run(['customer', 'edit', 'acme', '--every', '2w']);
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-03-20', touch_by: '2026-04-03', followed_up: 0 }]);
  await run(['customer', 'edit', 'beta', '--every', '7']);
  expect(stored()).toEqual([
    { customer_id: 1, last_contact: '2026-03-20', touch_by: '2026-04-03', followed_up: 0 },
    { customer_id: 2, last_contact: '2026-03-01', touch_by: '2026-03-08', followed_up: 0 },
  ]);
  await run(['customer', 'archive', 'acme']);
  expect(stored()).toEqual([{ customer_id: 2, last_contact: '2026-03-01', touch_by: '2026-03-08', followed_up: 0 }]);
  await run(['customer', 'unarchive', 'acme']);
  await run(['customer', 'edit', 'beta', '--every', 'none']);
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-03-20', touch_by: '2026-04-03', followed_up: 0 }]);
  await run(['customer', 'add', 'Gamma', '--every', '10']); // #3
  await run(['customer', 'rm', 'gamma', '--yes']);
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-03-20', touch_by: '2026-04-03', followed_up: 0 }]);
});

test('going cold turns on the day after touch-by, and a scheduled follow-up suppresses it', async () => {
  await run(['customer', 'add', 'Acme', '--every', '30'], '2026-03-01'); // touch by 2026-03-31
  const cold = async (now: string) => (await run(['followups', '--json'], now)).json().goingCold.map((c: { customer: { name: string } }) => c.customer.name);
  expect(await cold('2026-03-31')).toEqual([]);
  expect(await cold('2026-04-01')).toEqual(['Acme']);
  await run(['followup', 'add', 'acme', '2026-04-10'], '2026-04-01');
  expect(await cold('2026-04-01')).toEqual([]);
});

test('history entered after adding a customer counts as it is: last contact is the latest touch, not the day added (docs/contract.md)', async () => {
  await run(['customer', 'add', 'Delta', '--every', '30'], '2026-03-01');
  await run(['sale', 'add', 'delta', '100', '--date', '2026-01-10', '--no-follow-up'], '2026-03-01');
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '2026-01-10', touch_by: '2026-02-09', followed_up: 0 }]);
  expect((await run(['customer', 'show', 'delta', '--json'], '2026-03-01')).json().lastContact).toBe('2026-01-10');
  expect((await run(['customer', 'list'], '2026-03-01')).stdout).toContain('2026-01-10');
  const view = (await run(['followups', '--json'], '2026-03-01')).json();
  expect(view.goingCold).toEqual([{ customer: { id: 1, name: 'Delta' }, lastContact: '2026-01-10', cadenceDays: 30, daysSinceContact: 50 }]);
});

test('a customer deleted without foreign keys (another tool on the file) leaves no touch-by row behind', async () => {
  await run(['customer', 'add', 'Acme', '--every', '30'], '2026-03-01');
  const db = openRaw(temp.dbPath);
  db.pragma('foreign_keys = OFF');
  db.prepare('DELETE FROM customers WHERE id = 1').run();
  db.close();
  expect(stored()).toEqual([]);
});

test('a last contact near the end of the calendar (a "never" placeholder like 9999-12-31) is kept, not a database error', async () => {
  await run(['customer', 'add', 'Ann', '--every', '30'], '2026-03-01');
  // spm refuses dates after 2199-12-31 now; an older spm or another tool may have written one.
  const raw = openRaw(temp.dbPath);
  raw.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, created_at, updated_at) VALUES ('9999-12-20', 1, 10000, 'won', 'x', 'x')").run();
  raw.close();
  expect(stored()).toEqual([{ customer_id: 1, last_contact: '9999-12-20', touch_by: '9999-12-31', followed_up: 0 }]);
});
