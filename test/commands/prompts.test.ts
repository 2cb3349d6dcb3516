// What the prompts ask on a terminal (through the prompter seam), and the "did you mean" check
// of techniques, products and segments given on the command line.
import { beforeEach, describe, expect, test } from '@jest/globals';
import { runSpm, scriptedPrompter, useTempDb, type RunOptions } from '../helpers/run-spm.js';
import { closeLabel, oneTypoApart } from '../../src/domain/text.js';

const temp = useTempDb();
const run = (args: string[], options: RunOptions = {}) => runSpm(args, { db: temp.dbPath, ...options });

describe('one typo apart', () => {
  test.each([
    ['upsel', 'upsell', true], ['upsell', 'upsel', true], ['referal', 'referral', true], ['refferal', 'referral', false], ['deom', 'demo', true],
    ['Demo', 'demo', false], ['demo', 'memos', false], ['upsell', 'cross-sell', false], ['smb', 'sme', true],
  ])('%p and %p: %p', (a, b, expected) => {
    expect(oneTypoApart(a, b)).toBe(expected);
  });

  test('the close value in use, most used first; nothing when the value is in use in any case', () => {
    expect(closeLabel('upsel', ['referral', 'upsell', 'upsells'])).toBe('upsell');
    expect(closeLabel('UPSELL', ['upsell'])).toBeNull();
    expect(closeLabel('ab', ['abc'])).toBeNull(); // too short to guess
  });
});

describe('prompts (tty)', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Acme Corp', '--segment', 'smb']);
    await run(['sale', 'add', 'acme', '100', '--technique', 'referral', '--product', 'training']);
    await run(['sale', 'add', 'acme', '200', '--technique', 'upsell', '--product', 'license']);
    await run(['sale', 'add', 'acme', '300', '--technique', 'upsell']);
  });

  test('sale add: a lost sale asks why; technique and product are picked from the ones in use', async () => {
    const prompter = scriptedPrompter([{ search: 'acme' }, { input: '900' }, { select: true }, { input: 'price' }, { search: 'ups' }, { search: 'lic' }]);
    const result = await run(['sale', 'add', '--json'], { tty: true, prompter });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ amount: 900, outcome: 'lost', reason: 'price', technique: 'upsell', product: 'license' });
    expect(prompter.asked).toEqual(['Customer (type to search)', 'Amount', 'Won or lost?', 'Why was it lost? (optional)',
      'Technique (type to search or add one)', 'Product (type to search or add one)']);
  });

  test('sale add: a new value one typo from one in use asks "did you mean" first', async () => {
    const prompter = scriptedPrompter([{ search: 'acme' }, { input: '50' }, { select: false }, { search: 'upsrll' }, { confirm: true }, { search: '' }]);
    const result = await run(['sale', 'add', '--json'], { tty: true, prompter });
    expect(result.json()).toMatchObject({ technique: 'upsell', product: null });
    expect(prompter.asked[4]).toBe('did you mean upsell?');
  });

  test('sale add: declining a new value asks again', async () => {
    const prompter = scriptedPrompter([{ search: 'acme' }, { input: '50' }, { select: false }, { search: 'webinar' }, { confirm: false }, { search: 'referral' }, { search: '' }]);
    const result = await run(['sale', 'add', '--json'], { tty: true, prompter });
    expect(result.json()).toMatchObject({ technique: 'referral' });
    expect(prompter.remaining()).toBe(0);
  });

  test('checkin add: channel, satisfaction and note', async () => {
    const prompter = scriptedPrompter([{ search: 'acme' }, { select: 'call' }, { select: '4' }, { input: 'happy' }]);
    const result = await run(['checkin', 'add', '--json'], { tty: true, prompter });
    expect(result.json()).toMatchObject({ channel: 'call', satisfaction: 4, note: 'happy' });
    expect(prompter.asked).toEqual(['Customer (type to search)', 'Channel', 'Satisfaction', 'Note (optional)']);
  });

  test('given on the command line, nothing more is asked', async () => {
    const result = await run(['checkin', 'add', 'acme', '--channel', 'email', '--json'], { tty: true });
    expect(result.json()).toMatchObject({ channel: 'email', satisfaction: null });
  });

  test('goal wizard: offers the segment, product and technique filters for a sale metric', async () => {
    const prompter = scriptedPrompter([
      { input: 'Upsell revenue' }, { select: 'revenue' }, { input: '5000' }, { select: 'month' }, { confirm: false }, { confirm: false },
      { confirm: true }, { search: 'sm' }, { search: '' }, { search: 'upsell' },
    ]);
    const result = await run(['goal', 'add', '--json'], { tty: true, prompter });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ metric: 'revenue', segment: 'smb', product: null, technique: 'upsell' });
    expect(prompter.asked.slice(6)).toEqual(['Count only some sales, by segment or product or technique?', 'Segment (type to search)', 'Product (type to search)', 'Technique (type to search)']);
  });
});

describe('a value one typo from one in use, on the command line', () => {
  beforeEach(async () => {
    await run(['customer', 'add', 'Acme Corp', '--segment', 'enterprise']);
    await run(['sale', 'add', 'acme', '200', '--technique', 'upsell']);
  });

  test('on a terminal: "did you mean upsell?", yes takes the one in use', async () => {
    const prompter = scriptedPrompter([{ confirm: true }]);
    const result = await run(['sale', 'add', 'acme', '100', '--technique', 'upsel', '--json'], { tty: true, prompter });
    expect(result.json().technique).toBe('upsell');
    expect(prompter.asked).toEqual(['technique upsel: did you mean upsell?']);
  });

  test('on a terminal: no keeps the new one', async () => {
    const result = await run(['sale', 'add', 'acme', '100', '--technique', 'upsel', '--json'], { tty: true, prompter: scriptedPrompter([{ confirm: false }]) });
    expect(result.json().technique).toBe('upsel');
  });

  test('without a terminal: kept as new, one line on stderr names the close one', async () => {
    const result = await run(['sale', 'add', 'acme', '100', '--technique', 'upsel', '--json']);
    expect(result.code).toBe(0);
    expect(result.json().technique).toBe('upsel');
    expect(result.stderr).toBe('note: new technique "upsel"; did you mean "upsell"? (spm kept yours)\n');
  });

  test('segments and goal filters too; a value in use in another case is no typo', async () => {
    expect((await run(['customer', 'add', 'Beta', '--segment', 'enterprize'])).stderr).toMatch(/^note: new segment "enterprize"; did you mean "enterprise"\?/m);
    expect((await run(['goal', 'add', 'Ups', '--metric', 'sales', '--target', '3', '--period', 'month', '--technique', 'upsel'])).stderr).toMatch(/did you mean "upsell"/);
    expect((await run(['sale', 'add', 'acme', '1', '--technique', 'UPSELL'])).stderr).not.toMatch(/did you mean/);
  });
});
