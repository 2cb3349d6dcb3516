// Joins the incremental reports of Stryker runs over parts of src/domain into one report, and
// prints the mutation score per file and in total (all mutants, and covered ones only).
//   node scripts/mutate-merge.mjs [reports/inc-*.json …]   (default: every reports/inc-*.json)
// Writes reports/stryker-incremental.json: `npm run mutate` then reuses every result whose code
// and tests did not change, and runs the rest. A file found in several reports is taken from the
// newest one. Test ids are renumbered by (test file, test name) so the joined report is consistent.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const paths = (args.length ? args : readdirSync('reports').filter((f) => /^inc-.*\.json$/.test(f)).map((f) => `reports/${f}`))
  .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
if (paths.length === 0) throw new Error('no reports/inc-*.json to join');

const ids = new Map(); // `${testFile}\0${name}` -> new id
const idOf = (file, name) => {
  const key = `${file}\0${name}`;
  if (!ids.has(key)) ids.set(key, String(ids.size));
  return ids.get(key);
};
let joined;
const files = {};
const testFiles = {};
for (const path of paths) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  joined ??= report;
  const renumber = new Map();
  for (const [file, testFile] of Object.entries(report.testFiles ?? {})) {
    const tests = testFile.tests.map((t) => {
      const id = idOf(file, t.name);
      renumber.set(t.id, id);
      return { ...t, id };
    });
    const known = testFiles[file];
    // Newer source wins; tests known only from an older run of the same file are kept.
    const byId = new Map([...(known?.tests ?? []), ...tests].map((t) => [t.id, t]));
    testFiles[file] = { source: testFile.source, tests: [...byId.values()] };
  }
  const map = (list) => list?.map((id) => renumber.get(id) ?? id);
  for (const [file, result] of Object.entries(report.files)) {
    files[file] = { ...result, mutants: result.mutants.map((m) => ({ ...m, coveredBy: map(m.coveredBy), killedBy: map(m.killedBy) })) };
  }
}
writeFileSync('reports/stryker-incremental.json', JSON.stringify({ ...joined, files, testFiles }, null, 2));

const rows = [];
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, compileError: 0, runtimeError: 0, ignored: 0 };
for (const [file, result] of Object.entries(files).sort()) {
  const count = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, compileError: 0, runtimeError: 0, ignored: 0 };
  for (const m of result.mutants) {
    const key = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage', CompileError: 'compileError', RuntimeError: 'runtimeError', Ignored: 'ignored' }[m.status];
    count[key]++;
    total[key]++;
  }
  rows.push([file, count]);
}
rows.push(['total', total]);
const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(2)}%`);
console.log('file | score (all) | score (covered) | killed | timeout | survived | no coverage | compile errors | runtime errors | ignored (static)');
for (const [file, c] of rows) {
  const detected = c.killed + c.timeout;
  console.log([file, pct(detected, detected + c.survived + c.noCoverage), pct(detected, detected + c.survived),
    c.killed, c.timeout, c.survived, c.noCoverage, c.compileError, c.runtimeError, c.ignored].join(' | '));
}
