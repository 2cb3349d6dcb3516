// spm deal edit: correct a deal's customer, title, value, close date, product, technique or note.
import type { AppContext } from '../../cli/context.js';
import type { Deal } from '../../domain/deal.js';
import { assertCloseAfterCreated } from '../../domain/deal.js';
import { InputError } from '../../domain/errors.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';
import { canonicalDealLabels, dealPatchFromFlags, parseDealId, parseDealValue, type DealFlags } from './fields.js';
import { dealJson, dealSetup } from './present.js';

export interface DealEditOptions extends DealFlags {
  customer?: string;
  value?: string;
}

export async function runDealEdit(idText: string, options: DealEditOptions, ctx: AppContext): Promise<Deal> {
  const id = parseDealId(idText);
  const patch = dealPatchFromFlags(options, ctx);
  if (options.value !== undefined) patch.valueCents = parseDealValue(options.value, '--value');
  if (Object.keys(patch).length === 0 && options.customer === undefined) throw new InputError('nothing to change', 'Give at least one option, e.g. --value 9000 or --close 2026-06-30.');
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const deal = store.write(() => {
    const current = store.deals.get(id);
    if (options.customer !== undefined) patch.customerId = store.customers.resolve(options.customer).id;
    if (patch.expectedCloseDate !== undefined) assertCloseAfterCreated(patch.expectedCloseDate, current.createdDate);
    return store.deals.update(id, canonicalDealLabels(patch, store));
  });
  if (ctx.globals.json) writeJson(ctx.io, dealJson(deal, today, store.read(() => dealSetup(store)).probabilities));
  else say(ctx, `${ctx.theme().green('✓')} Updated deal #${deal.id} ${sanitizeLine(deal.title)}`);
  return deal;
}
