// spm deal move: the deal enters another stage, forward or back; the history keeps every move.
import type { AppContext } from '../../cli/context.js';
import type { Deal } from '../../domain/deal.js';
import { assertOpen, resolveStage } from '../../domain/deal.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';
import { dealJson, dealSetup } from './present.js';
import { parseDealId } from './fields.js';

export async function runDealMove(idText: string, stageText: string, options: { date?: string }, ctx: AppContext): Promise<Deal> {
  const id = parseDealId(idText);
  const today = ctx.clock.today();
  const date = options.date !== undefined ? parseDateInput(options.date, today, '--date') : today;
  const store = ctx.store('write');
  const { deal, from } = store.write(() => {
    const current = store.deals.get(id);
    assertOpen(current, 'moved');
    const stage = resolveStage(stageText, store.settings.get().dealStages.split(','));
    if (stage === current.stage) throw new InputError(`deal #${id} is already in ${stage}`);
    if (date < current.stageDate) throw new InputError(`--date ${date} is before deal #${id} entered ${current.stage} (${current.stageDate})`);
    return { deal: store.deals.move(id, stage, date), from: current.stage };
  });
  if (ctx.globals.json) writeJson(ctx.io, dealJson(deal, today, store.read(() => dealSetup(store)).probabilities));
  else say(ctx, `${ctx.theme().green('✓')} Deal #${deal.id} ${sanitizeLine(deal.title)}: ${from} → ${deal.stage} on ${date}`);
  return deal;
}
