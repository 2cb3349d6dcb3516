// Which index each table of a query is read through, from EXPLAIN QUERY PLAN: only the table
// and index names are taken, not the wording around them (which changes between SQLite versions).
import type Database from 'better-sqlite3';

export interface TableAccess {
  /** The table's name or alias in the query. */
  table: string;
  /** An index name, 'primary key', or 'full scan' (every row read, no index). */
  via: string;
}

export function tableAccesses(db: Database.Database, sql: string, params: unknown = {}): TableAccess[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as object) as { detail: string }[];
  return rows.flatMap(({ detail }) => {
    const match = /^(SEARCH|SCAN) (\w+)(?: USING (?:COVERING )?INDEX (\w+)| USING (?:INTEGER )?PRIMARY KEY)?/.exec(detail);
    if (!match || match[2] === 'CONSTANT' || match[2] === 'SUBQUERY') return [];
    return [{ table: match[2], via: match[3] ?? (/PRIMARY KEY/.test(detail) ? 'primary key' : 'full scan') }];
  });
}

/** The index each named table is read through (the first access of each). */
export function indexesUsed(db: Database.Database, sql: string, params: unknown = {}): Record<string, string> {
  const used: Record<string, string> = {};
  for (const { table, via } of tableAccesses(db, sql, params)) used[table] ??= via;
  return used;
}
