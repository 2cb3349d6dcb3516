// Values spm used to accept and then store wrongly: dates outside 1900–2199, settings out of
// range, amounts over the per-record cap, names with control characters; and text that
// reaches a terminal, a calendar or a JSON reader with characters that act on it.
import { describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClock } from '../../src/cli/clock.js';
import { parseDateInput } from '../../src/domain/local-date.js';
import { buildCalendar } from '../../src/domain/ical.js';
import { SETTING_DEFINITIONS, settingsFromStored, checkStoredSettings } from '../../src/domain/settings.js';
import { expectRejected, openRaw, runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';
import * as storeModule from '../../src/store/open-database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

const temp = useTempDb();

describe('dates are kept within 1900-01-01..2199-12-31', () => {
  test.each([
    ['+9999y', '2026-03-15'],
    ['-9999y', '2026-03-15'],
    ['+200y', '2026-03-15'],
    ['-200y', '2026-03-15'],
    ['0050-06-15', '2026-03-15'],
    ['1899-12-31', '2026-03-15'],
    ['2200-01-01', '2026-03-15'],
    ['12025-12-01', '2026-03-15'],
    ['+1d', '2199-12-31'],
    ['-1d', '1900-01-01'],
  ])('%s (today %s) is refused, naming the range', (text, today) => {
    expect(() => parseDateInput(text, today, '--date')).toThrow(/outside the dates spm keeps \(1900-01-01 to 2199-12-31\)/);
  });

  test.each([['1900-01-01'], ['2199-12-31'], ['2000-02-29']])('%s is accepted', (text) => {
    expect(parseDateInput(text, '2026-03-15')).toBe(text);
  });

  test.each([['1899-12-31'], ['2200-01-01'], ['0050-06-15'], ['12025-01-01'], ['2199-12-31T23:30:00-05:00']])('SPM_NOW=%s is refused', (now) => {
    expect(() => createClock(now, 'UTC')).toThrow(/SPM_NOW .*outside the dates spm keeps/);
  });

  test('sale add --date +9999y: exit 2, nothing stored', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await expectRejected(['sale', 'add', 'Acme', '100', '--date', '+9999y'], { db: temp.dbPath }, /outside the dates spm keeps/);
    await expectRejected(['sale', 'add', 'Acme', '100', '--date', '0050-06-15'], { db: temp.dbPath }, /outside the dates spm keeps/);
  });

  test('a CSV date outside the range is a rejected row naming the range', async () => {
    const csv = join(temp.dir, 'in.csv');
    writeFileSync(csv, 'date,customer,amount\n0050-06-15,Acme,10\n');
    await expectRejected(['import', 'sales', csv], { db: temp.dbPath }, /outside the dates spm keeps/);
  });

  test('an automatic follow-up that would fall after 2199-12-31 is not made, and spm says so', async () => {
    const result = await runSpm(['sale', 'add', 'Acme', '100', '--create', '--date', '2199-12-30'], { db: temp.dbPath, now: '2199-12-31' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/No post-sale follow-up: 2199-12-30 \+ 7 days is after 2199-12-31/);
    const db = openRaw(temp.dbPath);
    expect(db.prepare('SELECT count(*) FROM followups').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(1);
    db.close();
  });
});

describe('settings ranges (declared once, checked on set and on restore)', () => {
  test.each([
    ['post-sale-follow-up-days', '99999999'],
    ['post-sale-follow-up-days', '3651'],
    ['post-sale-follow-up-days', '-1'],
    ['resolved-concern-follow-up-days', '1e3'],
    ['default-cadence-days', '0'],
    ['default-cadence-days', '3651'],
    ['currency', 'not-a-code'],
    ['week-start', 'someday'],
  ])('config set %s %s: exit 2, nothing stored', async (key, value) => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await expectRejected(['config', 'set', key, value], { db: temp.dbPath }, new RegExp(`^spm: (${key}|cadence)`));
  });

  test('days accept 0 and 3650', async () => {
    expect((await runSpm(['config', 'set', 'post-sale-follow-up-days', '3650'], { db: temp.dbPath })).code).toBe(0);
    expect((await runSpm(['config', 'set', 'post-sale-follow-up-days', '0'], { db: temp.dbPath })).code).toBe(0);
  });

  test('every numeric setting declares its range', () => {
    const days = SETTING_DEFINITIONS.filter((d) => d.key.endsWith('-days'));
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) expect(d.integer?.max).toBe(3650);
  });

  test('a stored value out of range (an older spm, a hand edit) reads as the default', () => {
    expect(settingsFromStored({ 'post-sale-follow-up-days': '99999999' }).postSaleFollowUpDays).toBe(7);
    expect(settingsFromStored({ 'post-sale-follow-up-days': '30' }).postSaleFollowUpDays).toBe(30);
  });

  test.each([
    [{ currency: 'not-a-code' }, /settings\.currency/],
    [{ 'post-sale-follow-up-days': '-3' }, /settings\.post-sale-follow-up-days/],
    [{ 'post-sale-follow-up-days': 3 }, /is not text/],
    [{ 'no-such': '1' }, /is not a setting/],
    [{ currency: 'usd' }, /is not a stored value/],
  ])('restored settings %j are refused', (stored, message) => {
    expect(() => checkStoredSettings(stored)).toThrow(message);
  });
});

describe('money: at most 1,000,000,000.00 per record', () => {
  test.each([
    [['sale', 'add', 'Acme', '10000000000000']],
    [['sale', 'add', 'Acme', '1000000000.01']],
  ])('%j: exit 2, nothing stored', async (args) => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await expectRejected(args, { db: temp.dbPath }, /too large \(at most 1,000,000,000\.00\)/);
  });

  test('the cap itself is accepted', async () => {
    expect((await runSpm(['sale', 'add', 'Acme', '1,000,000,000', '--create'], { db: temp.dbPath })).code).toBe(0);
  });
});

describe('names and text', () => {
  test.each([
    ['Acme\u0000Evil'],
    ['\u001b[31m\u001b[0m'],
    ['Acme\u0007'],
    ['Acme\u009bEvil'],
    ['Tab\tName'],
  ])('customer add %j: exit 2 (control characters)', async (name) => {
    await runSpm(['customer', 'add', 'Seed'], { db: temp.dbPath });
    await expectRejected(['customer', 'add', name], { db: temp.dbPath }, /control characters/);
    await expectRejected(['goal', 'add', name, '--metric', 'sales', '--target', '5', '--period', 'month'], { db: temp.dbPath }, /control characters/);
  });

  test('bidi overrides are dropped from terminal output, kept in the data', async () => {
    expect((await runSpm(['customer', 'add', 'Acme\u202Egpj.exe'], { db: temp.dbPath })).code).toBe(0);
    const list = await runSpm(['customer', 'list'], { db: temp.dbPath });
    expect(list.stdout).toContain('Acmegpj.exe');
    expect(list.stdout).not.toMatch(/\u202e/);
    const json = await runSpm(['customer', 'list', '--json'], { db: temp.dbPath });
    expect(json.stdout).toContain('Acme\\u202egpj.exe');
    expect(json.json()[0].name).toBe('Acme\u202Egpj.exe');
  });

  test('C1 controls in --json strings are escaped (\\u009b), and parse back the same', async () => {
    const db = (await runSpm(['customer', 'add', 'Acme', '--note', 'a\u009b31mb'], { db: temp.dbPath }));
    expect(db.code).toBe(0);
    const json = await runSpm(['customer', 'show', 'Acme', '--json'], { db: temp.dbPath });
    expect(json.stdout).not.toMatch(/[\u0080-\u009f]/);
    expect(json.stdout).toContain('a\\u009b31mb');
  });

  test('ICS text carries no control characters (RFC 5545 TEXT)', () => {
    const ics = buildCalendar([{ uid: 'x@spm', date: '2026-03-16', summary: 'Follow up: A\u0000B\u001b[31mC\u0007D\u009b\u202eE', description: 'line1\nline2\ttab' }], '2026-03-15T12:00:00.000Z', '-//spm//test//EN');
    const summary = ics.split('\r\n').find((l) => l.startsWith('SUMMARY:'))!;
    expect(summary).toBe('SUMMARY:Follow up: ABCDE');
    expect(ics).toContain('DESCRIPTION:line1\\nline2 tab');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  test('the export file escapes C1 controls too', async () => {
    await runSpm(['customer', 'add', 'Acme', '--note', 'x\u0085y'], { db: temp.dbPath });
    const out = join(temp.dir, 'e.json');
    expect((await runSpm(['export', 'json', '-o', out], { db: temp.dbPath })).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/[\u0080-\u009f]/);
    expect(JSON.parse(text).customers[0].notes).toBe('x\u0085y');
  });
});

describe('totals that would overflow 64-bit cents', () => {
  test('are a clear error (exit 1) and the database is unchanged, not a REAL or "integer overflow"', async () => {
    expect((await runSpm(['sale', 'add', 'Acme', '100', '--create', '--date', '2026-03-10'], { db: temp.dbPath })).code).toBe(0);
    // Far past the per-record cap: only another tool, or an older spm, could have stored it.
    const raw = openRaw(temp.dbPath);
    raw.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Other', 'other', '2026-03-01', 'x', 'x')").run();
    // A technique of its own, so only the day total would overflow here.
    raw.prepare("INSERT INTO sales (date, customer_id, amount_cents, outcome, technique, created_at, updated_at) VALUES ('2026-03-11', 2, 9223372036854775000, 'won', 'x', 'x', 'x')").run();
    raw.close();
    const result = await expectStoreFailure(['sale', 'add', 'Acme', '1000', '--date', '2026-03-11']);
    expect(result).toMatch(/^spm: a total is too large to add up exactly/);
    // Another day of the month with that technique: its month total; a sale of Other's: its own totals.
    expect(await expectStoreFailure(['sale', 'add', 'Acme', '1000', '--date', '2026-03-12', '--technique', 'x'])).toMatch(/^spm: a total is too large to add up exactly/);
    expect(await expectStoreFailure(['sale', 'add', 'Other', '1000', '--date', '2026-12-12', '--technique', 'y'])).toMatch(/^spm: a total is too large to add up exactly/);
  });
});

async function expectStoreFailure(args: string[]): Promise<string> {
  const before = snapshot(temp.dbPath);
  const result = await runSpm(args, { db: temp.dbPath });
  expect(result.code).toBe(1);
  expect(snapshot(temp.dbPath)).toBe(before);
  return result.stderr;
}

test('schema v12 (exact day totals) migrates from v11 and from v1', () => {
  const { openDatabase } = storeModule;
  const now = () => '2026-03-15T12:00:00.000Z';
  for (const [name, from] of [['v11', MIGRATIONS.filter((m) => m.version <= 11)], ['v1', MIGRATIONS.filter((m) => m.version === 1)]] as const) {
    const path = join(temp.dir, `${name}.db`);
    openDatabase(path, 'write', now, from).close();
    const db = openDatabase(path, 'write', now);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sales_daily_exact_%' ORDER BY name").pluck().all()).toEqual(['sales_daily_exact_insert', 'sales_daily_exact_update']);
    db.close();
  }
});
