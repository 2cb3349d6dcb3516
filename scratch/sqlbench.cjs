const Database = require('better-sqlite3');
const fs = require('fs');
const N = 1_000_000;
const mode = process.argv[2] ?? 'wal'; const batch = Number(process.argv[3] ?? 1); const unique = process.argv[4] !== 'nounique';
const path = '/tmp/sqlbench.db'; for (const s of ['', '-wal', '-shm']) fs.rmSync(path + s, { force: true });
// schema from a fresh spm db
require('child_process').execSync(`node bin/spm.js --db ${path} customer add Seed`, { env: { ...process.env, SPM_NOW: '2026-11-28' } });
const db = new Database(path);
db.pragma('synchronous = FULL'); db.pragma('cache_size = ' + (process.env.CACHE ?? '-65536'));
if (mode === 'delete') db.pragma('journal_mode = DELETE');
const cust = db.prepare(`INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES (?, ?, '2026-01-01', 'x', 'x')`);
db.transaction(() => { for (let i = 0; i < 40000; i++) cust.run('C' + i, 'c' + i); })();
const rows = [];
for (let i = 0; i < N; i++) rows.push([`20${16 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`, 2 + (i * 7919) % 40000, 500 + (i % 99999), i % 3 ? 'won' : 'lost', null, ['referral', 'demo', null][i % 3], 'consulting', 1 + (i % 5), null, 'ORD-' + i, '2026-11-28T00:00:00Z', '2026-11-28T00:00:00Z']);
const t0 = Date.now();
db.exec('BEGIN IMMEDIATE');
const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='sales' AND name LIKE '%insert'`).all();
const idx = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='sales' AND sql IS NOT NULL`).all();
for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`); for (const i of idx) db.exec(`DROP INDEX ${i.name}`);
const cols = '(date, customer_id, amount_cents, outcome, reason, technique, product, quantity, note, external_id, created_at, updated_at)';
const one = '(?,?,?,?,?,?,?,?,?,?,?,?)';
const conflict = unique ? ' ON CONFLICT (external_id) DO NOTHING' : '';
const stmt = db.prepare(`INSERT INTO sales ${cols} VALUES ${Array(batch).fill(one).join(',')}${conflict}`);
const single = db.prepare(`INSERT INTO sales ${cols} VALUES ${one}${conflict}`);
let i = 0; const flat = new Array(batch * 12);
for (; i + batch <= N; i += batch) {
  if (batch === 1) single.run(rows[i]);
  else { for (let b = 0; b < batch; b++) { const r = rows[i + b]; for (let c = 0; c < 12; c++) flat[b * 12 + c] = r[c]; } stmt.run(flat); }
}
for (; i < N; i++) single.run(rows[i]);
const t1 = Date.now();
for (const x of idx) { const s = Date.now(); db.exec(x.sql); console.log('  index', x.name, Date.now() - s, 'ms'); }
const t2 = Date.now();
db.exec('COMMIT');
const t3 = Date.now();
console.log(mode, 'batch', batch, 'unique', unique, 'insert', t1 - t0, 'indexes', t2 - t1, 'commit', t3 - t2, 'total', t3 - t0);
