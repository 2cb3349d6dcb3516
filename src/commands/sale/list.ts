// spm sale list: sales newest first, filtered by dates, customer, technique, product, outcome.
import type { AppContext } from '../../cli/context.js';
import type { Theme } from '../../ui/theme.js';
import type { Sale, SaleOutcome } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseDateRange } from '../../domain/local-date.js';
import { formatMoney } from '../../domain/money.js';
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
    const columns = saleColumns(ctx, theme, currency);
    if (!ctx.io.stdoutIsTTY) {
      // The same lines as renderList's, put together by SQLite (1M sales: ~9 -> ~5 s of CPU).
      const lines = function* () {
        for (const [lead, amountCents, rest] of store.sales.listText({ ...filter, limit })) yield sanitizeCells(`${lead}\t${pipedAmount(amountCents)}\t${rest}`);
      };
      return writePipedLines(ctx.io, columns.map((c) => c.header), lines());
    }
    const shown = renderList(ctx.io, theme, columns, store.sales.iterate({ ...filter, limit }));
    // The footer is for a person at a terminal; piped output needs no count.
    listFooter(ctx, shown, store.sales.count(filter));
    return shown;
  });
}

/** Piped output shows amounts as plain numbers (no currency sign, no grouping). */
function pipedAmount(amountCents: number): string {
  return (amountCents / 100).toFixed(2);
}

/** The list's columns; piped output is listText's lines, which an equivalence test holds to these. */
export function saleColumns(ctx: AppContext, theme: Theme, currency: string): Column<Sale>[] {
  return [
    { header: 'ID', value: (s) => s.id, align: 'right' },
    { header: 'Date', value: (s) => s.date },
    { header: 'Customer', value: (s) => s.customer.name, text: true },
    { header: 'Amount', value: (s) => (ctx.io.stdoutIsTTY ? formatMoney(s.amountCents, currency) : pipedAmount(s.amountCents)), align: 'right' },
    { header: 'Outcome', value: (s) => s.outcome, style: (t, s) => (s.outcome === 'won' ? theme.green(t) : theme.red(t)) },
    { header: 'Technique', value: (s) => s.technique, text: true, min: 8, drop: 4 },
    { header: 'Product', value: (s) => s.product, text: true, min: 8, drop: 2 },
    { header: 'Qty', value: (s) => s.quantity, align: 'right', drop: 1 },
    { header: 'Note', value: (s) => (s.outcome === 'lost' && s.reason ? `lost: ${s.reason}${s.note ? ` · ${s.note}` : ''}` : s.note), text: true, min: 12, drop: 3 },
  ];
}
