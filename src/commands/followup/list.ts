// spm followup list: follow-ups by status; open ones soonest due first.
import type { AppContext } from '../../cli/context.js';
import type { Followup, FollowupStatus } from '../../domain/records.js';
import { FOLLOWUP_STATUSES } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { daysOverdue } from '../../domain/followup-rank.js';
import { renderList } from '../../ui/table.js';
import { writeJson } from '../../ui/json.js';
import { listFooter, listLimit, type ListLimitOptions } from '../shared.js';
import { followupJson } from './present.js';

export interface FollowupListOptions extends ListLimitOptions {
  status?: string;
  customer?: string;
}

export async function runFollowupList(options: FollowupListOptions, ctx: AppContext): Promise<Followup[]> {
  const today = ctx.clock.today();
  const limit = listLimit(options);
  const statusText = (options.status ?? 'open').trim().toLowerCase();
  if (statusText !== 'all' && !(FOLLOWUP_STATUSES as readonly string[]).includes(statusText)) {
    throw new InputError(`--status ${JSON.stringify(options.status)} is not open, done, cancelled or all`);
  }
  const status = statusText === 'all' ? undefined : (statusText as FollowupStatus);
  const store = ctx.store('read');
  const { followups, total } = store.read(() => {
    const customerId = options.customer !== undefined ? store.customers.resolve(options.customer).id : undefined;
    const filter = { status, customerId };
    return { followups: store.followups.list({ ...filter, limit }), total: store.followups.count(filter) };
  });
  if (ctx.globals.json) {
    writeJson(ctx.io, followups.map((f) => followupJson(f, today)));
    return followups;
  }
  const theme = ctx.theme();
  await renderList(ctx.io, theme, [
    { header: 'ID', value: (f) => f.id, align: 'right' },
    { header: 'Due', value: (f) => f.dueDate, style: (t, f) => ((daysOverdue(f, today) ?? 0) > 0 ? theme.red(t) : t) },
    { header: 'Customer', value: (f) => f.customer.name, text: true },
    { header: 'Status', value: (f) => f.status, drop: 2 },
    { header: 'Late', value: (f) => daysOverdue(f, today) || '', align: 'right' },
    { header: 'Source', value: (f) => f.source, drop: 1 },
    { header: 'Reason', value: (f) => f.reason, text: true, min: 12 },
  ], followups);
  listFooter(ctx, followups.length, total);
  return followups;
}
