const Database = require('better-sqlite3');
const db = new Database('/tmp/sqlbench.db');
for (const p of (process.argv[2] ?? '').split(',').filter(Boolean)) console.log(p, db.pragma(p));
const idx = [
 ['sales_date', 'CREATE INDEX x_date ON sales (date, outcome, customer_id, amount_cents)'],
 ['sales_customer', 'CREATE INDEX x_customer ON sales (customer_id, outcome, date)'],
 ['sales_mix', 'CREATE INDEX x_mix ON sales (technique, product, outcome, date, amount_cents)'],
];
db.exec('BEGIN');
for (const [n, sql] of idx) { const t = Date.now(); db.exec(sql); console.log(n, Date.now() - t); }
db.exec('ROLLBACK');
