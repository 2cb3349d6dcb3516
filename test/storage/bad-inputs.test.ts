// The table of bad inputs: every write command, CSV import and JSON restore, fed values a
// hostile or careless user types. Each must exit 2 with exactly one `spm:` line (a hint line
// may follow), no stack trace, and the database fingerprint (every table's rows and
// user_version) unchanged.
import { beforeAll, afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSpm, snapshot } from '../helpers/run-spm.js';
import { expectOneErrorLine } from '../helpers/storage.js';

let dir: string;
let db: string;
let dealIds = { won: 0, lost: 0, open: 0 };
const NOW = '2026-03-15';

const BAD_DATES = ['2026-02-30', 'someday', '+9999y', '-9999y', '0050-06-15', '12025-01-01', '03/04/2026', ''];
const BAD_AMOUNTS = ['-5', '0', 'abc', '1e5', '10000000000000', '1000000000.01', 'NaN', '(5)'];
const BAD_NAMES = ['', '   ', '42', '#7', 'x'.repeat(201), 'Acme\u0000Evil', '\u001b[2J\u001b[H', 'Bell\u0007'];
const BAD_IDS = ['0', '-1', 'abc', '99999', '1.5'];

const csv = (name: string, text: string) => () => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const json = (name: string, document: unknown) => csv(name, JSON.stringify(document));

type Case = [label: string, args: () => string[]];
const cases: Case[] = [];
const add = (label: string, args: string[] | (() => string[])) => cases.push([label, typeof args === 'function' ? args : () => args]);

for (const name of BAD_NAMES) add(`customer add ${JSON.stringify(name)}`, ['customer', 'add', name]);
for (const name of BAD_NAMES) add(`customer edit --name ${JSON.stringify(name)}`, ['customer', 'edit', '1', '--name', name]);
for (const every of ['0', '99999', 'sometimes', '-3', '3651']) add(`customer add --every ${every}`, ['customer', 'add', 'New One', '--every', every]);
add('customer add --email not-an-address', ['customer', 'add', 'New One', '--email', 'not-an-address']);
for (const id of BAD_IDS) add(`customer edit ${id}`, ['customer', 'edit', id, '--segment', 'x']);
for (const id of BAD_IDS) add(`customer rm ${id}`, ['--yes', 'customer', 'rm', id]);
add('customer rm without --yes, not on a terminal', ['customer', 'rm', '1']);
add('customer archive of nobody', ['customer', 'archive', 'Nobody At All']);

for (const amount of BAD_AMOUNTS) add(`sale add amount ${amount}`, ['sale', 'add', '1', amount]);
for (const date of BAD_DATES) add(`sale add --date ${JSON.stringify(date)}`, ['sale', 'add', '1', '100', '--date', date]);
add('sale add to no customer', ['sale', 'add', 'Nobody At All', '100']);
for (const qty of ['0', '-1', '1.5', 'many']) add(`sale add --qty ${qty}`, ['sale', 'add', '1', '100', '--qty', qty]);
add('sale add --reason on a won sale', ['sale', 'add', '1', '100', '--reason', 'price']);
add('sale add --follow-up before the sale', ['sale', 'add', '1', '100', '--date', '2026-03-10', '--follow-up', '2026-03-01']);
for (const amount of BAD_AMOUNTS.slice(0, 6)) add(`sale edit --amount ${amount}`, ['sale', 'edit', '1', '--amount', amount]);
for (const date of BAD_DATES.slice(0, 6)) add(`sale edit --date ${JSON.stringify(date)}`, ['sale', 'edit', '1', '--date', date]);
for (const id of BAD_IDS) add(`sale edit ${id}`, ['sale', 'edit', id, '--amount', '5']);
for (const id of BAD_IDS) add(`sale rm ${id}`, ['--yes', 'sale', 'rm', id]);

for (const date of BAD_DATES) add(`checkin add --date ${JSON.stringify(date)}`, ['checkin', 'add', '1', '--date', date]);
add('checkin add in the future', ['checkin', 'add', '1', '--date', '+1d']);
for (const channel of ['fax', '', 'telepathy']) add(`checkin add --channel ${JSON.stringify(channel)}`, ['checkin', 'add', '1', '--channel', channel]);
for (const s of ['0', '6', 'x', '3.5']) add(`checkin add --satisfaction ${s}`, ['checkin', 'add', '1', '--satisfaction', s]);
for (const date of BAD_DATES.slice(0, 6)) add(`checkin add --next ${JSON.stringify(date)}`, ['checkin', 'add', '1', '--next', date]);

for (const date of BAD_DATES) add(`followup add due ${JSON.stringify(date)}`, ['followup', 'add', '1', date]);
for (const id of BAD_IDS) add(`followup done ${id}`, ['followup', 'done', id]);
for (const date of BAD_DATES.slice(0, 5)) add(`followup snooze to ${JSON.stringify(date)}`, ['followup', 'snooze', '1', date]);
for (const id of BAD_IDS) add(`followup add --deal ${id}`, ['followup', 'add', '1', 'fri', '--deal', id]);
add('followup add --deal none', ['followup', 'add', '1', 'fri', '--deal', 'none']);
// The deals made in beforeAll are customer #1's.
add('followup add --deal of another customer', () => ['followup', 'add', '2', 'fri', '--deal', String(dealIds.open)]);
add('followup edit --customer with a deal of another customer', () => ['followup', 'edit', '1', '--customer', '2', '--deal', String(dealIds.open)]);
for (const id of BAD_IDS) add(`followup edit --deal ${id}`, ['followup', 'edit', '1', '--deal', id]);
for (const id of BAD_IDS) add(`followup cancel ${id}`, ['followup', 'cancel', id]);

add('concern add with an empty summary', ['concern', 'add', '1', '   ']);
for (const severity of ['urgent', '', 'HIGHEST']) add(`concern add --severity ${JSON.stringify(severity)}`, ['concern', 'add', '1', 'late', '--severity', severity]);
for (const date of BAD_DATES.slice(0, 6)) add(`concern add --date ${JSON.stringify(date)}`, ['concern', 'add', '1', 'late', '--date', date]);
for (const id of BAD_IDS) add(`concern resolve ${id}`, ['concern', 'resolve', id]);

const goal = (name: string, ...flags: string[]) => ['goal', 'add', name, '--metric', 'revenue', '--target', '5000', '--period', 'month', ...flags];
for (const name of BAD_NAMES) add(`goal add name ${JSON.stringify(name)}`, goal(name));
for (const metric of ['vibes', '', 'REVENUES']) add(`goal add --metric ${JSON.stringify(metric)}`, ['goal', 'add', 'G1', '--metric', metric, '--target', '5', '--period', 'month']);
for (const target of ['0', '-1', 'abc', '10000000000000']) add(`goal add --target ${target}`, ['goal', 'add', 'G1', '--metric', 'revenue', '--target', target, '--period', 'month']);
add('goal add win-rate over 100', ['goal', 'add', 'G1', '--metric', 'win-rate', '--target', '150', '--period', 'month']);
for (const period of ['fortnight', '']) add(`goal add --period ${JSON.stringify(period)}`, ['goal', 'add', 'G1', '--metric', 'revenue', '--target', '5', '--period', period]);
for (const date of BAD_DATES.slice(0, 6)) add(`goal add --from ${JSON.stringify(date)}`, ['goal', 'add', 'G1', '--metric', 'revenue', '--target', '5', '--from', date, '--to', '2026-12-31']);
add('goal add --from after --to', ['goal', 'add', 'G1', '--metric', 'revenue', '--target', '5', '--from', '2026-12-01', '--to', '2026-01-01']);
for (const amount of ['abc', '-2', '10000000000000']) add(`goal log ${amount}`, ['goal', 'log', '1', amount]);
for (const id of BAD_IDS) add(`goal edit ${id}`, ['goal', 'edit', id, '--target', '5']);

for (const [key, value] of [
  ['post-sale-follow-up-days', '99999999'], ['post-sale-follow-up-days', '-1'], ['post-sale-follow-up-days', 'soon'],
  ['resolved-concern-follow-up-days', '3651'], ['default-cadence-days', '0'], ['currency', 'not-a-code'], ['currency', 'dollars'],
  ['week-start', 'someday'], ['no-such-setting', '1'],
]) add(`config set ${key} ${value}`, ['config', 'set', key, value]);

const CSV_HEAD = 'date,customer,amount\n';
const badCsv: [string, string][] = [
  ['impossible date', `${CSV_HEAD}2026-02-30,Acme,10\n`],
  ['date out of range', `${CSV_HEAD}0050-06-15,Acme,10\n`],
  ['5-digit year', `${CSV_HEAD}12025-01-01,Acme,10\n`],
  ['negative amount', `${CSV_HEAD}2026-01-01,Acme,-10\n`],
  ['amount over the cap', `${CSV_HEAD}2026-01-01,Acme,10000000000000\n`],
  ['amount 1e300', `${CSV_HEAD}2026-01-01,Acme,1e300\n`],
  ['empty customer', `${CSV_HEAD}2026-01-01,,10\n`],
  ['digits-only customer', `${CSV_HEAD}2026-01-01,12345,10\n`],
  ['a NUL in a name', `${CSV_HEAD}2026-01-01,Ac\u0000me,10\n`],
  ['an escape in a name', `${CSV_HEAD}2026-01-01,"Ac\u001b[31mme",10\n`],
  ['300-character name', `${CSV_HEAD}2026-01-01,${'y'.repeat(300)},10\n`],
  ['missing amount column', 'date,customer\n2026-01-01,Acme\n'],
  ['no header at all', ''],
  ['unclosed quote', `${CSV_HEAD}2026-01-01,"Acme,10\n`],
  ['outcome maybe', 'date,customer,amount,outcome\n2026-01-01,Acme,10,maybe\n'],
];
badCsv.forEach(([label, text], i) => add(`import sales: ${label}`, () => ['import', 'sales', csv(`bad-${i}.csv`, text)()]));
const DEALS_HEAD = 'title,customer,value,stage,status,created-date,won-date,lost-date,closed-date,expected-close,lost-reason\n';
const badDealsCsv: [string, string][] = [
  ['zero value', `${DEALS_HEAD}Site,Acme,0,lead,,,,,,,\n`],
  ['negative value', `${DEALS_HEAD}Site,Acme,-5,lead,,,,,,,\n`],
  ['unknown stage', `${DEALS_HEAD}Site,Acme,100,closing,,,,,,,\n`],
  ['status deleted', `${DEALS_HEAD}Site,Acme,100,lead,deleted,,,,,,\n`],
  ['won before it was created', `${DEALS_HEAD}Site,Acme,100,lead,won,2026-03-01,2026-02-01,,,,\n`],
  ['won without a won date', `${DEALS_HEAD}Site,Acme,100,lead,won,2026-03-01,,,,,\n`],
  ['both won and lost dates', `${DEALS_HEAD}Site,Acme,100,lead,,2026-01-01,2026-02-01,2026-02-02,,,\n`],
  ['closed-date without a status', `${DEALS_HEAD}Site,Acme,100,lead,,2026-01-01,,,2026-02-01,,\n`],
  ['open with a won date', `${DEALS_HEAD}Site,Acme,100,lead,open,2026-01-01,2026-02-01,,,,\n`],
  ['expected close before created', `${DEALS_HEAD}Site,Acme,100,lead,,2026-03-01,,,,2026-02-01,\n`],
  ['lost reason on a won deal', `${DEALS_HEAD}Site,Acme,100,lead,won,2026-01-01,2026-02-01,,,,price\n`],
  ['impossible created date', `${DEALS_HEAD}Site,Acme,100,lead,,2026-02-30,,,,,\n`],
  ['empty customer', `${DEALS_HEAD}Site,,100,lead,,,,,,,\n`],
  ['missing value column', 'title,customer\nSite,Acme\n'],
  ['--map to a field deals do not have', 'title,customer,value\nSite,Acme,100\n'],
];
badDealsCsv.forEach(([label, text], i) => add(`import deals: ${label}`, () => ['import', 'deals', csv(`bad-deals-${i}.csv`, text)(), ...(label.startsWith('--map') ? ['--map', 'amount=value'] : [])]));
add('import checkins in the future', () => ['import', 'checkins', csv('future.csv', 'date,customer,channel\n2027-01-01,Acme,call\n')()]);
add('import customers with a bad email', () => ['import', 'customers', csv('emails.csv', 'customer,email\nAcme Two,not-an-address\n')()]);
add('import of a missing file', ['import', 'sales', '/nonexistent/sales.csv']);
add('import of a folder', () => ['import', 'sales', dir]);
add('import of a binary file', () => { const f = join(dir, 'bin.csv'); writeFileSync(f, Buffer.from([1, 0, 2, 0, 3])); return ['import', 'sales', f]; });
add('import of an unknown kind', () => ['import', 'invoices', csv('x.csv', CSV_HEAD)()]);

const stamp = '2026-03-01T10:00:00.000Z';
const validDoc = () => ({
  format: 'spm-export', version: 1,
  customers: [{ id: 1, name: 'Acme', company: null, email: null, phone: null, segment: null, tags: [], notes: null, cadenceDays: null, archived: false, addedDate: '2026-01-01', createdAt: stamp, updatedAt: stamp }],
  sales: [{ id: 1, date: '2026-02-01', customerId: 1, amount: 10, outcome: 'won', reason: null, technique: null, product: null, quantity: null, note: null, externalId: null, createdAt: stamp, updatedAt: stamp }],
  settings: {},
});
const spoiled = (f: (d: any) => void) => { const d = validDoc(); f(d); return d; };
const badJson: [string, unknown][] = [
  ['not an export', { hello: 1 }],
  ['a newer export version', { format: 'spm-export', version: 99 }],
  ['amount 1e300', spoiled((d) => { d.sales[0].amount = 1e300; })],
  ['date 2026-02-30', spoiled((d) => { d.sales[0].date = '2026-02-30'; })],
  ['date someday', spoiled((d) => { d.sales[0].date = 'someday'; })],
  ['empty name', spoiled((d) => { d.customers[0].name = ''; })],
  ['a NUL in a name', spoiled((d) => { d.customers[0].name = 'A\u0000B'; })],
  ['tags as text', spoiled((d) => { d.customers[0].tags = 'a,b'; })],
  ['cadence 10^9', spoiled((d) => { d.customers[0].cadenceDays = 1e9; })],
  ['currency not-a-code', spoiled((d) => { d.settings.currency = 'not-a-code'; })],
  ['negative days', spoiled((d) => { d.settings['post-sale-follow-up-days'] = '-1'; })],
];
// Restores go into the seeded database: refused for holding data only after every field passed.
badJson.forEach(([label, document], i) => add(`import json: ${label}`, () => ['import', 'json', json(`bad-${i}.json`, document)()]));
add('import json of a file that is not JSON', () => ['import', 'json', csv('not.json', '{"format": "spm-export",')()]);
add('import json into a database that holds data', () => ['import', 'json', json('valid.json', validDoc())()]);

add('export csv of an unknown entity', ['export', 'csv', '--entity', 'invoices']);
add('export to a format spm does not write', ['export', 'pdf']);
add('export json onto the database', () => ['export', 'json', '-o', db, '--force']);
add('export csv onto the -wal', () => ['export', 'csv', '--entity', 'sales', '-o', `${db}-wal`, '--force']);
add('backup onto the database', () => ['backup', db, '--force']);
add('backup onto an existing file without --force', () => { const f = join(dir, 'exists.db'); writeFileSync(f, 'x'); return ['backup', f]; });
// Deals: #1 won and #2 lost are made in beforeAll, #3 is open. An empty --close means none (allowed).
for (const amount of BAD_AMOUNTS) add(`deal add value ${JSON.stringify(amount)}`, ['deal', 'add', '1', amount]);
for (const date of BAD_DATES.filter((d) => d !== '')) add(`deal add --close ${JSON.stringify(date)}`, ['deal', 'add', '1', '100', '--close', date]);
add('deal add in an unknown stage', ['deal', 'add', '1', '100', '--stage', 'closing']);
add('deal add closing before it was created', ['deal', 'add', '1', '100', '--date', '2026-03-10', '--close', '2026-03-01']);
for (const id of BAD_IDS) add(`deal move ${id}`, ['deal', 'move', id, 'proposal']);
// The demo's deals come first; the ones made in beforeAll are won, lost and open, in that order.
add('deal move of a won deal', () => ['deal', 'move', String(dealIds.won), 'proposal']);
add('deal won of a lost deal', () => ['deal', 'won', String(dealIds.lost)]);
add('deal lost without a reason, not on a terminal', () => ['deal', 'lost', String(dealIds.open)]);
add('deal move to an unknown stage', () => ['deal', 'move', String(dealIds.open), 'closing']);
add('deal reopen of an open deal', () => ['deal', 'reopen', String(dealIds.open)]);
add('deal rm without --yes, not on a terminal', () => ['deal', 'rm', String(dealIds.open)]);
add('config set deal-stages dropping a stage an open deal is in', ['config', 'set', 'deal-stages', 'qualified,proposal']);
add('config set deal-stages with a status as a stage', ['config', 'set', 'deal-stages', 'lead,won']);
add('config set deal-probability-lead 101', ['config', 'set', 'deal-probability-lead', '101']);
add('an unknown command', ['sell', '1', '100']);
add('an unknown option', ['sale', 'add', '1', '100', '--discount', '5']);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spm-bad-inputs-'));
  db = join(dir, 'spm.db');
  const demo = await runSpm(['demo', '--db', db], { now: NOW });
  if (demo.code !== 0) throw new Error(demo.stderr);
  const made = [];
  for (const value of ['100', '200', '300']) made.push((await runSpm(['deal', 'add', '1', value, '--json'], { db, now: NOW })).json().id as number);
  dealIds = { won: made[0], lost: made[1], open: made[2] };
  for (const args of [['deal', 'won', String(dealIds.won)], ['deal', 'lost', String(dealIds.lost), '--reason', 'price']]) {
    const result = await runSpm(args, { db, now: NOW });
    if (result.code !== 0) throw new Error(result.stderr);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`${cases.length} bad inputs: exit 2, one spm: line, no stack, database unchanged`, () => {
  test('the table has at least 150 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  test.each(cases)('%s', async (_, args) => {
    const argv = args();
    const before = snapshot(db);
    const result = await runSpm(argv, { db, now: NOW });
    if (result.code !== 2) throw new Error(`exit ${result.code} for ${JSON.stringify(argv)}\n${result.stderr}`);
    expectOneErrorLine(result.stderr);
    expect(result.stderr).not.toMatch(/\n\s+at |unexpected error/);
    expect(snapshot(db)).toBe(before);
  });
});
