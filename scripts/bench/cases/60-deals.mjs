// Deals on the 10-year database: 5,000 open and 50,000 closed deals (with stage histories,
// the closed ones linked to sales) added to a copy; the pipeline, the daily view and goal
// forecasts against bare node, as the other startup-bound commands are judged.
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

const STAGES = ['lead', 'qualified', 'proposal', 'negotiation'];

/** Adds the deals in one transaction; deterministic (no randomness), so every run measures the same data. */
export function addDeals(path) {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(path);
  const stamp = '2026-01-01T00:00:00.000Z';
  const customers = db.prepare('SELECT id FROM customers ORDER BY id LIMIT 5000').pluck().all();
  const sales = db.prepare("SELECT id, customer_id, outcome, date FROM sales ORDER BY id DESC LIMIT 50000").all();
  const deal = db.prepare(`INSERT INTO deals (customer_id, title, value_cents, stage, status, expected_close, created_date, stage_date, closed_date, sale_id, created_at, updated_at)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const history = db.prepare('INSERT INTO deal_stage_history (deal_id, stage, date) VALUES (?, ?, ?)');
  db.transaction(() => {
    sales.forEach((s, i) => {
      const furthest = i % 4;
      const created = s.date;
      const id = Number(deal.run(s.customer_id, `deal ${i}`, 100_000 + (i % 50) * 1000, STAGES[furthest], s.outcome, null, created, created, created, s.id, stamp, stamp).lastInsertRowid);
      for (let k = 0; k <= furthest; k++) history.run(id, STAGES[k], created);
    });
    for (let i = 0; i < 5000; i++) {
      const stage = STAGES[i % 4];
      const created = `2026-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const close = `2026-0${4 + (i % 3)}-15`; // after every created day: Apr–Jun
      const id = Number(deal.run(customers[i % customers.length], `open ${i}`, 50_000 + (i % 100) * 500, stage, 'open', close, created, created, null, null, stamp, stamp).lastInsertRowid);
      history.run(id, stage, created);
    }
  })();
  db.close();
}

let path;
function dealsDb(bench) {
  if (!path) {
    path = join(tmpdir(), `spm-bench-deals-${process.pid}.db`);
    copyFileSync(bench.db, path);
    // Opening through spm migrates the copy to the current schema first.
    bench.timePaired([...bench.spm, 'pipeline'], bench.BARE, { env: { ...bench.env, SPM_DB: path }, runs: 1 });
    addDeals(path);
    // The copy and what SQLite and spm leave beside it (-wal, -shm, a migration's backup).
    process.on('exit', () => {
      for (const name of readdirSync(dirname(path)).filter((n) => n.startsWith(basename(path)))) rmSync(join(dirname(path), name), { force: true });
    });
  }
  return { ...bench.env, SPM_DB: path };
}

/** The wall ratios, judged; the CPU ratio (all runs' CPU time, summed) as a note beside them, as for the other startup lines. */
const startup = (label, args, target) => ({
  label,
  target,
  run(bench) {
    const { ratios, cpuRatio } = bench.startup(args, { env: dealsDb(bench) });
    return { values: ratios, detail: Number.isFinite(cpuRatio) ? `CPU ${cpuRatio.toFixed(2)}×` : undefined };
  },
});

export default [
  startup('spm pipeline (5k open, 50k closed deals)', ['pipeline'], 1.8),
  startup('spm followups (with deals to move)', ['followups'], 1.8),
  startup('spm goal list (forecasts from 5k open deals)', ['goal', 'list'], 1.8),
];
