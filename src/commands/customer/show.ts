// spm customer show: one customer's card: details, lifetime value, last contact, history.
import type { AppContext } from '../../cli/context.js';
import { centsToUnits, formatMoney } from '../../domain/money.js';
import { maxDate, formatShortDate } from '../../domain/local-date.js';
import { sanitizeLine, sanitizeText } from '../../domain/text.js';
import { writeJson, round2 } from '../../ui/json.js';
import { customerJson } from './present.js';
import { saleJson } from '../sale/present.js';

/** How many of each history list the card shows (JSON carries the same). */
export const SHOW_HISTORY_LIMIT = 20;

export async function runCustomerShow(reference: string, ctx: AppContext) {
  const store = ctx.store('read');
  const today = ctx.clock.today();
  const card = store.read(() => {
    const customer = store.customers.resolve(reference);
    const stats = store.customers.stats(customer.id);
    const sales = store.sales.list({ customerId: customer.id, limit: SHOW_HISTORY_LIMIT });
    const currency = store.settings.get().currency;
    return { customer, stats, sales, currency };
  });
  const { customer, stats, sales, currency } = card;
  const lastContact = [stats.lastSale, stats.lastCheckin].reduce<string>((latest, d) => (d ? maxDate(latest, d) : latest), customer.addedDate);
  const json = {
    ...customerJson(customer),
    notes: customer.notes,
    added: customer.addedDate,
    lifetimeValue: centsToUnits(stats.lifetimeValueCents),
    firstSale: stats.firstSale,
    lastSale: stats.lastSale,
    lastContact,
    averageSatisfaction: round2(stats.averageSatisfaction),
    sales: sales.map(saleJson),
  };
  if (ctx.globals.json) {
    writeJson(ctx.io, json);
    return json;
  }
  const theme = ctx.theme();
  const line = (label: string, value: string | null | undefined) => {
    if (value) ctx.io.out(`  ${theme.dim(label.padEnd(16))}${sanitizeLine(value)}\n`);
  };
  ctx.io.out(`${theme.bold(sanitizeLine(customer.name))} ${theme.dim(`#${customer.id}`)}${customer.archived ? theme.yellow(' (archived)') : ''}\n`);
  line('Company', customer.company);
  line('Email', customer.email);
  line('Phone', customer.phone);
  line('Segment', customer.segment);
  line('Tags', customer.tags.join(', '));
  line('Stay in touch', customer.cadenceDays ? `every ${customer.cadenceDays} days` : null);
  line('Added', formatShortDate(customer.addedDate, today));
  line('Lifetime value', formatMoney(stats.lifetimeValueCents, currency));
  line('First sale', stats.firstSale && formatShortDate(stats.firstSale, today));
  line('Last contact', formatShortDate(lastContact, today));
  line('Satisfaction', stats.averageSatisfaction !== null ? `${round2(stats.averageSatisfaction)} / 5` : null);
  if (customer.notes) ctx.io.out(`\n${sanitizeText(customer.notes)}\n`);
  if (sales.length > 0) {
    ctx.io.out(`\n${theme.bold('Sales')}\n`);
    for (const sale of sales) {
      const outcome = sale.outcome === 'won' ? theme.green('won ') : theme.red('lost');
      const detail = [sale.technique, sale.product, sale.outcome === 'lost' ? sale.reason : null].filter(Boolean).join(' · ');
      ctx.io.out(`  ${sale.date}  ${outcome}  ${formatMoney(sale.amountCents, currency).padStart(12)}  ${sanitizeLine(detail)} ${theme.dim(`#${sale.id}`)}\n`);
    }
  }
  return json;
}
