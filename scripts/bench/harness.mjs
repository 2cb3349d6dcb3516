// The measuring tools every bench case shares: paired timing against a bare `node -e 0`,
// peak RSS, time to first byte. This machine's speed drifts by ±30% over seconds, so every
// command is timed alternating with the bare node it is compared to, and the ratio is taken
// pair by pair; min–median–max of those ratios is what a case reports.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const RUNS = Number(process.env.BENCH_RUNS ?? 11);
export const BARE = ['-e', '0'];

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** { min, median, max } of a list of numbers. */
export function spread(values) {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

/** BENCH_CPU=1: each run also reports its CPU time (user + sys) through GNU time. */
const WITH_CPU = process.env.BENCH_CPU === '1' && existsSync('/usr/bin/time');

/**
 * CPU time (user + system, in clock ticks) of this process's finished children, from
 * /proc/self/stat (Linux; NaN elsewhere). Read around each run, it gives that run's CPU with no
 * extra process; ticks are 10 ms, so the sum over many runs is what is precise.
 */
function childTicks() {
  try {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[13]) + Number(fields[14]); // cutime, cstime (fields 16, 17 of proc(5))
  } catch {
    return NaN;
  }
}

/**
 * One run: wall time and, with BENCH_CPU=1, CPU time in ms; throws when the command fails.
 * `shell` runs a shell line instead of node `args`. CPU time moves far less than wall time
 * when other work shares the machine, but GNU time adds a process to every run, so it is
 * off by default and the targets judge wall time.
 */
export function timeOnce(args, { env = {}, shell = false } = {}) {
  let argv = shell ? ['/bin/sh', '-c', args] : [process.execPath, ...args];
  if (WITH_CPU) argv = ['/usr/bin/time', '-f', 'spm-bench-cpu %U %S', ...argv];
  const ticks = childTicks();
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed (${result.status}): ${result.stderr}`);
  const cpu = /spm-bench-cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN, cpuTicks: childTicks() - ticks };
}

/**
 * Times `a` and `b` in alternation (one warm-up each first), `runs` pairs. `a` and `b` are
 * node argv arrays, or { shell: 'line' }. Returns each side's wall times, the pairwise wall
 * ratios a/b, and the pairwise CPU-time ratios (10 ms resolution: a guide, not a verdict).
 */
export function timePaired(a, b, { env = {}, runs = RUNS } = {}) {
  const once = (side) => (Array.isArray(side) ? timeOnce(side, { env }) : timeOnce(side.shell, { env, shell: true }));
  once(a);
  once(b);
  const aRuns = [];
  const bRuns = [];
  for (let i = 0; i < runs; i++) {
    bRuns.push(once(b));
    aRuns.push(once(a));
  }
  return {
    aMs: aRuns.map((run) => run.ms),
    bMs: bRuns.map((run) => run.ms),
    ratios: aRuns.map((run, i) => run.ms / bRuns[i].ms),
    cpuRatios: aRuns.map((run, i) => run.cpuMs / bRuns[i].cpuMs),
    // All of a's CPU over all of b's (children's ticks, summed): far steadier than wall time
    // on a shared machine, where a neighbour can stall either side of a pair.
    cpuRatio: aRuns.reduce((sum, run) => sum + run.cpuTicks, 0) / bRuns.reduce((sum, run) => sum + run.cpuTicks, 0),
  };
}

/** Peak RSS in MiB of the largest process of a shell line (GNU time: a pipeline's largest member), and its wall time in ms. */
export function peakRss(shellLine, { env = {} } = {}) {
  if (!existsSync('/usr/bin/time')) return { mib: NaN, ms: NaN };
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kib=%M', '/bin/sh', '-c', shellLine], {
    env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${shellLine} failed (${result.status}): ${result.stderr}`);
  const kib = /peak-rss-kib=(\d+)/.exec(result.stderr);
  return { mib: kib ? Number(kib[1]) / 1024 : NaN, ms };
}

/**
 * Runs node `args`, reading stdout as it comes: ms to the first byte, ms to the end, bytes.
 * A command that streams shows its first byte long before its end.
 */
export function firstByte(args, { env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let firstMs;
    let bytes = 0;
    child.stdout.on('data', (chunk) => {
      firstMs ??= elapsed();
      bytes += chunk.length;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ firstMs, totalMs: elapsed(), bytes }) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}
