// spm sale add: record a sale, won or lost, with the technique used.
import type { AppContext } from '../../cli/context.js';
import type { Customer, Sale } from '../../domain/records.js';
import { parseAmount, formatMoney } from '../../domain/money.js';
import { sanitizeLine } from '../../domain/text.js';
import { NotFoundError } from '../../domain/errors.js';
import { writeJson } from '../../ui/json.js';
import { requireValue, say } from '../shared.js';
import { checkLabel, customerArgument, pickLabel, validateWith } from '../ask.js';
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
  let flags: SaleFlags = { ...options };
  let lost = Boolean(options.lost);
  // On a terminal, what the report needs: the outcome (and why a sale was lost), the technique
  // and the product, picked from the ones in use or typed new.
  if (prompting) {
    if (options.lost === undefined) lost = await ctx.prompter.select('Won or lost?', [{ value: false, name: 'won' }, { value: true, name: 'lost' }]);
    if (lost && options.reason === undefined) flags.reason = await ctx.prompter.input('Why was it lost? (optional)');
    if (options.technique === undefined) flags.technique = (await pickLabel(ctx, 'technique', 'Technique (type to search or add one)')) ?? '';
    if (options.product === undefined) flags.product = (await pickLabel(ctx, 'product', 'Product (type to search or add one)')) ?? '';
  }
  const outcome = lost ? 'lost' : 'won';
  // Given on the command line: one typo from one in use asks (or notes) "did you mean …?".
  if (options.technique !== undefined) flags.technique = (await checkLabel(ctx, 'technique', options.technique)) ?? undefined;
  if (options.product !== undefined) flags.product = (await checkLabel(ctx, 'product', options.product)) ?? undefined;
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


