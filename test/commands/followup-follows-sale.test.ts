// A sale's automatic follow-up follows the sale: edit moves or cancels it, the reason is drawn
// from the sale when shown; in-process and through the real binary (also on a migrated database).
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { APPLICATION_ID, MIGRATIONS } from '../../src/store/migrations.js';
import { expectRejected, runSpm, useTempDb } from '../helpers/run-spm.js';
import { spawnSpm } from '../helpers/spawn-spm.js';

const temp = useTempDb();
const run = (args: string[]) => runSpm(args, { db: temp.dbPath });
const followups = async () => (await run(['followup', 'list', '--status', 'all', '--json'])).json() as { id: number; customer: { name: string }; due: string; reason: string; status: string }[];

describe('sale edit carries the post-sale follow-up along (in-process)', () => {
  test('--customer moves it, --date shifts it by the same days, --lost cancels it, --won schedules one again', async () => {
    await run(['customer', 'add', 'Acme']);
    await run(['customer', 'add', 'Bolt']);
    await run(['sale', 'add', 'acme', '2800', '--product', 'training', '--date', '2026-03-10']);
    expect(await followups()).toMatchObject([{ id: 1, customer: { name: 'Acme' }, due: '2026-03-17', reason: 'post-sale · training $2,800', status: 'open' }]);

    const moved = await run(['sale', 'edit', '1', '--customer', 'bolt', '--date', '2026-03-12']);
    expect(moved.stderr).toContain('Moved its follow-up #1: Bolt, due 2026-03-19');
    expect(await followups()).toMatchObject([{ id: 1, customer: { name: 'Bolt' }, due: '2026-03-19', status: 'open' }]);

    await run(['sale', 'edit', '1', '--amount', '3100']);
    expect((await followups())[0].reason).toBe('post-sale · training $3,100');

    const lost = await run(['sale', 'edit', '1', '--lost', '--json']);
    expect(lost.json().followups.cancelled).toMatchObject([{ id: 1, status: 'cancelled' }]);
    expect(await followups()).toMatchObject([{ id: 1, status: 'cancelled' }]);

    await run(['sale', 'edit', '1', '--won']);
    expect(await followups()).toMatchObject([{ id: 2, customer: { name: 'Bolt' }, due: '2026-03-19', status: 'open' }, { id: 1, status: 'cancelled' }]);
  });

  test('a deleted sale: its follow-up is cancelled and says "sale deleted"', async () => {
    await run(['customer', 'add', 'Acme']);
    await run(['sale', 'add', 'acme', '90']);
    await run(['sale', 'rm', '1', '--yes']);
    expect(await followups()).toMatchObject([{ id: 1, status: 'cancelled', reason: 'post-sale · sale deleted' }]);
  });

  test('bad --customer: exit 2, nothing changed', async () => {
    await run(['customer', 'add', 'Acme']);
    await run(['sale', 'add', 'acme', '90']);
    await expectRejected(['sale', 'edit', '1', '--customer', 'nobody'], { db: temp.dbPath }, /nobody/);
  });
});

/** A database at the version before v10 with a sale whose follow-up has its reason baked in. */
function makeOldDatabase(path: string): void {
  const v10 = MIGRATIONS.findIndex((m) => m.foreignKeysOff && m.track?.includes('sales'));
  const db = new Database(path);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const migration of MIGRATIONS.slice(0, v10)) db.exec(migration.sql);
  db.pragma(`user_version = ${MIGRATIONS[v10 - 1].version}`);
  const stamp = '2026-03-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO customers (id, name, name_key, added_date, created_at, updated_at) VALUES (1, 'Acme', 'acme', '2026-01-01', '${stamp}', '${stamp}'), (2, 'Bolt', 'bolt', '2026-01-01', '${stamp}', '${stamp}');
    INSERT INTO sales (id, date, customer_id, amount_cents, outcome, product, created_at, updated_at) VALUES (4, '2026-03-10', 1, 280000, 'won', 'training', '${stamp}', '${stamp}');
    INSERT INTO followups (id, customer_id, due_date, reason, source, sale_id, created_at, updated_at) VALUES (6, 1, '2026-03-17', 'after sale #4 (training): is everything working out?', 'post-sale', 4, '${stamp}', '${stamp}');`);
  db.close();
}

describe('through the real binary', () => {
  test('on a migrated database: the reason comes from the sale, and the follow-up follows sale edit', () => {
    makeOldDatabase(temp.dbPath);
    const env = { SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15' };
    const list = () => JSON.parse(spawnSpm(['followup', 'list', '--json'], env).stdout);
    expect(list()).toMatchObject([{ id: 6, due: '2026-03-17', reason: 'post-sale · training $2,800' }]);
    const edited = spawnSpm(['sale', 'edit', '4', '--customer', 'bolt', '--date', '2026-03-08'], env);
    expect(edited.code).toBe(0);
    expect(list()).toMatchObject([{ id: 6, customer: { id: 2, name: 'Bolt' }, due: '2026-03-15' }]);
    expect(spawnSpm(['sale', 'edit', '4', '--lost'], env).code).toBe(0);
    expect(list()).toEqual([]);
    expect(spawnSpm(['undo'], env).code).toBe(0);
    expect(list()).toMatchObject([{ id: 6, customer: { name: 'Bolt' }, due: '2026-03-15' }]);
  });
});
