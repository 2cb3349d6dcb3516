// CSV import benchmark: generates a 1M-row sales CSV (seeded; 20k customers, quoted cells,
// currency signs, thousands separators), imports it into a new database through bin/spm.js
// and reports rows/s and peak RSS. Targets (scripts/bench/cases/40-import.mjs): ≥ 60k rows/s,
// peak RSS ≤ 250 MiB, ≤ 1.6× the floor (import-floor.mjs). Run alone: `node scripts/bench/import.mjs`.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from './make-db.mjs';

export const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
export const DATA = process.env.BENCH_DATA ?? 'bench-data';
const TARGET_ROWS_PER_SECOND = 60_000;

export async function makeSalesCsv(path, rows = ROWS) {
  if (existsSync(path) && statSync(path).size > 0) return path;
  mkdirSync(DATA, { recursive: true });
  const random = seededRandom(7);
  const out = createWriteStream(path);
  const techniques = ['referral', 'cold-call', 'demo', '', 'trade-show'];
  let chunk = 'Order Date,Customer,Total,Outcome,Technique,Product,Qty,Order ID\n';
  for (let i = 0; i < rows; i++) {
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const cents = 500 + Math.floor(random() * 500_000);
    const amount = `"$${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}"`;
    const customer = i % 7 === 0 ? `"Customer ${Math.floor(random() * 20_000)}, Inc"` : `Customer ${Math.floor(random() * 20_000)}`;
    chunk += `${month}/${day}/20${16 + Math.floor(random() * 10)},${customer},${amount},${random() < 0.62 ? 'won' : 'lost'},${techniques[i % 5]},consulting,${1 + (i % 5)},ORD-${i}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return path;
}

/** One import of the bench CSV into a new database: { rows, seconds, rate, rssMib }. */
export async function importOnce() {
  const csv = await makeSalesCsv(`${DATA}/sales-${ROWS}.csv`);
  const db = `${DATA}/import-bench.db`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const args = ['bin/spm.js', '--db', db, 'import', 'sales', csv, '--map', 'date=Order Date', '--map', 'amount=Total',
    '--map', 'external-id=Order ID', '--date-format', 'M/d/yyyy', '--json'];
  const haveTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const result = haveTime
    ? spawnSync('/usr/bin/time', ['-f', 'peak-rss-kib=%M', process.execPath, ...args], { encoding: 'utf8', env: { ...process.env, SPM_NOW: '2026-11-28' } })
    : spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, SPM_NOW: '2026-11-28' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`import failed (${result.status}): ${result.stderr}`);
  const summary = JSON.parse(result.stdout);
  const rss = /peak-rss-kib=(\d+)/.exec(result.stderr);
  const rate = summary.read / seconds;
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  return { summary, seconds, rate, rssMib: rss ? Number(rss[1]) / 1024 : NaN };
}

export async function benchImport() {
  const { summary, seconds, rate, rssMib } = await importOnce();
  console.log(`\nimport sales: ${summary.read} rows (${summary.imported} imported, ${summary.customersCreated} customers created) in ${seconds.toFixed(2)} s`);
  console.log(`  ${Math.round(rate).toLocaleString('en-US')} rows/s (target ${TARGET_ROWS_PER_SECOND.toLocaleString('en-US')}: ${rate >= TARGET_ROWS_PER_SECOND ? 'ok' : 'MISSED'})` +
    (Number.isFinite(rssMib) ? `, peak RSS ${rssMib.toFixed(0)} MiB` : ''));
  return rate >= TARGET_ROWS_PER_SECOND;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!(await benchImport())) process.exitCode = 1;
}
