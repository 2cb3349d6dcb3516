// spm goal log: progress toward a custom goal (pages read, calls made …), with a date and note.
import type { AppContext } from '../../cli/context.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { sanitizeLine } from '../../domain/text.js';
import { writeJson } from '../../ui/json.js';
import type { GoalLog } from '../../store/goal-repository.js';
import { optionalText, say } from '../shared.js';
import { parseGoalValue } from './fields.js';
import { evaluateCurrent, progressLine } from './progress.js';

export interface GoalLogOptions {
  date?: string;
  note?: string;
}

export async function runGoalLog(reference: string, amountText: string, options: GoalLogOptions, ctx: AppContext): Promise<GoalLog> {
  const today = ctx.clock.today();
  const date = options.date !== undefined ? parseDateInput(options.date, today, '--date') : today;
  const store = ctx.store('write');
  const { log, line } = store.write(() => {
    const goal = store.goals.resolve(reference);
    if (goal.metric !== 'custom') {
      throw new InputError(`goal #${goal.id} ${sanitizeLine(goal.name)} tracks ${goal.metric}, which spm counts itself; only custom goals take logs`, 'Record sales with spm sale add; create a goal with --metric custom to log other progress.');
    }
    const amount = parseGoalValue(amountText, goal.metric, 'amount');
    const log = store.goals.insertLog(goal.id, date, amount, optionalText(options.note) ?? null);
    const settings = store.settings.get();
    return { log, line: progressLine(evaluateCurrent(store, goal, today, settings.weekStart), settings.currency) };
  });
  if (ctx.globals.json) writeJson(ctx.io, { id: log.id, goal: log.goal, date: log.date, amount: log.amount, note: log.note });
  else {
    say(ctx, `${ctx.theme().green('✓')} Logged ${log.amount} toward ${sanitizeLine(log.goal.name)} on ${log.date}`);
    say(ctx, line);
  }
  return log;
}
