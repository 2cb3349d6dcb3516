// Undo on the 10-year database: `spm undo` of one sale against `spm sale add` (both as ratios to a
// bare `node -e 0`), the history's size after 1,000 mixed write commands, and undo and redo of a
// 100k-row import against the import itself. Each works on a copy of the bench database.
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { seededRandom } from '../make-db.mjs';

function copyOf(bench, name) {
  const path = join(bench.data, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  copyFileSync(bench.db, path);
  return path;
}

function remove(path) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

function spm(bench, env, args) {
  const result = spawnSync(process.execPath, [...bench.spm, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`spm ${args.join(' ')}: ${result.stderr}`);
}

/** The history's pages (tables and indexes), in KiB, from SQLite's dbstat when it is there, else its payload. */
function historyKib(path) {
  const db = new Database(path, { readonly: true });
  try {
    let bytes;
    try {
      bytes = db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name IN ('history_changes', 'history_rows', 'history_rows_change', 'history_rows_row', 'history_state')").pluck().get();
    } catch {
      bytes = db.prepare('SELECT coalesce(sum(length(old)), 0) + coalesce(sum(length(new)), 0) + 40 * count(*) FROM history_rows').pluck().get();
    }
    const rows = db.prepare('SELECT count(*) FROM history_rows').pluck().get();
    const changes = db.prepare('SELECT count(*) FROM history_changes').pluck().get();
    const dbKib = (db.pragma('page_count', { simple: true }) * db.pragma('page_size', { simple: true })) / 1024;
    return { kib: bytes / 1024, rows, changes, dbKib };
  } finally {
    db.close();
  }
}

/** 1,000 write commands of ten kinds, run in one node process through spm's own entry point. */
function mixedChanges(bench, path, depth) {
  const db = new Database(path, { readonly: true });
  const customers = db.prepare('SELECT max(id) FROM customers').pluck().get();
  db.close();
  const script = `
    const spm = require('./bin/spm.js').loadBundle().exports;
    process.stdout.setMaxListeners(0);
    const kinds = [
      (c) => ['sale', 'add', c, '120'],
      (c) => ['sale', 'add', c, '80', '--lost', '--reason', 'price'],
      (c) => ['checkin', 'add', c, '--channel', 'call', '--satisfaction', '4'],
      (c) => ['followup', 'add', c, '+7d', '--reason', 'call back'],
      (c) => ['customer', 'edit', c, '--note', 'spoke about renewal'],
      (c) => ['concern', 'add', c, 'late delivery', '--severity', 'high'],
      (c, i) => ['config', 'set', 'post-sale-follow-up-days', String(5 + (i % 5))],
      () => ['goal', 'log', 'bench-books', '1', '--note', 'one more'],
      (c) => ['sale', 'add', c, '450', '--product', 'training', '--technique', 'demo'],
      (c) => ['checkin', 'add', c, '--channel', 'visit', '--note', 'met the team'],
    ];
    (async () => {
      await spm.main(['config', 'set', 'undo-depth', '${depth}']);
      await spm.main(['goal', 'add', 'bench-books', '--metric', 'custom', '--target', '100', '--period', 'year']);
      for (let i = 0; i < 1000; i++) {
        const code = await spm.main(kinds[i % kinds.length](String(1 + ((i * 7919) % ${customers})), i));
        if (code !== 0) { console.error('failed at', i); process.exit(1); }
      }
    })();`;
  const result = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, ...bench.env, SPM_DB: path }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(result.stderr);
}

const IMPORT_ROWS = 100_000;
const IMPORT_RUNS = Number(process.env.BENCH_UNDO_IMPORT_RUNS ?? 2);

/** 100k sales CSV (seeded): half to the bench's own customers, half to 2,000 new ones, over ten years. */
function importCsv(bench) {
  const path = join(bench.data, `undo-sales-${IMPORT_ROWS}.csv`);
  if (existsSync(path)) return path;
  const random = seededRandom(11);
  const lines = ['date,customer,amount,outcome,product,external-id'];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const day = `${2016 + Math.floor(random() * 10)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const customer = random() < 0.5 ? `Customer ${String(1 + Math.floor(random() * 20_000)).padStart(5, '0')}` : `Import Customer ${Math.floor(random() * 2000)}`;
    lines.push(`${day},${customer},${5 + Math.floor(random() * 5000)}.${String(Math.floor(random() * 100)).padStart(2, '0')},${random() < 0.62 ? 'won' : 'lost'},widget,IMP-${i}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Pages of a database file, in MiB (the WAL read in). */
function fileMib(path) {
  const db = new Database(path, { readonly: true });
  try {
    return (db.pragma('page_count', { simple: true }) * db.pragma('page_size', { simple: true })) / 2 ** 20;
  } finally {
    db.close();
  }
}

let importRuns;

/** IMPORT_RUNS times on a fresh copy: import, undo, redo; seconds each and the file's size after each. */
function importUndoRedo(bench) {
  if (importRuns) return importRuns;
  const csv = importCsv(bench);
  importRuns = [];
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const path = copyOf(bench, 'undo-import.db');
    const env = { ...bench.env, SPM_DB: path };
    try {
      // Not timed: brings the copy to this version's schema (a migration and its backup would
      // otherwise be counted in the import).
      spm(bench, env, ['config', 'set', 'undo-depth', '100']);
      const seconds = (args) => bench.timeOnce([...bench.spm, ...args], { env }).ms / 1000;
      const run = { mib: { before: fileMib(path) } };
      run.import = seconds(['import', 'sales', csv]);
      run.mib.imported = fileMib(path);
      run.undo = seconds(['undo']);
      run.mib.undone = fileMib(path);
      run.redo = seconds(['redo']);
      run.mib.redone = fileMib(path);
      importRuns.push(run);
    } finally {
      remove(path);
    }
  }
  return importRuns;
}

const importDetail = (runs) => runs.map((r) => `import ${r.import.toFixed(1)} s, undo ${r.undo.toFixed(1)} s, redo ${r.redo.toFixed(1)} s; `
  + `file ${r.mib.before.toFixed(0)} → ${r.mib.imported.toFixed(0)} → ${r.mib.undone.toFixed(0)} → ${r.mib.redone.toFixed(0)} MiB`).join(' | ');

export default [
  {
    label: 'spm sale add (bench db)',
    target: 1.8,
    run(bench) {
      const path = copyOf(bench, 'undo-sale-add.db');
      try {
        return { values: bench.timePaired([...bench.spm, 'sale', 'add', '1', '100'], bench.BARE, { env: { ...bench.env, SPM_DB: path } }).ratios };
      } finally {
        remove(path);
      }
    },
  },
  {
    label: 'spm undo (one sale, bench db)',
    target: 1.8,
    run(bench) {
      const path = copyOf(bench, 'undo-one-sale.db');
      const env = { ...bench.env, SPM_DB: path };
      try {
        // The sale add that makes each change is timed too, in the same loop: the two ratios
        // are then taken under the same load (this machine's speed drifts over seconds).
        const ratios = [];
        const addRatios = [];
        spm(bench, env, ['sale', 'add', '1', '100']);
        bench.timeOnce([...bench.spm, 'undo'], { env }); // warm-up
        for (let i = 0; i < bench.RUNS; i++) {
          addRatios.push(bench.timeOnce([...bench.spm, 'sale', 'add', '1', '100'], { env }).ms / bench.timeOnce(bench.BARE).ms);
          const bare = bench.timeOnce(bench.BARE).ms;
          ratios.push(bench.timeOnce([...bench.spm, 'undo'], { env }).ms / bare);
        }
        return { values: ratios, detail: `sale add in the same loop: ${bench.median(addRatios).toFixed(2)}× (${Math.min(...addRatios).toFixed(2)}–${Math.max(...addRatios).toFixed(2)})` };
      } finally {
        remove(path);
      }
    },
  },
  {
    label: 'history after 1,000 mixed changes (KiB)',
    unit: 'KiB',
    target: 2048,
    slow: true,
    run(bench) {
      const kept = copyOf(bench, 'undo-history-1000.db');
      const bounded = copyOf(bench, 'undo-history-100.db');
      try {
        mixedChanges(bench, kept, 1000);
        mixedChanges(bench, bounded, 100);
        const all = historyKib(kept);
        const recent = historyKib(bounded);
        return {
          values: [all.kib],
          detail: `all 1,000 kept: ${all.changes} changes, ${all.rows} rows, ${all.kib.toFixed(0)} KiB (${((100 * all.kib) / all.dbKib).toFixed(2)}% of ${(all.dbKib / 1024).toFixed(0)} MiB); undo-depth 100 (default): ${recent.changes} changes, ${recent.kib.toFixed(0)} KiB`,
        };
      } finally {
        remove(kept);
        remove(bounded);
      }
    },
  },
  {
    label: `undo of a ${IMPORT_ROWS.toLocaleString('en-US')}-row import / the import`,
    target: 1,
    slow: true,
    run(bench) {
      const runs = importUndoRedo(bench);
      return { values: runs.map((r) => r.undo / r.import), detail: importDetail(runs) };
    },
  },
  {
    label: 'redo of the undone import / the import',
    target: 1,
    slow: true,
    run(bench) {
      return { values: importUndoRedo(bench).map((r) => r.redo / r.import) };
    },
  },
  {
    label: 'file growth after undo of that import (MiB)',
    unit: 'MiB',
    target: 1,
    slow: true,
    run(bench) {
      return { values: importUndoRedo(bench).map((r) => r.mib.undone - r.mib.imported) };
    },
  },
];
