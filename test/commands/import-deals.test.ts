// spm import deals: a CRM's deals export (Pipedrive's headers, --map), the stage history an
// imported deal gets, its linked sale when closed, idempotence, --dry-run, --skip-invalid,
// undo as one change, and the probabilities the imported history teaches.
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectRejected, openRaw, runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });
const csv = (name: string, text: string) => {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
};

const PIPEDRIVE_HEAD = 'Title,Value,Organization,Stage,Expected close date,Status,Won time,Lost time,Lost reason,Deal created\n';
const PIPEDRIVE_MAP = ['--map', 'customer=Organization', '--map', 'created-date=Deal created', '--map', 'expected-close=Expected close date',
  '--map', 'won-date=Won time', '--map', 'lost-date=Lost time'];
const deals = () => openRaw(temp.dbPath).prepare(`SELECT d.id, c.name AS customer, d.title, d.value_cents AS cents, d.stage, d.status, d.expected_close AS close,
  d.created_date AS created, d.stage_date AS entered, d.closed_date AS closed, d.lost_reason AS reason, d.sale_id AS sale, d.stages_seen AS seen
  FROM deals d JOIN customers c ON c.id = d.customer_id ORDER BY d.id`).all();

describe('import deals', () => {
  test('a Pipedrive export with --map: open deals in their stage since creation, closed ones with their sale, no follow-ups', async () => {
    const file = csv('pd.csv', PIPEDRIVE_HEAD
      + 'Website,5000,Acme,Proposal,2026-04-30,Open,,,,2026-03-01 09:12:00\n'
      + 'Logo,800,Beta Ltd,Qualified,,Lost,,2026-02-20 16:00:00,Too expensive,2026-01-10 10:00:00\n'
      + 'Support plan,"1,250.50",Acme,Negotiation,2026-03-31,Won,2026-03-02 11:00:00,,,2026-02-01 08:00:00\n');
    const result = await run(['import', 'deals', file, ...PIPEDRIVE_MAP, '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ read: 3, imported: 3, duplicates: 0, rejected: 0, customersCreated: 2 });
    expect(deals()).toEqual([
      { id: 1, customer: 'Acme', title: 'Website', cents: 500000, stage: 'proposal', status: 'open', close: '2026-04-30', created: '2026-03-01', entered: '2026-03-01',
        closed: null, reason: null, sale: null, seen: 'proposal' },
      { id: 2, customer: 'Beta Ltd', title: 'Logo', cents: 80000, stage: 'qualified', status: 'lost', close: null, created: '2026-01-10', entered: '2026-01-10',
        closed: '2026-02-20', reason: 'Too expensive', sale: 1, seen: 'qualified' },
      { id: 3, customer: 'Acme', title: 'Support plan', cents: 125050, stage: 'negotiation', status: 'won', close: '2026-03-31', created: '2026-02-01', entered: '2026-02-01',
        closed: '2026-03-02', reason: null, sale: 2, seen: 'negotiation' },
    ]);
    const db = openRaw(temp.dbPath);
    expect(db.prepare('SELECT deal_id, stage, date FROM deal_stage_history ORDER BY id').all()).toEqual([
      { deal_id: 1, stage: 'proposal', date: '2026-03-01' }, { deal_id: 2, stage: 'qualified', date: '2026-01-10' }, { deal_id: 3, stage: 'negotiation', date: '2026-02-01' },
    ]);
    expect(db.prepare('SELECT id, date, customer_id, amount_cents, outcome, reason FROM sales ORDER BY id').all()).toEqual([
      { id: 1, date: '2026-02-20', customer_id: 2, amount_cents: 80000, outcome: 'lost', reason: 'Too expensive' },
      { id: 2, date: '2026-03-02', customer_id: 1, amount_cents: 125050, outcome: 'won', reason: null },
    ]);
    expect(db.prepare('SELECT count(*) FROM followups').pluck().get()).toBe(0);
    // Days in stage count from the created date: 2026-03-01 → 2026-03-15 is 14 days.
    const shown = (await run(['deal', 'show', '1', '--json'])).json();
    expect(shown.history).toEqual([{ stage: 'proposal', date: '2026-03-01', days: 14 }]);
    // The won deal's sale counts like any other: last contact and the day totals follow it.
    expect(db.prepare("SELECT won_cents FROM sales_daily WHERE date = '2026-03-02'").pluck().get()).toBe(125050);
  });

  test('re-importing skips duplicates by external id or by a hash of the row; undo removes the import as one change', async () => {
    const withIds = csv('ids.csv', 'title,customer,value,external-id,status,closed-date\nA,Acme,100,D1,,\nB,Acme,200,D2,won,2026-03-10\n');
    const without = csv('noids.csv', 'title,customer,value\nC,Beta,300\n');
    await run(['customer', 'add', 'Seed']);
    const before = snapshot(temp.dbPath, { except: ['history_changes', 'history_rows', 'history_state', 'sqlite_sequence'] });
    expect((await run(['import', 'deals', withIds, '--json'])).json()).toMatchObject({ imported: 2, duplicates: 0, customersCreated: 1 });
    expect((await run(['import', 'deals', withIds, '--json'])).json()).toMatchObject({ imported: 0, duplicates: 2, customersCreated: 0 });
    expect((await run(['import', 'deals', without, '--json'])).json()).toMatchObject({ imported: 1, duplicates: 0 });
    expect((await run(['import', 'deals', without, '--json'])).json()).toMatchObject({ imported: 0, duplicates: 1 });
    const db = openRaw(temp.dbPath);
    expect(db.prepare('SELECT external_id FROM deals ORDER BY id').pluck().all()).toEqual(['D1', 'D2', expect.stringMatching(/^sha1:[0-9a-f]{40}$/)]);
    // The won deal without a created date was created on its close day, not after it.
    expect(db.prepare("SELECT created_date, closed_date FROM deals WHERE external_id = 'D2'").get()).toEqual({ created_date: '2026-03-10', closed_date: '2026-03-10' });
    // An open deal without one was created on the import day.
    expect(db.prepare("SELECT created_date, stage_date, stage FROM deals WHERE external_id = 'D1'").get()).toEqual({ created_date: '2026-03-15', stage_date: '2026-03-15', stage: 'lead' });
    expect((await run(['undo'])).code).toBe(0);
    expect((await run(['undo'])).code).toBe(0);
    expect(snapshot(temp.dbPath, { except: ['history_changes', 'history_rows', 'history_state', 'sqlite_sequence'] })).toBe(before);
  });

  test('imported closed deals teach the stage probabilities: each reached its stage and every stage before it', async () => {
    // 3 won and 2 lost in proposal, 1 lost in lead:
    //   lead: 6 reached, 3 won = 50 %; qualified and proposal: 5 reached, 3 won = 60 %;
    //   negotiation: none reached → the default 75 %.
    const rows = ['won,2026-02-01', 'won,2026-02-02', 'won,2026-02-03', 'lost,2026-02-04', 'lost,2026-02-05'].map((r, i) => `P${i},Acme,1000,proposal,${r},2026-01-0${i + 1}`);
    const file = csv('history.csv', `title,customer,value,stage,status,closed-date,created-date\n${rows.join('\n')}\nL,Beta,500,lead,lost,2026-02-06,2026-01-09\nOpen,Acme,2000,qualified,,,2026-03-01\n`);
    expect((await run(['import', 'deals', file])).code).toBe(0);
    const board = (await run(['pipeline', '--json'])).json();
    expect(board.stages.map((s: any) => [s.stage, s.probability, s.probabilitySource])).toEqual([
      ['lead', 50, 'history'], ['qualified', 60, 'history'], ['proposal', 60, 'history'], ['negotiation', 75, 'default'],
    ]);
    // the open qualified deal: $2,000 × 60 % = $1,200
    expect(board.totals).toEqual({ deals: 1, value: 2000, weightedValue: 1200 });
  });

  test('stages match as the rep names them in the CRM: any case, spaces as dashes, unique prefixes; an empty stage is the first', async () => {
    await run(['customer', 'add', 'Seed']);
    expect((await run(['config', 'set', 'deal-stages', 'qualified,contact-made,demo-scheduled,proposal-made,negotiations-started'])).code).toBe(0);
    const file = csv('stages.csv', 'title,customer,value,stage\nA,Acme,10,Contact Made\nB,Acme,10,DEMO_scheduled\nC,Acme,10,negotiations\nD,Acme,10,\n');
    expect((await run(['import', 'deals', file])).code).toBe(0);
    expect(openRaw(temp.dbPath).prepare('SELECT stage FROM deals ORDER BY id').pluck().all()).toEqual(['contact-made', 'demo-scheduled', 'negotiations-started', 'qualified']);
  });

  test('a stale imported deal is in the pipeline and the daily view straight away', async () => {
    // deal-stale-days 14: entered 2026-02-20, 23 days before 2026-03-15 → stale; 2026-03-01 (14 days) is not.
    const file = csv('stale.csv', 'title,customer,value,stage,created-date\nOld,Acme,900,proposal,2026-02-20\nFresh,Acme,900,proposal,2026-03-01\n');
    expect((await run(['import', 'deals', file])).code).toBe(0);
    const board = (await run(['pipeline', '--json'])).json();
    expect(board.stale.map((d: any) => [d.title, d.daysInStage])).toEqual([['Old', 23]]);
    expect((await run(['followups'])).stdout).toMatch(/Old/);
  });

  test('--dry-run counts and writes nothing; without a database it creates none', async () => {
    const file = csv('dry.csv', 'title,customer,value,status,won-date\nA,Acme,100,won,2026-03-01\n');
    const fresh = await run(['import', 'deals', file, '--dry-run', '--json']);
    expect(fresh.json()).toEqual({ read: 1, imported: 1, duplicates: 0, rejected: 0, customersCreated: 1 });
    expect(existsSync(temp.dbPath)).toBe(false);
    await run(['customer', 'add', 'Seed']);
    const before = snapshot(temp.dbPath);
    const dry = await run(['import', 'deals', file, '--dry-run']);
    expect(dry.stderr).toMatch(/Dry run: would import 1 of 1 deals .*nothing written/);
    expect(snapshot(temp.dbPath)).toBe(before);
  });

  test('a bad row refuses the whole file (database unchanged); --skip-invalid imports the rest and writes the rejects', async () => {
    await run(['customer', 'add', 'Seed']);
    const file = csv('mixed.csv', 'title,customer,value,stage,status,won-date,created-date\nGood,Acme,100,lead,,,\nBad,Acme,100,closing,,,\nEarly,Acme,100,lead,won,2026-01-01,2026-02-01\n');
    const before = snapshot(temp.dbPath);
    const refused = await expectRejected(['import', 'deals', file], { db: temp.dbPath }, /2 invalid rows .*line 3: stage "closing" is not one of lead, qualified, proposal, negotiation; line 4: won date 2026-01-01 is before the deal was created \(2026-02-01\)/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(temp.dbPath)).toBe(before);
    const skipped = await run(['import', 'deals', file, '--skip-invalid', '--json']);
    expect(skipped.json()).toMatchObject({ read: 3, imported: 1, rejected: 2 });
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toBe('title,customer,value,stage,status,won-date,created-date,reject-reason\n'
      + 'Bad,Acme,100,closing,,,,"line 3: stage ""closing"" is not one of lead, qualified, proposal, negotiation"\n'
      + 'Early,Acme,100,lead,won,2026-01-01,2026-02-01,line 4: won date 2026-01-01 is before the deal was created (2026-02-01)\n');
  });

  test('--date-format applies to every date column; --map names fields deals have', async () => {
    const file = csv('fmt.csv', 'title,customer,value,status,lost-date,created-date,expected-close\nA,Acme,100,lost,14/03/2026,01/03/2026,31/03/2026\n');
    expect((await run(['import', 'deals', file, '--date-format', 'dd/MM/yyyy'])).code).toBe(0);
    expect(deals()).toMatchObject([{ created: '2026-03-01', closed: '2026-03-14', close: '2026-03-31', status: 'lost', reason: null }]);
    await expectRejected(['import', 'deals', file, '--map', 'amount=value'], { db: temp.dbPath }, /deals have no field "amount"/);
  });

  test('an export of deals imports into another database: the same deals, stages and days', async () => {
    await run(['customer', 'add', 'Acme']);
    expect((await run(['deal', 'add', 'acme', '1200', '--title', 'Site', '--stage', 'proposal', '--date', '2026-03-01', '--close', '2026-04-01'])).code).toBe(0);
    expect((await run(['deal', 'move', '1', 'negotiation', '--date', '2026-03-05'])).code).toBe(0);
    expect((await run(['deal', 'add', 'acme', '300', '--title', 'Lost one', '--date', '2026-02-01'])).code).toBe(0);
    expect((await run(['deal', 'lost', '2', '--reason', 'price', '--date', '2026-02-10'])).code).toBe(0);
    const exported = join(temp.dir, 'deals.csv');
    expect((await run(['export', 'csv', '--entity', 'deals', '-o', exported])).code).toBe(0);
    const other = join(temp.dir, 'other.db');
    const imported = await runSpm(['import', 'deals', exported, '--json'], { db: other });
    expect(imported.json()).toMatchObject({ imported: 2, rejected: 0 });
    const db = openRaw(other);
    expect(db.prepare('SELECT title, value_cents, stage, status, created_date, stage_date, closed_date, lost_reason, expected_close FROM deals ORDER BY id').all()).toEqual([
      { title: 'Site', value_cents: 120000, stage: 'negotiation', status: 'open', created_date: '2026-03-01', stage_date: '2026-03-05', closed_date: null, lost_reason: null, expected_close: '2026-04-01' },
      { title: 'Lost one', value_cents: 30000, stage: 'lead', status: 'lost', created_date: '2026-02-01', stage_date: '2026-02-01', closed_date: '2026-02-10', lost_reason: 'price', expected_close: null },
    ]);
  });
});
