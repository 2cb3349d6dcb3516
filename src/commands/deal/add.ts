// spm deal add: open a deal (a quote or proposal) for a customer, in the first stage by default.
import type { AppContext } from '../../cli/context.js';
import type { Deal } from '../../domain/deal.js';
import { assertCloseAfterCreated, resolveStage } from '../../domain/deal.js';
import { parseDateInput } from '../../domain/local-date.js';
import { formatMoney } from '../../domain/money.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { requireValue, say } from '../shared.js';
import { customerArgument, validateWith } from '../ask.js';
import { resolveOrCreate } from '../sale/add.js';
import { canonicalDealLabels, dealPatchFromFlags, parseDealValue, type DealFlags } from './fields.js';
import { dealJson, dealSetup } from './present.js';
import { NoDatabaseError } from '../../store/open-database.js';
import { DEFAULT_DEAL_STAGES } from '../../domain/deal.js';

export interface DealAddOptions extends DealFlags {
  customer?: string;
  value?: string;
  stage?: string;
  date?: string;
  create?: boolean;
}

/** The stage list before anything is written (a first run has no database: the defaults). */
function currentStages(ctx: AppContext): string[] {
  try {
    return ctx.settings().dealStages.split(',');
  } catch (error) {
    if (error instanceof NoDatabaseError) return [...DEFAULT_DEAL_STAGES];
    throw error;
  }
}

export async function runDealAdd(options: DealAddOptions, ctx: AppContext): Promise<Deal> {
  const today = ctx.clock.today();
  const prompting = (options.customer === undefined || options.value === undefined) && ctx.canPrompt();
  const customerText = await customerArgument(ctx, options.customer);
  const valueText = await requireValue(ctx, options.value, 'value', () =>
    ctx.prompter.input('Value', { validate: (v) => validateWith(() => parseDealValue(v)) }));
  const valueCents = parseDealValue(valueText);
  const stages = currentStages(ctx);
  let stageText = options.stage;
  let closeText = options.close;
  if (prompting && stageText === undefined) {
    stageText = await ctx.prompter.select('Stage', stages.map((s) => ({ value: s, name: s })), { default: stages[0] });
  }
  if (prompting && closeText === undefined) {
    closeText = await ctx.prompter.input('Expected close date (optional: YYYY-MM-DD, fri, +30d …)', {
      validate: (v) => (v.trim() === '' ? true : validateWith(() => parseDateInput(v, today, 'close date'))),
    });
  }
  const stage = stageText !== undefined ? resolveStage(stageText, stages) : stages[0];
  const createdDate = options.date !== undefined ? parseDateInput(options.date, today, '--date') : today;
  const patch = dealPatchFromFlags({ ...options, close: closeText }, ctx);
  assertCloseAfterCreated(patch.expectedCloseDate ?? null, createdDate);

  const store = ctx.store('write');
  const { deal, createdCustomer } = store.write(() => {
    const { customer, created } = resolveOrCreate(store, customerText, Boolean(options.create), today);
    const labels = canonicalDealLabels(patch, store);
    const title = labels.title ?? labels.product ?? `${customer.name} deal`;
    const deal = store.deals.insert({ ...labels, title, customerId: customer.id, valueCents, stage, createdDate });
    return { deal, createdCustomer: created };
  });
  const { probabilities, settings } = store.read(() => dealSetup(store));
  if (ctx.globals.json) writeJson(ctx.io, dealJson(deal, today, probabilities));
  else {
    const theme = ctx.theme();
    if (createdCustomer) say(ctx, `${theme.green('✓')} Added customer #${deal.customer.id} ${sanitizeLine(deal.customer.name)}`);
    const close = deal.expectedCloseDate ? `, closing ${deal.expectedCloseDate}` : '';
    say(ctx, `${theme.green('✓')} Opened deal #${deal.id}: ${sanitizeLine(deal.customer.name)} · ${sanitizeLine(deal.title)} ${formatMoney(deal.valueCents, settings.currency, true)} in ${deal.stage}${close}`);
  }
  return deal;
}
