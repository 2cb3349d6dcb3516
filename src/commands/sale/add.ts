// spm sale add: record a sale, won or lost, with the technique used.
import type { AppContext } from '../../cli/context.js';
import type { Customer, Sale } from '../../domain/records.js';
import { parseAmount, formatMoney } from '../../domain/money.js';
import { sanitizeLine } from '../../domain/text.js';
import { NotFoundError } from '../../domain/errors.js';
import { writeJson } from '../../ui/json.js';
import { requireValue, say } from '../shared.js';
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
  const store = ctx.store('write');
  const customerText = await requireValue(ctx, options.customer, 'customer', () => askCustomer(ctx, store));
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

  const { sale, createdCustomer, followUp } = store.write(() => {
    const { customer, created } = resolveOrCreate(store, customerText, Boolean(options.create), today);
    const sale = store.sales.insert({ ...canonicalizeLabels(patch, store), date: patch.date ?? today, customerId: customer.id, amountCents, outcome });
    const followUp = schedulePostSaleFollowUp(store, sale, options.followUp, today);
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
    for (const line of store.read(() => goalProgressLines(store, sale, today))) say(ctx, line);
  }
  return sale;
}

function resolveOrCreate(store: Store, text: string, create: boolean, today: string): { customer: Customer; created: boolean } {
  try {
    return { customer: store.customers.resolve(text), created: false };
  } catch (error) {
    if (!create || !(error instanceof NotFoundError) || /ambiguous/.test(error.message)) throw error;
    const cadenceDays = store.settings.get().defaultCadenceDays;
    return { customer: store.customers.insert({ name: validateName(text), cadenceDays, addedDate: today }), created: true };
  }
}

function validateWith(parse: () => unknown): true | string {
  try {
    parse();
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Type-to-search among active customers; returns the chosen customer's `#id`. */
async function askCustomer(ctx: AppContext, store: Store): Promise<string> {
  const customers = store.customers.list({ includeArchived: false });
  return ctx.prompter.search('Customer (type to search)', (term) => {
    const key = term.trim().toLowerCase();
    return customers
      .filter((c) => key === '' || c.name.toLowerCase().includes(key) || (c.company ?? '').toLowerCase().includes(key))
      .slice(0, 50)
      .map((c) => ({ value: `#${c.id}`, name: sanitizeLine(c.company ? `${c.name} (${c.company})` : c.name) }));
  });
}
