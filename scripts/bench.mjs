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

function timeOnce(args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return ms;
}

/**
 * Times `args` and a bare `node -e 0` in alternation (this VM's speed drifts by ±30% over
 * seconds, so a baseline taken once at the start misleads), after one warm-up run of each.
 * Returns both medians.
 */
export function timeAgainstBare(args, env = {}) {
  const command = [];
  const bare = [];
  timeOnce(args, env);
  timeOnce(['-e', '0'], {});
  for (let i = 0; i < RUNS; i++) {
    bare.push(timeOnce(['-e', '0'], {}));
    command.push(timeOnce(args, env));
  }
  return { ms: median(command), bareMs: median(bare) };
}

const started = Date.now();
process.stdout.write(`bench database: ${dbPath} … `);
makeBenchDb(dbPath);
process.stdout.write(`ready (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

const env = { SPM_DB: dbPath, SPM_NOW: BENCH_TODAY, NO_COLOR: '1' };
console.log(`medians of ${RUNS} runs, each command alternating with a bare node -e 0\n`);

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
console.log('command'.padEnd(34) + 'median ms'.padStart(10) + 'bare ms'.padStart(9) + 'x bare'.padStart(9) + '  target');
for (const [label, args, target] of cases) {
  const { ms, bareMs } = timeAgainstBare(['bin/spm.js', ...args], env);
  const ratio = ms / bareMs;
  const verdict = target === null ? '' : ratio <= target ? `  < ${target}x ok` : `  > ${target}x MISSED`;
  if (target !== null && ratio > target) failed = true;
  console.log(label.padEnd(34) + ms.toFixed(1).padStart(10) + bareMs.toFixed(1).padStart(9) + ratio.toFixed(2).padStart(9) + verdict);
}
if (failed) process.exitCode = 1;

// CSV import speed and memory (scripts/bench/import.mjs).
if (process.env.BENCH_IMPORT !== '0') {
  const { benchImport } = await import('./bench/import.mjs');
  if (!(await benchImport())) process.exitCode = 1;
}
