// The text view of `spm customer show`: the card, then the latest sales, follow-ups,
// check-ins and concerns, each line cut to the terminal's width.
import type { AppContext } from '../../cli/context.js';
import type { Checkin, Concern, Customer, Followup, Sale } from '../../domain/records.js';
import type { CustomerStats } from '../../store/customer-repository.js';
import type { ReorderPrediction } from '../../domain/reorder.js';
import { formatMoney, formatMoneySummary } from '../../domain/money.js';
import { formatShortDate, type LocalDate } from '../../domain/local-date.js';
import { countOf, sanitizeLine, sanitizeText } from '../../domain/text.js';
import { round2 } from '../../ui/json.js';
import { fitLine, outputWidth, wrap } from '../../ui/fit.js';
import { followupWhy, reorderWhy } from '../followup/present.js';
import { daysOverdue } from '../../domain/followup-rank.js';

export interface CustomerCard {
  customer: Customer;
  stats: CustomerStats;
  sales: Sale[];
  currency: string;
  checkins: Checkin[];
  followups: Followup[];
  concerns: Concern[];
  reorder: ReorderPrediction | null;
  reorderDue: boolean;
  lastContact: LocalDate;
}

export function renderCustomerShow(card: CustomerCard, today: LocalDate, ctx: AppContext): string {
  const { customer, stats, sales, currency, checkins, followups, concerns, reorder, reorderDue, lastContact } = card;
  const out: string[] = [];
  const theme = ctx.theme();
  const width = outputWidth(ctx.io);
  // Free text (values, notes, reasons) is cut to the width; dates, amounts and ids never are.
  const line = (label: string, value: string | null | undefined) => {
    if (value) out.push(`${fitLine([`  ${theme.dim(label.padEnd(16))}`, { text: sanitizeLine(value), min: 0 }], width)}\n`);
  };
  const row = (lead: string, text: string, id: number) => `${fitLine([lead, { text: sanitizeLine(text), min: 0 }, ` ${theme.dim(`#${id}`)}`], width)}\n`;
  out.push(`${fitLine([{ text: sanitizeLine(customer.name), min: 10, style: theme.bold }, ` ${theme.dim(`#${customer.id}`)}${customer.archived ? theme.yellow(' (archived)') : ''}`], width)}\n`);
  line('Company', customer.company);
  line('Email', customer.email);
  line('Phone', customer.phone);
  line('Segment', customer.segment);
  line('Tags', customer.tags.join(', '));
  line('Stay in touch', customer.cadenceDays ? `every ${countOf(customer.cadenceDays, 'day')}` : null);
  line('Added', formatShortDate(customer.addedDate, today));
  line('Lifetime value', formatMoneySummary(stats.lifetimeValueCents, currency));
  line('First sale', stats.firstSale && formatShortDate(stats.firstSale, today));
  line('Last contact', formatShortDate(lastContact, today));
  line('Reorder', reorder && `${reorderWhy(reorder, today)}${reorderDue ? ' (due)' : ''}`);
  line('Satisfaction', stats.averageSatisfaction !== null ? `${round2(stats.averageSatisfaction)} / 5` : null);
  if (customer.notes) out.push(`\n${sanitizeText(customer.notes).split('\n').flatMap((text) => wrap(text, width)).join('\n')}\n`);
  if (sales.length > 0) {
    out.push(`\n${theme.bold('Sales')}\n`);
    for (const sale of sales) {
      const outcome = sale.outcome === 'won' ? theme.green('won ') : theme.red('lost');
      const detail = [sale.technique, sale.product, sale.outcome === 'lost' ? sale.reason : null].filter(Boolean).join(' · ');
      out.push(row(`  ${sale.date}  ${outcome}  ${formatMoney(sale.amountCents, currency).padStart(12)}  `, detail, sale.id));
    }
  }
  if (followups.length > 0) {
    out.push(`\n${theme.bold('Follow-ups')}\n`);
    for (const f of followups) {
      const late = daysOverdue(f, today) ?? 0;
      const status = f.status === 'open' ? (late > 0 ? theme.red(`${late}d overdue`) : 'open') : theme.dim(f.status);
      out.push(row(`  ${f.dueDate}  ${status}  `, followupWhy(f), f.id));
    }
  }
  if (checkins.length > 0) {
    out.push(`\n${theme.bold('Check-ins')}\n`);
    for (const k of checkins) {
      const rated = k.satisfaction !== null ? `${k.satisfaction}/5` : '   ';
      out.push(row(`  ${k.date}  ${k.channel.padEnd(7)}  ${k.satisfaction !== null && k.satisfaction <= 2 ? theme.red(rated) : rated}  `, k.note ?? '', k.id));
    }
  }
  if (concerns.length > 0) {
    out.push(`\n${theme.bold('Concerns')}\n`);
    for (const c of concerns) {
      const status = c.status === 'open' ? theme.yellow('open') : theme.dim(`resolved ${c.resolvedDate}`);
      out.push(row(`  ${c.openedDate}  ${c.severity === 'high' ? theme.red(c.severity) : c.severity}  ${status}  `, `${c.summary}${c.resolution ? ` → ${c.resolution}` : ''}`, c.id));
    }
  }
  return out.join('');
}
