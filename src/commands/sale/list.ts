// spm sale list: sales newest first, filtered by dates, customer, technique, product, outcome.
import type { AppContext } from '../../cli/context.js';
import type { Sale, SaleOutcome } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseDateRange } from '../../domain/local-date.js';
import { formatMoney } from '../../domain/money.js';
import { renderList } from '../../ui/table.js';
import { writeJson } from '../../ui/json.js';
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

export async function runSaleList(options: SaleListOptions, ctx: AppContext): Promise<Sale[]> {
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
  const { sales, total, currency } = store.read(() => {
    const customerId = options.customer !== undefined ? store.customers.resolve(options.customer).id : undefined;
    const filter = { from, to, customerId, technique: options.technique, product: options.product, outcome };
    return { sales: store.sales.list({ ...filter, limit }), total: store.sales.count(filter), currency: store.settings.get().currency };
  });
  if (ctx.globals.json) {
    writeJson(ctx.io, sales.map(saleJson));
    return sales;
  }
  const theme = ctx.theme();
  await renderList(ctx.io, theme, [
    { header: 'ID', value: (s) => s.id, align: 'right' },
    { header: 'Date', value: (s) => s.date },
    { header: 'Customer', value: (s) => s.customer.name, text: true },
    { header: 'Amount', value: (s) => (ctx.io.stdoutIsTTY ? formatMoney(s.amountCents, currency) : (s.amountCents / 100).toFixed(2)), align: 'right' },
    { header: 'Outcome', value: (s) => s.outcome, style: (t, s) => (s.outcome === 'won' ? theme.green(t) : theme.red(t)) },
    { header: 'Technique', value: (s) => s.technique, text: true, min: 8, drop: 4 },
    { header: 'Product', value: (s) => s.product, text: true, min: 8, drop: 2 },
    { header: 'Qty', value: (s) => s.quantity, align: 'right', drop: 1 },
    { header: 'Note', value: (s) => (s.outcome === 'lost' && s.reason ? `lost: ${s.reason}${s.note ? ` · ${s.note}` : ''}` : s.note), text: true, min: 12, drop: 3 },
  ], sales);
  listFooter(ctx, sales.length, total);
  return sales;
}
