// `spm import sales` of a 1M-row CSV into a new database, alternating with the floor (csv-parse
// alone, then better-sqlite3 alone under spm's pragmas: scripts/bench/import-floor.mjs).
// BENCH_IMPORT_RUNS pairs (default 3: one pair takes a minute or more); BENCH_QUICK=1 skips.
import { importOnce, makeSalesCsv, ROWS, DATA } from '../import.mjs';
import { measureFloor } from '../import-floor.mjs';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
let measured;

/** The pairs, measured once for the three lines below. */
async function pairs() {
  if (measured) return measured;
  const csv = await makeSalesCsv(`${DATA}/sales-${ROWS}.csv`);
  measured = [];
  for (let i = 0; i < RUNS; i++) {
    const floor = measureFloor(csv);
    const spm = await importOnce();
    measured.push({ floor, spm });
  }
  return measured;
}

export default [
  {
    label: `import sales (${ROWS.toLocaleString("en-US")} rows): rows/s`,
    target: 60_000,
    unit: 'rows/s',
    atLeast: true,
    slow: true,
    async run() {
      return { values: (await pairs()).map(({ spm }) => spm.rate) };
    },
  },
  {
    label: 'import sales: peak RSS',
    target: 250,
    unit: 'MiB',
    slow: true,
    async run() {
      return { values: (await pairs()).map(({ spm }) => spm.rssMib) };
    },
  },
  {
    label: 'import sales / floor (same run)',
    target: 1.6,
    slow: true,
    async run() {
      const all = await pairs();
      const floor = all.map((p) => p.floor.total);
      return { values: all.map(({ spm, floor: f }) => spm.seconds / f.total), detail: `floor ${(floor.reduce((a, b) => a + b) / floor.length).toFixed(1)} s mean` };
    },
  },
];
