// SQL for `import json`: inserts an export's records as they are (ids, stamps, statuses), table
// by table, driven by the same column specs the export is written from (export-repository.ts).
// The records are checked field by field before they get here (commands/import/restore-check.ts).
import type { Db } from './open-database.js';
import { InputError } from '../domain/errors.js';
import { nameKey } from '../domain/text.js';
import { EXPORT_TABLES, type ExportRecord, type Kind, type TableSpec } from './export-repository.js';

function fromJsonValue(value: unknown, kind: Kind, where: string): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'units':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new InputError(`${where} is not a number`);
      return Math.round(value * 100);
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InputError(`${where} is not a whole number`);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw new InputError(`${where} is not true or false`);
      return value ? 1 : 0;
    case 'json': return JSON.stringify(value);
    default:
      if (typeof value !== 'string') throw new InputError(`${where} is not text`);
      return value;
  }
}

export class RestoreRepository {
  constructor(private readonly db: Db) {}

  /** True when any table holds a row (restore needs an empty database). */
  holdsData(): boolean {
    return [...EXPORT_TABLES.map((t) => t.table), 'settings'].some((table) => this.db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined);
  }

  /** Inserts export records as they are, ids included. Constraint failures name the record. */
  restore(spec: TableSpec, records: unknown): number {
    if (records === undefined) return 0;
    if (!Array.isArray(records)) throw new InputError(`"${spec.key}" is not an array`);
    const columns = [...spec.columns.map((c) => c[0]), ...(spec.nameKey ? ['name_key'] : [])];
    const statement = this.db.prepare(`INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    records.forEach((record, index) => {
      const where = `${spec.key}[${index}]`;
      if (record === null || typeof record !== 'object') throw new InputError(`${where} is not an object`);
      const values = spec.columns.map(([, key, kind]) => fromJsonValue((record as ExportRecord)[key], kind, `${where}.${key}`));
      if (spec.nameKey) values.push(typeof (record as ExportRecord).name === 'string' ? nameKey((record as ExportRecord).name as string) : null);
      try {
        statement.run(...values);
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code.startsWith('SQLITE_CONSTRAINT')) throw new InputError(`${where} cannot be restored: ${(error as Error).message}`);
        throw error;
      }
    });
    return records.length;
  }

  restoreSettings(settings: Record<string, string>): void {
    const statement = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries(settings)) statement.run(key, value);
  }
}
