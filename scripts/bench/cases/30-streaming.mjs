// Lists and exports over the whole 10-year database stream: flat memory, first line long
// before the last row, and `sale list --all` near what the sqlite3 shell takes to print the
// same rows. Slow (a million rows a run): BENCH_STREAM_RUNS pairs (default 3), BENCH_QUICK=1 skips.
const RUNS = Number(process.env.BENCH_STREAM_RUNS ?? 3);
const SALES_SQL = `SELECT s.id, s.date, c.name, printf('%.2f', s.amount_cents / 100.0), s.outcome, s.technique, s.product, s.quantity,
  CASE WHEN s.outcome = 'lost' AND s.reason IS NOT NULL THEN 'lost: ' || s.reason ELSE s.note END
  FROM sales s JOIN customers c ON c.id = s.customer_id ORDER BY s.date DESC, s.id DESC`;

const shellEnv = (bench) => Object.entries(bench.env).map(([k, v]) => `${k}='${v}'`).join(' ');
const rss = (label, args) => ({
  label: `peak RSS: spm ${args.join(' ')} | wc -c`,
  target: 120,
  unit: 'MiB',
  slow: true,
  run(bench) {
    const values = [];
    // Through a pipe, as users run them: into a file, Node writes synchronously and would hide
    // output queued in memory for a slower reader (840 MiB once, for sale list --all | wc -l).
    // GNU time's %M is the largest process of the pipeline: spm.
    for (let i = 0; i < RUNS; i++) values.push(bench.peakRss(`${shellEnv(bench)} ${process.execPath} bin/spm.js ${args.join(' ')} | wc -c > /dev/null`).mib);
    return { values };
  },
});

export default [
  {
    label: 'sale list --all | wc -l (1M sales)',
    target: 6000,
    unit: 'ms',
    slow: true,
    run(bench) {
      const line = `${process.execPath} bin/spm.js sale list --all | wc -l`;
      const values = [];
      for (let i = 0; i < RUNS; i++) values.push(bench.timeOnce(line, { env: bench.env, shell: true }).ms);
      return { values };
    },
  },
  {
    label: 'sale list --all / sqlite3 -csv, same rows',
    target: 3,
    slow: true,
    run(bench) {
      const spm = { shell: `${process.execPath} bin/spm.js sale list --all > /dev/null` };
      const sqlite = { shell: `sqlite3 -csv '${bench.db}' "${SALES_SQL}" > /dev/null` };
      const { ratios, bMs } = bench.timePaired(spm, sqlite, { env: bench.env, runs: RUNS });
      return { values: ratios, detail: `sqlite3 ${(bench.median(bMs) / 1000).toFixed(1)} s` };
    },
  },
  {
    label: 'sale list --all: first byte / last byte',
    target: 0.5,
    slow: true,
    async run(bench) {
      const values = [];
      let first = 0;
      for (let i = 0; i < RUNS; i++) {
        const { firstMs, totalMs } = await bench.firstByte([...bench.spm, 'sale', 'list', '--all'], { env: bench.env });
        values.push(firstMs / totalMs);
        first = firstMs;
      }
      return { values, detail: `first byte after ${first.toFixed(0)} ms` };
    },
  },
  rss('sale list', ['sale', 'list', '--all']),
  rss('checkin list', ['checkin', 'list', '--all']),
  rss('export csv', ['export', 'csv', '--entity', 'sales']),
  rss('export json', ['export', 'json']),
];
