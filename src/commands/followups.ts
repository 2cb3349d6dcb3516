// spm followups: the daily view. Reads only: open follow-ups up to today + N days, customers
// with a cadence and no open follow-up, open concerns; the pure buildDailyView ranks them.
import type { AppContext } from '../cli/context.js';
import { buildDailyView, isQuietDay, type DailyView } from '../domain/followup-rank.js';
import { addDays, formatShortDate, weekdayIndex, WEEKDAYS, type LocalDate } from '../domain/local-date.js';
import type { Store } from '../store/store.js';
import { InputError } from '../domain/errors.js';
import { parsePositiveInteger } from '../domain/reference.js';
import { sanitizeLine } from '../domain/text.js';
import { writeJson } from '../ui/json.js';
import { concernJson, dayCount, followupJson, followupWhy } from './followup/present.js';

export interface FollowupsOptions {
  days?: string;
  quiet?: boolean;
  /** Text view: every line of every section instead of the first SECTION_LIMIT. */
  all?: boolean;
}

/** Lines per section in the text view (like list commands' default); --json has them all. */
export const SECTION_LIMIT = 50;

export const DEFAULT_UPCOMING_DAYS = 7;

export async function runFollowups(options: FollowupsOptions, ctx: AppContext): Promise<DailyView | null> {
  const today = ctx.clock.today();
  const days = options.days !== undefined ? parsePositiveInteger(options.days, '--days', { allowZero: true }) : DEFAULT_UPCOMING_DAYS;
  if (days > 366) throw new InputError('--days must be at most 366');
  // The text view shows the first SECTION_LIMIT of each section: read only those rows and
  // count the rest (turning rows into JS objects is most of the cost on a large database).
  const limit = ctx.globals.json || options.all ? undefined : SECTION_LIMIT;
  const store = ctx.store('read');
  const view = store.read(() => loadDailyView(store, today, days, limit));
  if (options.quiet && isQuietDay(view)) return null;
  if (ctx.globals.json) writeJson(ctx.io, dailyViewJson(view));
  else ctx.io.out(renderDailyView(view, ctx, options.all ? undefined : SECTION_LIMIT));
  return view;
}

/**
 * Reads what the daily view needs and ranks it. With `limit`, only the first `limit` rows of
 * each section are read, plus counts of the rest (turning rows into objects is most of the
 * cost on a large database). Call inside a read transaction.
 */
export function loadDailyView(store: Store, today: LocalDate, days: number, limit: number | undefined): DailyView {
  const until = addDays(today, days);
  const concernFilter = { openOnly: true, activeCustomersOnly: true, limit };
  const cold = store.followups.goingColdCandidates(today, limit);
  const input = {
    today,
    days,
    openFollowups: limit === undefined
      ? store.followups.openDueIn(null, until)
      : [...store.followups.openDueIn(null, addDays(today, -1), limit), ...store.followups.openDueIn(today, today, limit), ...store.followups.openDueIn(addDays(today, 1), until, limit)],
    cadenceCandidates: cold.candidates,
    openConcerns: store.concerns.list(concernFilter),
  };
  const totals = limit === undefined ? undefined
    : { ...store.followups.countOpenDue(today, until), goingCold: cold.total, openConcerns: store.concerns.count(concernFilter) };
  return buildDailyView({ ...input, totals });
}

export function dailyViewJson(view: DailyView) {
  return {
    date: view.date,
    overdue: view.overdue.map((f) => followupJson(f, view.date)),
    dueToday: view.dueToday.map((f) => followupJson(f, view.date)),
    upcoming: view.upcoming.map((f) => followupJson(f, view.date)),
    goingCold: view.goingCold.map((c) => ({ customer: { id: c.customer.id, name: c.customer.name }, lastContact: c.lastContact, cadenceDays: c.cadenceDays, daysSinceContact: c.daysSinceContact })),
    openConcerns: view.openConcerns.map(concernJson),
  };
}

export function weekdayName(date: string): string {
  const name = WEEKDAYS[weekdayIndex(date)];
  return name[0].toUpperCase() + name.slice(1, 3);
}

/** The text view: one section per non-empty list, each line naming who, why and the id to act on. */
export function renderDailyView(view: DailyView, ctx: AppContext, limit?: number): string {
  const theme = ctx.theme();
  const today = view.date;
  const lines: string[] = [];
  const name = (text: string) => sanitizeLine(text);
  const id = (n: number) => theme.dim(`#${n}`.padStart(6));
  lines.push(theme.bold(`Follow-ups for ${weekdayName(today)} ${formatShortDate(today)}`));
  if (isQuietDay(view)) lines.push(`${theme.green('✓')} A calm day: nothing overdue, nothing due today, nobody going cold.`);
  const shortDates = new Map<string, string>();
  const short = (date: string) => {
    let text = shortDates.get(date);
    if (text === undefined) shortDates.set(date, (text = formatShortDate(date, today)));
    return text;
  };
  const section = <T>(title: string, items: T[], total: number, line: (item: T) => string, act?: string) => {
    if (total === 0) return;
    lines.push('', `${theme.bold(`${title} (${total})`)}${act ? theme.dim(`  ${act}`) : ''}`);
    const shown = limit === undefined ? items : items.slice(0, limit);
    for (const item of shown) lines.push(line(item));
    if (total > shown.length) lines.push(theme.dim(`        … ${total - shown.length} more (--all shows every line)`));
  };
  section(theme.red('Overdue'), view.overdue, view.totals.overdue, (f) =>
    `${id(f.id)}  ${theme.red(`${dayCount(f.daysOverdue)} overdue`.padEnd(16))}  ${name(f.customer.name)} — ${name(followupWhy(f))}`, 'spm followup done|snooze <id>');
  section('Due today', view.dueToday, view.totals.dueToday, (f) => `${id(f.id)}  ${name(f.customer.name)} — ${name(followupWhy(f))}`, 'spm followup done <id>');
  section(`Upcoming, to ${short(view.upcomingUntil)}`, view.upcoming, view.totals.upcoming, (f) =>
    `${id(f.id)}  ${`${weekdayName(f.dueDate)} ${short(f.dueDate)}`.padEnd(16)}  ${name(f.customer.name)} — ${name(followupWhy(f))}`);
  section(theme.yellow('Going cold'), view.goingCold, view.totals.goingCold, (c) =>
    `${id(c.customer.id)}  ${`${dayCount(c.daysSinceContact)} silent`.padEnd(16)}  ${name(c.customer.name)} — last contact ${short(c.lastContact)}, stay in touch every ${dayCount(c.cadenceDays)}`, 'spm checkin add <customer id>');
  section('Open concerns', view.openConcerns, view.totals.openConcerns, (c) =>
    `${id(c.id)}  ${`${c.severity}, ${c.ageDays}d old`.padEnd(16)}  ${name(c.customer.name)} — ${name(c.summary)}`, 'spm concern resolve <id>');
  const next: string[] = [];
  const firstFollowup = view.overdue[0] ?? view.dueToday[0];
  if (firstFollowup) next.push(`spm followup done ${firstFollowup.id}`, `spm followup snooze ${firstFollowup.id} +3d`);
  if (view.goingCold[0]) next.push(`spm checkin add ${view.goingCold[0].customer.id} --channel call`);
  if (view.openConcerns[0]) next.push(`spm concern resolve ${view.openConcerns[0].id} --resolution "…"`);
  if (next.length > 0) lines.push('', theme.dim(`Next: ${next.join('   ')}`));
  return `${lines.join('\n')}\n`;
}
