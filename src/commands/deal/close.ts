// spm deal won / lost / reopen: a deal becomes a won or lost sale linked to it, or goes back
// to open by deleting that sale.
import type { AppContext } from '../../cli/context.js';
import type { Deal } from '../../domain/deal.js';
import type { Followup, Sale } from '../../domain/records.js';
import { assertOpen } from '../../domain/deal.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput, type LocalDate } from '../../domain/local-date.js';
import { parseAmount, formatMoney } from '../../domain/money.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import type { Store } from '../../store/store.js';
import { requireValue, say } from '../shared.js';
import { saleJson } from '../sale/present.js';
import { describeScheduled, schedulePostSaleFollowUp } from '../followup/automatic.js';
import { goalProgressLines } from '../goal/progress.js';
import { dealJson, dealSetup } from './present.js';
import { parseDealId } from './fields.js';

export interface DealCloseOptions {
  amount?: string;
  date?: string;
  reason?: string;
}

function closeDate(ctx: AppContext, text: string | undefined): LocalDate {
  return text !== undefined ? parseDateInput(text, ctx.clock.today(), '--date') : ctx.clock.today();
}

/**
 * Records the deal's sale (customer, product, technique; amount the deal's value unless given)
 * and closes the deal with it, in one transaction. A won sale gets the usual post-sale follow-up.
 */
function closeWithSale(store: Store, id: number, outcome: 'won' | 'lost', date: LocalDate, amountCents: number | undefined, reason: string | null, today: LocalDate):
  { deal: Deal; sale: Sale; followUp: Followup | null } {
  const current = store.deals.get(id);
  assertOpen(current, outcome);
  if (date < current.createdDate) throw new InputError(`--date ${date} is before deal #${id} was created (${current.createdDate})`);
  const sale = store.sales.insert({
    date, customerId: current.customer.id, amountCents: amountCents ?? current.valueCents, outcome,
    reason, product: current.product, technique: current.technique,
  });
  const followUp = schedulePostSaleFollowUp(store, sale, undefined, today);
  return { deal: store.deals.close(id, outcome, date, sale.id, reason), sale, followUp };
}

function report(ctx: AppContext, store: Store, result: { deal: Deal; sale: Sale; followUp: Followup | null }, today: LocalDate): void {
  const { deal, sale } = result;
  if (ctx.globals.json) {
    writeJson(ctx.io, { ...dealJson(deal, today, store.read(() => dealSetup(store)).probabilities), sale: saleJson(sale) });
    return;
  }
  const theme = ctx.theme();
  const currency = store.settings.get().currency;
  const what = sale.outcome === 'won' ? theme.green('won') : theme.red('lost');
  say(ctx, `${theme.green('✓')} Deal #${deal.id} ${sanitizeLine(deal.title)} ${what}: sale #${sale.id} ${formatMoney(sale.amountCents, currency)} on ${sale.date}`);
  describeScheduled(ctx, result.followUp);
  for (const line of store.read(() => goalProgressLines(store, sale, today))) say(ctx, line);
}

export async function runDealWon(idText: string, options: DealCloseOptions, ctx: AppContext): Promise<Deal> {
  const id = parseDealId(idText);
  const amountCents = options.amount !== undefined ? parseAmount(options.amount, { field: '--amount' }) : undefined;
  const date = closeDate(ctx, options.date);
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const result = store.write(() => closeWithSale(store, id, 'won', date, amountCents, null, today));
  report(ctx, store, result, today);
  return result.deal;
}

export async function runDealLost(idText: string, options: DealCloseOptions, ctx: AppContext): Promise<Deal> {
  const id = parseDealId(idText);
  const date = closeDate(ctx, options.date);
  const reasonText = await requireValue(ctx, options.reason, '--reason', () =>
    ctx.prompter.input('Why was it lost?', { validate: (v) => (v.trim() ? true : 'a reason is needed') }));
  const reason = reasonText.trim();
  if (reason === '') throw new InputError('--reason is empty', 'Say why it was lost, e.g. --reason "went with a cheaper vendor".');
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const result = store.write(() => closeWithSale(store, id, 'lost', date, undefined, reason, today));
  report(ctx, store, result, today);
  return result.deal;
}

/** Deletes the deal's sale (and cancels that sale's open follow-ups); the deal is open again. */
export async function runDealReopen(idText: string, ctx: AppContext): Promise<Deal> {
  const id = parseDealId(idText);
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const { deal, saleId } = store.write(() => {
    const current = store.deals.get(id);
    if (current.status === 'open') throw new InputError(`deal #${id} is open already`);
    if (current.saleId !== null) {
      for (const f of store.followups.openForSale(current.saleId)) store.followups.close(f.id, 'cancelled', today, `deal #${id} reopened`);
      // The sales trigger reopens the deal when its sale is deleted.
      store.sales.delete(current.saleId);
    } else store.deals.reopen(id);
    return { deal: store.deals.get(id), saleId: current.saleId };
  });
  if (ctx.globals.json) writeJson(ctx.io, dealJson(deal, today, store.read(() => dealSetup(store)).probabilities));
  else say(ctx, `${ctx.theme().green('✓')} Deal #${deal.id} ${sanitizeLine(deal.title)} is open again in ${deal.stage}${saleId !== null ? `; deleted sale #${saleId}` : ''}`);
  return deal;
}
