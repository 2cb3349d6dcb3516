// spm sale rm: delete a sale after confirmation (--yes when not on a terminal).
import type { AppContext } from '../../cli/context.js';
import type { Sale } from '../../domain/records.js';
import { formatMoney } from '../../domain/money.js';
import { parseId } from '../../domain/reference.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { confirmDeletion, say } from '../shared.js';
import { saleJson } from './present.js';
import { applyFollowupChanges } from '../followup/automatic.js';
import { followupChangesForSaleRemoval } from '../../domain/followup-policy.js';

export async function runSaleRm(idText: string, ctx: AppContext): Promise<Sale> {
  const id = parseId(idText, 'sale');
  const store = ctx.store('write');
  const sale = store.read(() => store.sales.get(id));
  const currency = store.settings.get().currency;
  await confirmDeletion(ctx, `Delete sale #${sale.id} (${sanitizeLine(sale.customer.name)}, ${formatMoney(sale.amountCents, currency)} on ${sale.date})?`);
  const today = ctx.clock.today();
  // Its open follow-ups ("after sale #N") would outlive it, naming a sale that is gone (or, the
  // ids being reused, another one).
  const cancelled = store.write(() => {
    const { cancelled } = applyFollowupChanges(store, id, followupChangesForSaleRemoval(id, store.followups.openForSale(id)), today);
    store.sales.delete(id);
    return cancelled;
  });
  if (ctx.globals.json) writeJson(ctx.io, saleJson(sale));
  else say(ctx, `${ctx.theme().green('✓')} Deleted sale #${sale.id}${cancelled.length ? `; cancelled its follow-up ${cancelled.map((f) => `#${f.id}`).join(', ')}` : ''}`);
  return sale;
}
