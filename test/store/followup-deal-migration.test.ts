// Schema v13 (follow-ups belong to a deal): reached from v1 and from the version before it with
// every follow-up kept, the link usable at once, unlinked when its deal is deleted, and carried by undo.
import { describe, expect, test } from '@jest/globals';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { databaseAt } from '../helpers/storage.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const LINK_VERSION = MIGRATIONS.find((m) => /follow-ups can belong to a deal/.test(m.description))!.version;

function makeDatabase(path: string, upTo: number): void {
  const db = databaseAt(path, upTo);
  const stamp = '2026-01-01T00:00:00.000Z';
  db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Acme', 'acme', '2025-06-01', ?, ?)").run(stamp, stamp);
  db.prepare("INSERT INTO followups (customer_id, due_date, reason, created_at, updated_at) VALUES (1, '2026-03-20', 'call back', ?, ?)").run(stamp, stamp);
  db.close();
}

describe(`migration to v${LINK_VERSION} (follow-ups linked to deals)`, () => {
  const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === LINK_VERSION) - 1].version;
  test.each([[1], [previous]])('from v%d: follow-ups kept unlinked, then linked to a deal, shown with its title', async (from) => {
    makeDatabase(temp.dbPath, from);
    const run = (args: string[]) => runSpm(args, { db: temp.dbPath });
    expect((await run(['deal', 'add', 'acme', '900', '--title', 'Renewal'])).code).toBe(0);
    const db = openRaw(temp.dbPath);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(db.prepare('SELECT id, reason, deal_id FROM followups').all()).toEqual([{ id: 1, reason: 'call back', deal_id: null }]);
    expect((await run(['followup', 'edit', '1', '--deal', '1'])).code).toBe(0);
    expect((await run(['followup', 'list', '--json'])).json()).toMatchObject([{ id: 1, reason: 'deal #1 Renewal · call back', dealId: 1 }]);
    expect(db.prepare("SELECT count(*) FROM pragma_index_list('followups') WHERE name = 'followups_deal'").pluck().get()).toBe(1);
    // Undo of the edit puts the old link (none) back: the history records deal_id.
    expect((await run(['undo'])).code).toBe(0);
    expect(db.prepare('SELECT deal_id FROM followups WHERE id = 1').pluck().get()).toBeNull();
    expect((await run(['redo'])).code).toBe(0);
    expect(db.prepare('SELECT deal_id FROM followups WHERE id = 1').pluck().get()).toBe(1);
    db.close();
  });

  test('deleting a deal (outside spm too) unlinks its follow-ups; the foreign key holds', async () => {
    makeDatabase(temp.dbPath, previous);
    await runSpm(['deal', 'add', 'acme', '900'], { db: temp.dbPath });
    const db = openRaw(temp.dbPath);
    db.pragma('foreign_keys = ON');
    db.prepare('UPDATE followups SET deal_id = 1').run();
    expect(() => db.prepare('UPDATE followups SET deal_id = 99').run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM deals WHERE id = 1').run();
    expect(db.prepare('SELECT deal_id FROM followups').pluck().get()).toBeNull();
    db.close();
  });
});
