// Follow-ups that belong to a deal: `followup add --deal`, `followup edit --deal` (and
// `--deal none`), the deal's title in every view of the reason, a closed or deleted deal, and
// the link through undo and a JSON export and restore.
import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectRejected, openRaw, runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });

async function setup(): Promise<void> {
  for (const args of [['customer', 'add', 'Acme'], ['customer', 'add', 'Beta'], ['deal', 'add', 'acme', '5000', '--title', 'Website redesign'],
    ['deal', 'add', 'beta', '800', '--title', 'Logo']]) {
    const result = await run(args);
    if (result.code !== 0) throw new Error(result.stderr);
  }
}

test('followup add --deal: the deal title is in the reason in the daily view, the dashboard, the calendar and customer show', async () => {
  await setup();
  const added = await run(['followup', 'add', 'acme', 'today', '--deal', '1', '--reason', 'send the proposal', '--json']);
  expect(added.json()).toMatchObject({ id: 1, reason: 'deal #1 Website redesign · send the proposal', dealId: 1, source: 'manual' });
  expect((await run(['followup', 'add', 'acme', '+3d', '--deal', '#1'])).stderr).toMatch(/Follow-up #2 with Acme due 2026-03-18 \(deal #1 Website redesign\)/);
  expect((await run(['followups'])).stdout).toMatch(/#1 .*Acme — deal #1 Website redesign · send the proposal/);
  expect((await run(['followups', '--json'])).json().dueToday).toMatchObject([{ id: 1, reason: 'deal #1 Website redesign · send the proposal', dealId: 1 }]);
  expect((await run([])).stdout).toMatch(/Acme — deal #1 Website redesign · send the proposal/);
  expect((await run(['export', 'ics'])).stdout).toMatch(/SUMMARY:Follow up: Acme — deal #1 Website redesign · send the proposal/);
  expect((await run(['customer', 'show', 'acme', '--json'])).json().followups.map((f: any) => f.reason))
    .toEqual(['deal #1 Website redesign', 'deal #1 Website redesign · send the proposal']);
  expect(openRaw(temp.dbPath).prepare('SELECT id, deal_id FROM followups ORDER BY id').all()).toEqual([{ id: 1, deal_id: 1 }, { id: 2, deal_id: 1 }]);
});

test('a deal of another customer, or no such deal, is refused and nothing is written', async () => {
  await setup();
  await run(['followup', 'add', 'acme', 'fri', '--deal', '1']);
  const before = snapshot(temp.dbPath);
  await expectRejected(['followup', 'add', 'beta', 'fri', '--deal', '1'], { db: temp.dbPath }, /^spm: deal #1 is Acme's, not Beta's/);
  await expectRejected(['followup', 'add', 'acme', 'fri', '--deal', '99'], { db: temp.dbPath }, /^spm: no deal #99/);
  await expectRejected(['followup', 'add', 'acme', 'fri', '--deal', 'none'], { db: temp.dbPath }, /deal/);
  // Moving a follow-up to another customer while it keeps Acme's deal, or giving it Beta's deal.
  await expectRejected(['followup', 'edit', '1', '--customer', 'beta'], { db: temp.dbPath }, /^spm: deal #1 is Acme's, not Beta's/);
  await expectRejected(['followup', 'edit', '1', '--deal', '2'], { db: temp.dbPath }, /^spm: deal #2 is Beta's, not Acme's/);
  expect(snapshot(temp.dbPath)).toBe(before);
  // Both at once is a consistent move.
  expect((await run(['followup', 'edit', '1', '--customer', 'beta', '--deal', '2', '--json'])).json()).toMatchObject({ customer: { name: 'Beta' }, reason: 'deal #2 Logo', dealId: 2 });
});

test('followup edit --deal links, --deal none unlinks; undo puts the link back', async () => {
  await setup();
  await run(['followup', 'add', 'acme', 'fri', '--reason', 'call']);
  expect((await run(['followup', 'edit', '1', '--deal', '1', '--json'])).json()).toMatchObject({ reason: 'deal #1 Website redesign · call', dealId: 1 });
  expect((await run(['followup', 'edit', '1', '--deal', 'none', '--json'])).json()).toMatchObject({ reason: 'call', dealId: null });
  expect((await run(['undo'])).code).toBe(0);
  expect((await run(['followup', 'list', '--json'])).json()).toMatchObject([{ id: 1, reason: 'deal #1 Website redesign · call', dealId: 1 }]);
});

test('a closed deal: its follow-ups stay open and say how it ended; a deleted deal cancels its open ones and unlinks the rest', async () => {
  await setup();
  await run(['followup', 'add', 'acme', 'fri', '--deal', '1', '--reason', 'kick-off call']);
  await run(['followup', 'add', 'acme', 'sat', '--deal', '1']);
  await run(['followup', 'done', '2', '--no-checkin']);
  expect((await run(['deal', 'won', '1'])).code).toBe(0);
  expect((await run(['followup', 'list', '--json'])).json()).toMatchObject([{ id: 1, status: 'open', reason: 'deal #1 Website redesign (won) · kick-off call' }, { id: 3, source: 'post-sale' }]);
  expect((await run(['deal', 'reopen', '1'])).code).toBe(0);
  const removed = await run(['deal', 'rm', '1', '--yes']);
  expect(removed.stderr).toMatch(/Deleted deal #1\n {2}Cancelled its open follow-up\n/);
  const db = openRaw(temp.dbPath);
  expect(db.prepare('SELECT id, status, deal_id, note, reason FROM followups WHERE id IN (1, 2) ORDER BY id').all()).toEqual([
    { id: 1, status: 'cancelled', deal_id: null, note: 'deal #1 deleted', reason: 'kick-off call' },
    { id: 2, status: 'done', deal_id: null, note: null, reason: null },
  ]);
  expect((await run(['undo'])).code).toBe(0);
  expect(db.prepare('SELECT id, status, deal_id FROM followups WHERE id IN (1, 2) ORDER BY id').all()).toEqual([
    { id: 1, status: 'open', deal_id: 1 }, { id: 2, status: 'done', deal_id: 1 },
  ]);
});

test('a JSON export carries the link and restores it', async () => {
  await setup();
  await run(['followup', 'add', 'acme', 'fri', '--deal', '1']);
  const file = join(temp.dir, 'all.json');
  expect((await run(['export', 'json', '-o', file])).code).toBe(0);
  expect(JSON.parse(readFileSync(file, 'utf8')).followups).toMatchObject([{ id: 1, dealId: 1 }]);
  const other = join(temp.dir, 'restored.db');
  expect((await runSpm(['import', 'json', file], { db: other })).code).toBe(0);
  expect((await runSpm(['followup', 'list', '--json'], { db: other })).json()).toMatchObject([{ id: 1, reason: 'deal #1 Website redesign', dealId: 1 }]);
  expect((await runSpm(['export', 'csv', '--entity', 'followups'], { db: other })).stdout.split('\n').slice(0, 2))
    .toEqual(['id,customer,due,reason,source,status,sale-id,concern-id,done,note,deal-id', '1,Acme,2026-03-20,,manual,open,,,,,1']);
});
