// Follow-ups never outlive what they are about: none is scheduled for an archived customer
// (refused when asked for, skipped when automatic), and deleting a sale cancels its open ones.
import { expect, test } from '@jest/globals';
import { expectRejected, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const now = '2026-03-10';
const run = (args: string[]) => runSpm(args, { db: temp.dbPath, now });
const open = async () => (await run(['followup', 'list', '--json'])).json().map((f: { id: number; reason: string }) => f.reason);

test('an archived customer gets no follow-up: asked-for ones are refused, automatic ones skipped', async () => {
  await run(['customer', 'add', 'Acme']);
  await run(['customer', 'archive', 'acme']);
  const options = { db: temp.dbPath, now };
  await expectRejected(['followup', 'add', 'acme', '+2d'], options, /customer #1 Acme is archived/);
  await expectRejected(['checkin', 'add', 'acme', '--next', '+3d'], options, /is archived/);
  await expectRejected(['sale', 'add', 'acme', '100', '--follow-up', '+3d'], options, /is archived/);

  expect((await run(['sale', 'add', 'acme', '100'])).code).toBe(0); // won: would schedule a post-sale follow-up
  expect((await run(['concern', 'add', 'acme', 'late delivery', '--severity', 'high'])).code).toBe(0);
  expect((await run(['concern', 'resolve', '1', '--resolution', 'refunded'])).code).toBe(0);
  expect((await run(['checkin', 'add', 'acme'])).code).toBe(0);
  expect(await open()).toEqual([]);

  // Back from the archive, the same commands schedule as usual.
  await run(['customer', 'unarchive', 'acme']);
  expect((await run(['sale', 'add', 'acme', '100'])).code).toBe(0);
  expect(await open()).toEqual(['post-sale · $100']);
});

test('deleting a sale cancels its open follow-ups, and says so', async () => {
  await run(['customer', 'add', 'Acme']);
  await run(['sale', 'add', 'acme', '100']); // #1, follow-up #1
  await run(['sale', 'add', 'acme', '200']); // #2, follow-up #2
  const removed = await runSpm(['sale', 'rm', '2', '--yes'], { db: temp.dbPath, now });
  expect(removed.code).toBe(0);
  expect(removed.stderr).toContain('Deleted sale #2; cancelled its follow-up #2');
  expect(await open()).toEqual(['post-sale · $100']);
  const all = (await run(['followup', 'list', '--status', 'cancelled', '--json'])).json();
  expect(all).toMatchObject([{ id: 2, status: 'cancelled' }]);
});
