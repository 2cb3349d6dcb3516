// A shipped migration's SQL never changes: databases already past it will not run it again, so
// an edit would make new and old databases differ. The rule modules (src/domain/rules/*.sql.ts)
// build some of these texts: changing a rule's SQL fails here, and the way forward is a new
// migration that drops and recreates the rule's triggers from the module.
import { expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { MIGRATIONS } from '../../src/store/migrations.js';

/** sha256 (first 16 hex digits) of each shipped migration's SQL. Append; never edit. */
const SHIPPED: Record<number, string> = {
  1: '568702f7b2d1e0db',
  3: '1b0ed804f16e168e',
  5: 'cacb93e1b163860a',
  6: '47f6e63adcb26fb9',
  7: '9033330a2844a646',
  8: 'afa80771721476c3',
  9: 'ca17f1230992f9d1',
  10: 'e3b0c44298fc1c14', // no SQL text: its work is run(), pinned by never-reused-ids-migration.test.ts
  11: 'bf5b5f065074bd9b',
  13: '9289f7152b1f4157',
  14: '41bf5d0c8bd834f4',
  15: '5ac4f04c2985020d',
  16: '7e75c8ca1f094939',
  17: '1fae142df4f9e422',
  18: '6d38e3b77ce9138a',
  19: 'a426af54ab49d1db',
  20: '346277e9661c4ce3',
  21: '754e7e8a702a216c',
  22: '5f78a748df046c23',
  23: '464c04c5b04f6549',
  24: 'fbedf50f2d206d4a',
  25: 'd1c0e56c61fdc26b',
  26: '51d6bc845f20bde4',
  27: '0d99d7ef4a270187',
  28: '7f7fae605d8f6683',
};

test.each(Object.entries(SHIPPED))('migration v%s is as shipped', (version, digest) => {
  const migration = MIGRATIONS.find((m) => m.version === Number(version));
  expect(migration).toBeDefined();
  expect(createHash('sha256').update(migration!.sql).digest('hex').slice(0, 16)).toBe(digest);
});
