// spm goal edit: change a goal's name, metric, target, timeline, milestones or filters.
import type { AppContext } from '../../cli/context.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { sanitizeLine } from '../../domain/text.js';
import { parseMetric, type Goal, type Milestone } from '../../domain/goal-pace.js';
import { writeJson } from '../../ui/json.js';
import type { GoalPatch } from '../../store/goal-repository.js';
import { optionalText, say } from '../shared.js';
import { assertGoalRules, parseGoalValue, parseMilestone, parseTimeline, validateGoalName, type GoalTimelineFlags } from './fields.js';
import { goalRecordJson } from './progress.js';

export interface GoalEditOptions extends GoalTimelineFlags {
  name?: string;
  metric?: string;
  target?: string;
  recurring?: boolean;
  milestone?: string[];
  removeMilestone?: string[];
  segment?: string;
  product?: string;
  technique?: string;
}

export async function runGoalEdit(reference: string, options: GoalEditOptions, ctx: AppContext): Promise<Goal> {
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const goal = store.write(() => {
    const current = store.goals.resolve(reference);
    const settings = store.settings.get();
    const patch: GoalPatch = {};
    if (options.name !== undefined) patch.name = validateGoalName(options.name);
    const metric = options.metric !== undefined ? parseMetric(options.metric) : current.metric;
    if (metric !== current.metric) patch.metric = metric;
    if (options.target !== undefined) patch.target = parseGoalValue(options.target, metric, '--target');
    else if (patch.metric) parseGoalValue(String(current.target), metric, 'the current target');
    const timeline = parseTimeline(options, today, settings.weekStart);
    if (timeline) {
      patch.period = timeline.period;
      patch.from = timeline.range.from;
      patch.to = timeline.range.to;
    }
    if (options.recurring !== undefined) patch.recurring = options.recurring;

    let milestones: Milestone[] = current.milestones;
    for (const text of options.removeMilestone ?? []) {
      const date = parseDateInput(text, today, '--remove-milestone');
      if (!milestones.some((m) => m.date === date)) throw new InputError(`goal #${current.id} has no milestone on ${date}`);
      milestones = milestones.filter((m) => m.date !== date);
    }
    for (const text of options.milestone ?? []) {
      const milestone = parseMilestone(text, metric, today);
      milestones = [...milestones.filter((m) => m.date !== milestone.date), milestone].sort((a, b) => (a.date < b.date ? -1 : 1));
    }
    if (options.milestone !== undefined || options.removeMilestone !== undefined) patch.milestones = milestones;
    for (const key of ['segment', 'product', 'technique'] as const) {
      if (options[key] !== undefined) patch[key] = optionalText(options[key]) ?? null;
    }
    if (Object.keys(patch).length === 0) throw new InputError('nothing to change', 'Give at least one flag, e.g. --target 40000 (see spm goal edit --help).');

    const next = { ...current, ...patch };
    assertGoalRules({ ...next, range: { from: next.from, to: next.to } });
    return store.goals.update(current.id, patch);
  });
  if (ctx.globals.json) writeJson(ctx.io, goalRecordJson(goal));
  else say(ctx, `${ctx.theme().green('✓')} Updated goal #${goal.id} ${sanitizeLine(goal.name)}`);
  return goal;
}
