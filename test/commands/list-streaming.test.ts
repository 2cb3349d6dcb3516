// `sale list` and `checkin list` write rows as SQLite reads them. What they print must be byte
// for byte what printing the whole list at once printed: checked here on the demo database,
// against that older way (every row in an array, then one write), for piped TSV and --json.
import { describe, expect, test } from '@jest/globals';
import { openRaw, runSpm, useTempDb } from '../helpers/run-spm.js';
import { saleColumns } from '../../src/commands/sale/list.js';
import { renderList } from '../../src/ui/table.js';
import { createTheme } from '../../src/ui/theme.js';
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
 * Piped `sale list` lines are put together by SQLite (SaleRepository.listText); renderList over
 * the Sale objects, column by column, is the rule they must match, cell for cell: control
 * characters, tabs, newlines, escape sequences and bidi marks in every text cell, NULLs and
 * empty strings, each shape of the note column, filters and limits.
 */
describe('piped sale list, put together by SQLite, prints what renderList prints', () => {
  const nasty = ['plain', 'tab\there', 'two\t\ttabs', 'new\nline', 'cr\r\nlf', 'esc \u001b[31mred\u001b[0m', 'osc \u001b]0;t\title\u0007 end',
    'bell\u0007', 'c1 \u009b31m', 'bidi \u202egpj.exe', 'nul\u0000byte', '\ttrail\t', '', ' · ', 'lost: x', 'ünïcødé ✓'];

  function expected(dbPath: string, filter: Record<string, unknown>): string {
    const store = Store.open(dbPath, 'read', () => `${NOW}T12:00:00.000Z`);
    try {
      const io = new BufferedIo(false, false);
      const ctx = { io, theme: () => createTheme(0) } as unknown as Parameters<typeof saleColumns>[0];
      renderList(io, createTheme(0), saleColumns(ctx, createTheme(0), 'USD'), store.sales.iterate(filter));
      return io.stdout;
    } finally {
      store.close();
    }
  }

  test('every kind of cell, whole list and filtered', async () => {
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
    // Without --all the list stops at its default limit, as renderList's input does.
    const limited = await run(['sale', 'list']);
    const limitedLines = limited.stdout.split('\n').length - 2;
    expect(limitedLines).toBeLessThan(n);
    expect(limited.stdout).toBe(expected(temp.dbPath, { limit: limitedLines }));
    const filtered = await run(['sale', 'list', '--all', '--outcome', 'lost', '--from', '2026-03-01', '--to', '2026-06-30', '--customer', 'acme']);
    expect(filtered.stdout).toBe(expected(temp.dbPath, { outcome: 'lost', from: '2026-03-01', to: '2026-06-30', customerId: 1 }));
    expect(filtered.stdout.split('\n').length).toBeGreaterThan(5);
  });
});
