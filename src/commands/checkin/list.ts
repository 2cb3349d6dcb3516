// spm checkin list: check-ins newest first, by dates and customer.
import type { AppContext } from '../../cli/context.js';
import type { Checkin } from '../../domain/records.js';
import { parseDateRange } from '../../domain/local-date.js';
import { renderList } from '../../ui/table.js';
import { writeJson } from '../../ui/json.js';
import { listFooter, listLimit, type ListLimitOptions } from '../shared.js';
import { checkinJson } from './present.js';

export interface CheckinListOptions extends ListLimitOptions {
  from?: string;
  to?: string;
  customer?: string;
}

export async function runCheckinList(options: CheckinListOptions, ctx: AppContext): Promise<Checkin[]> {
  const today = ctx.clock.today();
  const limit = listLimit(options);
  const { from, to } = parseDateRange(options.from, options.to, today);
  const store = ctx.store('read');
  const { checkins, total } = store.read(() => {
    const customerId = options.customer !== undefined ? store.customers.resolve(options.customer).id : undefined;
    const filter = { from, to, customerId };
    return { checkins: store.checkins.list({ ...filter, limit }), total: store.checkins.count(filter) };
  });
  if (ctx.globals.json) {
    writeJson(ctx.io, checkins.map(checkinJson));
    return checkins;
  }
  const theme = ctx.theme();
  await renderList(ctx.io, theme, [
    { header: 'ID', value: (c) => c.id, align: 'right' },
    { header: 'Date', value: (c) => c.date },
    { header: 'Customer', value: (c) => c.customer.name, text: true },
    { header: 'Channel', value: (c) => c.channel },
    { header: 'Satisfaction', value: (c) => c.satisfaction, align: 'right', style: (t, c) => (c.satisfaction !== null && c.satisfaction <= 2 ? theme.red(t) : t), drop: 1 },
    { header: 'Note', value: (c) => c.note, text: true, drop: 2 },
  ], checkins);
  listFooter(ctx, checkins.length, total);
  return checkins;
}
