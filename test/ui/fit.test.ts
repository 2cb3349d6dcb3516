import { describe, expect, test } from '@jest/globals';
import { charWidth, fitLine, packItems, terminalWidth, truncate, visibleWidth, wrap } from '../../src/ui/fit.js';
import { layoutColumns, renderTable, type Column } from '../../src/ui/table.js';
import { createTheme } from '../../src/ui/theme.js';
import { expectFitsWidth, overlongLines } from '../helpers/fit.js';

describe('terminalWidth', () => {
  test.each([
    [undefined, {}, 80],
    [132, {}, 132],
    [132, { COLUMNS: '60' }, 60],
    [undefined, { COLUMNS: '50' }, 50],
    [undefined, { COLUMNS: 'wide' }, 80],
    [0, { COLUMNS: '0' }, 80],
    [5, {}, 20],
  ])('reported %p with %p is %p', (reported, env, expected) => {
    expect(terminalWidth(reported, env)).toBe(expected);
  });
});

test('dashes, ellipses, box drawing, blocks, shapes, symbols and dingbats are one column: none is a mark or a format character', () => {
  // charWidth answers these before its property test for marks and format characters.
  const zeroWidth = /[\p{Mn}\p{Me}\p{Cf}\u200b]/u;
  let checked = 0;
  for (const [from, to] of [[0x2010, 0x2027], [0x2500, 0x27bf]]) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCodePoint(code);
      expect([code, zeroWidth.test(char)]).toEqual([code, false]);
      expect([code, charWidth(char)]).toEqual([code, 1]);
      checked++;
    }
  }
  expect(checked).toBe(24 + 0x2c0);
  // Just outside: a combining mark for symbols, and a format character.
  expect(charWidth('\u20d7')).toBe(0);
  expect(charWidth('\u202e')).toBe(0);
  expect(visibleWidth('\u2581\u2588\u2591\u2502\u2605\u25b2\u25bc\u2013\u2014\u2026')).toBe(10);
});

test('visibleWidth is the sum of charWidth over the characters, ANSI codes left out, for any mix of scripts', () => {
  // The definition, character by character; visibleWidth answers most lines without the loop.
  const byChar = (text: string) => [...text.replace(/\u001b\[[0-9;]*m/g, '')].reduce((sum, char) => sum + charWidth(char), 0);
  const alphabet = [
    'a', 'Z', ' ', '~', '$', '\u007f', '\u0085', '\u0009', '\u00a0', '\u00b7', '\u00e9', '\u02ff', '\u0300', '\u0301', '\u036f',
    '\u2010', '\u2013', '\u2014', '\u2026', '\u2027', '\u2028', '\u200b', '\u202e', '\u20ac', '\u20d7', '\u2122', '\u24ff',
    '\u2500', '\u2588', '\u2591', '\u25b2', '\u2605', '\u27bf', '\u27c0', '\u3042', '\u65e5', '\uff01', '\ud83d\ude00', '\u2615',
    '\u001b[31m', '\u001b[0m',
  ];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 3000; i++) {
    const text = Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    expect([text, visibleWidth(text)]).toEqual([text, byChar(text)]);
  }
  for (const char of alphabet) expect([char, visibleWidth(char)]).toEqual([char, byChar(char)]);
});

describe('visibleWidth and truncate', () => {
  test.each([
    ['abc', 3],
    ['\u001b[31mred\u001b[39m', 3],
    ['Café', 4],
    ['e\u0301', 1],
    ['日本', 4],
    ['★★★', 3],
    ['a\u200bb', 2],
    ['\u{1F6D2} cart', 7],
    ['\u{1F1E6}', 1],
    ['', 0],
  ])('%p is %p wide', (text, width) => {
    expect(visibleWidth(text)).toBe(width);
  });

  test.each([
    ['Kestrel Outfitters', 10, 'Kestrel O…'],
    ['Kestrel Outfitters', 8, 'Kestrel…'],
    ['Kestrel Outfitters', 18, 'Kestrel Outfitters'],
    ['Kestrel Outfitters', 1, '…'],
    ['Kestrel Outfitters', 0, ''],
    ['日本語のテキスト', 7, '日本語…'],
  ])('truncate(%p, %p) is %p', (text, width, expected) => {
    expect(truncate(text, width)).toBe(expected);
    expect(visibleWidth(truncate(text, width))).toBeLessThanOrEqual(width);
  });

  test('a coloured line keeps its codes and ends with a reset when cut', () => {
    expect(truncate('\u001b[31mhello world\u001b[39m', 6)).toBe('\u001b[31mhello…\u001b[0m');
  });

  test('an unlimited width cuts nothing', () => {
    expect(truncate('x'.repeat(500), Number.POSITIVE_INFINITY)).toBe('x'.repeat(500));
  });
});

describe('fitLine', () => {
  const parts = ['   #71  ', '24 days overdue   ', { text: 'Kestrel Outfitters', min: 10, shrinkFirst: 0 }, ' — ', { text: 'post-sale · training $2,800', min: 8, shrinkFirst: 1 }];

  test('fits as is when there is room', () => {
    expect(fitLine(parts, 200)).toBe('   #71  24 days overdue   Kestrel Outfitters — post-sale · training $2,800');
  });

  test('cuts the part that shrinks first, down to its minimum, then the next', () => {
    // 8 + 18 + 18 + 3 + 27 = 74 columns. At 60 the reason gives 14 (to 13, the space before
    // the cut dropped); at 50 it gives 19 (to its minimum of 8), then the name 5 (to 13).
    expect(fitLine(parts, 60)).toBe('   #71  24 days overdue   Kestrel Outfitters — post-sale ·…');
    expect(fitLine(parts, 50)).toBe('   #71  24 days overdue   Kestrel Outf… — post-sa…');
  });

  test('cuts below the minimums rather than overflow, and keeps fixed parts whole', () => {
    const line = fitLine(parts, 40);
    expect(visibleWidth(line)).toBeLessThanOrEqual(40);
    expect(line.startsWith('   #71  24 days overdue   ')).toBe(true);
  });

  test('piped (infinite width) is never cut, styles kept: the line a wide terminal gets', () => {
    const styled = [...parts, ' ', { text: 'ünïcode 漢字', min: 4, style: (t: string) => `<${t}>` }];
    expect(fitLine(styled, Number.POSITIVE_INFINITY)).toBe('   #71  24 days overdue   Kestrel Outfitters — post-sale · training $2,800 <ünïcode 漢字>');
    expect(fitLine(styled, Number.POSITIVE_INFINITY)).toBe(fitLine(styled, 1000));
  });
});

describe('tables', () => {
  interface Row { id: number; name: string; amount: string; note: string; qty: number }
  const rows: Row[] = [
    { id: 145, name: 'Willow Logistics', amount: '$3,650.00', note: 'lost: went with a competitor', qty: 2 },
    { id: 9, name: 'Dune Bakery', amount: '$18,250.00', note: '', qty: 14 },
  ];
  const columns: Column<Row>[] = [
    { header: 'ID', value: (r) => r.id, align: 'right' },
    { header: 'Customer', value: (r) => r.name, text: true },
    { header: 'Amount', value: (r) => r.amount, align: 'right' },
    { header: 'Qty', value: (r) => r.qty, align: 'right', drop: 2 },
    { header: 'Note', value: (r) => r.note, text: true, drop: 1 },
  ];
  const theme = createTheme(0);

  test('a table that fits is drawn whole, two spaces between columns', () => {
    expect(renderTable(theme, columns, rows, 200)).toBe([
      ' ID  Customer              Amount  Qty  Note',
      '145  Willow Logistics   $3,650.00    2  lost: went with a competitor',
      '  9  Dune Bakery       $18,250.00   14',
      '',
    ].join('\n'));
  });

  test('droppable free text is cut to fit before anything drops; ids and amounts stay whole', () => {
    // Needed: 3 + 16 + 10 + 3 + Note at its minimum 10 + 4 gaps of 2 = 50: everything stays,
    // and Note gets what is left, 10 columns.
    expect(renderTable(theme, columns, rows, 50)).toBe([
      ' ID  Customer              Amount  Qty  Note',
      '145  Willow Logistics   $3,650.00    2  lost: wen…',
      '  9  Dune Bakery       $18,250.00   14',
      '',
    ].join('\n'));
  });

  test('columns drop (drop: 1 first) before the names are cut; names are cut last', () => {
    // 50 > 34: Note goes; 38 > 34: Qty goes; 3 + 16 + 10 + 4 = 33 fits, names whole.
    const text = renderTable(theme, columns, rows, 34);
    expect(text.split('\n').slice(0, 2)).toEqual([' ID  Customer              Amount', '145  Willow Logistics   $3,650.00']);
    expectFitsWidth(text, 34);
    // Nothing left to drop at 28: Customer gets 28 - 17 = 11 columns.
    expect(renderTable(theme, columns, rows, 28).split('\n').slice(0, 2)).toEqual([' ID  Customer         Amount', '145  Willow Log…   $3,650.00']);
  });

  test('layoutColumns keeps short text columns whole and cuts the widest first', () => {
    const layout = layoutColumns([3, 6, 30], [{}, { text: true }, { text: true }], 30);
    expect(layout).toEqual({ shown: [0, 1, 2], widths: [3, 6, 17] });
  });

  test('overlongLines reports lines wider than the width, ANSI excluded', () => {
    expect(overlongLines('\u001b[1mabc\u001b[22m\nabcdef', 4)).toEqual(['6: abcdef']);
  });
});

describe('piped output (infinite width) skips measuring', () => {
  // Random texts of words, runs of spaces, ANSI styles, wide and zero-width characters; the
  // general path at a width nothing reaches is the rule the unmeasured path must give.
  let state = 11;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pieces = ['a', 'word', 'Kestrel', ' ', '  ', '   ', '—', '…', '●', '漢字', 'e\u0301', '\u001b[31m', '\u001b[39m', '$1,200', '\t', ''];
  const text = () => Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
  const cases = Array.from({ length: 400 }, () => ({ text: text(), indent: ['', '  ', '\u001b[2m- '][Math.floor(random() * 3)], hanging: ['', '    '][Math.floor(random() * 2)], cut: random() < 0.5 }));

  test('wrap gives the line the general path gives at any finite width that fits it', () => {
    for (const c of cases) {
      expect({ ...c, lines: wrap(c.text, Number.POSITIVE_INFINITY, c.indent, c.hanging, c.cut) }).toEqual({ ...c, lines: wrap(c.text, 1e12, c.indent, c.hanging, c.cut) });
    }
    expect(wrap('  two   words ', Number.POSITIVE_INFINITY, '> ')).toEqual(['> two words']);
    expect(wrap('', Number.POSITIVE_INFINITY, '> ')).toEqual(['> ']);
  });

  test('fitLine gives the line the general path gives at any finite width that fits it', () => {
    for (let i = 0; i < 300; i++) {
      const parts = Array.from({ length: Math.floor(random() * 6) }, (_, j) => (random() < 0.5 ? text()
        : { text: text(), min: j, shrinkFirst: j % 2, ...(random() < 0.5 ? { style: (t: string) => `<${t}>` } : {}) }));
      expect({ i, line: fitLine(parts, Number.POSITIVE_INFINITY) }).toEqual({ i, line: fitLine(parts, 1e12) });
    }
  });

  test('packItems gives the line the general path gives at any finite width that fits it', () => {
    for (let i = 0; i < 200; i++) {
      const items = Array.from({ length: Math.floor(random() * 6) }, text);
      const [first, sep, indent] = [text(), [' · ', '   ', ''][i % 3], '      '];
      expect({ items, lines: packItems(items, Number.POSITIVE_INFINITY, first, sep, indent) }).toEqual({ items, lines: packItems(items, 1e12, first, sep, indent) });
    }
    expect(packItems(['a', 'b c'], Number.POSITIVE_INFINITY, 'More: ', ' · ', '  ')).toEqual(['More: a · b c']);
    expect(packItems([], Number.POSITIVE_INFINITY, 'More: ', ' · ', '  ')).toEqual(['More: ']);
  });
});
