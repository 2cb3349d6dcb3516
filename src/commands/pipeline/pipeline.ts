// spm pipeline: the board of open deals by stage with learned probabilities, weighted values,
// and the deals to act on. One value (domain buildPipeline) rendered as text or --json.
import type { AppContext } from '../../cli/context.js';
import type { Store } from '../../store/store.js';
import type { LocalDate } from '../../domain/local-date.js';
import { addDays } from '../../domain/local-date.js';
import { buildPipeline, type Pipeline, type PipelineDeal, type PipelineStage } from '../../domain/deal-pipeline.js';
import { formatMoney } from '../../domain/money.js';
import { countOf, percentRange, sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { fitLine, outputWidth, visibleWidth } from '../../ui/fit.js';
import { renderList } from '../../ui/table.js';
import { dealSetup } from '../deal/present.js';

/** How many stale and overdue deals the text lists (JSON carries them all). */
const LIST_LIMIT = 10;

/** The pipeline as of `today`. Call inside a read transaction. */
export function loadPipeline(store: Store, today: LocalDate, limit?: number): { pipeline: Pipeline; currency: string; staleDays: number; staleTotal: number; closeOverdueTotal: number } {
  const setup = dealSetup(store);
  const staleDays = setup.settings.dealStaleDays;
  // Stale: more than staleDays in the stage, i.e. entered it before today − staleDays.
  const enteredBefore = addDays(today, -staleDays);
  const ranked = limit !== undefined ? { probabilities: setup.probabilities, limit } : undefined;
  const pipeline = buildPipeline({
    today,
    probabilities: setup.probabilities,
    sums: store.deals.openStageSums(),
    stale: store.deals.openBefore('stale', enteredBefore, ranked),
    closeOverdue: store.deals.openBefore('closeOverdue', today, ranked),
  });
  const total = (which: 'stale' | 'closeOverdue', date: LocalDate, shown: number) => (ranked && shown >= ranked.limit ? store.deals.countOpenBefore(which, date) : shown);
  return {
    pipeline, currency: setup.settings.currency, staleDays,
    staleTotal: total('stale', enteredBefore, pipeline.stale.length), closeOverdueTotal: total('closeOverdue', today, pipeline.closeOverdue.length),
  };
}

export function probabilityText(stage: Pick<PipelineStage, 'probability' | 'probabilityLow' | 'probabilityHigh' | 'probabilitySource'>): string {
  const percent = (n: number | null) => `${Math.round(n ?? 0)}%`;
  return stage.probabilitySource === 'default'
    ? `${percent(stage.probability)} default`
    : `${percent(stage.probability)} (${percentRange(stage.probabilityLow, stage.probabilityHigh)})`;
}

/**
 * `#id customer · title $value (detail)` in `width` columns. The title gives room first; when
 * it would be cut below a few letters it goes whole, so the customer's name keeps the room.
 */
export function pipelineDealLine(deal: PipelineDeal, currency: string, what: 'stale' | 'overdue', width = Infinity): string {
  const detail = what === 'stale' ? `${deal.stage} for ${countOf(deal.daysInStage, 'day')}` : `close date ${deal.expectedClose} passed`;
  const id = `#${deal.id} `;
  const name = sanitizeLine(deal.customer.name);
  const tail = ` ${formatMoney(Math.round(deal.value * 100), currency, true)} (${detail})`;
  const title = ` · ${sanitizeLine(deal.title)}`;
  const titleRoom = width - visibleWidth(id + tail) - Math.min(visibleWidth(name), 10);
  if (titleRoom < 12) return fitLine([id, { text: name, min: 4 }, tail], width);
  return fitLine([id, { text: name, min: 10 }, { text: title, min: 8, shrinkFirst: 1 }, tail], width);
}

export async function runPipeline(ctx: AppContext): Promise<Pipeline> {
  const today = ctx.clock.today();
  const store = ctx.store('read');
  // The text lists the first LIST_LIMIT of each list: read only those (JSON has them all).
  const { pipeline, currency, staleDays, staleTotal, closeOverdueTotal } = store.read(() => loadPipeline(store, today, ctx.globals.json ? undefined : LIST_LIMIT));
  if (ctx.globals.json) {
    writeJson(ctx.io, pipeline);
    return pipeline;
  }
  const theme = ctx.theme();
  const money = (units: number) => formatMoney(Math.round(units * 100), currency, true);
  ctx.io.out(`${theme.bold('Pipeline')} ${theme.dim(today)}\n`);
  const total = { stage: 'Total', deals: pipeline.totals.deals, value: pipeline.totals.value, weightedValue: pipeline.totals.weightedValue, total: true };
  await renderList(ctx.io, theme, [
    { header: 'Stage', value: (s) => s.stage },
    { header: 'Deals', value: (s) => s.deals, align: 'right' },
    { header: 'Value', value: (s) => money(s.value), align: 'right' },
    // Narrow terminals lose the learned chances first: weighted values carry them.
    { header: 'Win chance', value: (s) => ('total' in s ? '' : probabilityText(s as PipelineStage)), drop: 1 },
    { header: 'Weighted', value: (s) => money(s.weightedValue), align: 'right' },
  ], [...pipeline.stages, total] as (PipelineStage | typeof total)[]);
  const list = (title: string, deals: PipelineDeal[], total: number, what: 'stale' | 'overdue') => {
    if (deals.length === 0) return;
    ctx.io.out(`\n${theme.bold(title)}\n`);
    for (const deal of deals.slice(0, LIST_LIMIT)) ctx.io.out(`  ${pipelineDealLine(deal, currency, what, outputWidth(ctx.io) - 2)}\n`);
    if (total > LIST_LIMIT) ctx.io.out(theme.dim(`  … and ${total - LIST_LIMIT} more (spm pipeline --json lists them all)\n`));
  };
  list(`Stale: in one stage more than ${countOf(staleDays, 'day')}`, pipeline.stale, staleTotal, 'stale');
  list('Close date passed', pipeline.closeOverdue, closeOverdueTotal, 'overdue');
  if (pipeline.totals.deals === 0 && ctx.io.stdoutIsTTY) ctx.io.err('No open deals yet: spm deal add <customer> <value>\n');
  return pipeline;
}
