// What a user typed for a named record (customers, goals): `12`, `#12`, an exact name in any
// case, or a unique name prefix. One mechanism, so both resolve and explain misses alike.
import type { Db } from './open-database.js';
import { NotFoundError } from '../domain/errors.js';
import { parseReference } from '../domain/reference.js';
import { closestNames, didYouMean, nameKey, sanitizeLine } from '../domain/text.js';

/** Index range for names starting with a key: [key, key + U+FFFF). */
const PREFIX_END = '\uffff';

export interface NamedTable {
  /** A constant table with id, name, name_key and archived columns (never user text). */
  table: 'customers' | 'goals';
  /** The columns to select, as the repository reads its rows. */
  columns: string;
  what: 'customer' | 'goal';
  /** Hint when no record has the id. */
  listHint: string;
  /** Example id in the "ambiguous" hint. */
  exampleId: number;
  /** Hint when nothing matches the name. */
  unknownHint(text: string): string;
}

interface NamedRow {
  id: number;
  name: string;
  archived: number;
}

/**
 * The row `text` names. Ambiguous prefixes (several matches, or several active ones) list the
 * candidates; unknown names suggest the closest ones. Both throw NotFoundError (exit 2).
 */
export function resolveNamedRow<Row extends NamedRow>(db: Db, spec: NamedTable, text: string): Row {
  const select = `SELECT ${spec.columns} FROM ${spec.table}`;
  const byKey = (key: string) => db.prepare(`${select} WHERE name_key = ?`).get(key) as Row | undefined;
  const reference = parseReference(text, spec.what);
  if (reference.kind === 'id') {
    // A record may be named "42": an id miss falls back to the name.
    const row = (db.prepare(`${select} WHERE id = ?`).get(reference.id) as Row | undefined) ?? byKey(nameKey(text));
    if (row) return row;
    throw new NotFoundError(`no ${spec.what} #${reference.id}`, spec.listHint);
  }
  const exact = byKey(reference.key);
  if (exact) return exact;
  const matches = db.prepare(`${select} WHERE name_key >= ? AND name_key < ? ORDER BY archived, name_key LIMIT 11`)
    .all(reference.key, reference.key + PREFIX_END) as Row[];
  if (matches.length === 1) return matches[0];
  const active = matches.filter((row) => row.archived === 0);
  if (active.length === 1) return active[0];
  const shown = sanitizeLine(reference.text);
  if (matches.length > 1) {
    const listed = matches.slice(0, 10).map((row) => `#${row.id} ${sanitizeLine(row.name)}`).join(', ');
    throw new NotFoundError(`${spec.what} ${JSON.stringify(shown)} is ambiguous: ${listed}${matches.length > 10 ? ', …' : ''}`,
      `Type more of the name, or use the id, e.g. #${spec.exampleId}.`);
  }
  const closest = closestNames(reference.text, db.prepare(`SELECT name FROM ${spec.table}`).pluck().all() as string[]);
  const suggestion = didYouMean(closest.map((n) => sanitizeLine(n)), true);
  throw new NotFoundError(`no ${spec.what} matches ${JSON.stringify(shown)}${suggestion}`, spec.unknownHint(shown));
}
