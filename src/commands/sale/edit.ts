// spm sale edit: correct a sale; any flag given replaces that field.
import type { AppContext } from '../../cli/context.js';
import type { Sale } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseAmount } from '../../domain/money.js';
import { parseId } from '../../domain/reference.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';
import { assertReasonOnlyWhenLost, canonicalizeLabels, salePatchFromFlags, type SaleFlags } from './fields.js';
import { saleJson } from './present.js';

export interface SaleEditOptions extends SaleFlags {
  customer?: string;
  amount?: string;
  won?: boolean;
  lost?: boolean;
}

export async function runSaleEdit(idText: string, options: SaleEditOptions, ctx: AppContext): Promise<Sale> {
  const id = parseId(idText, 'sale');
  if (options.won && options.lost) throw new InputError('--won and --lost cannot be used together');
  const patch = salePatchFromFlags(options, ctx);
  if (options.amount !== undefined) patch.amountCents = parseAmount(options.amount);
  if (options.won) patch.outcome = 'won';
  if (options.lost) patch.outcome = 'lost';
  if (Object.keys(patch).length === 0 && options.customer === undefined) {
    throw new InputError('nothing to change', 'Give at least one flag, e.g. --amount 1500 or --technique referral.');
  }
  const store = ctx.store('write');
  const sale = store.write(() => {
    const current = store.sales.get(id);
    if (options.customer !== undefined) patch.customerId = store.customers.resolve(options.customer).id;
    const outcome = patch.outcome ?? current.outcome;
    // Winning a lost sale drops its loss reason unless a new one is given.
    if (outcome === 'won' && patch.reason === undefined) patch.reason = null;
    assertReasonOnlyWhenLost(outcome, patch.reason);
    return store.sales.update(id, canonicalizeLabels(patch, store));
  });
  if (ctx.globals.json) writeJson(ctx.io, saleJson(sale));
  else say(ctx, `${ctx.theme().green('✓')} Updated sale #${sale.id}`);
  return sale;
}
