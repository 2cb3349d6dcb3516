// Deals through the built binary, the way a user runs them: add, move, list, show, edit,
// pipeline, won, lost, reopen, rm, a refused stage list, and a CRM's deals imported.
import { expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSpm } from '../helpers/spawn-spm.js';
import { snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const spm = (...args: string[]) => spawnSpm(args, { SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15', HOME: temp.dir });

test('a deal from lead to won, another lost and reopened, through the real binary', () => {
  expect(spm('customer', 'add', 'Acme').code).toBe(0);
  const added = spm('deal', 'add', 'acme', '12000', '--title', 'Website', '--close', '2026-04-30', '--date', '2026-03-01');
  expect(added).toMatchObject({ code: 0, stdout: '' });
  expect(added.stderr).toMatch(/Opened deal #1: Acme · Website \$12,000 in lead, closing 2026-04-30/);
  expect(spm('deal', 'add', 'acme', '3000', '--stage', 'proposal').code).toBe(0);
  expect(spm('deal', 'move', '1', 'proposal', '--date', '2026-03-05').code).toBe(0);
  expect(spm('deal', 'edit', '2', '--note', 'call back').code).toBe(0);
  expect(JSON.parse(spm('deal', 'list', '--json').stdout).map((d: { id: number }) => d.id)).toEqual([1, 2]);
  const shown = JSON.parse(spm('deal', 'show', '1', '--json').stdout);
  expect(shown.history).toEqual([{ stage: 'lead', date: '2026-03-01', days: 4 }, { stage: 'proposal', date: '2026-03-05', days: 10 }]);
  const board = JSON.parse(spm('pipeline', '--json').stdout);
  // proposal: 2 deals, $15,000 at the default 50 % = $7,500 weighted
  expect(board.stages[2]).toEqual({ stage: 'proposal', deals: 2, value: 15000, probability: 50, probabilityLow: null, probabilityHigh: null, probabilitySource: 'default', weightedValue: 7500 });
  expect(spm('pipeline').stdout).toMatch(/proposal\t2\t\$15,000\t50% default\t\$7,500/);

  const won = spm('deal', 'won', '1');
  expect(won.code).toBe(0);
  expect(won.stderr).toMatch(/Deal #1 Website won: sale #1 \$12,000\.00/);
  expect(spm('deal', 'lost', '2', '--reason', 'budget').code).toBe(0);
  expect(spm('deal', 'reopen', '2').code).toBe(0);
  expect(JSON.parse(spm('deal', 'show', '2', '--json').stdout)).toMatchObject({ status: 'open', saleId: null });

  const before = snapshot(temp.dbPath);
  const refused = spm('deal', 'move', '1', 'lead');
  expect(refused).toMatchObject({ code: 2, stdout: '' });
  expect(refused.stderr.split('\n')[0]).toBe('spm: deal #1 is won: it cannot be moved');
  const dropped = spm('config', 'set', 'deal-stages', 'lead,negotiation');
  expect(dropped.code).toBe(2);
  expect(dropped.stderr).toMatch(/^spm: deal-stages would drop stages open deals are in: proposal \(#2\)/);
  expect(spm('deal', 'add', 'acme', '0').code).toBe(2);
  expect(snapshot(temp.dbPath)).toBe(before);
  expect(spm('deal', 'rm', '2', '--yes').code).toBe(0);
  expect(spm('deal', 'add', '--help').stdout).toMatch(/Examples:[\s\S]*spm deal add/);
});

test('a Pipedrive deals export imported through the real binary: deals, their sales, refused and skipped rows', () => {
  const file = join(temp.dir, 'pipedrive.csv');
  writeFileSync(file, 'Title,Value,Organization,Stage,Expected close date,Status,Won time,Lost time,Lost reason,Deal created\n'
    + 'Website,5000,Acme,Proposal,2026-04-30,Open,,,,2026-03-01 09:12:00\n'
    + 'Logo,800,Beta Ltd,Qualified,,Lost,,2026-02-20 16:00:00,Too expensive,2026-01-10 10:00:00\n'
    + 'Gone,100,Acme,Qualified,,Deleted,,,,2026-01-10 10:00:00\n');
  const map = ['--map', 'customer=Organization', '--map', 'created-date=Deal created', '--map', 'expected-close=Expected close date',
    '--map', 'won-date=Won time', '--map', 'lost-date=Lost time'];
  expect(spm('customer', 'add', 'Seed').code).toBe(0);
  const before = snapshot(temp.dbPath);
  const HISTORY = ['history_changes', 'history_rows', 'history_state', 'sqlite_sequence'];
  const records = snapshot(temp.dbPath, { except: HISTORY });
  const refused = spm('import', 'deals', file, ...map);
  expect(refused).toMatchObject({ code: 2, stdout: '' });
  expect(refused.stderr.split('\n')[0]).toBe(`spm: 1 invalid row in ${file}, nothing imported: line 4: status "Deleted" is not open, won or lost`);
  expect(snapshot(temp.dbPath)).toBe(before);
  const imported = spm('import', 'deals', file, ...map, '--skip-invalid');
  expect(imported.code).toBe(0);
  expect(imported.stderr).toMatch(/Imported 2 of 3 deals from .*pipedrive\.csv \(0 already imported, 1 rejected, 2 new customers\)/);
  const list = JSON.parse(spm('deal', 'list', '--status', 'all', '--json').stdout);
  expect(list.map((d: { title: string; stage: string; status: string }) => [d.title, d.stage, d.status])).toEqual([['Website', 'proposal', 'open'], ['Logo', 'qualified', 'lost']]);
  expect(JSON.parse(spm('sale', 'list', '--json').stdout)).toMatchObject([{ date: '2026-02-20', outcome: 'lost', amount: 800 }]);
  expect(spm('undo').code).toBe(0);
  expect(snapshot(temp.dbPath, { except: HISTORY })).toBe(records);
  expect(JSON.parse(spm('deal', 'list', '--status', 'all', '--json').stdout)).toEqual([]);
});

test('a follow-up that belongs to a deal, through the real binary: its title in the daily view, refused for another customer', () => {
  expect(spm('customer', 'add', 'Acme').code).toBe(0);
  expect(spm('customer', 'add', 'Beta').code).toBe(0);
  expect(spm('deal', 'add', 'acme', '5000', '--title', 'Website').code).toBe(0);
  const added = spm('followup', 'add', 'acme', 'today', '--deal', '1', '--reason', 'send the proposal');
  expect(added.code).toBe(0);
  expect(added.stderr).toMatch(/Follow-up #1 with Acme due 2026-03-15 \(deal #1 Website · send the proposal\)/);
  expect(spm('followups').stdout).toMatch(/Acme — deal #1 Website · send the proposal/);
  const before = snapshot(temp.dbPath);
  const refused = spm('followup', 'add', 'beta', 'fri', '--deal', '1');
  expect(refused).toMatchObject({ code: 2, stdout: '' });
  expect(refused.stderr.split('\n')[0]).toBe("spm: deal #1 is Acme's, not Beta's");
  expect(snapshot(temp.dbPath)).toBe(before);
  expect(JSON.parse(spm('followup', 'edit', '1', '--deal', 'none', '--json').stdout)).toMatchObject({ reason: 'send the proposal', dealId: null });
});
