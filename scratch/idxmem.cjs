const D = require('better-sqlite3'); const db = new D('' + (process.env.DB || '/tmp/imp.db') + '');
db.pragma('cache_size = -65536'); db.pragma('threads = ' + process.argv[2]);
const base = process.memoryUsage().rss;
db.exec('BEGIN'); const t = Date.now();
db.exec('CREATE INDEX x_mix ON sales (technique, product, outcome, date, amount_cents)');
db.exec('CREATE INDEX x_date ON sales (date, outcome, customer_id, amount_cents)');
console.log('threads', process.argv[2], 'ms', Date.now() - t, 'rss before', (base / 1048576).toFixed(0));
db.exec('ROLLBACK');
