// spm goal unlog: remove one logged entry of a custom goal (the way to take progress back;
// a negative `goal log` is refused).
import type { AppContext } from '../../cli/context.js';
import { parseId } from '../../domain/reference.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import type { GoalLog } from '../../store/goal-repository.js';
import { confirmDeletion, say } from '../shared.js';
import { evaluateCurrent, progressLine } from './progress.js';

export async function runGoalUnlog(idText: string, ctx: AppContext): Promise<GoalLog> {
  const id = parseId(idText, 'goal entry');
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const entry = store.read(() => store.goals.getLog(id));
  await confirmDeletion(ctx, `Remove entry #${id} (${entry.amount} on ${entry.date}) from ${sanitizeLine(entry.goal.name)}?`);
  const line = store.write(() => {
    store.goals.getLog(id);
    store.goals.deleteLog(id);
    const settings = store.settings.get();
    return progressLine(evaluateCurrent(store, store.goals.get(entry.goal.id), today, settings.weekStart), settings.currency);
  });
  if (ctx.globals.json) writeJson(ctx.io, { id: entry.id, goal: entry.goal, date: entry.date, amount: entry.amount, note: entry.note });
  else {
    say(ctx, `${ctx.theme().green('✓')} Removed entry #${id} (${entry.amount} on ${entry.date}) from ${sanitizeLine(entry.goal.name)}`);
    say(ctx, line);
  }
  return entry;
}
