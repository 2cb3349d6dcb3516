// spm goal archive / unarchive: hide a goal from the list without losing it.
import type { AppContext } from '../../cli/context.js';
import type { Goal } from '../../domain/goal-pace.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { say } from '../shared.js';
import { goalRecordJson } from './progress.js';

export async function runGoalArchive(reference: string, archived: boolean, ctx: AppContext): Promise<Goal> {
  const store = ctx.store('write');
  const goal = store.write(() => store.goals.update(store.goals.resolve(reference).id, { archived }));
  if (ctx.globals.json) writeJson(ctx.io, goalRecordJson(goal));
  else say(ctx, `${ctx.theme().green('✓')} ${archived ? 'Archived' : 'Unarchived'} goal #${goal.id} ${sanitizeLine(goal.name)}`);
  return goal;
}
