// spm undo / redo / history: every write command is one change that undo reverts exactly
// (every table's rows, derived tables included) and redo re-applies exactly.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectRejected, openRaw, runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';
import { spawnSpm } from '../helpers/spawn-spm.js';

const temp = useTempDb();
/** The history itself, and AUTOINCREMENT's high-water marks (never lowered: ids are not reused). */
const HISTORY = ['history_changes', 'history_rows', 'history_state', 'sqlite_sequence'];
const records = (path: string) => snapshot(path, { except: HISTORY });

let template = '';
let csvFile = '';
let dealsFile = '';

/** One of every record, made through the commands (dates before 2026-03-15, the pinned today). */
const FIXTURE: string[][] = [
  ['customer', 'add', 'Acme', '--every', '30', '--segment', 'smb'],
  ['customer', 'add', 'Bolt'],
  ['sale', 'add', 'acme', '2800', '--product', 'training', '--date', '2026-03-01'],
  ['sale', 'add', 'bolt', '500', '--lost', '--reason', 'price', '--date', '2026-03-02'],
  ['followup', 'add', 'bolt', '2026-03-02', '--reason', 'call back'],
  ['checkin', 'add', 'bolt', '--date', '2026-03-03', '--satisfaction', '4'],
  ['concern', 'add', 'acme', 'late delivery', '--severity', 'high', '--date', '2026-03-04'],
  ['followup', 'add', 'bolt', '2026-03-20', '--reason', 'send the brochure'],
  ['goal', 'add', 'Books', '--metric', 'custom', '--target', '10', '--period', 'year'],
  ['goal', 'log', 'books', '2', '--note', 'two read'],
  ['goal', 'add', 'Revenue', '--metric', 'revenue', '--target', '30000', '--period', 'quarter', '--milestone', '2026-02-15=10000'],
  ['config', 'set', 'currency', 'EUR'],
  ['concern', 'add', 'bolt', 'wrong invoice', '--date', '2026-03-05'],
  ['concern', 'resolve', '2', '--date', '2026-03-06'],
  ['deal', 'add', 'acme', '12000', '--title', 'Website', '--stage', 'proposal', '--date', '2026-03-01'],
  ['deal', 'add', 'bolt', '4500', '--date', '2026-03-02'],
  ['deal', 'add', 'bolt', '900', '--date', '2026-03-03'],
  ['deal', 'lost', '3', '--reason', 'price'],
];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spm-undo-'));
  template = join(dir, 'template.db');
  for (const args of FIXTURE) {
    const result = await runSpm(args, { db: template });
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  }
  csvFile = join(dir, 'sales.csv');
  writeFileSync(csvFile, 'date,customer,amount\n2026-03-05,Acme,100\n2026-03-06,Newco,250\n2026-03-07,Newco,75\n');
  dealsFile = join(dir, 'deals.csv');
  writeFileSync(dealsFile, 'title,customer,value,stage,status,closed-date\nRenewal,Acme,900,proposal,,\nKit,Newco,250,,won,2026-03-10\nAudit,Bolt,400,,lost,2026-03-11\n');
});

// [what, argv]: every write command, each from the same starting database. Ids refer to FIXTURE:
// sales #1 (won, post-sale follow-up #1) and #2 (lost); follow-up #2 completed by check-in #1;
// concern #1 (high, its follow-up #3); manual follow-up #4; goals #1 (custom, entry #1) and #2
// (milestone); concern #2 resolved (its follow-up #5); deals #1 (proposal), #2 open, #3 lost.
const WRITES: [string, () => string[]][] = [
  ['customer add', () => ['customer', 'add', 'Cory', '--every', '14']],
  ['customer edit', () => ['customer', 'edit', 'acme', '--every', '7', '--segment', 'enterprise']],
  ['customer archive', () => ['customer', 'archive', 'bolt']],
  ['customer add (no cadence)', () => ['customer', 'add', 'Tmp']],
  ['sale add (with its follow-up)', () => ['sale', 'add', 'acme', '1200', '--date', '2026-03-10']],
  ['sale add --create', () => ['sale', 'add', 'Dora', '90', '--create']],
  ['sale edit', () => ['sale', 'edit', '1', '--amount', '3000', '--date', '2026-02-20']],
  ['sale edit --lost', () => ['sale', 'edit', '1', '--lost', '--reason', 'budget']],
  ['sale rm (cancels its follow-up)', () => ['sale', 'rm', '1', '--yes']],
  ['checkin add (completes due follow-ups)', () => ['checkin', 'add', 'bolt', '--date', '2026-03-14', '--next', '2026-04-01']],
  ['followup add', () => ['followup', 'add', 'acme', '2026-03-30']],
  ['followup done', () => ['followup', 'done', '4', '--channel', 'call']],
  ['followup snooze', () => ['followup', 'snooze', '4', '2026-03-25']],
  ['followup cancel', () => ['followup', 'cancel', '4', '--note', 'moved on']],
  ['followup rm', () => ['followup', 'rm', '4', '--yes']],
  ['concern add', () => ['concern', 'add', 'bolt', 'invoice wrong', '--severity', 'high']],
  ['concern resolve', () => ['concern', 'resolve', '1', '--resolution', 'refund']],
  ['goal add', () => ['goal', 'add', 'Calls', '--metric', 'checkins', '--target', '20', '--period', 'month']],
  ['goal edit', () => ['goal', 'edit', 'revenue', '--target', '40000', '--remove-milestone', '2026-02-15']],
  ['goal log', () => ['goal', 'log', 'books', '1.5']],
  ['goal archive', () => ['goal', 'archive', 'books']],
  ['goal rm (with its entries and milestones)', () => ['goal', 'rm', 'revenue', '--yes']],
  ['config set', () => ['config', 'set', 'post-sale-follow-up-days', '3']],
  ['config unset', () => ['config', 'unset', 'currency']],
  ['import csv (customers created, one range)', () => ['import', 'sales', csvFile]],
  ['import deals (their sales, stage history and customers: ranges)', () => ['import', 'deals', dealsFile]],
  ['checkin edit (moves the done day of what it completed)', () => ['checkin', 'edit', '1', '--date', '2026-03-02', '--satisfaction', 'none']],
  ['checkin rm (reopens what it completed)', () => ['checkin', 'rm', '1', '--yes']],
  ['concern edit', () => ['concern', 'edit', '1', '--severity', 'low', '--summary', 'very late']],
  ['concern reopen (cancels its satisfied-now follow-up)', () => ['concern', 'reopen', '2']],
  ['concern rm (cancels its follow-up)', () => ['concern', 'rm', '1', '--yes']],
  ['followup edit', () => ['followup', 'edit', '4', '--due', '2026-03-25', '--customer', 'acme', '--reason', 'bring the contract']],
  ['goal unlog', () => ['goal', 'unlog', '1', '--yes']],
  ['deal add', () => ['deal', 'add', 'acme', '3000', '--title', 'Support', '--close', '2026-04-30']],
  ['deal move', () => ['deal', 'move', '1', 'negotiation']],
  ['deal edit', () => ['deal', 'edit', '2', '--value', '5000', '--note', 'call after Easter']],
  ['deal won (records its sale)', () => ['deal', 'won', '1', '--amount', '11000']],
  ['deal lost', () => ['deal', 'lost', '2', '--reason', 'timing']],
  ['deal reopen', () => ['deal', 'reopen', '3']],
  ['deal rm', () => ['deal', 'rm', '2', '--yes']],
];

describe('undo reverts exactly, redo re-applies exactly', () => {
  test.each(WRITES)('%s', async (_what, argv) => {
    copyFileSync(template, temp.dbPath);
    const before = records(temp.dbPath);
    const done = await runSpm(argv(), { db: temp.dbPath });
    expect(done.stderr).not.toMatch(/^spm:/m);
    expect(done.code).toBe(0);
    const after = records(temp.dbPath);
    expect(after).not.toBe(before);
    const undo = await runSpm(['undo', '--json'], { db: temp.dbPath });
    expect(undo.code).toBe(0);
    expect(undo.json().command.startsWith(`spm ${argv().slice(0, 2).join(' ')} `)).toBe(true);
    expect(records(temp.dbPath)).toBe(before);
    const redo = await runSpm(['redo'], { db: temp.dbPath });
    expect(redo.code).toBe(0);
    expect(records(temp.dbPath)).toBe(after);
  });

  test('customer rm of a customer with no history, undone', async () => {
    copyFileSync(template, temp.dbPath);
    await runSpm(['customer', 'add', 'Tmp'], { db: temp.dbPath });
    const before = records(temp.dbPath);
    expect((await runSpm(['customer', 'rm', 'tmp', '--yes'], { db: temp.dbPath })).code).toBe(0);
    expect((await runSpm(['undo'], { db: temp.dbPath })).code).toBe(0);
    expect(records(temp.dbPath)).toBe(before);
  });
});

describe('spm undo', () => {
  test('steps back one change at a time, newest first, and prints what it reverted', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const empty = records(temp.dbPath);
    await runSpm(['sale', 'add', 'acme', '100'], { db: temp.dbPath });
    const oneSale = records(temp.dbPath);
    await runSpm(['sale', 'add', 'acme', '200'], { db: temp.dbPath });
    const first = await runSpm(['undo'], { db: temp.dbPath });
    expect(first.stderr).toBe('✓ Undid change #3: spm sale add acme 200\n  sale #2 added; follow-up #2 added\n');
    expect(records(temp.dbPath)).toBe(oneSale);
    await runSpm(['undo'], { db: temp.dbPath });
    expect(records(temp.dbPath)).toBe(empty);
  });

  test('--dry-run shows what would be reverted and changes nothing', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const before = snapshot(temp.dbPath);
    const result = await runSpm(['undo', '--dry-run', '--json'], { db: temp.dbPath });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ id: 1, command: 'spm customer add Acme', touched: 'customer #1 added', dryRun: true, undone: false });
    expect(snapshot(temp.dbPath)).toBe(before);
  });

  test('nothing to undo: exit 2, database unchanged', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await runSpm(['undo'], { db: temp.dbPath });
    await expectRejected(['undo'], { db: temp.dbPath }, /^spm: nothing to undo$/m);
  });

  test('refuses a change whose rows were changed outside the history, database unchanged', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await runSpm(['sale', 'add', 'acme', '100'], { db: temp.dbPath });
    const db = openRaw(temp.dbPath);
    db.prepare('UPDATE sales SET note = ? WHERE id = 1').run('typed by another tool');
    db.close();
    await expectRejected(['undo'], { db: temp.dbPath }, /cannot undo change #2 exactly: sales #1 was changed since/);
  });

  test('undo-depth 0 turns the history off; the history keeps the latest undo-depth changes', async () => {
    await runSpm(['config', 'set', 'undo-depth', '2'], { db: temp.dbPath });
    for (const name of ['A', 'B', 'C']) await runSpm(['customer', 'add', name], { db: temp.dbPath });
    const listed = await runSpm(['history', '--json'], { db: temp.dbPath });
    expect(listed.json().map((c: { command: string }) => c.command)).toEqual(['spm customer add C', 'spm customer add B']);
    await runSpm(['config', 'set', 'undo-depth', '0'], { db: temp.dbPath });
    await runSpm(['customer', 'add', 'D'], { db: temp.dbPath });
    const after = await runSpm(['history', '--json'], { db: temp.dbPath });
    expect(after.json()[0].command).toBe('spm config set undo-depth 0');
  });

  test('an import is one change recorded as id ranges, undone and redone', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const file = join(temp.dir, 'sales.csv');
    writeFileSync(file, `date,customer,amount\n${Array.from({ length: 50 }, (_, i) => `2026-03-0${(i % 9) + 1},${i % 2 ? 'Acme' : `New ${i}`},${i + 1}`).join('\n')}\n`);
    const before = records(temp.dbPath);
    expect((await runSpm(['import', 'sales', file], { db: temp.dbPath })).code).toBe(0);
    const after = records(temp.dbPath);
    const db = openRaw(temp.dbPath);
    expect(db.prepare("SELECT tbl, op, row_key, last_key FROM history_rows WHERE change_id = 2 ORDER BY id").all()).toEqual([
      { tbl: 'customers', op: 'range', row_key: 2, last_key: 26 },
      { tbl: 'sales', op: 'range', row_key: 1, last_key: 50 },
    ]);
    db.close();
    const history = await runSpm(['history', '--json', '--limit', '1'], { db: temp.dbPath });
    expect(history.json()[0].touched).toBe('25 customers imported (#2–#26); 50 sales imported (#1–#50)');
    expect((await runSpm(['undo'], { db: temp.dbPath })).code).toBe(0);
    expect(records(temp.dbPath)).toBe(before);
    expect((await runSpm(['redo'], { db: temp.dbPath })).code).toBe(0);
    expect(records(temp.dbPath)).toBe(after);
  });

  test('a large import (triggers and indexes set aside) is undone and redone exactly; its parked rows do not grow the file', async () => {
    copyFileSync(template, temp.dbPath);
    // Over the bulk path's threshold: 24,000 sales of Acme, Bolt (who have sales, follow-ups and
    // deals) and 300 new customers, in 2024–2025; then 3,000 check-ins.
    const sales = join(temp.dir, 'sales.csv');
    const day = (i: number) => `202${4 + (i % 2)}-0${1 + (i % 3)}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
    const who = (i: number) => (i % 5 === 0 ? 'Acme' : i % 7 === 0 ? 'Bolt' : `Buyer ${i % 300}`);
    writeFileSync(sales, `date,customer,amount,outcome,product,external-id\n${Array.from({ length: 24_000 },
      (_, i) => `${day(i)},${who(i)},${(i % 900) + 10}.${String(i % 100).padStart(2, '0')},${i % 3 ? 'won' : 'lost'},consulting services,ORDER-${String(i).padStart(6, '0')}`).join('\n')}\n`);
    const checkins = join(temp.dir, 'checkins.csv');
    writeFileSync(checkins, `date,customer,channel,satisfaction,external-id\n${Array.from({ length: 3000 }, (_, i) => `${day(i + 1)},${who(i + 3)},call,${1 + (i % 5)},VISIT-${i}`).join('\n')}\n`);
    const pages = () => {
      const db = openRaw(temp.dbPath);
      try {
        return db.pragma('page_count', { simple: true }) as number;
      } finally {
        db.close();
      }
    };
    const before = records(temp.dbPath);
    expect((await runSpm(['import', 'sales', sales], { db: temp.dbPath })).code).toBe(0);
    const afterSales = records(temp.dbPath);
    const checkinsImported = await runSpm(['import', 'checkins', checkins, '--json'], { db: temp.dbPath });
    expect(checkinsImported.json()).toMatchObject({ imported: 3000 });
    const after = records(temp.dbPath);
    const imported = pages();

    expect((await runSpm(['undo'], { db: temp.dbPath })).code).toBe(0);
    expect(records(temp.dbPath)).toBe(afterSales);
    expect((await runSpm(['undo'], { db: temp.dbPath })).code).toBe(0);
    expect(records(temp.dbPath)).toBe(before);
    // Parked 1,000 rows to a history row, into the pages the deleted rows left free.
    const db = openRaw(temp.dbPath);
    expect(db.prepare("SELECT tbl, count(*) AS chunks FROM history_rows WHERE op = 'parked' GROUP BY tbl ORDER BY tbl").all())
      .toEqual([{ tbl: 'checkins', chunks: 3 }, { tbl: 'customers', chunks: 1 }, { tbl: 'sales', chunks: 24 }]);
    db.close();
    expect(pages()).toBeLessThanOrEqual(imported);

    expect((await runSpm(['redo'], { db: temp.dbPath })).code).toBe(0);
    expect(records(temp.dbPath)).toBe(afterSales);
    expect((await runSpm(['redo'], { db: temp.dbPath })).code).toBe(0);
    expect(records(temp.dbPath)).toBe(after);
    // Redo inserts into indexes that are kept, where the import built its fresh ones from sorted
    // rows: a few pages more (2 of 1,748 here), never a second copy of the rows.
    expect(pages()).toBeLessThanOrEqual(imported * 1.01);
  });

  test('redo of an import undone by an earlier version, which parked one image per row', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const file = join(temp.dir, 'sales.csv');
    writeFileSync(file, `date,customer,amount\n${Array.from({ length: 30 }, (_, i) => `2026-03-0${(i % 9) + 1},${i % 2 ? 'Acme' : `New ${i}`},${i + 1}`).join('\n')}\n`);
    expect((await runSpm(['import', 'sales', file], { db: temp.dbPath })).code).toBe(0);
    const after = records(temp.dbPath);
    expect((await runSpm(['undo'], { db: temp.dbPath })).code).toBe(0);
    // Each chunk written as the earlier version did: one history row per record, a JSON object.
    const db = openRaw(temp.dbPath);
    const chunks = db.prepare("SELECT id, change_id, tbl, old, new FROM history_rows WHERE op = 'parked'").all() as { id: number; change_id: number; tbl: string; old: string; new: string }[];
    expect(chunks.length).toBe(2);
    for (const chunk of chunks) {
      const columns = JSON.parse(chunk.old) as string[];
      for (const values of JSON.parse(chunk.new) as unknown[][]) {
        const image = Object.fromEntries(columns.map((c, i) => [c, values[i]]));
        db.prepare("INSERT INTO history_rows (change_id, tbl, op, row_key, new) VALUES (?, ?, 'parked', ?, ?)").run(chunk.change_id, chunk.tbl, image.id, JSON.stringify(image));
      }
      db.prepare('DELETE FROM history_rows WHERE id = ?').run(chunk.id);
    }
    db.close();
    expect((await runSpm(['redo'], { db: temp.dbPath })).code).toBe(0);
    expect(records(temp.dbPath)).toBe(after);
  });

  test('a JSON restore starts a fresh history and is not undoable', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const exported = await runSpm(['export', 'json'], { db: temp.dbPath });
    const file = join(temp.dir, 'export.json');
    writeFileSync(file, exported.stdout);
    const restored = join(temp.dir, 'restored.db');
    expect((await runSpm(['import', 'json', file], { db: restored })).code).toBe(0);
    expect((await runSpm(['history', '--json'], { db: restored })).json()).toEqual([]);
    await expectRejected(['undo'], { db: restored }, /nothing to undo/);
  });
});

describe('spm redo', () => {
  test('says why not when something was written after the undo', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await runSpm(['customer', 'add', 'Bolt'], { db: temp.dbPath });
    await runSpm(['undo'], { db: temp.dbPath });
    await runSpm(['customer', 'add', 'Cory'], { db: temp.dbPath });
    await expectRejected(['redo'], { db: temp.dbPath }, /nothing to redo: change #3 \(spm customer add Cory\) was written after the undo/);
  });

  test('nothing undone: nothing to redo', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await expectRejected(['redo'], { db: temp.dbPath }, /^spm: nothing to redo$/m);
  });
});

describe('spm history', () => {
  test('lists changes newest first with what they touched (piped)', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await runSpm(['sale', 'add', 'acme', '100', '--note', 'first order'], { db: temp.dbPath });
    await runSpm(['sale', 'rm', '1', '--yes'], { db: temp.dbPath });
    const result = await runSpm(['history'], { db: temp.dbPath });
    expect(result.stdout.split('\n')).toEqual([
      'id\twhen\tcommand\ttouched',
      '3\t2026-03-15 12:00\tspm sale rm 1 --yes\tfollow-up #1 changed; sale #1 deleted',
      "2\t2026-03-15 12:00\tspm sale add acme 100 --note 'first order'\tsale #1 added; follow-up #1 added",
      '1\t2026-03-15 12:00\tspm customer add Acme\tcustomer #1 added',
      '',
    ]);
  });

  test('bad --limit: exit 2', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    await expectRejected(['history', '--limit', 'x'], { db: temp.dbPath }, /--limit "x" is not a whole number/);
  });
});

describe('through the real binary', () => {
  test('undo, redo and history', () => {
    const env = { SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15' };
    expect(spawnSpm(['customer', 'add', 'Acme'], env).code).toBe(0);
    expect(spawnSpm(['sale', 'add', 'acme', '2800'], env).code).toBe(0);
    const undo = spawnSpm(['undo'], env);
    expect(undo).toMatchObject({ code: 0, stderr: '✓ Undid change #2: spm sale add acme 2800\n  sale #1 added; follow-up #1 added\n' });
    expect(JSON.parse(spawnSpm(['sale', 'list', '--json'], env).stdout)).toEqual([]);
    expect(spawnSpm(['redo'], env).code).toBe(0);
    expect(JSON.parse(spawnSpm(['sale', 'list', '--json'], env).stdout)).toHaveLength(1);
    expect(JSON.parse(spawnSpm(['history', '--json'], env).stdout)).toHaveLength(2);
    const bad = spawnSpm(['redo'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('spm: nothing to redo');
  });
});
