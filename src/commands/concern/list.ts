// spm concern list: open concerns oldest first, with their age; --all adds resolved ones.
import type { AppContext } from '../../cli/context.js';
import type { Concern } from '../../domain/records.js';
import { daysBetween } from '../../domain/local-date.js';
import { renderList } from '../../ui/table.js';
import { writeJson } from '../../ui/json.js';
import { listFooter } from '../shared.js';
import { concernJson } from './present.js';

export async function runConcernList(options: { all?: boolean; customer?: string }, ctx: AppContext): Promise<Concern[]> {
  const today = ctx.clock.today();
  const store = ctx.store('read');
  const { concerns, total } = store.read(() => {
    const customerId = options.customer !== undefined ? store.customers.resolve(options.customer).id : undefined;
    const filter = { openOnly: !options.all, customerId };
    return { concerns: store.concerns.list(filter), total: store.concerns.count(filter) };
  });
  if (ctx.globals.json) {
    writeJson(ctx.io, concerns.map(concernJson));
    return concerns;
  }
  const theme = ctx.theme();
  await renderList(ctx.io, theme, [
    { header: 'ID', value: (c) => c.id, align: 'right' },
    { header: 'Opened', value: (c) => c.openedDate, drop: 3 },
    { header: 'Age', value: (c) => `${daysBetween(c.openedDate, c.resolvedDate ?? today)}d`, align: 'right' },
    { header: 'Customer', value: (c) => c.customer.name, text: true },
    { header: 'Severity', value: (c) => c.severity, style: (t, c) => (c.severity === 'high' ? theme.red(t) : t) },
    { header: 'Status', value: (c) => c.status, drop: 2 },
    { header: 'Summary', value: (c) => c.summary, text: true, min: 12 },
    { header: 'Resolution', value: (c) => c.resolution, text: true, drop: 1 },
  ], concerns);
  listFooter(ctx, concerns.length, total);
  return concerns;
}
