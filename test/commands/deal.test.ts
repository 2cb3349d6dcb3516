import { beforeEach, describe, expect, test } from '@jest/globals';
import { expectRejected, openRaw, runSpm, scriptedPrompter, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });

beforeEach(async () => {
  await run(['customer', 'add', 'Acme Corp', '--segment', 'smb']);
  await run(['customer', 'add', 'Beta Ltd']);
});

const history = (id: number) => {
  const db = openRaw(temp.dbPath);
  try {
    return db.prepare('SELECT stage, date FROM deal_stage_history WHERE deal_id = ? ORDER BY id').all(id);
  } finally {
    db.close();
  }
};

describe('deal add', () => {
  test('opens a deal in the first stage today and prints its JSON (piped)', async () => {
    const result = await run(['deal', 'add', 'acme', '12,000', '--title', 'Website redesign', '--close', '2026-04-30', '--product', 'web', '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({
      id: 1, customer: { id: 1, name: 'Acme Corp' }, title: 'Website redesign', value: 12000, stage: 'lead', status: 'open',
      expectedClose: '2026-04-30', daysInStage: 0, probability: 10, product: 'web', technique: null, note: null,
      created: '2026-03-15', stageEntered: '2026-03-15', closed: null, lostReason: null, saleId: null,
    });
    expect(history(1)).toEqual([{ stage: 'lead', date: '2026-03-15' }]);
  });

  test('says what it opened on stderr; the title defaults to the product, else the customer', async () => {
    const result = await run(['deal', 'add', 'beta', '900', '--stage', 'prop', '--date', '-3d']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Opened deal #1: Beta Ltd · Beta Ltd deal \$900 in proposal/);
    expect((await run(['deal', 'add', 'beta', '900', '--product', 'support', '--json'])).json().title).toBe('support');
  });

  test('--create adds an unknown customer in the same transaction', async () => {
    const deal = (await run(['deal', 'add', 'Gamma GmbH', '300', '--create', '--json'])).json();
    expect(deal.customer).toEqual({ id: 3, name: 'Gamma GmbH' });
  });

  test('asks for missing values on a terminal: customer by search, value, stage, close date (tty)', async () => {
    const prompter = scriptedPrompter([{ search: 'bet' }, { input: '2500' }, { select: 'qualified' }, { input: '2026-05-01' }]);
    const result = await run(['deal', 'add', '--json'], { tty: true, prompter });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ customer: { id: 2 }, value: 2500, stage: 'qualified', expectedClose: '2026-05-01' });
    expect(prompter.remaining()).toBe(0);
  });

  test('without a terminal a missing value is exit 2 (piped)', async () => {
    await expectRejected(['deal', 'add', 'acme'], { db: temp.dbPath }, /missing value/);
  });

  test.each([
    [['deal', 'add', 'acme', '0'], /value must be more than zero/],
    [['deal', 'add', 'acme', '-5'], /value -5 is negative/],
    [['deal', 'add', 'acme', '100', '--stage', 'closing'], /unknown stage "closing"/],
    [['deal', 'add', 'acme', '100', '--date', '2026-03-10', '--close', '2026-03-01'], /close date 2026-03-01 is before the deal was created/],
    [['deal', 'add', 'nobody', '100'], /no customer/],
    [['deal', 'add', 'acme', '100', '--title', ' '], /--title is empty/],
  ])('%j is refused, database unchanged', async (args, message) => {
    await expectRejected(args, { db: temp.dbPath }, message);
  });
});

describe('deal move, list, show', () => {
  beforeEach(async () => {
    await run(['deal', 'add', 'acme', '10000', '--title', 'Big', '--date', '2026-02-01', '--close', '2026-03-10']);
    await run(['deal', 'add', 'beta', '2000', '--title', 'Small', '--date', '2026-03-01', '--close', '2026-04-30']);
  });

  test('moves forward and back; the history keeps every entry', async () => {
    expect((await run(['deal', 'move', '1', 'proposal', '--date', '2026-02-10'])).code).toBe(0);
    expect((await run(['deal', 'move', '#1', 'qualified', '--date', '2026-02-20'])).code).toBe(0);
    const moved = (await run(['deal', 'move', '1', 'neg', '--json'])).json();
    expect(moved).toMatchObject({ stage: 'negotiation', stageEntered: '2026-03-15', daysInStage: 0, probability: 75 });
    expect(history(1).map((h: any) => h.stage)).toEqual(['lead', 'proposal', 'qualified', 'negotiation']);
  });

  test('show lists the stages with the days spent in each (json)', async () => {
    await run(['deal', 'move', '1', 'proposal', '--date', '2026-02-10']);
    const shown = (await run(['deal', 'show', '1', '--json'])).json();
    // Feb 1 → Feb 10 = 9 days in lead; Feb 10 → Mar 15 = 19 + 14 = 33 days in proposal
    expect(shown.history).toEqual([{ stage: 'lead', date: '2026-02-01', days: 9 }, { stage: 'proposal', date: '2026-02-10', days: 33 }]);
    expect(shown.sale).toBeNull();
  });

  test('show as text (tty)', async () => {
    const result = await run(['deal', 'show', '1'], { tty: true });
    expect(result.stdout).toMatch(/Big deal #1/);
    expect(result.stdout).toMatch(/2026-02-01 {2}lead +42 days/);
  });

  test('list: open deals, soonest close first; filters by stage and customer', async () => {
    const all = (await run(['deal', 'list', '--json'])).json();
    expect(all.map((d: any) => d.id)).toEqual([1, 2]);
    expect((await run(['deal', 'list', '--customer', 'beta', '--json'])).json().map((d: any) => d.id)).toEqual([2]);
    await run(['deal', 'move', '2', 'proposal']);
    expect((await run(['deal', 'list', '--stage', 'proposal', '--json'])).json().map((d: any) => d.id)).toEqual([2]);
  });

  test('list piped is tab-separated with a header', async () => {
    const result = await run(['deal', 'list']);
    expect(result.stdout.split('\n')[0]).toBe('id\tcustomer\ttitle\tvalue\tstage\tdays\tclose\twin-%');
    expect(result.stdout.split('\n')[1]).toBe('1\tAcme Corp\tBig\t10000.00\tlead\t42\t2026-03-10\t10');
  });

  test.each([
    [['deal', 'move', '1', 'closing'], /unknown stage "closing"/],
    [['deal', 'move', '1', 'lead'], /already in lead/],
    [['deal', 'move', '9', 'proposal'], /no deal #9/],
    [['deal', 'move', '1', 'proposal', '--date', '2026-01-01'], /before deal #1 entered lead/],
    [['deal', 'show', 'abc'], /deal id "abc" is not a number/],
    [['deal', 'list', '--status', 'maybe'], /not a deal status/],
    [['deal', 'edit', '1'], /nothing to change/],
    [['deal', 'edit', '1', '--close', '2026-01-01'], /before the deal was created/],
    [['deal', 'edit', '1', '--value', '0'], /more than zero/],
  ])('%j is refused, database unchanged', async (args, message) => {
    await expectRejected(args, { db: temp.dbPath }, message);
  });

  test('edit changes the value, customer and close date', async () => {
    const edited = (await run(['deal', 'edit', '1', '--value', '11000', '--customer', 'beta', '--close', 'none', '--json'])).json();
    expect(edited).toMatchObject({ value: 11000, customer: { id: 2, name: 'Beta Ltd' }, expectedClose: null });
  });

  test('rm asks for --yes without a terminal, then deletes the deal and its history', async () => {
    await expectRejected(['deal', 'rm', '1'], { db: temp.dbPath }, /not deleting without confirmation/);
    expect((await run(['deal', 'rm', '1', '--yes'])).code).toBe(0);
    expect(history(1)).toEqual([]);
    await expectRejected(['deal', 'show', '1'], { db: temp.dbPath }, /no deal #1\nhint: List every deal, closed ones too, with: spm deal list --status all/);
  });
});

describe('deal won, lost, reopen', () => {
  beforeEach(async () => {
    await run(['deal', 'add', 'acme', '10000', '--title', 'Big', '--product', 'consulting', '--technique', 'referral', '--date', '2026-02-01']);
  });

  test('won records a linked won sale with the deal value, product and technique, a post-sale follow-up and goal progress', async () => {
    await run(['goal', 'add', 'Q1', '--metric', 'revenue', '--target', '20000', '--period', 'quarter']);
    const result = await run(['deal', 'won', '1']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Deal #1 Big won: sale #1 \$10,000\.00 on 2026-03-15/);
    expect(result.stderr).toMatch(/Follow-up #1 scheduled for 2026-03-22/);
    expect(result.stderr).toMatch(/Q1/);
    const sale = (await run(['sale', 'list', '--json'])).json()[0];
    expect(sale).toMatchObject({ id: 1, amount: 10000, outcome: 'won', product: 'consulting', technique: 'referral', customer: { id: 1 } });
    expect((await run(['deal', 'show', '1', '--json'])).json()).toMatchObject({ status: 'won', closed: '2026-03-15', saleId: 1, probability: null });
  });

  test('won --amount and --date', async () => {
    const deal = (await run(['deal', 'won', '1', '--amount', '9500', '--date', '2026-03-10', '--json'])).json();
    expect(deal).toMatchObject({ status: 'won', closed: '2026-03-10', sale: { amount: 9500, date: '2026-03-10' } });
  });

  test('lost records a lost sale with the reason and the deal value', async () => {
    const deal = (await run(['deal', 'lost', '1', '--reason', 'price', '--json'])).json();
    expect(deal).toMatchObject({ status: 'lost', lostReason: 'price', sale: { outcome: 'lost', reason: 'price', amount: 10000 } });
  });

  test('lost asks for the reason on a terminal (tty)', async () => {
    const prompter = scriptedPrompter([{ input: 'timing' }]);
    expect((await run(['deal', 'lost', '1'], { tty: true, prompter })).code).toBe(0);
    expect((await run(['deal', 'show', '1', '--json'])).json().lostReason).toBe('timing');
  });

  test('reopen deletes the linked sale and cancels its follow-up; the deal is open again', async () => {
    await run(['deal', 'won', '1']);
    const reopened = (await run(['deal', 'reopen', '1', '--json'])).json();
    expect(reopened).toMatchObject({ status: 'open', closed: null, saleId: null, stage: 'lead' });
    expect((await run(['sale', 'list', '--json'])).json()).toEqual([]);
    expect((await run(['followup', 'list', '--status', 'all', '--json'])).json()[0]).toMatchObject({ status: 'cancelled' });
  });

  test('deleting the sale by hand reopens the deal too', async () => {
    await run(['deal', 'lost', '1', '--reason', 'price']);
    expect((await run(['sale', 'rm', '1', '--yes'])).code).toBe(0);
    expect((await run(['deal', 'show', '1', '--json'])).json()).toMatchObject({ status: 'open', lostReason: null });
  });

  test('editing the sale\'s outcome follows on the deal', async () => {
    await run(['deal', 'won', '1']);
    await run(['sale', 'edit', '1', '--lost', '--reason', 'cancelled']);
    expect((await run(['deal', 'show', '1', '--json'])).json()).toMatchObject({ status: 'lost', lostReason: 'cancelled' });
  });

  test.each([
    [['won'], ['deal', 'move', '1', 'proposal'], /deal #1 is won: it cannot be moved/],
    [['lost', '--reason', 'x'], ['deal', 'won', '1'], /deal #1 is lost: it cannot be won/],
    [['won'], ['deal', 'lost', '1', '--reason', 'x'], /deal #1 is won/],
  ])('after %j, %j is refused', async (close, args, message) => {
    await run(['deal', close[0], '1', ...close.slice(1)]);
    await expectRejected(args, { db: temp.dbPath }, message);
  });

  test.each([
    [['deal', 'won', '1', '--date', '2026-01-01'], /before deal #1 was created/],
    [['deal', 'won', '1', '--amount', '0'], /more than zero/],
    [['deal', 'won', '7'], /no deal #7/],
    [['deal', 'lost', '1'], /missing --reason/],
    [['deal', 'lost', '1', '--reason', '  '], /--reason is empty/],
    [['deal', 'reopen', '1'], /is open already/],
  ])('%j is refused, database unchanged', async (args, message) => {
    await expectRejected(args, { db: temp.dbPath }, message);
  });
});

describe('config set deal-stages', () => {
  test('refuses a list that drops a stage an open deal is in, naming the deals', async () => {
    await run(['deal', 'add', 'acme', '100', '--stage', 'proposal']);
    await run(['deal', 'add', 'acme', '100', '--stage', 'proposal']);
    await expectRejected(['config', 'set', 'deal-stages', 'lead,qualified,negotiation'], { db: temp.dbPath }, /drop stages open deals are in: proposal \(#1, #2\)/);
    await expectRejected(['config', 'set', 'deal-stages', 'lead,,x'], { db: temp.dbPath }, /not a stage name/);
  });

  test('a new list with the stages in use is fine; closed deals in a dropped stage do not block it', async () => {
    await run(['deal', 'add', 'acme', '100', '--stage', 'negotiation']);
    await run(['deal', 'won', '1']);
    expect((await run(['config', 'set', 'deal-stages', 'lead,demo,proposal'])).code).toBe(0);
    expect((await run(['deal', 'add', 'acme', '100', '--stage', 'demo', '--json'])).json()).toMatchObject({ stage: 'demo', probability: 50 });
  });

  test('deal-probability-<stage> sets a default probability', async () => {
    expect((await run(['config', 'set', 'deal-probability-lead', '30%'])).code).toBe(0);
    expect((await run(['config', 'get', 'deal-probability-lead', '--json'])).json()).toEqual({ key: 'deal-probability-lead', value: 30 });
    expect((await run(['deal', 'add', 'acme', '100', '--json'])).json().probability).toBe(30);
    await expectRejected(['config', 'set', 'deal-probability-lead', '120'], { db: temp.dbPath }, /not a whole number from 0 to 100/);
  });
});

describe('undo', () => {
  test('deal add, move and won are each undone exactly, and redone', async () => {
    await run(['deal', 'add', 'acme', '1000']);
    await run(['deal', 'move', '1', 'proposal']);
    const before = snapshotWithoutHistory();
    await run(['deal', 'won', '1']);
    expect((await run(['undo'])).code).toBe(0);
    expect(snapshotWithoutHistory()).toBe(before);
    expect((await run(['deal', 'show', '1', '--json'])).json()).toMatchObject({ status: 'open', stage: 'proposal', saleId: null });
    expect((await run(['redo'])).code).toBe(0);
    expect((await run(['deal', 'show', '1', '--json'])).json()).toMatchObject({ status: 'won', saleId: 1 });
    await run(['undo']);
    await run(['undo']);
    expect((await run(['deal', 'show', '1', '--json'])).json().history).toEqual([{ stage: 'lead', date: '2026-03-15', days: 0 }]);
  });
});

function snapshotWithoutHistory(): string {
  const db = openRaw(temp.dbPath);
  try {
    return JSON.stringify(['deals', 'deal_stage_history', 'sales', 'followups'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
  } finally {
    db.close();
  }
}

describe('export and restore', () => {
  test('export json carries deals and their history; import json restores them exactly (stages seen rebuilt)', async () => {
    await run(['deal', 'add', 'acme', '1000', '--title', 'A', '--date', '2026-03-01', '--close', '2026-04-01']);
    await run(['deal', 'move', '1', 'proposal', '--date', '2026-03-05']);
    await run(['deal', 'add', 'beta', '500', '--title', 'B']);
    await run(['deal', 'lost', '2', '--reason', 'price']);
    const file = `${temp.dir}/x.json`;
    expect((await run(['export', 'json', '-o', file])).code).toBe(0);
    const restoredDb = `${temp.dir}/restored.db`;
    const restored = await runSpm(['import', 'json', file, '--json'], { db: restoredDb });
    expect(restored.code).toBe(0);
    const dump = (path: string) => {
      const db = openRaw(path);
      try {
        return JSON.stringify([db.prepare('SELECT * FROM deals ORDER BY id').all(), db.prepare('SELECT * FROM deal_stage_history ORDER BY id').all()]);
      } finally {
        db.close();
      }
    };
    expect(dump(restoredDb)).toBe(dump(temp.dbPath));
    expect(dump(restoredDb)).toMatch(/"stages_seen":"lead,proposal"/);
  });

  test('export csv --entity deals', async () => {
    await run(['deal', 'add', 'acme', '1000', '--title', '=cmd', '--close', '2026-04-01']);
    const csv = (await run(['export', 'csv', '--entity', 'deals'])).stdout.split(/\r?\n/);
    expect(csv[0]).toBe('id,title,customer,value,stage,status,expected-close,created-date,stage-date,closed-date,lost-reason,product,technique,note,sale-id,external-id');
    expect(csv[1]).toBe("1,'=cmd,Acme Corp,1000.00,lead,open,2026-04-01,2026-03-15,2026-03-15,,,,,,,");
  });

  test('a restore with a bad deal is refused', async () => {
    await run(['deal', 'add', 'acme', '1000']);
    const file = `${temp.dir}/x.json`;
    await run(['export', 'json', '-o', file]);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.deals[0].value = 0;
    writeFileSync(file, JSON.stringify(doc));
    const result = await runSpm(['import', 'json', file], { db: `${temp.dir}/r.db` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/deals\[0\]/);
  });
});
