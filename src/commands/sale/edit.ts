// spm sale edit: correct a sale; any flag given replaces that field.
import { checkLabel } from '../ask.js';
import type { AppContext } from '../../cli/context.js';
import type { Sale } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { parseAmount } from '../../domain/money.js';
import { parseId } from '../../domain/reference.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';
import { assertReasonOnlyWhenLost, canonicalizeLabels, salePatchFromFlags, type SaleFlags } from './fields.js';
import { saleJson } from './present.js';
import { applyFollowupChanges } from '../followup/automatic.js';
import { followupJson } from '../followup/present.js';
import { followupChangesForSaleEdit } from '../../domain/followup-policy.js';
import { sanitizeLine } from '../../domain/text.js';
import type { LocalDate } from '../../domain/local-date.js';
import type { Followup } from '../../domain/records.js';

/** What an edit did to the sale's follow-ups, in JSON. */
function followupEffectsJson(effects: { cancelled: Followup[]; moved: Followup[]; scheduled: Followup[] }, today: LocalDate) {
  return { cancelled: effects.cancelled.map((f) => followupJson(f, today)), moved: effects.moved.map((f) => followupJson(f, today)), scheduled: effects.scheduled.map((f) => followupJson(f, today)) };
}

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
  if (patch.technique) patch.technique = await checkLabel(ctx, 'technique', patch.technique);
  if (patch.product) patch.product = await checkLabel(ctx, 'product', patch.product);
  const store = ctx.store('write');
  const today = ctx.clock.today();
  const { sale, followups } = store.write(() => {
    const current = store.sales.get(id);
    if (options.customer !== undefined) patch.customerId = store.customers.resolve(options.customer).id;
    const outcome = patch.outcome ?? current.outcome;
    // Winning a lost sale drops its loss reason unless a new one is given.
    if (outcome === 'won' && patch.reason === undefined) patch.reason = null;
    assertReasonOnlyWhenLost(outcome, patch.reason);
    const sale = store.sales.update(id, canonicalizeLabels(patch, store));
    // The sale's automatic follow-up follows it: to the new customer or day, cancelled when lost.
    const facts = (s: Sale) => ({ customerId: s.customer.id, date: s.date, outcome: s.outcome });
    const open = store.followups.openForSale(id).filter((f) => f.source === 'post-sale');
    const changes = followupChangesForSaleEdit(facts(current), facts(sale), open, store.settings.get().postSaleFollowUpDays, store.customers.get(sale.customer.id).archived);
    return { sale, followups: applyFollowupChanges(store, id, changes, today) };
  });
  if (ctx.globals.json) writeJson(ctx.io, { ...saleJson(sale), followups: followupEffectsJson(followups, today) });
  else {
    const theme = ctx.theme();
    say(ctx, `${theme.green('✓')} Updated sale #${sale.id}`);
    for (const f of followups.cancelled) say(ctx, `${theme.green('✓')} Cancelled its follow-up #${f.id} (sale marked lost)`);
    for (const f of followups.moved) say(ctx, `${theme.green('✓')} Moved its follow-up #${f.id}: ${sanitizeLine(f.customer.name)}, due ${f.dueDate}`);
    for (const f of followups.scheduled) say(ctx, `${theme.green('✓')} Follow-up #${f.id} scheduled for ${f.dueDate}`);
  }
  return sale;
}
