// spm sale list: sales newest first, filtered by dates, customer, technique, product, outcome.
import type { AppContext } from '../../cli/context.js';
import type { Theme } from '../../ui/theme.js';
import type { SaleOutcome } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseDateRange } from '../../domain/local-date.js';
import { formatMoney, plainAmount } from '../../domain/money.js';
import { renderList, writePipedLines, type Column } from '../../ui/table.js';
import { sanitizeCells } from '../../domain/text.js';
import { writeJsonArray } from '../../ui/json.js';
import { listFooter, listLimit, type ListLimitOptions } from '../shared.js';
import { saleJson } from './present.js';

export interface SaleListOptions extends ListLimitOptions {
  from?: string;
  to?: string;
  customer?: string;
  technique?: string;
  product?: string;
  outcome?: string;
}

/**
 * Writes the sales as SQLite reads them (piped and --json stream, so `--all` stays flat in
 * memory at any size) and returns how many were shown.
 */
export async function runSaleList(options: SaleListOptions, ctx: AppContext): Promise<number> {
  const today = ctx.clock.today();
  const limit = listLimit(options);
  const { from, to } = parseDateRange(options.from, options.to, today);
  let outcome: SaleOutcome | undefined;
  if (options.outcome !== undefined) {
    const value = options.outcome.trim().toLowerCase();
    if (value !== 'won' && value !== 'lost') throw new InputError(`--outcome ${JSON.stringify(options.outcome)} is not won or lost`);
    outcome = value;
  }
  const store = ctx.store('read');
  const theme = ctx.theme();
  // One read transaction: the rows, the footer's count and the currency share a snapshot.
  return store.read(() => {
    const customerId = options.customer !== undefined ? store.customers.resolve(options.customer).id : undefined;
    const filter = { from, to, customerId, technique: options.technique, product: options.product, outcome };
    const currency = store.settings.get().currency;
    if (ctx.globals.json) return writeJsonArray(ctx.io, store.sales.iterate({ ...filter, limit }), saleJson);
    const rows = store.sales.listText({ ...filter, limit });
    if (!ctx.io.stdoutIsTTY) {
      // Each line as SQLite put it together, the amount added (1M sales: ~6.4 -> ~4.7 s of CPU).
      const lines = function* () {
        for (const [lead, amountCents, rest] of rows) yield sanitizeCells(`${lead}\t${plainAmount(amountCents)}\t${rest}`);
      };
      return writePipedLines(ctx.io, columns(theme, currency).map((c) => c.header), lines());
    }
    const shown = renderList(ctx.io, theme, columns(theme, currency), cellsOf(rows));
    // The footer is for a person at a terminal; piped output needs no count.
    listFooter(ctx, shown, store.sales.count(filter));
    return shown;
  });
}

/** A listed sale's cells, as listText gives them (a tab inside a cell came as a newline). */
interface SaleCells {
  id: string;
  date: string;
  customer: string;
  amountCents: number;
  outcome: string;
  technique: string;
  product: string;
  quantity: string;
  note: string;
}

function* cellsOf(rows: Iterable<[string, number, string]>): Generator<SaleCells> {
  for (const [lead, amountCents, rest] of rows) {
    const [id, date, customer] = lead.split('\t');
    const [outcome, technique, product, quantity, note] = rest.split('\t');
    yield { id, date, customer, amountCents, outcome, technique, product, quantity, note };
  }
}

/** The table's columns on a terminal; piped output is the same cells in this order, the amount a plain number. */
function columns(theme: Theme, currency: string): Column<SaleCells>[] {
  return [
    { header: 'ID', value: (s) => s.id, align: 'right' },
    { header: 'Date', value: (s) => s.date },
    { header: 'Customer', value: (s) => s.customer, text: true },
    { header: 'Amount', value: (s) => formatMoney(s.amountCents, currency), align: 'right' },
    { header: 'Outcome', value: (s) => s.outcome, style: (t, s) => (s.outcome === 'won' ? theme.green(t) : theme.red(t)) },
    { header: 'Technique', value: (s) => s.technique, text: true, min: 8, drop: 4 },
    { header: 'Product', value: (s) => s.product, text: true, min: 8, drop: 2 },
    { header: 'Qty', value: (s) => s.quantity, align: 'right', drop: 1 },
    { header: 'Note', value: (s) => s.note, text: true, min: 12, drop: 3 },
  ];
}
