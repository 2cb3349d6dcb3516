// The goal flags shared by `add` and `edit`, validated into repository values.
import { InputError } from '../../domain/errors.js';
import { parseDateInput, type LocalDate, type Weekday } from '../../domain/local-date.js';
import { parseAmount } from '../../domain/money.js';
import { checkName } from '../../domain/record-rules.js';
import { parsePeriodKind, periodContaining, type DateRange, type PeriodKind } from '../../domain/period.js';
import { assertMilestones, assertTimeline, METRIC_INFO, type GoalMetric, type Milestone } from '../../domain/goal-pace.js';

export interface GoalTimelineFlags {
  period?: string;
  start?: string;
  from?: string;
  to?: string;
}

export function validateGoalName(name: string): string {
  return checkName(name, 'goal name');
}

/**
 * A metric value typed by the user (`30000`, `$30,000`, `40`, `4.5`): more than zero, at most
 * 100 for win-rate and 5 for satisfaction. `field` names it in messages.
 */
export function parseGoalValue(text: string, metric: GoalMetric, field: string): number {
  if (text.trim() === '') throw new InputError(`${field} has no value`);
  if (/^\s*[-(]/.test(text)) throw new InputError(`${field} must be more than zero`, field === 'amount' ? 'To take back a logged amount, remove its entry: spm goal show <goal> lists them, spm goal unlog <id> removes one.' : undefined);
  const value = parseAmount(text, { field, allowZero: true }) / 100;
  if (value <= 0) throw new InputError(`${field} must be more than zero`);
  if (metric === 'win-rate' && value > 100) throw new InputError(`${field} ${text} is over 100 (win-rate is a percentage)`);
  if (metric === 'satisfaction' && value > 5) throw new InputError(`${field} ${text} is over 5 (satisfaction is rated 1–5)`);
  return value;
}

export interface ParsedTimeline {
  period: PeriodKind | null;
  range: DateRange;
}

/** `--period P [--start D]` or `--from D --to D`; undefined when none of them was given. */
export function parseTimeline(flags: GoalTimelineFlags, today: LocalDate, weekStart: Weekday): ParsedTimeline | undefined {
  const hasRange = flags.from !== undefined || flags.to !== undefined;
  if (flags.period !== undefined && hasRange) throw new InputError('--period cannot be used together with --from/--to', 'Give either --period (with an optional --start) or --from and --to.');
  if (flags.start !== undefined && flags.period === undefined) throw new InputError('--start needs --period', 'For example: --period quarter --start 2026-04-01');
  if (flags.period !== undefined) {
    const period = parsePeriodKind(flags.period);
    const anchor = flags.start !== undefined ? parseDateInput(flags.start, today, '--start') : today;
    return { period, range: periodContaining(period, anchor, weekStart) };
  }
  if (!hasRange) return undefined;
  if (flags.from === undefined || flags.to === undefined) throw new InputError(`--${flags.from === undefined ? 'from' : 'to'} is missing`, 'A custom timeline needs both --from and --to.');
  const range = { from: parseDateInput(flags.from, today, '--from'), to: parseDateInput(flags.to, today, '--to') };
  assertTimeline(range);
  return { period: null, range };
}

/** `D=VALUE`, e.g. `2026-02-15=10000`. */
export function parseMilestone(text: string, metric: GoalMetric, today: LocalDate): Milestone {
  const at = text.lastIndexOf('=');
  if (at <= 0) throw new InputError(`--milestone ${JSON.stringify(text)} has no value`, 'Write milestones as DATE=VALUE, e.g. --milestone 2026-02-15=10000');
  const date = parseDateInput(text.slice(0, at), today, '--milestone date');
  return { date, value: parseGoalValue(text.slice(at + 1), metric, `--milestone ${date}`) };
}

export interface GoalRules {
  metric: GoalMetric;
  range: DateRange;
  period: PeriodKind | null;
  recurring: boolean;
  milestones: Milestone[];
  segment: string | null;
  product: string | null;
  technique: string | null;
}

/** Checks a goal as a whole: timeline, milestones inside it, recurring needs a period, filters. */
export function assertGoalRules(goal: GoalRules): void {
  assertTimeline(goal.range);
  if (goal.recurring && goal.period === null) throw new InputError('a recurring goal needs --period', 'For example: --period month --recurring');
  if (goal.recurring && goal.milestones.length > 0) throw new InputError('milestones are fixed dates; a recurring goal cannot have them', 'Use milestones on a one-off goal.');
  assertMilestones(goal.milestones, goal.range);
  const allowed = METRIC_INFO[goal.metric].filters as readonly string[];
  for (const [name, value] of [['segment', goal.segment], ['product', goal.product], ['technique', goal.technique]] as const) {
    if (value !== null && !allowed.includes(name)) {
      throw new InputError(`--${name} does not apply to ${goal.metric} goals`, allowed.length ? `${goal.metric} goals can be narrowed by ${allowed.map((a) => `--${a}`).join(', ')}.` : `${goal.metric} goals take no filters.`);
    }
  }
}
