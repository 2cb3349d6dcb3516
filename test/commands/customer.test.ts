import { beforeEach, describe, expect, test } from '@jest/globals';
import { expectRejected, openRaw, runSpm, scriptedPrompter, snapshot, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = (args: string[], options = {}) => runSpm(args, { db: temp.dbPath, ...options });

describe('customer add', () => {
  test('adds a customer and prints the record as JSON (piped)', async () => {
    const result = await run(['customer', 'add', 'Acme Corp', '--company', 'Acme Corporation', '--segment', 'smb', '--tag', 'vip,local', '--tag', 'VIP', '--every', '2w', '--email', 'ann@acme.test', '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ id: 1, name: 'Acme Corp', company: 'Acme Corporation', email: 'ann@acme.test', phone: null, segment: 'smb', tags: ['vip', 'local'], cadenceDays: 14, archived: false });
    expect(result.stderr).toBe('');
  });

  test('says what it added on stderr, nothing on stdout', async () => {
    const result = await run(['customer', 'add', 'Acme Corp']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Added customer #1 Acme Corp/);
  });

  test('uses default-cadence-days for new customers', async () => {
    await run(['customer', 'add', 'First']);
    const db = (await import('../helpers/run-spm.js')).openRaw(temp.dbPath);
    db.prepare("INSERT INTO settings (key, value) VALUES ('default-cadence-days', '45')").run();
    db.close();
    expect((await run(['customer', 'add', 'Second', '--json'])).json().cadenceDays).toBe(45);
    expect((await run(['customer', 'add', 'Third', '--every', 'none', '--json'])).json().cadenceDays).toBeNull();
  });

  test('refuses a duplicate name in any case, unchanged database', async () => {
    await run(['customer', 'add', 'Acme Corp']);
    await expectRejected(['customer', 'add', 'ACME corp'], { db: temp.dbPath }, /already exists/);
  });

  test.each([
    [['customer', 'add', '   '], /name is empty/],
    [['customer', 'add', '42'], /would read as an id/],
    [['customer', 'add', 'X', '--every', 'often'], /cadence "often"/],
    [['customer', 'add', 'X', '--every', '0'], /cadence "0"/],
    [['customer', 'add', 'X', '--email', 'not-an-email'], /does not look like an address/],
    [['customer', 'add', 'X', '--bogus'], /unknown option '--bogus'/],
  ])('rejects %j with exit 2', async (args, message) => {
    await run(['customer', 'add', 'Existing']);
    await expectRejected(args, { db: temp.dbPath }, message);
  });

  test('missing name without a terminal is exit 2 naming it, and creates no database', async () => {
    const result = await run(['customer', 'add']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spm: missing customer name/);
    expect(snapshot(temp.dbPath)).toBe('missing');
  });

  test('asks for the name on a terminal (tty)', async () => {
    const prompter = scriptedPrompter([{ input: 'Prompted Inc' }]);
    const result = await run(['customer', 'add', '--json'], { tty: true, prompter });
    expect(result.code).toBe(0);
    expect(result.json().name).toBe('Prompted Inc');
    expect(prompter.remaining()).toBe(0);
  });

  test('--no-input on a terminal never prompts', async () => {
    const result = await run(['customer', 'add', '--no-input'], { tty: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing customer name/);
  });

  test('Ctrl-C at the prompt exits 130 and writes nothing', async () => {
    const result = await run(['customer', 'add'], { tty: true, prompter: scriptedPrompter([{ cancel: true }]) });
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/cancelled/);
  });
});

describe('customer list', () => {
  test('newest first, tab-separated with a header when piped', async () => {
    await run(['customer', 'add', 'Alpha', '--segment', 'smb']);
    await run(['customer', 'add', 'Beta', '--segment', 'enterprise']);
    const result = await run(['customer', 'list']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id\tname\tcompany\tsegment\ttags\tevery\tlast-contact\tlifetime');
    expect(lines.slice(1).map((l) => l.split('\t')[1])).toEqual(['Beta', 'Alpha']);
  });

  test('a table on a terminal', async () => {
    await run(['customer', 'add', 'Alpha']);
    const result = await run(['customer', 'list'], { tty: true });
    expect(result.stdout).toMatch(/ID\s+Name\s+Company/);
    expect(result.stdout).not.toMatch(/\t/);
  });

  test('filters by segment and search; --limit; --all shows archived', async () => {
    for (const name of ['Alpha', 'Beta', 'Gamma']) await run(['customer', 'add', name, '--segment', name === 'Beta' ? 'ent' : 'smb']);
    await run(['customer', 'archive', 'gamma']);
    expect((await run(['customer', 'list', '--json'])).json().map((c: any) => c.name)).toEqual(['Beta', 'Alpha']);
    expect((await run(['customer', 'list', '--segment', 'SMB', '--json'])).json().map((c: any) => c.name)).toEqual(['Alpha']);
    expect((await run(['customer', 'list', '--search', 'ET', '--json'])).json().map((c: any) => c.name)).toEqual(['Beta']);
    expect((await run(['customer', 'list', '--limit', '1', '--json'])).json()).toHaveLength(1);
    expect((await run(['customer', 'list', '--all', '--json'])).json().map((c: any) => c.name)).toEqual(['Gamma', 'Beta', 'Alpha']);
  });

  test('removes terminal escapes from stored names on output', async () => {
    // Refused as input now; a database written by an older spm may still hold such a name.
    await run(['customer', 'add', 'Evil']);
    const raw = openRaw(temp.dbPath);
    raw.prepare("UPDATE customers SET name = 'Evil\u001b[31mRed\u0007' WHERE name = 'Evil'").run();
    raw.close();
    const result = await run(['customer', 'list']);
    expect(result.stdout).toContain('EvilRed');
    expect(result.stdout).not.toMatch(/\u001b|\u0007/);
  });

  test('a read on a missing database says how to start, and creates nothing', async () => {
    const result = await run(['customer', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no spm database at .* yet/);
    expect(result.stderr).toMatch(/spm customer add/);
    expect(snapshot(temp.dbPath)).toBe('missing');
  });

  test.each([[['--limit', '0']], [['--limit', 'ten']], [['--limit', '5', '--all']]])('rejects %j', async (flags) => {
    await run(['customer', 'add', 'Alpha']);
    await expectRejected(['customer', 'list', ...flags], { db: temp.dbPath }, /limit/);
  });
});

describe('customer references', () => {
  beforeEachAdd(['Acme Corp', 'Acme Labs', 'Beta Ltd']);

  test.each([
    ['1', 'Acme Corp'],
    ['#3', 'Beta Ltd'],
    ['acme corp', 'Acme Corp'],
    ['acme l', 'Acme Labs'],
    ['BET', 'Beta Ltd'],
  ])('%s resolves to %s', async (reference, name) => {
    expect((await run(['customer', 'show', reference, '--json'])).json().name).toBe(name);
  });

  test('an ambiguous prefix lists the candidates (exit 2)', async () => {
    const result = await expectRejected(['customer', 'show', 'acme'], { db: temp.dbPath }, /ambiguous: #1 Acme Corp, #2 Acme Labs/);
    expect(result.stderr).toMatch(/hint: /);
  });

  test('an unknown name suggests the closest and how to add it', async () => {
    const result = await expectRejected(['customer', 'show', 'Betta Ltd'], { db: temp.dbPath }, /no customer matches "Betta Ltd" \(did you mean "Beta Ltd"\?\)/);
    expect(result.stderr).toMatch(/spm customer add/);
  });

  test('an unknown id is exit 2', async () => {
    await expectRejected(['customer', 'show', '#99'], { db: temp.dbPath }, /no customer #99/);
  });
});

describe('customer edit, archive, rm', () => {
  beforeEachAdd(['Acme Corp']);

  test('edits fields, an empty value clears, --every none clears the cadence', async () => {
    await run(['customer', 'edit', 'acme', '--phone', '555', '--every', '30']);
    const edited = (await run(['customer', 'edit', 'acme', '--name', 'Acme Inc', '--phone', '', '--every', 'none', '--json'])).json();
    expect(edited).toMatchObject({ name: 'Acme Inc', phone: null, cadenceDays: null });
  });

  test('edit with no flags is exit 2', async () => {
    await expectRejected(['customer', 'edit', 'acme'], { db: temp.dbPath }, /nothing to change/);
  });

  test('renaming onto another customer is refused', async () => {
    await run(['customer', 'add', 'Other']);
    await expectRejected(['customer', 'edit', 'other', '--name', 'acme corp'], { db: temp.dbPath }, /already exists/);
  });

  test('archive and unarchive', async () => {
    expect((await run(['customer', 'archive', 'acme', '--json'])).json().archived).toBe(true);
    expect((await run(['customer', 'unarchive', 'acme', '--json'])).json().archived).toBe(false);
  });

  test('rm without --yes when piped is refused; with --yes deletes', async () => {
    await expectRejected(['customer', 'rm', 'acme'], { db: temp.dbPath }, /without confirmation/);
    expect((await run(['customer', 'rm', 'acme', '--yes'])).code).toBe(0);
    expect((await run(['customer', 'list', '--json'])).json()).toEqual([]);
  });

  test('rm asks on a terminal; "no" keeps the customer', async () => {
    const result = await run(['customer', 'rm', 'acme'], { tty: true, prompter: scriptedPrompter([{ confirm: false }]) });
    expect(result.code).toBe(2);
    expect((await run(['customer', 'list', '--json'])).json()).toHaveLength(1);
  });

  test('rm of a customer with sales suggests archive and deletes nothing', async () => {
    await run(['sale', 'add', 'acme', '100']);
    const result = await expectRejected(['customer', 'rm', 'acme', '--yes'], { db: temp.dbPath }, /has 1 sale/);
    expect(result.stderr).toMatch(/spm customer archive 1/);
  });
});

function beforeEachAdd(names: string[]) {

  beforeEach(async () => {
    for (const name of names) await run(['customer', 'add', name]);
  });
}

describe('segments in any case are one segment', () => {
  test('add, edit and import reuse the spelling in use; the report sums them as one', async () => {
    const now = { now: '2026-03-10' };
    await run(['customer', 'add', 'Acme', '--segment', 'SMB'], now);
    await run(['customer', 'add', 'Beta', '--segment', 'smb'], now);
    await run(['customer', 'add', 'Gamma', '--segment', 'enterprise'], now);
    await run(['customer', 'edit', 'gamma', '--segment', 'Smb'], now);
    const { writeFileSync } = await import('node:fs');
    const file = `${temp.dir}/sales.csv`;
    writeFileSync(file, 'date,customer,amount,segment\n2026-03-09,Delta,100,sMB\n2026-03-09,Acme,200,\n2026-03-09,Beta,300,\n');
    expect((await run(['import', 'sales', file], now)).code).toBe(0);
    const customers = (await run(['customer', 'list', '--json'], now)).json();
    expect(customers.map((c: { name: string; segment: string }) => [c.name, c.segment])).toEqual([['Delta', 'SMB'], ['Gamma', 'SMB'], ['Beta', 'SMB'], ['Acme', 'SMB']]);
    expect((await run(['report', '--json'], now)).json().segments).toEqual([{ name: 'SMB', revenue: 600, won: 3 }]);
    // Spellings stored before spm folded them are still one row in the report.
    const db = openRaw(temp.dbPath);
    db.prepare("UPDATE customers SET segment = 'smb' WHERE name = 'Delta'").run();
    db.close();
    expect((await run(['report', '--json'], now)).json().segments).toEqual([{ name: 'SMB', revenue: 600, won: 3 }]);
  });
});
