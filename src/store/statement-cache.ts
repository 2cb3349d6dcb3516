// Statements by their text, prepared once per connection and run again: planning a statement
// can cost more than running it (a join of five tables, the goals' new-customers query), and a
// view that runs the same one for several ranges or sections need not plan it each time.
// Only for statements run to completion (.all, .get, .run), never two iterations at once.
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './open-database.js';

export class StatementCache {
  private readonly statements = new Map<string, BetterSqlite3.Statement<unknown[]>>();

  constructor(private readonly db: Db) {}

  prepare(sql: string): BetterSqlite3.Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (statement === undefined) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}
