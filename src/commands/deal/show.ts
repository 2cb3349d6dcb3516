// spm deal show: one deal with its stage history (days in each stage) and the sale it became.
import type { AppContext } from '../../cli/context.js';
import { stageDurations } from '../../domain/deal.js';
import { formatMoney } from '../../domain/money.js';
import { countOf, sanitizeLine, sanitizeText } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { saleJson } from '../sale/present.js';
import { dealJson, dealSetup } from './present.js';
import { parseDealId } from './fields.js';

export async function runDealShow(idText: string, ctx: AppContext) {
  const id = parseDealId(idText);
  const today = ctx.clock.today();
  const store = ctx.store('read');
  const { deal, history, sale, setup } = store.read(() => {
    const deal = store.deals.get(id);
    return { deal, history: store.deals.history(id), sale: deal.saleId !== null ? store.sales.get(deal.saleId) : null, setup: dealSetup(store) };
  });
  // An open deal's last stage runs to today; a closed one's to its close.
  const stages = stageDurations(history, deal.closedDate ?? today);
  const json = { ...dealJson(deal, today, setup.probabilities), history: stages, sale: sale ? saleJson(sale) : null };
  if (ctx.globals.json) {
    writeJson(ctx.io, json);
    return json;
  }
  const theme = ctx.theme();
  const currency = setup.settings.currency;
  const line = (label: string, value: string | null | undefined) => {
    if (value) ctx.io.out(`  ${theme.dim(label.padEnd(16))}${sanitizeLine(value)}\n`);
  };
  ctx.io.out(`${theme.bold(sanitizeLine(deal.title))} ${theme.dim(`deal #${deal.id}`)}\n`);
  line('Customer', `${deal.customer.name} (#${deal.customer.id})`);
  line('Value', formatMoney(deal.valueCents, currency));
  line('Status', deal.status === 'open' ? `open, ${deal.stage} (${json.probability}% to win)` : `${deal.status} on ${deal.closedDate}`);
  line('Expected close', deal.expectedCloseDate);
  line('Product', deal.product);
  line('Technique', deal.technique);
  line('Lost because', deal.lostReason);
  line('Created', deal.createdDate);
  if (deal.note) ctx.io.out(`  ${theme.dim('Note'.padEnd(16))}${sanitizeText(deal.note)}\n`);
  ctx.io.out(`\n${theme.bold('Stages')}\n`);
  for (const entry of stages) ctx.io.out(`  ${entry.date}  ${sanitizeLine(entry.stage).padEnd(14)} ${countOf(entry.days, 'day')}\n`);
  if (sale) ctx.io.out(`\n${theme.bold('Sale')}\n  #${sale.id} ${sale.outcome} ${formatMoney(sale.amountCents, currency)} on ${sale.date}\n`);
  return json;
}
