// spm report --html FILE in-process: the file is written whole and 0600, holds no script and no
// address to fetch, escapes what users typed, and bad input changes nothing.
import { beforeEach, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectRejected, runSpm, useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();
const run = async (args: string[]) => {
  const result = await runSpm(args, { db: temp.dbPath });
  if (result.code !== 0) throw new Error(`spm ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result;
};

describe('spm report --html', () => {
  beforeEach(async () => {
    await run(['customer', 'add', '<b>Bold & Co</b>']);
    await run(['sale', 'add', '1', '1200', '--technique', '<script>x</script>', '--date', '2026-03-10', '--no-follow-up']);
    await run(['sale', 'add', '1', '300', '--lost', '--reason', 'Price "too" high', '--date', '2026-03-11']);
    await run(['checkin', 'add', '1', '--satisfaction', '2', '--date', '2026-03-12']);
  });

  test('writes one self-contained page, 0600, with every chart and the figures', async () => {
    const file = join(temp.dir, 'week.html');
    const result = await run(['report', '--html', file]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`✓ Wrote ${file} (Week of Mar 9, 2026)\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`default-src 'none'`);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    // The only addresses are the SVG namespaces (names, never fetched).
    expect(html.match(/https?:\/\/[^"'\s)]+/g)?.filter((u) => !/^http:\/\/www\.w3\.org\//.test(u)) ?? []).toEqual([]);
    expect(html).not.toContain('<b>Bold');
    expect(html).toContain('&lt;b&gt;Bold &amp; Co&lt;/b&gt;');
    expect(html).toContain('Price &quot;too&quot; high');
    // Techniques: a range bar and a dot each for the scripted one (won) and (none) (lost).
    expect([...html.matchAll(/data-chart="([^"]+)" data-marks="(\d+)"/g)].map((m) => [m[1], Number(m[2])])).toEqual([
      ['revenue', 12], ['techniques', 4], ['satisfaction', 5], ['top-customers', 1], ['lost-reasons', 1],
    ]);
    expect(html).toContain('data-figure="revenue" data-value="1200"');
    expect(html).toContain('data-figure="lostValue" data-value="300"');
    expect(html).toMatch(/<details><summary>The numbers<\/summary><table>/);
  });

  test('--json prints the report as well; the file needs --force to be replaced', async () => {
    const file = join(temp.dir, 'week.html');
    const first = await run(['report', '--html', file, '--json']);
    expect(first.json().sales.revenue).toBe(1200);
    writeFileSync(file, 'old page');
    await expectRejected(['report', '--html', file], { db: temp.dbPath }, /already exists/);
    expect(readFileSync(file, 'utf8')).toBe('old page');
    await run(['report', '--html', file, '--force']);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!doctype html>/);
  });

  test.each([
    [['report', '--force'], /--force goes with --html/],
    [['report', '--html', ''], /--html needs a file name/],
    [['report', '--html', '/nonexistent-folder/x.html'], /cannot write .*folder does not exist/],
  ])('refuses %j, changing nothing', async (args, message) => {
    await expectRejected(args, { db: temp.dbPath }, message);
  });

  test('refuses to write over the database', async () => {
    await expectRejected(['report', '--html', temp.dbPath, '--force'], { db: temp.dbPath }, /database/);
    expect(existsSync(temp.dbPath)).toBe(true);
  });
});
