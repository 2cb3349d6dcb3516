// Small wording: counts with their unit, articles, and one repeated import error said once.
import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countOf, didYouMean, withArticle } from '../../src/domain/text.js';
import { reasonKind } from '../../src/commands/import/csv.js';
import { expectRejected, runSpm, useTempDb } from '../helpers/run-spm.js';

describe('wording helpers', () => {
  test.each([[0, '0 days'], [1, '1 day'], [2, '2 days'], [1.5, '1.5 days']])('countOf(%p, day) is %p', (n, text) => {
    expect(countOf(n, 'day')).toBe(text);
  });
  test.each([['amount', 'an amount'], ['customer', 'a customer'], ['external-id', 'an external-id'], ['date', 'a date']])('withArticle(%p) is %p', (word, text) => {
    expect(withArticle(word)).toBe(text);
  });
  test.each([[[], ''], [['list'], ' (did you mean list?)'], [['a', 'b', 'c'], ' (did you mean a, b or c?)']])('didYouMean(%j)', (names, text) => {
    expect(didYouMean(names)).toBe(text);
  });
  test('reasons differing only in their values are one kind', () => {
    expect(reasonKind('date "03/14/2026" is ambiguous')).toBe(reasonKind('date "12/01/2025" is ambiguous'));
    expect(reasonKind('amount "abc" is not an amount')).not.toBe(reasonKind('amount -5 is negative'));
  });
});

describe('import errors', () => {
  const temp = useTempDb();

  test('every row failing for one reason is said once, with the count', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const file = join(temp.dir, 'shop.csv');
    writeFileSync(file, 'date,customer,amount\n03/14/2026,Acme,100\n03/15/2026,Acme,200\n03/16/2026,Acme,300\n');
    const result = await expectRejected(['import', 'sales', file], { db: temp.dbPath }, /^spm: all 3 rows of .*shop\.csv are invalid for the same reason, nothing imported: line 2: date "03\/14\/2026" is not YYYY-MM-DD/);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(2);
    expect(result.stderr).not.toMatch(/line 3/);
  });

  test('different reasons are each named', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const file = join(temp.dir, 'bad.csv');
    writeFileSync(file, 'date,customer,amount\n2026-03-14,Acme,abc\n2026-03-15,Acme,-5\n');
    await expectRejected(['import', 'sales', file], { db: temp.dbPath }, /2 invalid rows in .*: line 2: amount "abc" is not an amount; line 3: amount -5 is negative/);
  });

  test('a missing column reads "an amount column"', async () => {
    await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath });
    const file = join(temp.dir, 'cols.csv');
    writeFileSync(file, 'date,customer\n2026-03-14,Acme\n');
    await expectRejected(['import', 'sales', file], { db: temp.dbPath }, /needs an amount column/);
  });

  test('a cadence of one day reads "every 1 day"', async () => {
    const result = await runSpm(['customer', 'add', 'Daily', '--every', '1'], { db: temp.dbPath });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/stay in touch every 1 day\)/);
  });
});

describe('errors on a terminal', () => {
  const temp = useTempDb();

  test('wrap between words at the width; piped they stay one line', async () => {
    await runSpm(['customer', 'add', 'Lumen Foods'], { db: temp.dbPath });
    await runSpm(['customer', 'add', 'Lumen Outfitters'], { db: temp.dbPath });
    const tty = await runSpm(['sale', 'add', 'lumen', '100'], { db: temp.dbPath, tty: true, columns: 50 });
    expect(tty.code).toBe(2);
    expect(tty.stderr.split('\n').every((line) => line.length <= 50)).toBe(true);
    expect(tty.stderr).toMatch(/^spm: customer "lumen" is ambiguous: #1 Lumen\n {2}Foods, #2 Lumen Outfitters\n/);
    const piped = await runSpm(['sale', 'add', 'lumen', '100'], { db: temp.dbPath, columns: 50 });
    expect(piped.stderr.split('\n')[0]).toBe('spm: customer "lumen" is ambiguous: #1 Lumen Foods, #2 Lumen Outfitters');
  });
});
