// Several spm processes writing at once, with readers and a backup loop running beside them:
// no write lost, no SQLITE_BUSY, no non-zero exit, integrity ok, derived tables equal to a
// recompute. 4 writers x 40 writes in CI; SPM_SOAK_WRITERS / SPM_SOAK_WRITES for a soak run.
import { expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, spawnSpm } from '../helpers/spawn-spm.js';
import { useTempDb } from '../helpers/run-spm.js';
import { cadenceTables, reorderTables } from '../helpers/derived.js';

const temp = useTempDb();
const WRITERS = Number(process.env.SPM_SOAK_WRITERS ?? 4);
const WRITES = Number(process.env.SPM_SOAK_WRITES ?? 40);

interface LoopResult { runs: number; failures: string[] }

/** Runs spm `count` times in a row (or until `stop()` says so), in its own process each time. */
function loop(env: Record<string, string>, argsFor: (i: number) => string[], count: number, stop?: () => boolean): Promise<LoopResult> {
  const result: LoopResult = { runs: 0, failures: [] };
  return new Promise((resolve) => {
    const next = (i: number) => {
      if (i >= count || stop?.()) return resolve(result);
      const args = argsFor(i);
      const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      child.on('close', (code) => {
        result.runs++;
        if (code !== 0) result.failures.push(`${args.join(' ')}: exit ${code}: ${stderr}`);
        next(i + 1);
      });
    };
    next(0);
  });
}

test(`${WRITERS} writers x ${WRITES} mixed writes, 2 readers and a backup loop: nothing lost`, async () => {
  const env = { SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15' };
  expect(spawnSpm(['customer', 'add', 'Seed', '--every', '30'], env).code).toBe(0);

  // Writer w, write i: a sale (even i) or a check-in (odd i) for its own customer, created by
  // its first sale, and every 10th write adds a customer too: exact counts are known.
  const writer = (w: number) => (i: number): string[] => {
    const day = `2026-03-${String(1 + (i % 14)).padStart(2, '0')}`;
    if (i % 10 === 9) return ['customer', 'add', `W${w} extra ${i}`, '--every', '14'];
    if (i % 2 === 0) return ['sale', 'add', `Writer ${w}`, `${w + 1}.${String(i).padStart(2, '0')}`, '--create', '--date', day, '--technique', `t${i % 3}`];
    return ['checkin', 'add', `Writer ${w}`, '--channel', 'call', '--date', day, '--satisfaction', String(1 + (i % 5))];
  };
  let writing = true;
  const writers = Array.from({ length: WRITERS }, (_, w) => loop(env, writer(w), WRITES));
  const readers = [
    loop(env, (i) => (i % 2 ? ['report', '--period', 'month', '--json'] : ['sale', 'list', '--all', '--json']), Infinity, () => !writing),
    loop(env, (i) => (i % 2 ? ['followups', '--json'] : ['customer', 'list', '--json']), Infinity, () => !writing),
    loop(env, (i) => ['backup', join(temp.dir, `backup-${i}.db`)], Infinity, () => !writing),
  ];
  const written = await Promise.all(writers);
  writing = false;
  const read = await Promise.all(readers);

  const failures = [...written, ...read].flatMap((r) => r.failures);
  expect(failures).toEqual([]);
  expect(written.reduce((n, r) => n + r.runs, 0)).toBe(WRITERS * WRITES);
  expect(read.every((r) => r.runs > 0)).toBe(true);

  const db = new Database(temp.dbPath, { readonly: true });
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const sales = WRITERS * Array.from({ length: WRITES }, (_, i) => i).filter((i) => i % 10 !== 9 && i % 2 === 0).length;
  const checkins = WRITERS * Array.from({ length: WRITES }, (_, i) => i).filter((i) => i % 10 !== 9 && i % 2 === 1).length;
  const extra = WRITERS * Array.from({ length: WRITES }, (_, i) => i).filter((i) => i % 10 === 9).length;
  expect(count('SELECT count(*) FROM sales')).toBe(sales);
  expect(count('SELECT count(*) FROM checkins')).toBe(checkins);
  expect(count('SELECT count(*) FROM customers')).toBe(1 + WRITERS + extra);
  // Every amount arrived exactly: writer w's sale i is w+1 units and i cents.
  const cents = Array.from({ length: WRITERS }, (_, w) => Array.from({ length: WRITES }, (_, i) => i).filter((i) => i % 10 !== 9 && i % 2 === 0).reduce((n, i) => n + (w + 1) * 100 + i, 0)).reduce((a, b) => a + b, 0);
  expect(count('SELECT sum(amount_cents) FROM sales')).toBe(cents);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.prepare('SELECT date, won_cents, won, lost FROM sales_daily ORDER BY date').all()).toEqual(
    db.prepare("SELECT date, sum(CASE WHEN outcome = 'won' THEN amount_cents ELSE 0 END) AS won_cents, sum(outcome = 'won') AS won, sum(outcome = 'lost') AS lost FROM sales GROUP BY date ORDER BY date").all());
  const cadence = cadenceTables(db);
  expect(cadence.stored).toEqual(cadence.expected);
  const reorder = reorderTables(db);
  expect(reorder.stored).toEqual(reorder.expected);
  db.close();
}, 300_000);
