// spm goal add: a goal with a metric, a target and a timeline; a wizard on a terminal when
// values are missing (name, metric, target, timeline, recurring, milestones).
import type { AppContext } from '../../cli/context.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput, type LocalDate, type Weekday } from '../../domain/local-date.js';
import { periodContaining, PERIOD_KINDS, rangeLabel, type PeriodKind } from '../../domain/period.js';
import { sanitizeLine } from '../../domain/text.js';
import { GOAL_METRICS, METRIC_INFO, parseMetric, type Goal, type GoalMetric, type Milestone } from '../../domain/goal-pace.js';
import { writeJson } from '../../ui/json.js';
import { DEFAULT_SETTINGS, type Settings } from '../../domain/settings.js';
import { NoDatabaseError } from '../../store/open-database.js';
import { optionalText, requireValue, say } from '../shared.js';
import { checkLabel, pickLabel, validateWith } from '../ask.js';
import { assertGoalRules, parseGoalValue, parseMilestone, parseTimeline, validateGoalName, type GoalTimelineFlags, type ParsedTimeline } from './fields.js';
import { formatValue, goalRecordJson } from './progress.js';

export interface GoalAddOptions extends GoalTimelineFlags {
  name?: string;
  metric?: string;
  target?: string;
  recurring?: boolean;
  milestone?: string[];
  segment?: string;
  product?: string;
  technique?: string;
}


export async function runGoalAdd(options: GoalAddOptions, ctx: AppContext): Promise<Goal> {
  const today = ctx.clock.today();
  const missing = options.name === undefined || options.metric === undefined || options.target === undefined
    || (options.period === undefined && options.from === undefined && options.to === undefined);
  const wizard = missing && ctx.canPrompt();
  // Week start comes from the settings; a database that does not exist yet has the defaults
  // (and is created only once everything is valid).
  const settings = settingsOrDefaults(ctx);

  const name = validateGoalName(await requireValue(ctx, options.name, 'goal name', () =>
    ctx.prompter.input('Goal name', { validate: (v) => validateWith(() => validateGoalName(v)) })));
  const metric = parseMetric(await requireValue(ctx, options.metric, '--metric', () =>
    ctx.prompter.select<string>('Metric', GOAL_METRICS.map((m) => ({ value: m, name: `${m.padEnd(15)} ${METRIC_INFO[m].explanation}` })))));
  const target = parseGoalValue(await requireValue(ctx, options.target, '--target', () =>
    ctx.prompter.input(`Target (${targetHint(metric, settings.currency)})`, { validate: (v) => validateWith(() => parseGoalValue(v, metric, 'target')) })), metric, '--target');

  let timeline = parseTimeline(options, today, settings.weekStart);
  if (!timeline) {
    if (!ctx.canPrompt()) throw new InputError('missing timeline: give --period week|month|quarter|year or --from D --to D', 'Give it on the command line (see --help); spm only asks on a terminal.');
    timeline = await askTimeline(ctx, today, settings.weekStart);
  }
  let recurring = Boolean(options.recurring);
  if (wizard && options.recurring === undefined && timeline.period !== null) {
    recurring = await ctx.prompter.confirm(`Repeat every ${timeline.period}?`, { default: false });
  }
  let milestones: Milestone[] = (options.milestone ?? []).map((m) => parseMilestone(m, metric, today));
  if (wizard && !recurring && options.milestone === undefined) milestones = await askMilestones(ctx, metric, timeline, today);

  // Filters: the wizard offers the ones the metric takes (segment, product, technique for sale
  // metrics); given on the command line, one typo from one in use asks "did you mean …?".
  const filters = { segment: optionalText(options.segment) ?? null, product: optionalText(options.product) ?? null, technique: optionalText(options.technique) ?? null };
  const allowed = METRIC_INFO[metric].filters;
  const given = options.segment !== undefined || options.product !== undefined || options.technique !== undefined;
  if (wizard && !given && allowed.length > 0 && await ctx.prompter.confirm(`Count only some ${allowed.length === 1 ? 'check-ins' : 'sales'}, by ${allowed.join(' or ')}?`, { default: false })) {
    for (const kind of allowed) filters[kind] = await pickLabel(ctx, kind, `${kind[0].toUpperCase()}${kind.slice(1)} (type to search)`, '(any)');
  }
  for (const kind of ['segment', 'product', 'technique'] as const) filters[kind] = (await checkLabel(ctx, kind, filters[kind])) ?? null;

  const rules = { metric, range: timeline.range, period: timeline.period, recurring, milestones, ...filters };
  assertGoalRules(rules);
  const store = ctx.store('write');
  const goal = store.write(() => store.goals.insert({ ...rules, name, target, from: timeline.range.from, to: timeline.range.to }));

  if (ctx.globals.json) writeJson(ctx.io, goalRecordJson(goal));
  else {
    const every = goal.recurring ? `, every ${goal.period}` : '';
    say(ctx, `${ctx.theme().green('✓')} Added goal #${goal.id} ${sanitizeLine(goal.name)}: ${formatValue(goal.metric, goal.target, settings.currency)} ${goal.metric}, ${rangeLabel(goal)}${every}`);
  }
  return goal;
}

function settingsOrDefaults(ctx: AppContext): Settings {
  try {
    return ctx.settings();
  } catch (error) {
    if (error instanceof NoDatabaseError) return DEFAULT_SETTINGS;
    throw error;
  }
}

function targetHint(metric: GoalMetric, currency: string): string {
  if (METRIC_INFO[metric].money) return `amount in ${currency}`;
  if (metric === 'win-rate') return 'percent, e.g. 40';
  if (metric === 'satisfaction') return 'average 1–5, e.g. 4.5';
  return 'a number';
}

async function askTimeline(ctx: AppContext, today: LocalDate, weekStart: Weekday): Promise<ParsedTimeline> {
  const choices = [
    ...PERIOD_KINDS.map((kind) => ({ value: kind as PeriodKind | 'custom', name: `this ${kind} (${rangeLabel(periodContaining(kind, today, weekStart))})` })),
    { value: 'custom' as const, name: 'custom dates' },
  ];
  const choice = await ctx.prompter.select<PeriodKind | 'custom'>('Timeline', choices);
  if (choice !== 'custom') return { period: choice, range: periodContaining(choice, today, weekStart) };
  const from = parseDateInput(await ctx.prompter.input('From (YYYY-MM-DD, today, +1w …)', { default: today, validate: (v) => validateWith(() => parseDateInput(v, today)) }), today, 'from');
  const to = parseDateInput(await ctx.prompter.input('To', {
    validate: (v) => validateWith(() => {
      if (parseDateInput(v, today) < from) throw new InputError(`the timeline ends before ${from}`);
    }),
  }), today, 'to');
  return { period: null, range: { from, to } };
}

async function askMilestones(ctx: AppContext, metric: GoalMetric, timeline: ParsedTimeline, today: LocalDate): Promise<Milestone[]> {
  const milestones: Milestone[] = [];
  const { from, to } = timeline.range;
  while (await ctx.prompter.confirm(milestones.length === 0 ? 'Add a milestone?' : 'Add another milestone?', { default: false })) {
    const date = parseDateInput(await ctx.prompter.input(`Milestone date (${from} … ${to})`, {
      validate: (v) => validateWith(() => {
        const d = parseDateInput(v, today);
        if (d < from || d > to) throw new InputError(`${d} is outside the timeline`);
        if (milestones.some((m) => m.date === d)) throw new InputError(`there is a milestone on ${d} already`);
      }),
    }), today);
    const value = parseGoalValue(await ctx.prompter.input(`Value to reach by ${date}`, { validate: (v) => validateWith(() => parseGoalValue(v, metric, 'value')) }), metric, 'value');
    milestones.push({ date, value });
  }
  return milestones;
}
