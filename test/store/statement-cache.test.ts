// A statement prepared once and run again gives what a statement prepared afresh gives, for
// any arguments in any order; different texts are different statements.
import { expect, test } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { StatementCache } from '../../src/store/statement-cache.js';

test('a cached statement runs like a fresh one, whatever ran before it', () => {
  const db = new BetterSqlite3(':memory:');
  db.exec('CREATE TABLE t (n INTEGER, label TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  for (let n = 0; n < 50; n++) insert.run(n, `row ${n % 7}`);
  const cache = new StatementCache(db);
  const texts = ['SELECT n, label FROM t WHERE n BETWEEN ? AND ? ORDER BY n LIMIT ?', 'SELECT count(*) AS c, min(label) AS l FROM t WHERE n >= ? AND n <= ? LIMIT ?'];
  expect(cache.prepare(texts[0])).toBe(cache.prepare(texts[0]));
  expect(cache.prepare(texts[1])).not.toBe(cache.prepare(texts[0]));
  let state = 1;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 300; i++) {
    const text = texts[i % 2];
    const args = [Math.floor(random() * 50), Math.floor(random() * 50), random() < 0.3 ? -1 : Math.floor(random() * 10)];
    expect({ i, rows: cache.prepare(text).all(...args) }).toEqual({ i, rows: db.prepare(text).all(...args) });
  }
  db.close();
});
