// Bulk import's fast path sets the insert triggers of sales and check-ins aside and replays
// what they do in one statement each. A trigger it does not know would make it fall back to
// row-by-row inserts without a word: every insert trigger of the current schema must be known.
import { afterEach, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/open-database.js';
import { insertTriggers, KNOWN_INSERT_TRIGGERS, resumeAfterBulk, suspendForBulk } from '../../src/store/bulk-insert.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function freshDatabase() {
  dir = mkdtempSync(join(tmpdir(), 'spm-bulk-'));
  return openDatabase(join(dir, 'spm.db'), 'write', () => '2026-03-15T00:00:00.000Z');
}

test('every insert trigger on sales and check-ins is one the bulk fast path replays', () => {
  const db = freshDatabase();
  try {
    const names = insertTriggers(db).map((t) => t.name).sort();
    expect(names.filter((name) => !KNOWN_INSERT_TRIGGERS.includes(name))).toEqual([]);
    expect(names).toEqual([...KNOWN_INSERT_TRIGGERS].sort());
    // So the fast path engages (undefined would mean "insert row by row").
    db.exec('BEGIN');
    const state = suspendForBulk(db, 'sales', false);
    expect(state).toBeDefined();
    resumeAfterBulk(db, state!);
    db.exec('ROLLBACK');
  } finally {
    db.close();
  }
});

test('an insert trigger whatever its name is found, and an unknown one turns the fast path off', () => {
  const db = freshDatabase();
  try {
    db.exec("CREATE TRIGGER sales_audit AFTER INSERT ON sales BEGIN SELECT 1; END;");
    expect(insertTriggers(db).map((t) => t.name)).toContain('sales_audit');
    expect(suspendForBulk(db, 'sales', false)).toBeUndefined();
  } finally {
    db.close();
  }
});
