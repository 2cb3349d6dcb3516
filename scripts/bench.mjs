// npm run bench: builds a 10-year database once (bench-data/, reused), then times spm commands
// through the real binary against a bare `node -e 0`, several runs each, medians. Goals are
// ratios to bare node on the same machine, so they travel between machines.
import { spawnSync } from 'node:child_process';
import { makeBenchDb, BENCH_TODAY } from './bench/make-db.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const dbPath = process.env.BENCH_DB ?? 'bench-data/bench.db';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function timeRuns(args, env = {}) {
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    if (i > 0) times.push(ms); // the first run warms the file cache
  }
  return median(times);
}

const started = Date.now();
process.stdout.write(`bench database: ${dbPath} … `);
makeBenchDb(dbPath);
process.stdout.write(`ready (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

const env = { SPM_DB: dbPath, SPM_NOW: BENCH_TODAY, NO_COLOR: '1' };
const bare = timeRuns(['-e', '0']);
console.log(`bare node -e 0: ${bare.toFixed(1)} ms (median of ${RUNS})\n`);

/** [label, argv after bin/spm.js, target ratio to bare node or null] */
const cases = [
  ['spm --version', ['--version'], 1.8],
  ['spm customer list', ['customer', 'list'], null],
  ['spm sale list', ['sale', 'list'], null],
  ['spm goal list (50 goals)', ['goal', 'list'], null],
  ['spm report (week)', ['report'], 2.5],
  ['spm report --period year', ['report', '--period', 'year'], 4],
  ['spm followups', ['followups'], 1.8],
];

let failed = false;
console.log('command'.padEnd(34) + 'median ms'.padStart(10) + 'x bare'.padStart(9) + '  target');
for (const [label, args, target] of cases) {
  const ms = timeRuns(['bin/spm.js', ...args], env);
  const ratio = ms / bare;
  const verdict = target === null ? '' : ratio <= target ? `  < ${target}x ok` : `  > ${target}x MISSED`;
  if (target !== null && ratio > target) failed = true;
  console.log(label.padEnd(34) + ms.toFixed(1).padStart(10) + ratio.toFixed(2).padStart(9) + verdict);
}
if (failed) process.exitCode = 1;

// CSV import speed and memory (scripts/bench/import.mjs).
if (process.env.BENCH_IMPORT !== '0') {
  const { benchImport } = await import('./bench/import.mjs');
  if (!(await benchImport())) process.exitCode = 1;
}
