import { describe, expect, test } from '@jest/globals';
import { expectRejected, runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[]) => runSpm(args, { db: temp.dbPath });

describe('spm config', () => {
  test('list shows every setting with its default, without creating a database', async () => {
    const result = await run(['config', 'list', '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual([
      { key: 'currency', value: 'USD', default: 'USD', isDefault: true, description: expect.any(String) },
      { key: 'week-start', value: 'monday', default: 'monday', isDefault: true, description: expect.any(String) },
      { key: 'post-sale-follow-up-days', value: 7, default: 7, isDefault: true, description: expect.any(String) },
      { key: 'resolved-concern-follow-up-days', value: 7, default: 7, isDefault: true, description: expect.any(String) },
      { key: 'default-cadence-days', value: null, default: null, isDefault: true, description: expect.any(String) },
      { key: 'learning-window-days', value: 90, default: 90, isDefault: true, description: expect.any(String) },
      { key: 'undo-depth', value: 100, default: 100, isDefault: true, description: expect.any(String) },
      { key: 'deal-stages', value: 'lead,qualified,proposal,negotiation', default: 'lead,qualified,proposal,negotiation', isDefault: true, description: expect.any(String) },
      { key: 'deal-stale-days', value: 14, default: 14, isDefault: true, description: expect.any(String) },
      { key: 'deal-probability-lead', value: 10, default: 10, isDefault: true, description: expect.any(String) },
      { key: 'deal-probability-qualified', value: 25, default: 25, isDefault: true, description: expect.any(String) },
      { key: 'deal-probability-proposal', value: 50, default: 50, isDefault: true, description: expect.any(String) },
      { key: 'deal-probability-negotiation', value: 75, default: 75, isDefault: true, description: expect.any(String) },
    ]);
    expect(snapshot(temp.dbPath)).toBe('missing');
  });

  test('set validates and normalises; get prints the value; unset restores the default', async () => {
    expect((await run(['config', 'set', 'currency', 'eur', '--json'])).json()).toEqual({ key: 'currency', value: 'EUR' });
    expect((await run(['config', 'set', 'week-start', 'Sun'])).stderr).toMatch(/week-start = sunday/);
    expect((await run(['config', 'set', 'default-cadence-days', '2w', '--json'])).json().value).toBe(14);
    expect((await run(['config', 'get', 'currency'])).stdout).toBe('EUR\n');
    expect((await run(['config', 'get', 'default-cadence-days', '--json'])).json()).toEqual({ key: 'default-cadence-days', value: 14 });
    expect((await run(['config', 'set', 'default-cadence-days', 'none', '--json'])).json().value).toBeNull();
    expect((await run(['config', 'unset', 'currency', '--json'])).json()).toEqual({ key: 'currency', value: 'USD' });
    const piped = (await run(['config', 'list'])).stdout.split('\n');
    expect(piped[0]).toBe('key\tvalue\tdefault\tdescription');
    expect(piped[2]).toMatch(/^week-start\tsunday\tmonday\t/);
  });

  test.each([
    [['config', 'set', 'colour', 'red'], /unknown setting "colour"/],
    [['config', 'get', 'colour'], /unknown setting/],
    [['config', 'set', 'currency', 'dollars'], /not a 3-letter code/],
    [['config', 'set', 'week-start', 'someday'], /not a weekday/],
    [['config', 'set', 'post-sale-follow-up-days', '-1'], /not a whole number/],
    [['config', 'set', 'resolved-concern-follow-up-days', 'soon'], /not a whole number/],
    [['config', 'set', 'default-cadence-days', '0'], /cadence "0"/],
    [['config', 'set', 'currency'], /missing required argument/],
  ])('rejects %j with exit 2 and no change', async (args, message) => {
    await run(['config', 'set', 'currency', 'GBP']);
    await expectRejected(args, { db: temp.dbPath }, message);
  });
});
