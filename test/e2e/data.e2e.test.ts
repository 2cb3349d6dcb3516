import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const spm = (args: string[], db: string) => spawnSync(process.execPath, ['bin/spm.js', ...args], {
  env: { ...process.env, SPM_DB: db, SPM_NOW: '2026-03-15', NO_COLOR: '1' }, encoding: 'utf8',
});

describe('data in and out through the real binary', () => {
  test('import a CSV, export JSON, restore it into a new database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spm-e2e-data-'));
    try {
      const db = join(dir, 'spm.db');
      const file = join(dir, 'sales.csv');
      writeFileSync(file, 'Date,Customer,Amount\n2026-01-02,Acme,"$1,200.50"\n');
      const imported = spm(['import', 'sales', file, '--json'], db);
      expect(imported.status).toBe(0);
      expect(JSON.parse(imported.stdout)).toEqual({ read: 1, imported: 1, duplicates: 0, rejected: 0, customersCreated: 1 });
      const exported = spm(['export', 'json', '-o', join(dir, 'x.json')], db);
      expect(exported.status).toBe(0);
      const restored = spm(['import', 'json', join(dir, 'x.json'), '--json'], join(dir, 'restored.db'));
      expect(restored.status).toBe(0);
      expect(JSON.parse(restored.stdout)).toMatchObject({ customers: 1, sales: 1 });
      expect(spm(['backup'], db).status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
