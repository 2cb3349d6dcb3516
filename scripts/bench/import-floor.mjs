// What a 1M-row sales import cannot go below on this machine, part by part, with no spm code in
// the way, under the settings spm really runs with (WAL, synchronous=FULL, foreign_keys=ON, the
// import's 64 MiB page cache, 4 MiB while indexes are built): csv-parse alone over the bench CSV, then better-sqlite3 alone
// inserting the rows spm writes for that file (mapped before the clock starts, its customers
// already in the table), already in memory, into spm's sales table the way spm's
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

/**
 * The sales rows of the bench CSV (scripts/bench/import.mjs writes it) as spm's import maps them
 * with `--map 'date=Order Date' --map amount=Total --map 'external-id=Order ID' --date-format
 * M/d/yyyy`, and the customer names in order of first appearance. Customer ids start at 2 (the
 * floor's database holds one customer already). Knows this file's shapes only: M/d/yyyy dates,
 * `$1,234.56` amounts, no reasons or notes.
 */
export function rowsOfBenchCsv(csv, stamp) {
  const ids = new Map();
  const customers = [];
  const values = [];
  let header = true;
  const api = parse({ bom: true, relax_column_count: true }).api;
  const fd = openSync(csv, 'r');
  const onRecord = ([date, customer, total, outcome, technique, product, qty, orderId]) => {
    if (header) { header = false; return; }
    const [month, day, year] = date.split('/');
    const name = customer.trim();
    let id = ids.get(name);
    if (id === undefined) {
      customers.push(name);
      id = customers.length + 1;
      ids.set(name, id);
    }
    const cents = Math.round(Number(total.replace(/[$,]/g, '')) * 100);
    values.push([`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, id, cents, outcome, null, technique === '' ? null : technique, product,
      Number(qty), null, orderId, stamp, stamp]);
  };
  for (;;) {
    // A new buffer each read, as spm's import does: csv-parse may keep the end of the last one.
    const chunk = Buffer.allocUnsafe(1 << 20);
    const bytes = readSync(fd, chunk, 0, chunk.length, null);
    const error = api.parse(bytes > 0 ? chunk.subarray(0, bytes) : undefined, bytes === 0, onRecord, () => {});
    if (error) throw error;
    if (bytes === 0) break;
  }
  closeSync(fd);
  return { customers, values };
}

/** Seconds for each part and in all: { parse, insert, indexes, commit, total }. */
export function measureFloor(csv, rows = ROWS) {
  let started = process.hrtime.bigint();
  const api = parse({ bom: true, relax_column_count: true }).api;
  const fd = openSync(csv, 'r');
  for (;;) {
    const chunk = Buffer.allocUnsafe(1 << 20); // as spm reads: csv-parse may keep the end of the last buffer
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
  // The rows spm writes for this file, worked out before the clock starts: the same dates,
  // customers (ids in order of first appearance, as spm creates them), amounts, outcomes,
  // techniques, products, quantities and order ids, so the insert and the index builds sort
  // the same keys spm's do. (Made-up rows in a repeating pattern sort faster than real ones.)
  const { customers, values } = rowsOfBenchCsv(csv, stamp);
  if (values.length !== rows) throw new Error(`the floor read ${values.length} rows, expected ${rows}`);
  const addCustomer = sqlite.prepare("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES (?, ?, '2026-11-28', ?, ?)");
  sqlite.transaction(() => { for (const name of customers) addCustomer.run(name, name.toLocaleLowerCase('en-US'), stamp, stamp); })();
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
