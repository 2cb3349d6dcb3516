// spm deal rm: delete a deal and its stage history (its sale, if any, stays: it happened). Its
// open follow-ups are cancelled (they were about the deal); done ones stay, unlinked.
import type { AppContext } from '../../cli/context.js';
import type { Deal } from '../../domain/deal.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { confirmDeletion, say } from '../shared.js';
import { dealJson, dealSetup } from './present.js';
import { parseDealId } from './fields.js';

export async function runDealRm(idText: string, ctx: AppContext): Promise<Deal> {
  const id = parseDealId(idText);
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const deal = store.read(() => store.deals.get(id));
  await confirmDeletion(ctx, `Delete deal #${deal.id} (${sanitizeLine(deal.customer.name)} · ${sanitizeLine(deal.title)})?`);
  const cancelled = store.write(() => {
    const open = store.followups.closeMany(store.followups.openForDeal(id).map((f) => f.id), 'cancelled', today, `deal #${id} deleted`);
    store.deals.delete(id);
    return open.length;
  });
  if (ctx.globals.json) writeJson(ctx.io, dealJson(deal, today, store.read(() => dealSetup(store)).probabilities));
  else {
    say(ctx, `${ctx.theme().green('✓')} Deleted deal #${deal.id}${deal.saleId !== null ? ` (sale #${deal.saleId} stays)` : ''}`);
    if (cancelled > 0) say(ctx, `  Cancelled its ${cancelled === 1 ? 'open follow-up' : `${cancelled} open follow-ups`}`);
  }
  return deal;
}
