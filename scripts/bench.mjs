// npm run bench: builds the bench databases once (BENCH_DATA, default bench-data/, reused),
// then runs every case in scripts/bench/cases/*.mjs (in file-name order) and prints each
// target with min–median–max and ✓/✗. Exit code 1 when a target is missed.
//   npm run bench                     every case
//   npm run bench -- report import    only cases whose label contains one of the words
//   BENCH_RUNS=21 npm run bench       more pairs per timing (default 11)
//   BENCH_QUICK=1 npm run bench       skip the slow cases (1M-row lists, exports, import)
// Adding a case: see scripts/bench/cases/README.md.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpus, loadavg } from 'node:os';
import * as harness from './bench/harness.mjs';
import { makeBenchDb, BENCH_TODAY } from './bench/make-db.mjs';

const data = process.env.BENCH_DATA ?? 'bench-data';
const filters = process.argv.slice(2).map((word) => word.toLowerCase());
const quick = process.env.BENCH_QUICK === '1';

const started = Date.now();
process.stdout.write(`bench databases in ${data}/ … `);
const db = makeBenchDb(join(data, 'bench.db'));
const smallDb = makeBenchDb(join(data, 'bench-10k.db'), { sales: 10_000, checkins: 5_000 });
process.stdout.write(`ready (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
console.log(`${harness.RUNS} pairs per timing, alternating with a bare node -e 0; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores\n`);

/** What a case's run() receives. */
const bench = {
  ...harness,
  data,
  db,
  smallDb,
  today: BENCH_TODAY,
  spm: ['bin/spm.js'],
  env: { SPM_DB: db, SPM_NOW: BENCH_TODAY, NO_COLOR: '1' },
  /** `spm args` paired with a bare `node -e 0`: { aMs, bMs, ratios }. */
  startup: (args, { env = {} } = {}) => harness.timePaired(['bin/spm.js', ...args], harness.BARE, { env: { ...bench.env, ...env } }),
};

const dir = new URL('./bench/cases/', import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith('.mjs')).sort();
const fmt = (value, unit) => (unit === '×' ? `${value.toFixed(2)}×` : `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)} ${unit}`);
let missed = 0;
console.log(`${'case'.padEnd(44)}${'min – median – max'.padStart(28)}  target`);
for (const file of files) {
  const { default: cases } = await import(new URL(file, dir));
  for (const entry of cases) {
    if (filters.length && !filters.some((word) => entry.label.toLowerCase().includes(word))) continue;
    if (quick && entry.slow) continue;
    let result;
    try {
      result = await entry.run(bench);
    } catch (error) {
      missed++;
      console.log(`${entry.label.padEnd(44)}  ✗ failed: ${error.message.split('\n')[0]}`);
      continue;
    }
    const values = Array.isArray(result.values) ? result.values : [result.value];
    const { min, median, max } = harness.spread(values);
    const unit = entry.unit ?? '×';
    // A target is an upper bound unless the case says `atLeast`; the median is what is judged.
    const ok = entry.atLeast ? median >= entry.target : median <= entry.target;
    if (!ok) missed++;
    const range = values.length > 1 ? `${fmt(min, unit)} – ${fmt(median, unit)} – ${fmt(max, unit)}` : fmt(median, unit);
    console.log(`${entry.label.padEnd(44)}${range.padStart(28)}  ${entry.atLeast ? '≥' : '≤'} ${fmt(entry.target, unit)} ${ok ? '✓' : '✗'}${result.detail ? `  (${result.detail})` : ''}`);
  }
}
console.log(`\n${missed === 0 ? 'every target met' : `${missed} target(s) missed`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (missed > 0) process.exitCode = 1;
