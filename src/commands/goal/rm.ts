// spm goal rm: delete a goal with its milestones and logs, after confirmation.
import type { AppContext } from '../../cli/context.js';
import type { Goal } from '../../domain/goal-pace.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import { confirmDeletion, say } from '../shared.js';
import { goalRecordJson } from './progress.js';

export async function runGoalRm(reference: string, ctx: AppContext): Promise<Goal> {
  const store = ctx.store('write');
  const { goal, logs } = store.read(() => {
    const goal = store.goals.resolve(reference);
    return { goal, logs: store.goals.countLogs(goal.id) };
  });
  const label = `#${goal.id} ${sanitizeLine(goal.name)}`;
  await confirmDeletion(ctx, `Delete goal ${label}${logs > 0 ? ` and its ${logs} log entr${logs === 1 ? 'y' : 'ies'}` : ''}?`);
  store.write(() => store.goals.delete(goal.id));
  if (ctx.globals.json) writeJson(ctx.io, goalRecordJson(goal));
  else say(ctx, `${ctx.theme().green('✓')} Deleted goal ${label}`);
  return goal;
}
