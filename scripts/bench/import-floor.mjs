// What a 1M-row sales import cannot go below on this machine, part by part, with no spm code in
// the way: csv-parse alone over the bench CSV, and better-sqlite3 alone inserting 1M rows already
// in memory into spm's sales table (no triggers, no secondary indexes, one transaction), then
// rebuilding the indexes and committing. Run: `node scripts/bench/import-floor.mjs`.
// Compare with `node scripts/bench/import.mjs`, the whole command.
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { makeSalesCsv } from './import.mjs';

const ROWS = 1_000_000;
const rate = (rows, ms) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
const timed = (label, rows, work) => {
  const started = process.hrtime.bigint();
  work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${label.padEnd(58)}${(ms / 1000).toFixed(2).padStart(7)} s  ${rows ? rate(rows, ms) : ''}`);
  return ms;
};

const csv = await makeSalesCsv(`bench-data/sales-${ROWS}.csv`, ROWS);
timed('csv-parse alone (no mapping, no validation)', ROWS, () => {
  const api = parse({ bom: true, relax_column_count: true }).api;
  const fd = openSync(csv, 'r');
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    const bytes = readSync(fd, chunk, 0, chunk.length, null);
    const error = api.parse(bytes > 0 ? chunk.subarray(0, bytes) : undefined, bytes === 0, () => {}, () => {});
    if (error) throw error;
    if (bytes === 0) break;
  }
  closeSync(fd);
});

const db = 'bench-data/import-floor.db';
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
const created = spawnSync(process.execPath, ['bin/spm.js', '--db', db, 'customer', 'add', 'Seed'], { encoding: 'utf8' });
if (created.status !== 0) throw new Error(created.stderr);
const sqlite = new Database(db);
sqlite.pragma('cache_size = -65536'); // as spm's import
const stamp = '2026-11-28T00:00:00.000Z';
const customers = sqlite.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES (?, ?, '2026-11-28', ?, ?)");
sqlite.transaction(() => { for (let i = 0; i < 20_000; i++) customers.run(`C${i}`, `c${i}`, stamp, stamp); })();
const rows = [];
for (let i = 0; i < ROWS; i++) {
  rows.push([`20${16 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`, 2 + ((i * 7919) % 20_000), 500 + (i % 99_999), i % 3 ? 'won' : 'lost', null,
    ['referral', 'demo', null][i % 3], 'consulting', 1 + (i % 5), null, `ORD-${i}`, stamp, stamp]);
}
sqlite.exec('BEGIN IMMEDIATE');
const indexes = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sales' AND sql IS NOT NULL").all();
for (const { name } of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sales'").all()) sqlite.exec(`DROP TRIGGER ${name}`);
for (const { name } of indexes) sqlite.exec(`DROP INDEX ${name}`);
const insert = sqlite.prepare(`INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, technique, product, quantity, note, external_id, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (external_id) DO NOTHING`);
let total = 0;
total += timed('insert 1M prepared rows (UNIQUE external_id only)', ROWS, () => { for (const row of rows) insert.run(row); });
total += timed(`rebuild the ${indexes.length} secondary indexes of sales`, 0, () => { for (const { sql } of indexes) sqlite.exec(sql); });
total += timed('commit (WAL, synchronous=FULL)', 0, () => sqlite.exec('COMMIT'));
console.log(`${'SQLite alone, end to end'.padEnd(58)}${(total / 1000).toFixed(2).padStart(7)} s  ${rate(ROWS, total)}`);
sqlite.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
