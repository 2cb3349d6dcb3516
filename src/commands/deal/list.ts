// spm deal list: deals by stage, customer and status (open by default), soonest close first.
import type { AppContext } from '../../cli/context.js';
import type { Deal, DealStatus } from '../../domain/deal.js';
import { daysInStage, parseDealStatus, resolveStage } from '../../domain/deal.js';
import { formatMoney, plainAmount } from '../../domain/money.js';
import { probabilityOf, toPercent2 } from '../../domain/deal-probability.js';
import { renderList } from '../../ui/table.js';
import { writeJson } from '../../ui/json.js';
import { listFooter, listLimit, type ListLimitOptions } from '../shared.js';
import { dealJson, dealSetup } from './present.js';

export interface DealListOptions extends ListLimitOptions {
  stage?: string;
  customer?: string;
  status?: string;
}

export async function runDealList(options: DealListOptions, ctx: AppContext): Promise<Deal[]> {
  const today = ctx.clock.today();
  const limit = listLimit(options);
  const status = options.status !== undefined ? parseDealStatus(options.status) : 'open';
  const store = ctx.store('read');
  const { deals, total, setup } = store.read(() => {
    const setup = dealSetup(store);
    const stage = options.stage !== undefined ? resolveStage(options.stage, setup.stages) : undefined;
    const customerId = options.customer !== undefined ? store.customers.resolve(options.customer).id : undefined;
    const filter = { status: status === 'all' ? undefined : (status as DealStatus), stage, customerId };
    return { deals: store.deals.list({ ...filter, limit }), total: store.deals.count(filter), setup };
  });
  if (ctx.globals.json) {
    writeJson(ctx.io, deals.map((d) => dealJson(d, today, setup.probabilities)));
    return deals;
  }
  const money = (cents: number) => (ctx.io.stdoutIsTTY ? formatMoney(cents, setup.settings.currency, true) : plainAmount(cents));
  await renderList(ctx.io, ctx.theme(), [
    { header: 'ID', value: (d) => d.id, align: 'right' },
    { header: 'Customer', value: (d) => d.customer.name, text: true },
    { header: 'Title', value: (d) => d.title, text: true, drop: 3 },
    { header: 'Value', value: (d) => money(d.valueCents), align: 'right' },
    { header: 'Stage', value: (d) => (d.status === 'open' ? d.stage : `${d.status} (${d.stage})`), text: true, min: 8 },
    { header: 'Days', value: (d) => (d.status === 'open' ? daysInStage(d, today) : null), align: 'right', drop: 1 },
    { header: 'Close', value: (d) => d.closedDate ?? d.expectedCloseDate, drop: 2 },
    { header: 'Win %', value: (d) => (d.status === 'open' ? toPercent2(probabilityOf(setup.probabilities, d.stage)) : null), align: 'right' },
  ], deals);
  listFooter(ctx, deals.length, total);
  return deals;
}
