// spm sale add: record a sale, won or lost, with the technique used.
import type { AppContext } from '../../cli/context.js';
import type { Customer, Sale } from '../../domain/records.js';
import { parseAmount, formatMoney } from '../../domain/money.js';
import { sanitizeLine } from '../../domain/text.js';
import { NotFoundError } from '../../domain/errors.js';
import { writeJson } from '../../ui/json.js';
import { requireValue, say } from '../shared.js';
import { customerArgument, validateWith } from '../ask.js';
import { validateName } from '../customer/fields.js';
import { assertReasonOnlyWhenLost, canonicalizeLabels, salePatchFromFlags, type SaleFlags } from './fields.js';
import { saleJson } from './present.js';
import type { Store } from '../../store/store.js';
import { describeScheduled, schedulePostSaleFollowUp } from '../followup/automatic.js';
import { goalProgressLines } from '../goal/progress.js';

export interface SaleAddOptions extends SaleFlags {
  customer?: string;
  amount?: string;
  lost?: boolean;
  /** Create the customer when no customer matches. */
  create?: boolean;
  /** --follow-up D (a date) or --no-follow-up (false). */
  followUp?: string | false;
}

export async function runSaleAdd(options: SaleAddOptions, ctx: AppContext): Promise<Sale> {
  const prompting = (options.customer === undefined || options.amount === undefined) && ctx.canPrompt();
  const customerText = await customerArgument(ctx, options.customer);
  const amountText = await requireValue(ctx, options.amount, 'amount', () =>
    ctx.prompter.input('Amount', { validate: (v) => validateWith(() => parseAmount(v)) }));
  const amountCents = parseAmount(amountText);
  const outcome = options.lost ? 'lost' : 'won';
  let flags: SaleFlags = options;
  if (prompting && options.technique === undefined) {
    flags = { ...options, technique: await ctx.prompter.input('Technique or approach used (optional)') };
  }
  const patch = salePatchFromFlags(flags, ctx);
  assertReasonOnlyWhenLost(outcome, patch.reason);
  const today = ctx.clock.today();

  // Opened (and created, on a first run) only once the input is known to be good.
  const store = ctx.store('write');
  const notes: string[] = [];
  const { sale, createdCustomer, followUp } = store.write(() => {
    const { customer, created } = resolveOrCreate(store, customerText, Boolean(options.create), today);
    const sale = store.sales.insert({ ...canonicalizeLabels(patch, store), date: patch.date ?? today, customerId: customer.id, amountCents, outcome });
    const followUp = schedulePostSaleFollowUp(store, sale, options.followUp, today, notes);
    return { sale, createdCustomer: created, followUp };
  });

  if (ctx.globals.json) writeJson(ctx.io, saleJson(sale));
  else {
    const theme = ctx.theme();
    const currency = store.settings.get().currency;
    if (createdCustomer) say(ctx, `${theme.green('✓')} Added customer #${sale.customer.id} ${sanitizeLine(sale.customer.name)}`);
    const what = outcome === 'won' ? 'won' : theme.red('lost');
    const technique = sale.technique ? ` (${sanitizeLine(sale.technique)})` : '';
    say(ctx, `${theme.green('✓')} Recorded ${what} sale #${sale.id}: ${sanitizeLine(sale.customer.name)} ${formatMoney(sale.amountCents, currency)} on ${sale.date}${technique}`);
    describeScheduled(ctx, followUp);
    for (const note of notes) say(ctx, note);
    for (const line of store.read(() => goalProgressLines(store, sale, today))) say(ctx, line);
  }
  return sale;
}

export function resolveOrCreate(store: Store, text: string, create: boolean, today: string): { customer: Customer; created: boolean } {
  try {
    return { customer: store.customers.resolve(text), created: false };
  } catch (error) {
    if (!create || !(error instanceof NotFoundError) || /ambiguous/.test(error.message)) throw error;
    const cadenceDays = store.settings.get().defaultCadenceDays;
    return { customer: store.customers.insert({ name: validateName(text), cadenceDays, addedDate: today }), created: true };
  }
}


