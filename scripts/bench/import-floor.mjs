// What a 1M-row sales import cannot go below on this machine, part by part, with no spm code in
// the way, under the settings spm really runs with (WAL, synchronous=FULL, foreign_keys=ON, the
// import's 64 MiB page cache, 4 MiB while indexes are built): csv-parse alone over the bench CSV, then better-sqlite3 alone
// inserting the same number of rows, already in memory, into spm's sales table the way spm's
// bulk path does (insert triggers and secondary indexes set aside, UNIQUE external_id kept, 64
// rows a statement, one transaction), rebuilding the indexes, committing and closing.
// The floor is the sum. Run alone: `node scripts/bench/import-floor.mjs`; `npm run bench --
// import` times it alternating with the real command.
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { makeSalesCsv, ROWS, DATA } from './import.mjs';

const seconds = (started) => Number(process.hrtime.bigint() - started) / 1e9;

/** Seconds for each part and in all: { parse, insert, indexes, commit, total }. */
export function measureFloor(csv, rows = ROWS) {
  let started = process.hrtime.bigint();
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
  const parseSeconds = seconds(started);

  const db = `${DATA}/import-floor.db`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const created = spawnSync(process.execPath, ['bin/spm.js', '--db', db, 'customer', 'add', 'Seed'], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(created.stderr);
  const sqlite = new Database(db);
  // spm's pragmas (store/open-database.ts, store/import-repository.ts).
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  const stamp = '2026-11-28T00:00:00.000Z';
  const customers = sqlite.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES (?, ?, '2026-11-28', ?, ?)");
  sqlite.transaction(() => { for (let i = 0; i < 40_000; i++) customers.run(`C${i}`, `c${i}`, stamp, stamp); })();
  const values = [];
  for (let i = 0; i < rows; i++) {
    values.push([`20${16 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`, 2 + ((i * 7919) % 40_000), 500 + (i % 99_999), i % 3 ? 'won' : 'lost', null,
      ['referral', 'demo', null][i % 3], 'consulting', 1 + (i % 5), null, `ORD-${i}`, stamp, stamp]);
  }
  started = process.hrtime.bigint();
  sqlite.exec('BEGIN IMMEDIATE');
  const indexes = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sales' AND sql IS NOT NULL").all();
  for (const { name } of sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sales' AND sql LIKE '%INSERT ON%'").all()) sqlite.exec(`DROP TRIGGER ${name}`);
  for (const { name } of indexes) sqlite.exec(`DROP INDEX ${name}`);
  // As spm writes them (store/import-repository.ts): 64 rows a statement, the timestamp a literal.
  const BATCH = 64;
  const one = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '${stamp}', '${stamp}')`;
  const insert = sqlite.prepare(`INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, technique, product, quantity, note, external_id, created_at, updated_at)
    VALUES ${Array(BATCH).fill(one).join(', ')} ON CONFLICT (external_id) DO NOTHING`);
  const batch = [];
  for (const row of values) {
    for (let i = 0; i < 10; i++) batch.push(row[i]);
    if (batch.length === BATCH * 10) {
      insert.run(batch);
      batch.length = 0;
    }
  }
  for (let i = 0; i < batch.length; i += 10) {
    sqlite.prepare(`INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, technique, product, quantity, note, external_id, created_at, updated_at)
      VALUES ${one} ON CONFLICT (external_id) DO NOTHING`).run(batch.slice(i, i + 10));
  }
  const insertSeconds = seconds(started);
  started = process.hrtime.bigint();
  sqlite.pragma('cache_size = -4096'); // spm's while it rebuilds indexes (store/bulk-insert.ts)
  for (const { sql } of indexes) sqlite.exec(sql);
  const indexSeconds = seconds(started);
  started = process.hrtime.bigint();
  sqlite.exec('COMMIT');
  // spm's import ends by closing the database too: the last connection's close checkpoints and removes the WAL.
  sqlite.close();
  const commitSeconds = seconds(started);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const total = parseSeconds + insertSeconds + indexSeconds + commitSeconds;
  return { parse: parseSeconds, insert: insertSeconds, indexes: indexSeconds, commit: commitSeconds, total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const csv = await makeSalesCsv(`${DATA}/sales-${ROWS}.csv`, ROWS);
  const floor = measureFloor(csv);
  const line = (label, s, rows) => console.log(`${label.padEnd(58)}${s.toFixed(2).padStart(7)} s  ${rows ? `${Math.round(rows / s).toLocaleString('en-US')} rows/s` : ''}`);
  line('csv-parse alone (no mapping, no validation)', floor.parse, ROWS);
  line(`insert ${ROWS} prepared rows (foreign keys on, UNIQUE external_id)`, floor.insert, ROWS);
  line('rebuild the secondary indexes of sales', floor.indexes);
  line('commit and close (WAL, synchronous=FULL)', floor.commit);
  line('floor: the sum', floor.total, ROWS);
}
