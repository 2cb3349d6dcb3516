import { beforeEach, describe, expect, test } from '@jest/globals';
import { expectRejected, openRaw, runSpm, scriptedPrompter, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });

beforeEach(async () => {
  await run(['customer', 'add', 'Acme Corp']);
  await run(['customer', 'add', 'Beta Ltd']);
});

describe('sale add', () => {
  test('records a won sale today and prints the documented JSON shape', async () => {
    const result = await run(['sale', 'add', 'acme', '$1,200.505', '--technique', 'referral', '--product', 'consulting', '--qty', '2', '--note', 'first deal', '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({
      id: 1, date: '2026-03-15', customer: { id: 1, name: 'Acme Corp' }, amount: 1200.51, outcome: 'won', reason: null,
      technique: 'referral', product: 'consulting', quantity: 2, note: 'first deal',
    });
    const db = openRaw(temp.dbPath);
    expect(db.prepare('SELECT amount_cents FROM sales').pluck().get()).toBe(120051);
    db.close();
  });

  test('a lost sale with a reason, dated relative to today', async () => {
    const sale = (await run(['sale', 'add', 'beta', '500', '--lost', '--reason', 'price', '--date', 'yesterday', '--json'])).json();
    expect(sale).toMatchObject({ outcome: 'lost', reason: 'price', date: '2026-03-14' });
  });

  test('says what it recorded on stderr', async () => {
    const result = await run(['sale', 'add', 'acme', '1200', '--technique', 'demo']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Recorded won sale #1: Acme Corp \$1,200\.00 on 2026-03-15 \(demo\)/);
  });

  test('reuses the existing spelling of a technique and product', async () => {
    await run(['sale', 'add', 'acme', '100', '--technique', 'Referral', '--product', 'Pro Plan']);
    const sale = (await run(['sale', 'add', 'beta', '100', '--technique', 'REFERRAL', '--product', 'pro plan', '--json'])).json();
    expect(sale).toMatchObject({ technique: 'Referral', product: 'Pro Plan' });
  });

  test('--create adds an unknown customer in the same transaction', async () => {
    const result = await run(['sale', 'add', 'Gamma GmbH', '300', '--create', '--json']);
    expect(result.json().customer).toEqual({ id: 3, name: 'Gamma GmbH' });
  });

  test.each([
    [['sale', 'add', 'acme', '0'], /more than zero/],
    [['sale', 'add', 'acme', '-5'], /negative/],
    [['sale', 'add', 'acme', 'abc'], /not an amount/],
    [['sale', 'add', 'acme', 'NaN'], /not an amount/],
    [['sale', 'add', 'acme', 'Infinity'], /not an amount/],
    [['sale', 'add', 'acme', '10', '--date', '2026-02-30'], /does not exist/],
    [['sale', 'add', 'acme', '10', '--date', '03/04/2026'], /ambiguous/],
    [['sale', 'add', 'acme', '10', '--qty', '0'], /--qty must be at least 1/],
    [['sale', 'add', 'acme', '10', '--qty', '1.5'], /--qty/],
    [['sale', 'add', 'acme', '10', '--reason', 'x'], /--reason is for lost sales/],
    [['sale', 'add', 'nobody', '10'], /no customer matches "nobody"/],
    [['sale', 'add', '#99', '10'], /no customer #99/],
    [['sale', 'add', 'acme'], /missing amount/],
    [['sale', 'add'], /missing customer/],
    [['sale', 'add', 'acme', '10', '--outcome', 'won'], /unknown option/],
    [['sale', 'add', 'acme', '10', 'extra'], /too many arguments/],
  ])('rejects %j with exit 2 and changes nothing', async (args, message) => {
    await expectRejected(args, { db: temp.dbPath }, message);
  });

  test('ambiguous customer lists candidates; --create does not create on ambiguity', async () => {
    await run(['customer', 'add', 'Acme Labs']);
    await expectRejected(['sale', 'add', 'acme', '10', '--create'], { db: temp.dbPath }, /ambiguous: #1 Acme Corp, #3 Acme Labs/);
  });

  test('on a terminal, asks for customer (search), amount, outcome, technique and product', async () => {
    // No technique in use yet: typing one offers it as new, confirmed; no product: (none).
    const prompter = scriptedPrompter([{ search: 'beta' }, { input: '750' }, { select: false }, { search: 'demo' }, { confirm: true }, { search: '' }]);
    const result = await run(['sale', 'add', '--json'], { tty: true, prompter });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ customer: { name: 'Beta Ltd' }, amount: 750, outcome: 'won', technique: 'demo', product: null });
    expect(prompter.asked).toEqual(['Customer (type to search)', 'Amount', 'Won or lost?', 'Technique (type to search or add one)',
      'Add "demo" as a new technique?', 'Product (type to search or add one)']);
  });

  test('Ctrl-C during the prompts writes nothing (exit 130)', async () => {
    const result = await run(['sale', 'add'], { tty: true, prompter: scriptedPrompter([{ search: 'acme' }, { cancel: true }]) });
    expect(result.code).toBe(130);
    expect((await run(['sale', 'list', '--json'])).json()).toEqual([]);
  });
});

describe('sale list', () => {
  beforeEach(async () => {
    await run(['sale', 'add', 'acme', '100', '--date', '2026-03-01', '--technique', 'demo']);
    await run(['sale', 'add', 'beta', '200', '--date', '2026-03-10', '--lost', '--reason', 'price']);
    await run(['sale', 'add', 'acme', '300', '--date', '2026-03-10', '--product', 'x']);
  });

  test('newest first (date, then id), TSV when piped with plain amounts', async () => {
    const lines = (await run(['sale', 'list'])).stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id\tdate\tcustomer\tamount\toutcome\ttechnique\tproduct\tqty\tnote');
    expect(lines.slice(1).map((l) => l.split('\t').slice(0, 4))).toEqual([
      ['3', '2026-03-10', 'Acme Corp', '300.00'],
      ['2', '2026-03-10', 'Beta Ltd', '200.00'],
      ['1', '2026-03-01', 'Acme Corp', '100.00'],
    ]);
  });

  test.each([
    [['--from', '2026-03-05'], [3, 2]],
    [['--to', '2026-03-09'], [1]],
    [['--customer', 'acme'], [3, 1]],
    [['--outcome', 'lost'], [2]],
    [['--technique', 'DEMO'], [1]],
    [['--product', 'x'], [3]],
    [['--limit', '2'], [3, 2]],
  ])('filters %j', async (flags, ids) => {
    expect((await run(['sale', 'list', ...flags, '--json'])).json().map((s: any) => s.id)).toEqual(ids);
  });

  test('a table on a terminal shows money in the currency', async () => {
    const result = await run(['sale', 'list'], { tty: true });
    expect(result.stdout).toMatch(/\$300\.00/);
  });

  test.each([
    [['--from', '2026-03-10', '--to', '2026-03-01'], /after --to/],
    [['--outcome', 'maybe'], /not won or lost/],
    [['--from', 'someday'], /not a date/],
    [['--customer', 'nobody'], /no customer matches/],
  ])('rejects %j', async (flags, message) => {
    await expectRejected(['sale', 'list', ...flags], { db: temp.dbPath }, message);
  });
});

describe('sale edit and rm', () => {
  beforeEach(async () => {
    await run(['sale', 'add', 'acme', '100', '--lost', '--reason', 'price']);
  });

  test('edit changes fields; winning a lost sale drops its reason', async () => {
    const sale = (await run(['sale', 'edit', '1', '--won', '--amount', '150', '--customer', 'beta', '--json'])).json();
    expect(sale).toMatchObject({ outcome: 'won', reason: null, amount: 150, customer: { name: 'Beta Ltd' } });
  });

  test.each([
    [['sale', 'edit', '1'], /nothing to change/],
    [['sale', 'edit', '9', '--amount', '5'], /no sale #9/],
    [['sale', 'edit', 'x', '--amount', '5'], /sale id "x"/],
    [['sale', 'edit', '1', '--won', '--lost'], /cannot be used together/],
    [['sale', 'edit', '1', '--amount', '0'], /more than zero/],
    [['sale', 'rm', '1'], /without confirmation/],
    [['sale', 'rm', '7', '--yes'], /no sale #7/],
  ])('rejects %j', async (args, message) => {
    await expectRejected(args, { db: temp.dbPath }, message);
  });

  test('rm --yes deletes', async () => {
    expect((await run(['sale', 'rm', '1', '--yes'])).code).toBe(0);
    expect((await run(['sale', 'list', '--json'])).json()).toEqual([]);
  });
});

describe('global behaviour', () => {
  test('unknown command is exit 2 with a hint', async () => {
    const result = await run(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spm: unknown command 'frobnicate'/);
  });

  test('--help prints examples and exits 0 without opening the database', async () => {
    const result = await runSpm(['sale', 'add', '--help'], { db: '/nonexistent/dir/spm.db' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:\n  \$ spm sale add acme 1200/);
  });

  test('global options work after the subcommand', async () => {
    const result = await runSpm(['customer', 'list', '--db', temp.dbPath, '--json']);
    expect(result.json()).toHaveLength(2);
  });
});
