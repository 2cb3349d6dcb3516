// spm customer list: newest first, with last contact and lifetime value.
import type { AppContext } from '../../cli/context.js';
import type { CustomerListItem } from '../../store/customer-repository.js';
import { formatMoneySummary, plainAmount } from '../../domain/money.js';
import { listFooter, listLimit, type ListLimitOptions } from '../shared.js';
import { renderList } from '../../ui/table.js';
import { writeJson } from '../../ui/json.js';
import { customerJson } from './present.js';

export interface CustomerListOptions extends ListLimitOptions {
  segment?: string;
  search?: string;
}

export async function runCustomerList(options: CustomerListOptions, ctx: AppContext): Promise<CustomerListItem[]> {
  const limit = listLimit(options);
  // --all lists every customer, the archived ones too.
  const filter = { segment: options.segment, search: options.search, includeArchived: Boolean(options.all) };
  const store = ctx.store('read');
  const { customers, total, currency } = store.read(() => ({
    customers: store.customers.list({ ...filter, limit }),
    total: store.customers.count(filter),
    currency: store.settings.get().currency,
  }));
  if (ctx.globals.json) {
    writeJson(ctx.io, customers.map(customerJson));
    return customers;
  }
  const theme = ctx.theme();
  await renderList(ctx.io, theme, [
    { header: 'ID', value: (c) => c.id, align: 'right' },
    { header: 'Name', value: (c) => c.name, style: (t, c) => (c.archived ? theme.dim(`${t} (archived)`) : t), text: true },
    { header: 'Company', value: (c) => c.company, text: true, drop: 3 },
    { header: 'Segment', value: (c) => c.segment, text: true, min: 8, drop: 4 },
    { header: 'Tags', value: (c) => c.tags.join(', '), text: true, drop: 1 },
    { header: 'Every', value: (c) => (c.cadenceDays ? `${c.cadenceDays}d` : ''), drop: 2 },
    { header: 'Last contact', value: (c) => c.lastContact },
    { header: 'Lifetime', value: (c) => (ctx.io.stdoutIsTTY ? formatMoneySummary(c.lifetimeValueCents, currency) : plainAmount(c.lifetimeValueCents)), align: 'right' },
  ], customers);
  listFooter(ctx, customers.length, total);
  return customers;
}
