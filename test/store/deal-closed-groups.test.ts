// Schema v14: deal_closed_groups counts closed deals by status and stages seen, kept by
// triggers. After every kind of change to deals — close, reopen, move, delete, a sale deleted or
// its outcome edited, an import, its undo (set-based) and redo — it equals counting the deals.
import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { databaseAt } from '../helpers/storage.js';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const VERSION = MIGRATIONS.find((m) => /closed deals counted/.test(m.description))!.version;

function stored(path: string) {
  const db = openRaw(path);
  try {
    return {
      table: db.prepare('SELECT status, stages_seen, count FROM deal_closed_groups ORDER BY status, stages_seen').all(),
      counted: db.prepare("SELECT status, stages_seen, count(*) AS count FROM deals WHERE status <> 'open' GROUP BY status, stages_seen ORDER BY status, stages_seen").all(),
    };
  } finally {
    db.close();
  }
}

describe(`migration to v${VERSION} (closed deal groups)`, () => {
  const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === VERSION) - 1].version;

  test.each([[1], [previous]])('from v%d: the counts start from the deals already closed', async (from) => {
    const db = databaseAt(temp.dbPath, from);
    const stamp = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Acme', 'acme', '2025-06-01', ?, ?)").run(stamp, stamp);
    if (from >= 11) {
      // Deals closed before the counts existed: 2 won through lead and proposal, 1 lost in lead, 1 open.
      const deal = db.prepare(`INSERT INTO deals (customer_id, title, value_cents, stage, status, created_date, stage_date, closed_date, created_at, updated_at)
        VALUES (1, 'D', 100, ?, ?, '2026-03-01', '2026-03-01', ?, ?, ?)`);
      for (const [stage, status] of [['proposal', 'won'], ['proposal', 'won'], ['lead', 'lost'], ['lead', 'open']]) deal.run(stage, status, status === 'open' ? null : '2026-03-12', stamp, stamp);
      db.prepare("INSERT INTO deal_stage_history (deal_id, stage, date) VALUES (1, 'lead', '2026-03-01'), (1, 'proposal', '2026-03-05'), (2, 'lead', '2026-03-01'), (2, 'proposal', '2026-03-05'), (3, 'lead', '2026-03-01'), (4, 'lead', '2026-03-01')").run();
    }
    db.close();
    const expected = from >= 11 ? [{ status: 'lost', stages_seen: 'lead', count: 1 }, { status: 'won', stages_seen: 'lead,proposal', count: 2 }] : [];
    // The next command migrates.
    expect((await runSpm(['pipeline', '--json'], { db: temp.dbPath })).code).toBe(0);
    const after = stored(temp.dbPath);
    expect(after.table).toEqual(expected);
    expect(after.table).toEqual(after.counted);
  });
});

test('the counts follow every change to deals, undo and redo of an import included', async () => {
  const run = async (...args: string[]) => {
    const result = await runSpm(args, { db: temp.dbPath });
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
    const now = stored(temp.dbPath);
    expect(now.table).toEqual(now.counted);
    return result;
  };
  await run('customer', 'add', 'Acme');
  await run('deal', 'add', 'acme', '100', '--date', '-20d');
  await run('deal', 'add', 'acme', '200', '--date', '-20d');
  await run('deal', 'move', '1', 'proposal', '--date', '-10d');
  await run('deal', 'won', '1');
  await run('deal', 'lost', '2', '--reason', 'price');
  await run('sale', 'edit', '1', '--lost', '--reason', 'cancelled');
  await run('deal', 'reopen', '2');
  await run('deal', 'move', '2', 'qualified');
  await run('deal', 'lost', '2', '--reason', 'price');
  await run('--yes', 'sale', 'rm', '1');
  await run('deal', 'won', '1');
  await run('--yes', 'deal', 'rm', '2');
  await run('undo');
  const file = join(temp.dir, 'deals.csv');
  writeFileSync(file, `title,customer,value,stage,status,closed-date,created-date\n${Array.from({ length: 40 }, (_, i) => `D${i},Beta,100,${['lead', 'proposal'][i % 2]},${['won', 'lost', 'open'][i % 3]},${i % 3 === 2 ? '' : '2026-03-01'},2026-02-01`).join('\n')}\n`);
  await run('import', 'deals', file);
  expect(stored(temp.dbPath).table).toContainEqual({ status: 'won', stages_seen: 'lead', count: 7 });
  await run('undo');
  await run('redo');
  await run('undo');
  const last = stored(temp.dbPath);
  expect(last.table.length).toBeGreaterThan(0);
});
