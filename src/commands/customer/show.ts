// spm customer show: one customer's card: details, lifetime value, last contact, history.
import type { AppContext } from '../../cli/context.js';
import { centsToUnits, formatMoney, formatMoneySummary } from '../../domain/money.js';
import { formatShortDate } from '../../domain/local-date.js';
import { sanitizeLine, sanitizeText } from '../../domain/text.js';
import { writeJson, round2 } from '../../ui/json.js';
import { fitLine, outputWidth, wrap } from '../../ui/fit.js';
import { customerJson } from './present.js';
import { saleJson } from '../sale/present.js';
import { followupJson, followupWhy, reorderWhy } from '../followup/present.js';
import { checkinJson } from '../checkin/present.js';
import { concernJson } from '../concern/present.js';
import { daysOverdue } from '../../domain/followup-rank.js';
import { lastContactDate } from '../../domain/rules/last-contact.js';
import { isDueToReorder, predictReorder } from '../../domain/reorder.js';

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
    const checkins = store.checkins.list({ customerId: customer.id, limit: SHOW_HISTORY_LIMIT });
    const followups = store.followups.list({ customerId: customer.id, limit: SHOW_HISTORY_LIMIT });
    const concerns = store.concerns.list({ openOnly: false, customerId: customer.id, limit: SHOW_HISTORY_LIMIT });
    const reorder = predictReorder(store.reorders.wonSales(customer.id));
    const hasOpenFollowup = store.followups.openForCustomerDueBy(customer.id, '9999-12-31').length > 0;
    return { customer, stats, sales, currency, checkins, followups, concerns, reorder, hasOpenFollowup };
  });
  const { customer, stats, sales, currency, checkins, followups, concerns, reorder } = card;
  // Due as in the daily view: in the window or late, active, and no follow-up scheduled.
  const reorderDue = reorder !== null && !customer.archived && !card.hasOpenFollowup && isDueToReorder(reorder, today);
  const lastContact = lastContactDate(customer.addedDate, [stats.lastSale, stats.lastCheckin]);
  const json = {
    ...customerJson(customer),
    notes: customer.notes,
    added: customer.addedDate,
    lifetimeValue: centsToUnits(stats.lifetimeValueCents),
    firstSale: stats.firstSale,
    lastSale: stats.lastSale,
    lastContact,
    averageSatisfaction: round2(stats.averageSatisfaction),
    reorder: reorder && { intervalDays: reorder.intervalDays, lastWon: reorder.lastWon, expected: reorder.expected, averageWon: centsToUnits(reorder.averageWonCents), due: reorderDue },
    sales: sales.map(saleJson),
    checkins: checkins.map(checkinJson),
    followups: followups.map((f) => followupJson(f, today)),
    concerns: concerns.map(concernJson),
  };
  if (ctx.globals.json) {
    writeJson(ctx.io, json);
    return json;
  }
  const theme = ctx.theme();
  const width = outputWidth(ctx.io);
  // Free text (values, notes, reasons) is cut to the width; dates, amounts and ids never are.
  const line = (label: string, value: string | null | undefined) => {
    if (value) ctx.io.out(`${fitLine([`  ${theme.dim(label.padEnd(16))}`, { text: sanitizeLine(value), min: 0 }], width)}\n`);
  };
  const row = (lead: string, text: string, id: number) => `${fitLine([lead, { text: sanitizeLine(text), min: 0 }, ` ${theme.dim(`#${id}`)}`], width)}\n`;
  ctx.io.out(`${fitLine([{ text: sanitizeLine(customer.name), min: 10, style: theme.bold }, ` ${theme.dim(`#${customer.id}`)}${customer.archived ? theme.yellow(' (archived)') : ''}`], width)}\n`);
  line('Company', customer.company);
  line('Email', customer.email);
  line('Phone', customer.phone);
  line('Segment', customer.segment);
  line('Tags', customer.tags.join(', '));
  line('Stay in touch', customer.cadenceDays ? `every ${customer.cadenceDays} days` : null);
  line('Added', formatShortDate(customer.addedDate, today));
  line('Lifetime value', formatMoneySummary(stats.lifetimeValueCents, currency));
  line('First sale', stats.firstSale && formatShortDate(stats.firstSale, today));
  line('Last contact', formatShortDate(lastContact, today));
  line('Reorder', reorder && `${reorderWhy(reorder, today)}${reorderDue ? ' (due)' : ''}`);
  line('Satisfaction', stats.averageSatisfaction !== null ? `${round2(stats.averageSatisfaction)} / 5` : null);
  if (customer.notes) ctx.io.out(`\n${sanitizeText(customer.notes).split('\n').flatMap((text) => wrap(text, width)).join('\n')}\n`);
  if (sales.length > 0) {
    ctx.io.out(`\n${theme.bold('Sales')}\n`);
    for (const sale of sales) {
      const outcome = sale.outcome === 'won' ? theme.green('won ') : theme.red('lost');
      const detail = [sale.technique, sale.product, sale.outcome === 'lost' ? sale.reason : null].filter(Boolean).join(' · ');
      ctx.io.out(row(`  ${sale.date}  ${outcome}  ${formatMoney(sale.amountCents, currency).padStart(12)}  `, detail, sale.id));
    }
  }
  if (followups.length > 0) {
    ctx.io.out(`\n${theme.bold('Follow-ups')}\n`);
    for (const f of followups) {
      const late = daysOverdue(f, today) ?? 0;
      const status = f.status === 'open' ? (late > 0 ? theme.red(`${late}d overdue`) : 'open') : theme.dim(f.status);
      ctx.io.out(row(`  ${f.dueDate}  ${status}  `, followupWhy(f), f.id));
    }
  }
  if (checkins.length > 0) {
    ctx.io.out(`\n${theme.bold('Check-ins')}\n`);
    for (const k of checkins) {
      const rated = k.satisfaction !== null ? `${k.satisfaction}/5` : '   ';
      ctx.io.out(row(`  ${k.date}  ${k.channel.padEnd(7)}  ${k.satisfaction !== null && k.satisfaction <= 2 ? theme.red(rated) : rated}  `, k.note ?? '', k.id));
    }
  }
  if (concerns.length > 0) {
    ctx.io.out(`\n${theme.bold('Concerns')}\n`);
    for (const c of concerns) {
      const status = c.status === 'open' ? theme.yellow('open') : theme.dim(`resolved ${c.resolvedDate}`);
      ctx.io.out(row(`  ${c.openedDate}  ${c.severity === 'high' ? theme.red(c.severity) : c.severity}  ${status}  `, `${c.summary}${c.resolution ? ` → ${c.resolution}` : ''}`, c.id));
    }
  }
  return json;
}
