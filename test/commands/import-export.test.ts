import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expectRejected, openRaw, runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });
const csv = (name: string, text: string) => {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
};
const sales = () => openRaw(temp.dbPath).prepare('SELECT s.date, c.name, s.amount_cents AS cents, s.outcome, s.note FROM sales s JOIN customers c ON c.id = s.customer_id ORDER BY s.id').all();

describe('import sales', () => {
  test('auto-maps headers in any case, creates customers with their details, schedules no follow-ups', async () => {
    const file = csv('s.csv', 'Date,CUSTOMER,Amount,Technique,Segment,Email\n2026-01-05,Acme,1200,referral,smb,a@acme.test\n2026-01-06,Beta,99.5,,enterprise,\n');
    const result = await run(['import', 'sales', file, '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ read: 2, imported: 2, duplicates: 0, rejected: 0, customersCreated: 2 });
    expect(sales()).toEqual([
      { date: '2026-01-05', name: 'Acme', cents: 120000, outcome: 'won', note: null },
      { date: '2026-01-06', name: 'Beta', cents: 9950, outcome: 'won', note: null },
    ]);
    const db = openRaw(temp.dbPath);
    expect(db.prepare("SELECT segment, email FROM customers WHERE name = 'Acme'").get()).toEqual({ segment: 'smb', email: 'a@acme.test' });
    expect(db.prepare('SELECT count(*) FROM followups').pluck().get()).toBe(0);
  });

  test('--map, quoted and multi-line cells, BOM, CRLF and ; files, with file line numbers', async () => {
    const file = csv('shop.csv', '\uFEFFOrder Date;Client;Total;Comment\r\n2026-02-01;"Acme; Inc";"$1,200.50";"first\r\nsecond"\r\n2026-02-02;Beta;€15;"say ""hi"""\r\n');
    const result = await run(['import', 'sales', file, '--map', 'date=Order Date', '--map', 'customer=client', '--map', 'amount=Total', '--map', 'note=Comment', '--json']);
    expect(result.code).toBe(0);
    expect(sales()).toEqual([
      { date: '2026-02-01', name: 'Acme; Inc', cents: 120050, outcome: 'won', note: 'first\r\nsecond' },
      { date: '2026-02-02', name: 'Beta', cents: 1500, outcome: 'won', note: 'say "hi"' },
    ]);
  });

  test('--date-format decides MM/dd against dd/MM', async () => {
    const file = csv('d.csv', 'date,customer,amount\n03/04/2026,Acme,10\n');
    await run(['customer', 'add', 'Seed']);
    await expectRejected(['import', 'sales', file], { db: temp.dbPath }, /line 2: date "03\/04\/2026" is not YYYY-MM-DD/);
    expect((await run(['import', 'sales', file, '--date-format', 'MM/dd/yyyy'])).code).toBe(0);
    const other = csv('e.csv', 'date,customer,amount\n03/04/2026,Beta,10\n');
    expect((await run(['import', 'sales', other, '--date-format', 'dd/MM/yyyy'])).code).toBe(0);
    expect(sales().map((s: any) => s.date)).toEqual(['2026-03-04', '2026-04-03']);
  });

  test('re-importing skips duplicates, by external id or by a hash of the row', async () => {
    const withIds = csv('ids.csv', 'date,customer,amount,external-id\n2026-01-01,Acme,10,A1\n2026-01-02,Acme,20,A2\n');
    const without = csv('noids.csv', 'date,customer,amount\n2026-01-01,Acme,10\n');
    expect((await run(['import', 'sales', withIds, '--json'])).json()).toMatchObject({ imported: 2, duplicates: 0, customersCreated: 1 });
    expect((await run(['import', 'sales', withIds, '--json'])).json()).toMatchObject({ imported: 0, duplicates: 2, customersCreated: 0 });
    expect((await run(['import', 'sales', without, '--json'])).json()).toMatchObject({ imported: 1, duplicates: 0 });
    expect((await run(['import', 'sales', without, '--json'])).json()).toMatchObject({ imported: 0, duplicates: 1 });
    expect(openRaw(temp.dbPath).prepare('SELECT external_id FROM sales ORDER BY id').pluck().all()).toEqual(['A1', 'A2', expect.stringMatching(/^sha1:[0-9a-f]{40}$/)]);
  });

  test('counts stay exact over many rows: repeats inside the file and rows imported before', async () => {
    const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `2026-01-01,Acme,${from + i + 1},B${from + i}`);
    const first = csv('first.csv', `date,customer,amount,external-id\n${rows(0, 100).join('\n')}\n`);
    expect((await run(['import', 'sales', first, '--json'])).json()).toMatchObject({ read: 100, imported: 100, duplicates: 0 });
    // B50–B99 were imported before; B10 too; B150 (row 101) and B198 (row 149) appear twice in
    // this file: sales are written 64 rows to a statement, so one repeat is in a later batch
    // (rows 129–153) and the other in its own.
    const second = csv('second.csv', `date,customer,amount,external-id\n${[...rows(50, 200), '2026-01-01,Acme,11,B10', '2026-01-01,Acme,151,B150', '2026-01-01,Acme,199,B198'].join('\n')}\n`);
    expect((await run(['import', 'sales', second, '--json'])).json()).toMatchObject({ read: 153, imported: 100, duplicates: 53 });
    const db = openRaw(temp.dbPath);
    expect(db.prepare('SELECT count(*) AS n, count(DISTINCT external_id) AS ids, sum(amount_cents) AS cents FROM sales').get()).toEqual({ n: 200, ids: 200, cents: 100 * 200 * 201 / 2 });
    db.close();
  });

  test('a dirty file is refused with its line numbers and the database unchanged', async () => {
    await run(['customer', 'add', 'Seed']);
    const file = csv('dirty.csv', 'date,customer,amount,outcome\n2026-01-01,Acme,10,won\n2026-02-30,Acme,10,won\n2026-01-03,"Multi\nLine",abc,won\n2026-01-04,Acme,10,maybe\n');
    const result = await expectRejected(['import', 'sales', file], { db: temp.dbPath }, /3 invalid rows/);
    expect(result.stderr).toMatch(/line 3: date "2026-02-30" is not on the calendar/);
    expect(result.stderr).toMatch(/line 4: customer "Multi\\nLine" contains control characters/);
    expect(result.stderr).toMatch(/line 6: outcome "maybe"/);
  });

  test('check-ins dated in the future and emails that are not addresses are bad rows', async () => {
    await run(['customer', 'add', 'Seed']);
    const checkins = csv('future.csv', 'date,customer,channel\n2026-03-10,Acme,call\n2026-03-11,Acme,call\n');
    const result = await expectRejected(['import', 'checkins', checkins], { db: temp.dbPath, now: '2026-03-10' }, /1 invalid row/);
    expect(result.stderr).toMatch(/line 3: check-in date 2026-03-11 is in the future/);
    const customers = csv('emails.csv', 'name,email\nBeta,beta@example.com\nGamma,555-1234\n');
    const refused = await expectRejected(['import', 'customers', customers], { db: temp.dbPath }, /1 invalid row/);
    expect(refused.stderr).toMatch(/line 3: email "555-1234" does not look like an address/);
  });

  test('a missing required field or an unknown --map target is named before any row is read', async () => {
    await run(['customer', 'add', 'Seed']);
    const file = csv('m.csv', 'When,customer,amount\n2026-01-01,Acme,10\n');
    await expectRejected(['import', 'sales', file], { db: temp.dbPath }, /needs a date column/);
    await expectRejected(['import', 'sales', file, '--map', 'when=When'], { db: temp.dbPath }, /no field "when"/);
    await expectRejected(['import', 'sales', file, '--map', 'date=Nope'], { db: temp.dbPath }, /no column "Nope"/);
  });

  test('--skip-invalid imports the good rows and writes the bad ones with a reason', async () => {
    const file = csv('mixed.csv', 'date,customer,amount\n2026-01-01,Acme,10\n2026-01-02,Acme,-5\n2026-01-03,Beta,30\n');
    const result = await run(['import', 'sales', file, '--skip-invalid', '--json']);
    expect(result.json()).toEqual({ read: 3, imported: 2, duplicates: 0, rejected: 1, customersCreated: 2 });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects).toBe('date,customer,amount,reject-reason\n2026-01-02,Acme,-5,line 3: amount -5 is negative\n');
  });

  test('--dry-run counts and writes nothing, not even the database file', async () => {
    const file = csv('dry.csv', 'date,customer,amount\n2026-01-01,Acme,10\n2026-01-02,Beta,20\n');
    const result = await run(['import', 'sales', file, '--dry-run', '--json']);
    expect(result.json()).toEqual({ read: 2, imported: 2, duplicates: 0, rejected: 0, customersCreated: 2 });
    expect(existsSync(temp.dbPath)).toBe(false);
    await run(['import', 'sales', file]);
    const before = snapshot(temp.dbPath);
    expect((await run(['import', 'sales', file, '--dry-run', '--json'])).json()).toMatchObject({ imported: 0, duplicates: 2 });
    expect(snapshot(temp.dbPath)).toBe(before);
  });

  test('customers and check-ins import', async () => {
    const customers = csv('c.csv', 'name,company,segment,tags\nAcme,Acme Corp,smb,"vip, local"\nacme,Dup,smb,\n');
    expect((await run(['import', 'customers', customers, '--json'])).json()).toEqual({ read: 2, imported: 1, duplicates: 1, rejected: 0, customersCreated: 1 });
    const checkins = csv('k.csv', 'date,customer,channel,satisfaction\n2026-01-01,Acme,call,5\n2026-01-02,New One,,\n');
    expect((await run(['import', 'checkins', checkins, '--json'])).json()).toEqual({ read: 2, imported: 2, duplicates: 0, rejected: 0, customersCreated: 1 });
    expect(openRaw(temp.dbPath).prepare('SELECT channel, satisfaction FROM checkins ORDER BY id').all()).toEqual([{ channel: 'call', satisfaction: 5 }, { channel: 'other', satisfaction: null }]);
  });
});

function fillEveryRecordType(): void {
  const db = openRaw(temp.dbPath);
  const stamp = '2026-03-01T10:00:00.000Z';
  db.exec(`
    INSERT INTO customers (id, name, name_key, company, tags, cadence_days, archived, added_date, created_at, updated_at) VALUES (7, 'Zed', 'zed', 'Zed Ltd', '["vip","a,b"]', 30, 1, '2025-01-01', '${stamp}', '${stamp}');
    INSERT INTO sales (id, date, customer_id, amount_cents, outcome, reason, technique, quantity, note, external_id, created_at, updated_at) VALUES (40, '2026-02-02', 7, 123456789, 'lost', 'price', 'demo', 3, 'n', 'X1', '${stamp}', '${stamp}');
    INSERT INTO checkins (id, date, customer_id, channel, satisfaction, note, created_at) VALUES (5, '2026-02-03', 7, 'visit', 4, 'ok', '${stamp}');
    INSERT INTO concerns (id, customer_id, opened_date, summary, severity, status, resolved_date, resolution, created_at, updated_at) VALUES (3, 7, '2026-02-04', 'late', 'high', 'resolved', '2026-02-06', 'refund', '${stamp}', '${stamp}');
    INSERT INTO followups (id, customer_id, due_date, reason, source, status, sale_id, concern_id, done_date, note, created_at, updated_at) VALUES (9, 7, '2026-03-20', 'call, back; "now"', 'concern', 'open', 40, 3, NULL, NULL, '${stamp}', '${stamp}');
    INSERT INTO followups (id, customer_id, due_date, source, status, done_date, created_at, updated_at) VALUES (10, 7, '2026-02-20', 'manual', 'done', '2026-02-21', '${stamp}', '${stamp}');
    INSERT INTO goals (id, name, name_key, metric, target_x100, period, from_date, to_date, recurring, segment, created_at, updated_at) VALUES (2, 'Books', 'books', 'custom', 400, 'year', '2026-01-01', '2026-12-31', 1, 'smb', '${stamp}', '${stamp}');
    INSERT INTO goal_milestones (id, goal_id, date, value_x100) VALUES (1, 2, '2026-06-30', 200);
    INSERT INTO goal_logs (id, goal_id, date, amount_x100, note, created_at) VALUES (1, 2, '2026-02-10', 150, 'half', '${stamp}');
    INSERT INTO settings (key, value) VALUES ('currency', 'EUR'), ('week-start', 'sunday');
  `);
  db.close();
}

describe('export json and import json', () => {
  test('round trip on a database holding every record type gives identical records', async () => {
    await run(['customer', 'add', 'Acme']);
    fillEveryRecordType();
    const exported = await run(['export', 'json']);
    expect(exported.code).toBe(0);
    const document = exported.json();
    expect(document).toMatchObject({ format: 'spm-export', version: 1 });
    for (const key of ['customers', 'sales', 'checkins', 'concerns', 'followups', 'goals', 'goalMilestones', 'goalLogs']) expect(document[key].length).toBeGreaterThan(0);
    const file = join(temp.dir, 'export.json');
    writeFileSync(file, exported.stdout);
    const restoredDb = join(temp.dir, 'restored.db');
    const restore = await runSpm(['import', 'json', file, '--json'], { db: restoredDb });
    expect(restore.code).toBe(0);
    const again = await runSpm(['export', 'json'], { db: restoredDb });
    expect(again.stdout).toBe(exported.stdout);
    // Every row of every table, ids, stamps and name keys included; not the history (a restore
    // starts a fresh one) nor the database's own random id (a restored file is another database).
    const except = ['history_changes', 'history_rows', 'spm_meta'];
    expect(JSON.parse(snapshot(restoredDb, { except }))).toEqual(JSON.parse(snapshot(temp.dbPath, { except })));
  });

  test('refuses to restore into a database that holds data', async () => {
    await run(['customer', 'add', 'Acme']);
    const file = join(temp.dir, 'export.json');
    writeFileSync(file, (await run(['export', 'json'])).stdout);
    await expectRejected(['import', 'json', file], { db: temp.dbPath }, /already holds data/);
  });
});

describe('export csv and ics', () => {
  test('csv guards text cells against formulas, not numbers', async () => {
    const file = csv('f.csv', 'date,customer,amount,technique,note\n2026-01-01,=HYPERLINK(x),10,+demo,@me\n2026-01-02,-Dash,20,\tTab,plain\n');
    expect((await run(['import', 'sales', file])).code).toBe(0);
    // Import trims cells, so a leading tab is set directly.
    const db = openRaw(temp.dbPath);
    db.prepare("UPDATE sales SET technique = char(9) || 'Tab' WHERE id = 2").run();
    db.close();
    const out = (await run(['export', 'csv', '--entity', 'sales'])).stdout.split('\n');
    expect(out[0]).toBe('id,date,customer,amount,outcome,reason,technique,product,quantity,note,external-id');
    expect(out[1]).toMatch(/^1,2026-01-01,'=HYPERLINK\(x\),10\.00,won,,'\+demo,,,'@me,sha1:/);
    expect(out[2]).toMatch(/^2,2026-01-02,'-Dash,20\.00,won,,'\tTab,,,plain,sha1:/);
  });

  test('ics: open follow-ups as all-day events with stable UIDs, parsed back', async () => {
    await run(['customer', 'add', 'Acme']);
    fillEveryRecordType();
    const text = (await run(['export', 'ics'])).stdout;
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    // Unfold (CRLF + space) and read properties back.
    const lines = text.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    const events = lines.filter((l) => l === 'BEGIN:VEVENT').length;
    expect(events).toBe(1);
    // The database's random id keeps two databases' follow-up #9 apart in one calendar.
    const databaseId = openRaw(temp.dbPath).prepare("SELECT value FROM spm_meta WHERE key = 'database-id'").pluck().get() as string;
    expect(databaseId).toMatch(/^[0-9a-f]{16}$/);
    expect(lines).toContain(`UID:followup-9-${databaseId}@spm`);
    expect(lines).toContain('DTSTART;VALUE=DATE:20260320');
    expect(lines).toContain('DTEND;VALUE=DATE:20260321');
    // The reason starts with the linked concern's summary, drawn from it at export time.
    expect(lines).toContain('SUMMARY:Follow up: Zed — concern · late · call\\, back\\; "now"');
  });

  test('-o writes a 0600 file and never overwrites without --force', async () => {
    await run(['customer', 'add', 'Acme']);
    const out = join(temp.dir, 'x.json');
    expect((await run(['export', 'json', '-o', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    await expectRejected(['export', 'json', '-o', out], { db: temp.dbPath }, /already exists/);
    expect((await run(['export', 'json', '-o', out, '--force'])).code).toBe(0);
  });
});

describe('backup', () => {
  test('writes a 0600 copy that passes integrity_check; no overwrite without --force', async () => {
    await run(['customer', 'add', 'Acme']);
    const result = await run(['backup', '--json']);
    expect(result.code).toBe(0);
    const { file, integrity } = result.json();
    expect(integrity).toBe('ok');
    expect(file).toMatch(/spm-backup-20260315-120000\.db$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT name FROM customers').pluck().all()).toEqual(['Acme']);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    await expectRejected(['backup'], { db: temp.dbPath }, /already exists/);
    expect((await run(['backup', '--force'])).code).toBe(0);
  });
});

describe('import without a database', () => {
  test('a bad header or bad rows leave no database file behind', async () => {
    const header = csv('h.csv', 'When,customer,amount\n2026-01-01,Acme,10\n');
    expect((await run(['import', 'sales', header])).code).toBe(2);
    expect(existsSync(temp.dbPath)).toBe(false);
    const rows = csv('r.csv', 'date,customer,amount\n2026-01-01,Acme,zero\n');
    const result = await run(['import', 'sales', rows]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spm: 1 invalid row in .*line 2: amount "zero"/);
    expect(existsSync(temp.dbPath)).toBe(false);
  });
});
