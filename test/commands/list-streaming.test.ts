// `sale list` and `checkin list` write rows as SQLite reads them. What they print must be byte
// for byte what printing the whole list at once printed: checked here on the demo database,
// against that older way (every row in an array, then one write), for piped TSV and --json.
import { describe, expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { renderList, type Column } from '../../src/ui/table.js';
import { createTheme } from '../../src/ui/theme.js';
import { formatMoney } from '../../src/domain/money.js';
import type { Sale } from '../../src/domain/records.js';
import { Store } from '../../src/store/store.js';
import { saleJson } from '../../src/commands/sale/present.js';
import { checkinJson } from '../../src/commands/checkin/present.js';
import { BufferedIo } from '../../src/ui/io.js';
import { writeJson } from '../../src/ui/json.js';

const temp = useTempDb();
const NOW = '2026-11-28';
const run = (args: string[]) => runSpm(args, { db: temp.dbPath, now: NOW });

/** What writeJson printed for a whole array at once. */
function json(value: unknown): string {
  const io = new BufferedIo(false, false);
  writeJson(io, value);
  return io.stdout;
}

/** The lists as the non-streaming code printed them: all rows first, then one string. */
function printedAtOnce(dbPath: string) {
  const store = Store.open(dbPath, 'read', () => `${NOW}T12:00:00.000Z`);
  try {
    const sales = store.sales.list({});
    const checkins = store.checkins.list({});
    const tsv = (header: string, rows: (string | number | null)[][]) =>
      `${[header, ...rows.map((cells) => cells.map((cell) => (cell === null ? '' : String(cell))).join('\t'))].join('\n')}\n`;
    return {
      saleTsv: tsv('id\tdate\tcustomer\tamount\toutcome\ttechnique\tproduct\tqty\tnote', sales.map((s) => [
        s.id, s.date, s.customer.name, (s.amountCents / 100).toFixed(2), s.outcome, s.technique, s.product, s.quantity,
        s.outcome === 'lost' && s.reason ? `lost: ${s.reason}${s.note ? ` · ${s.note}` : ''}` : s.note,
      ])),
      saleJson: json(sales.map(saleJson)),
      checkinTsv: tsv('id\tdate\tcustomer\tchannel\tsatisfaction\tnote', checkins.map((c) => [c.id, c.date, c.customer.name, c.channel, c.satisfaction, c.note])),
      checkinJson: json(checkins.map(checkinJson)),
      counts: [sales.length, checkins.length],
    };
  } finally {
    store.close();
  }
}

describe('streamed lists on the demo database', () => {
  test('sale list --all and checkin list --all print what the all-at-once code printed (piped and --json)', async () => {
    expect((await runSpm(['demo', '--db', temp.dbPath], { now: NOW })).code).toBe(0);
    const before = printedAtOnce(temp.dbPath);
    expect(before.counts[0]).toBeGreaterThan(100);
    expect(before.counts[1]).toBeGreaterThan(50);
    expect((await run(['sale', 'list', '--all'])).stdout).toBe(before.saleTsv);
    expect((await run(['sale', 'list', '--all', '--json'])).stdout).toBe(before.saleJson);
    expect((await run(['checkin', 'list', '--all'])).stdout).toBe(before.checkinTsv);
    expect((await run(['checkin', 'list', '--all', '--json'])).stdout).toBe(before.checkinJson);
  });

  test('an empty list is a header when piped and [] in JSON', async () => {
    expect((await run(['customer', 'add', 'Acme'])).code).toBe(0);
    expect((await run(['sale', 'list', '--all'])).stdout).toBe('id\tdate\tcustomer\tamount\toutcome\ttechnique\tproduct\tqty\tnote\n');
    expect((await run(['sale', 'list', '--json'])).stdout).toBe('[]\n');
    expect((await run(['checkin', 'list', '--all', '--json'])).stdout).toBe('[]\n');
  });
});

/**
 * `sale list` (piped and on a terminal) shows the cells SQLite puts together
 * (SaleRepository.listText). The rule they must match is the list's columns written over Sale
 * objects, as the list was before, with the note column's rule in TypeScript: renderList's
 * output from those, cell for cell, with control characters, tabs, newlines, escape sequences
 * and bidi marks in every text cell, NULLs and empty strings, each shape of the note column,
 * filters and limits, piped and at two terminal widths.
 */
describe('sale list, cells put together by SQLite, prints what the columns over Sale objects print', () => {
  const nasty = ['plain', 'tab\there', 'two\t\ttabs', 'new\nline', 'cr\r\nlf', 'esc \u001b[31mred\u001b[0m', 'osc \u001b]0;t\title\u0007 end',
    'bell\u0007', 'c1 \u009b31m', 'bidi \u202egpj.exe', 'nul\u0000byte', '\ttrail\t', '', ' · ', 'lost: x', 'ünïcødé ✓'];
  const theme = createTheme(0);

  /** The list's columns over Sale objects: the rule. */
  const ruleColumns = (tty: boolean): Column<Sale>[] => [
    { header: 'ID', value: (s) => s.id, align: 'right' },
    { header: 'Date', value: (s) => s.date },
    { header: 'Customer', value: (s) => s.customer.name, text: true },
    { header: 'Amount', value: (s) => (tty ? formatMoney(s.amountCents, 'USD') : (s.amountCents / 100).toFixed(2)), align: 'right' },
    { header: 'Outcome', value: (s) => s.outcome },
    { header: 'Technique', value: (s) => s.technique, text: true, min: 8, drop: 4 },
    { header: 'Product', value: (s) => s.product, text: true, min: 8, drop: 2 },
    { header: 'Qty', value: (s) => s.quantity, align: 'right', drop: 1 },
    { header: 'Note', value: (s) => (s.outcome === 'lost' && s.reason ? `lost: ${s.reason}${s.note ? ` · ${s.note}` : ''}` : s.note), text: true, min: 12, drop: 3 },
  ];

  function expected(dbPath: string, filter: Record<string, unknown>, tty = false, columns = 100): string {
    const store = Store.open(dbPath, 'read', () => `${NOW}T12:00:00.000Z`);
    try {
      const io = new BufferedIo(tty, tty, columns);
      renderList(io, theme, ruleColumns(tty), store.sales.iterate(filter));
      return io.stdout;
    } finally {
      store.close();
    }
  }

  test('every kind of cell, whole list and filtered, piped and on a terminal', async () => {
    expect((await run(['customer', 'add', 'Acme'])).code).toBe(0);
    expect((await run(['customer', 'add', 'Zeta Ltd'])).code).toBe(0);
    const db = openRaw(temp.dbPath);
    const insert = db.prepare(`INSERT INTO sales (date, customer_id, amount_cents, outcome, reason, technique, product, quantity, note, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-11-28T00:00:00.000Z', '2026-11-28T00:00:00.000Z')`);
    let n = 0;
    for (const a of nasty) {
      for (const b of [null, '', ...nasty.slice(0, 6)]) {
        n++;
        const lost = n % 2 === 0;
        insert.run(`2026-0${1 + (n % 9)}-1${n % 10}`, 1 + (n % 2), n * 1234 + (n % 3), lost ? 'lost' : 'won', lost ? b : null, n % 3 ? a : null, n % 5 ? b : a,
          n % 4 ? n % 7 + 1 : null, n % 3 === 1 ? null : a);
      }
    }
    db.prepare("UPDATE customers SET name = ? WHERE id = 2").run('Zeta\tLtd \u202e\u001b[1m');
    db.close();
    const all = await run(['sale', 'list', '--all']);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n').length).toBe(n + 2);
    expect(all.stdout).toBe(expected(temp.dbPath, {}));
    // Without --all the list stops at its default limit, as the rule's input does.
    const limited = await run(['sale', 'list']);
    const limitedLines = limited.stdout.split('\n').length - 2;
    expect(limitedLines).toBeLessThan(n);
    expect(limited.stdout).toBe(expected(temp.dbPath, { limit: limitedLines }));
    const filtered = await run(['sale', 'list', '--all', '--outcome', 'lost', '--from', '2026-03-01', '--to', '2026-06-30', '--customer', 'acme']);
    expect(filtered.stdout).toBe(expected(temp.dbPath, { outcome: 'lost', from: '2026-03-01', to: '2026-06-30', customerId: 1 }));
    expect(filtered.stdout.split('\n').length).toBeGreaterThan(5);
    // On a terminal: the fitted table, wide and narrow (columns dropped, text cut).
    for (const columns of [200, 60]) {
      const tty = await runSpm(['sale', 'list', '--all'], { db: temp.dbPath, now: NOW, tty: true, columns });
      expect(tty.code).toBe(0);
      expect(tty.stdout).toBe(expected(temp.dbPath, {}, true, columns));
      expect(tty.stdout.split('\n').length).toBe(n + 2);
    }
  });
});
