// Upgrading a database that holds years of history takes tens of seconds (a checked copy, then
// each new schema step): a person at a terminal is told before it starts and where the copy
// is; piped and cron runs stay quiet, and a new database is not "upgraded" at all.
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { openDatabase } from '../../src/store/open-database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { migrationNotice } from '../../src/cli/context.js';
import { runSpm, useTempDb } from '../helpers/run-spm.js';
import { spawnSpm } from '../helpers/spawn-spm.js';

const temp = useTempDb();
const nowIso = () => '2026-03-15T12:00:00.000Z';
const LATEST = MIGRATIONS[MIGRATIONS.length - 1].version;
const PREVIOUS = MIGRATIONS[MIGRATIONS.length - 2].version;

/** A database one schema step behind, as the spm before this one left it. */
function previousVersionDatabase(path: string): void {
  openDatabase(path, 'write', nowIso, MIGRATIONS.slice(0, -1)).close();
}

const backups = (path: string) => readdirSync(dirname(path)).filter((f) => f.startsWith(`${basename(path)}.before-v`));

describe('the notice before an upgrade', () => {
  test('at a terminal: which versions, that it takes a while, and where the copy is', async () => {
    previousVersionDatabase(temp.dbPath);
    const result = await runSpm(['customer', 'list'], { db: temp.dbPath, tty: true, columns: 200 });
    expect(result.code).toBe(0);
    const [copy] = backups(temp.dbPath);
    expect(copy).toBeDefined();
    const notice = `note: upgrading the database for this version of spm (schema ${PREVIOUS} to ${LATEST}); with years of history this can take a minute.\n`
      + `The file as it was is kept at ${dirname(temp.dbPath)}/${copy}\n`;
    // First, before the command's own output (here the empty list's line).
    expect(result.stderr.slice(0, notice.length)).toBe(notice);
  });

  test('stdout piped but stderr at a terminal (spm customer list | head): the notice too', async () => {
    previousVersionDatabase(temp.dbPath);
    const result = await runSpm(['customer', 'list'], { db: temp.dbPath, stderrTty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`note: upgrading the database for this version of spm (schema ${PREVIOUS} to ${LATEST})`);
  });

  test('cron and scripts (stderr captured): the same upgrade and copy, nothing said', async () => {
    previousVersionDatabase(temp.dbPath);
    const result = await runSpm(['customer', 'list'], { db: temp.dbPath });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(backups(temp.dbPath)).toHaveLength(1);
  });

  test('through the real binary, stderr captured: upgraded, copied, quiet', () => {
    previousVersionDatabase(temp.dbPath);
    const result = spawnSpm(['customer', 'list', '--json'], { SPM_DB: temp.dbPath });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(backups(temp.dbPath)).toHaveLength(1);
  });

  test('a new database is created at the latest schema: no notice, no copy', async () => {
    const result = await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath, tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('upgrading');
    expect(backups(temp.dbPath)).toHaveLength(0);
    expect(existsSync(temp.dbPath)).toBe(true);
  });

  test('an up-to-date database: nothing said', async () => {
    openDatabase(temp.dbPath, 'write', nowIso).close();
    const result = await runSpm(['customer', 'list'], { db: temp.dbPath, tty: true });
    expect(result.stderr).not.toContain('upgrading');
  });

  test('wraps at the terminal width, the path on its own line', () => {
    const text = migrationNotice({ fromVersion: 16, toVersion: 20, backupPath: '/home/rep/.spm/spm.db.before-v20-x.bak' }, 50);
    expect(text).toBe([
      'note: upgrading the database for this version of',
      '  spm (schema 16 to 20); with years of history',
      '  this can take a minute.',
      'The file as it was is kept at',
      '  /home/rep/.spm/spm.db.before-v20-x.bak',
      '',
    ].join('\n'));
  });
});
