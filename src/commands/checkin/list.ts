// spm checkin list: check-ins newest first, by dates and customer.
import type { AppContext } from '../../cli/context.js';
import type { Checkin } from '../../domain/records.js';
import { parseDateRange } from '../../domain/local-date.js';
import { renderList, type Column } from '../../ui/table.js';
import { writeJsonArray } from '../../ui/json.js';
import { listFooter, listLimit, type ListLimitOptions } from '../shared.js';
import { checkinJson } from './present.js';

export interface CheckinListOptions extends ListLimitOptions {
  from?: string;
  to?: string;
  customer?: string;
}

/** Writes the check-ins as SQLite reads them (see sale list) and returns how many were shown. */
export async function runCheckinList(options: CheckinListOptions, ctx: AppContext): Promise<number> {
  const today = ctx.clock.today();
  const limit = listLimit(options);
  const { from, to } = parseDateRange(options.from, options.to, today);
  const store = ctx.store('read');
  const theme = ctx.theme();
  return store.read(() => {
    const customerId = options.customer !== undefined ? store.customers.resolve(options.customer).id : undefined;
    const filter = { from, to, customerId };
    const checkins = store.checkins.iterate({ ...filter, limit });
    if (ctx.globals.json) return writeJsonArray(ctx.io, checkins, checkinJson);
    const shown = renderList(ctx.io, theme, [
      { header: 'ID', value: (c) => c.id, align: 'right' },
      { header: 'Date', value: (c) => c.date },
      { header: 'Customer', value: (c) => c.customer.name, text: true },
      { header: 'Channel', value: (c) => c.channel },
      { header: 'Satisfaction', value: (c) => c.satisfaction, align: 'right', style: (t, c) => (c.satisfaction !== null && c.satisfaction <= 2 ? theme.red(t) : t), drop: 1 },
      { header: 'Note', value: (c) => c.note, text: true, drop: 2 },
    ] satisfies Column<Checkin>[], checkins);
    if (ctx.io.stdoutIsTTY) listFooter(ctx, shown, store.checkins.count(filter));
    return shown;
  });
}
