// Startup-bound commands on the 10-year database, each against a bare `node -e 0`, and what
// the V8 code cache earns (the same bundle loaded without it, in the same run).

/** One line per command: spm `args` paired with bare node, judged at `target` × bare. */
const startup = (label, args, target) => ({ label, target, run: (bench) => withCpu(bench.startup(args)) });

/** The wall ratios, judged; the CPU ratio (all runs' CPU time, summed) as a note beside them. */
const withCpu = ({ ratios, cpuRatio }) => ({ values: ratios, detail: Number.isFinite(cpuRatio) ? `CPU ${cpuRatio.toFixed(2)}×` : undefined });

export default [
  startup('spm --version', ['--version'], 1.3),
  startup('spm (bare: the dashboard)', [], 1.4),
  startup('spm followups', ['followups'], 1.4),
  startup('spm customer list', ['customer', 'list'], 1.6),
  startup('spm sale list', ['sale', 'list'], 1.6),
  startup('spm goal list (50 goals)', ['goal', 'list'], 1.6),
  startup('spm report (week)', ['report'], 1.8),
  startup('spm report --period year', ['report', '--period', 'year'], 2.2),
  {
    label: 'code cache: followups without / with',
    target: 1.1,
    atLeast: true,
    run(bench) {
      // The bundle bin/spm.js runs followups with (its command group's), with and without its cache.
      const load = (useCache) => ['-e', `const spm = require('./bin/spm.js'); spm.loadBundle({ bundlePath: spm.bundleFor(['followups'], spm.readManifest().bundles), useCache: ${useCache} }).exports.main(['followups']).then((c) => { process.exitCode = c; })`];
      const { values, detail } = withCpu(bench.timePaired(load(false), load(true), { env: bench.env }));
      return { values, detail: `kept only if ≥ 1.1${detail ? `; ${detail}` : ''}` };
    },
  },
];
