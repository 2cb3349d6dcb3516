// `sale list` and `checkin list` write rows as SQLite reads them. What they print must be byte
// for byte what printing the whole list at once printed: checked here on the demo database,
// against that older way (every row in an array, then one write), for piped TSV and --json.
import { describe, expect, test } from '@jest/globals';
import { runSpm, useTempDb } from '../helpers/run-spm.js';
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
