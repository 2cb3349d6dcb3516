import { expect, test } from '@jest/globals';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSpm } from '../helpers/spawn-spm.js';
import { useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();

test('the quick start works through the real binary', () => {
  const env = { SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15' };
  expect(spawnSpm(['customer', 'add', 'Acme Corp', '--segment', 'smb', '--every', '30'], env).code).toBe(0);
  const sale = spawnSpm(['sale', 'add', 'acme', '1200', '--technique', 'referral', '--json'], env);
  expect(sale.code).toBe(0);
  expect(JSON.parse(sale.stdout)).toMatchObject({ id: 1, amount: 1200, date: '2026-03-15', customer: { name: 'Acme Corp' } });
  const list = spawnSpm(['sale', 'list'], env);
  expect(list.stdout.split('\n')[1]).toBe('1\t2026-03-15\tAcme Corp\t1200.00\twon\treferral\t\t\t');
  expect(statSync(temp.dbPath).mode & 0o777).toBe(0o600);
});

test('bad input exits 2 with one line and a hint, no stack trace', () => {
  const env = { SPM_DB: temp.dbPath, SPM_NOW: '2026-03-15' };
  spawnSpm(['customer', 'add', 'Acme Corp'], env);
  const result = spawnSpm(['sale', 'add', 'acme', '12,34'], env);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe('spm: amount "12,34" is not an amount\nhint: Write amounts like 1200, 1200.50 or 1,200.50.\n');
});

test('--version and --help need no database: no file is created, not even its folder', () => {
  // The database's folder does not exist yet: creating the database would create it too.
  const dbPath = join(temp.dir, 'not-yet', 'spm.db');
  const before = readdirSync(temp.dir);
  expect(spawnSpm(['--version'], { SPM_DB: dbPath }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  const help = spawnSpm(['--help'], { SPM_DB: dbPath });
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/Usage: spm/);
  expect(spawnSpm(['sale', 'add', '--help'], { SPM_DB: dbPath }).code).toBe(0);
  expect(existsSync(dirname(dbPath))).toBe(false);
  expect(readdirSync(temp.dir)).toEqual(before);
});

test('a bad SPM_NOW is exit 2', () => {
  const result = spawnSpm(['customer', 'list'], { SPM_DB: temp.dbPath, SPM_NOW: 'yesterday' });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^spm: SPM_NOW/);
});
