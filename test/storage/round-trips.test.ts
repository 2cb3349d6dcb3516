// What spm writes out comes back in the same: export json -> import json gives identical
// tables (demo data, and extreme but valid values); spm's own CSV export imports back to the
// same records, the formula guard's apostrophe included (it is dropped again on import).
import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRaw, runSpm, snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const NOW = '2199-12-31';

const LONG_NAME = `${'Ünïcødé 名前 '.repeat(15)}`.slice(0, 199) + 'Z';
/** Extreme but valid values through the commands: range ends, the money cap, odd text. */
async function edgeDatabase(db: string): Promise<void> {
  const run = async (args: string[]) => {
    const result = await runSpm(args, { db, now: NOW });
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  };
  await run(['config', 'set', 'post-sale-follow-up-days', '3650']);
  await run(['config', 'set', 'resolved-concern-follow-up-days', '0']);
  await run(['config', 'set', 'currency', 'JPY']);
  await run(['config', 'set', 'week-start', 'sunday']);
  await run(['customer', 'add', LONG_NAME, '--every', '3650', '--tag', 'a', '--tag', 'b c', '--note', 'line 1\nline 2\t"quoted", comma', '--email', 'x@y.example']);
  await run(['customer', 'add', '=HYPERLINK("http://evil")', '--segment', '+SMB', '--company', '@corp', '--phone', '-555']);
  await run(['customer', 'add', "'quoted' Name", '--note', "'=not a formula"]);
  await run(['customer', 'add', 'Bidi \u202Egpj.exe', '--segment', 'Ents']);
  await run(['sale', 'add', LONG_NAME, '1,000,000,000', '--date', '1900-01-01', '--technique', '=cmd', '--product', 'Ω', '--qty', '999999']);
  await run(['sale', 'add', LONG_NAME, '0.01', '--date', '2199-12-31', '--no-follow-up']);
  await run(['sale', 'add', '=HYPERLINK("http://evil")', '999999999.99', '--date', '2199-12-30', '--lost', '--reason', '-price']);
  await run(['sale', 'add', "'quoted' Name", '12.34', '--date', '2000-02-29', '--note', '@note']);
  await run(['checkin', 'add', LONG_NAME, '--date', '1900-01-01', '--channel', 'visit', '--satisfaction', '5', '--note', '+1']);
  await run(['checkin', 'add', 'Bidi \u202Egpj.exe', '--date', '2199-12-31', '--channel', 'other']);
  await run(['concern', 'add', LONG_NAME, 'late, "very"', '--severity', 'high', '--date', '2199-12-01']);
  await run(['followup', 'add', "'quoted' Name", '2199-12-31', '--reason', '=call']);
  await run(['goal', 'add', 'Max', '--metric', 'revenue', '--target', '1000000000', '--from', '1900-01-01', '--to', '2199-12-31']);
  await run(['goal', 'add', 'Pages', '--metric', 'custom', '--target', '0.01', '--period', 'year']);
  await run(['goal', 'log', 'Pages', '0.01', '--note', '-1']);
}

async function jsonRoundTrip(db: string): Promise<void> {
  const exported = await runSpm(['export', 'json'], { db, now: NOW });
  expect(exported.code).toBe(0);
  const file = join(temp.dir, 'export.json');
  writeFileSync(file, exported.stdout);
  const restored = join(temp.dir, 'restored.db');
  const restore = await runSpm(['import', 'json', file], { db: restored, now: NOW });
  expect(restore.stderr).toMatch(/^✓ Restored/);
  expect(restore.code).toBe(0);
  const [a, b] = [JSON.parse(snapshot(restored)), JSON.parse(snapshot(db))];
  // Not carried by an export, by design: the undo history, the database's own id (ICS UIDs),
  // and AUTOINCREMENT counters (a restore continues from the highest id it restored).
  const perDatabase = ['history_changes', 'history_rows', 'history_state', 'spm_meta', 'sqlite_sequence'];
  const differing = Object.keys(b).filter((table) => !perDatabase.includes(table) && JSON.stringify(a[table]) !== JSON.stringify(b[table]));
  expect(differing).toEqual([]);
  expect((await runSpm(['export', 'json'], { db: restored, now: NOW })).stdout).toBe(exported.stdout);
}

describe('export json -> import json: identical tables', () => {
  test('demo data', async () => {
    expect((await runSpm(['demo', '--db', temp.dbPath], { now: '2026-03-15' })).code).toBe(0);
    await jsonRoundTrip(temp.dbPath);
  });

  test('extreme but valid values', async () => {
    await edgeDatabase(temp.dbPath);
    await jsonRoundTrip(temp.dbPath);
  });
});

describe("spm's own CSV export imports back to the same records", () => {
  test('customers, sales and check-ins of the edge database', async () => {
    await edgeDatabase(temp.dbPath);
    const fresh = join(temp.dir, 'fresh.db');
    for (const entity of ['customers', 'sales', 'checkins']) {
      const exported = await runSpm(['export', 'csv', '--entity', entity], { db: temp.dbPath, now: NOW });
      expect(exported.code).toBe(0);
      const file = join(temp.dir, `${entity}.csv`);
      writeFileSync(file, exported.stdout);
      const imported = await runSpm(['import', entity, file, '--json'], { db: fresh, now: NOW });
      if (imported.code !== 0) throw new Error(`${entity}: ${imported.stderr}`);
      expect(imported.json()).toMatchObject({ rejected: 0 });
    }
    const records = (db: string) => {
      const raw = openRaw(db);
      try {
        return {
          customers: raw.prepare('SELECT name, company, email, phone, segment, tags, notes, cadence_days FROM customers ORDER BY name').all(),
          // external_id is left out: an import keys rows that have none by a hash of the row.
          sales: raw.prepare(`SELECT s.date, c.name, s.amount_cents, s.outcome, s.reason, s.technique, s.product, s.quantity, s.note
            FROM sales s JOIN customers c ON c.id = s.customer_id ORDER BY s.date, c.name`).all(),
          checkins: raw.prepare(`SELECT k.date, c.name, k.channel, k.satisfaction, k.note
            FROM checkins k JOIN customers c ON c.id = k.customer_id ORDER BY k.date, c.name`).all(),
        };
      } finally {
        raw.close();
      }
    };
    const before = records(temp.dbPath);
    expect(before.sales).toHaveLength(4);
    expect(records(fresh)).toEqual(before);
  });

  test('the guard: a formula cell is written with an apostrophe and read back without it', async () => {
    expect((await runSpm(['customer', 'add', '=2+2'], { db: temp.dbPath })).code).toBe(0);
    expect((await runSpm(['customer', 'add', "'=3+3"], { db: temp.dbPath })).code).toBe(0);
    const exported = await runSpm(['export', 'csv', '--entity', 'customers'], { db: temp.dbPath });
    expect(exported.stdout).toContain(",'=2+2,");
    expect(exported.stdout).toContain(",''=3+3,");
    const file = join(temp.dir, 'c.csv');
    writeFileSync(file, exported.stdout);
    const fresh = join(temp.dir, 'fresh.db');
    expect((await runSpm(['import', 'customers', file], { db: fresh })).code).toBe(0);
    const raw = openRaw(fresh);
    expect(raw.prepare('SELECT name FROM customers ORDER BY id').pluck().all()).toEqual(['=2+2', "'=3+3"]);
    raw.close();
  });
});
