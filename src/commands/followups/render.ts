// The text view of `spm followups`: one section per non-empty list, each line naming who, why
// and the id to act on, then the next commands to run.
import type { AppContext } from '../../cli/context.js';
import { isQuietDay, type DailyView } from '../../domain/followup-rank.js';
import { daysBetween, formatShortDate, weekdayIndex, WEEKDAYS } from '../../domain/local-date.js';
import { sanitizeLine } from '../../domain/text.js';
import { dayCount, followupWhy, reorderWhy } from '../followup/present.js';
import { dealToMoveWhy, type DealsToMove } from '../deal/to-move.js';
import { fitLine, outputWidth, packItems, visibleWidth, wrap } from '../../ui/fit.js';

/**
 * One line of a list in a text view: the fixed lead (id, when), then `name — why`, cut to
 * `width` (the reason first, then the name, never below ten columns while the reason can give).
 */
export function itemLine(lead: string, name: string, why: string, width: number): string {
  return fitLine([lead, { text: sanitizeLine(name), min: 10 }, ' — ', { text: sanitizeLine(why), min: 8, shrinkFirst: 1 }], width);
}

export function weekdayName(date: string): string {
  const name = WEEKDAYS[weekdayIndex(date)];
  return name[0].toUpperCase() + name.slice(1, 3);
}

/** The text view: one section per non-empty list, each line naming who, why and the id to act on. */
export function renderDailyView(view: DailyView, ctx: AppContext, limit?: number, deals?: DealsToMove): string {
  const theme = ctx.theme();
  const today = view.date;
  const width = outputWidth(ctx.io);
  const lines: string[] = [];
  const id = (n: number) => theme.dim(`#${n}`.padStart(6));
  lines.push(theme.bold(`Follow-ups for ${weekdayName(today)} ${formatShortDate(today)}`));
  if (isQuietDay(view)) lines.push(...wrap(`${theme.green('✓')} A calm day: nothing overdue, nothing due today, nobody going cold.`, width, '', '  '));
  const shortDates = new Map<string, string>();
  const short = (date: string) => {
    let text = shortDates.get(date);
    if (text === undefined) shortDates.set(date, (text = formatShortDate(date, today)));
    return text;
  };
  const section = <T>(title: string, items: T[], total: number, line: (item: T) => string, act?: string) => {
    if (total === 0) return;
    const heading = theme.bold(`${title} (${total})`);
    // The command that takes the ids, when it fits beside the heading.
    lines.push('', act && visibleWidth(`${heading}  ${act}`) <= width ? `${heading}${theme.dim(`  ${act}`)}` : heading);
    const shown = limit === undefined ? items : items.slice(0, limit);
    for (const item of shown) lines.push(line(item));
    if (total > shown.length) lines.push(theme.dim(`        … ${total - shown.length} more (--all shows every line)`));
  };
  section(theme.red('Overdue'), view.overdue, view.totals.overdue, (f) =>
    itemLine(`${id(f.id)}  ${theme.red(`${dayCount(f.daysOverdue)} overdue`.padEnd(16))}  `, f.customer.name, followupWhy(f), width), 'spm followup done|snooze <id>');
  section('Due today', view.dueToday, view.totals.dueToday, (f) => itemLine(`${id(f.id)}  `, f.customer.name, followupWhy(f), width), 'spm followup done <id>');
  section(`Upcoming, to ${short(view.upcomingUntil)}`, view.upcoming, view.totals.upcoming, (f) =>
    itemLine(`${id(f.id)}  ${`${weekdayName(f.dueDate)} ${short(f.dueDate)}`.padEnd(16)}  `, f.customer.name, followupWhy(f), width));
  section(theme.yellow('Going cold'), view.goingCold, view.totals.goingCold, (c) =>
    itemLine(`${id(c.customer.id)}  ${`${dayCount(c.daysSinceContact)} silent`.padEnd(16)}  `, c.customer.name, `last contact ${short(c.lastContact)}, stay in touch every ${dayCount(c.cadenceDays)}`, width), 'spm checkin add <customer id>');
  section('Due to reorder', view.dueToReorder, view.totals.dueToReorder, (r) => {
    const when = today > r.expected ? `late ${dayCount(daysBetween(r.expected, today))}` : r.expected === today ? 'today' : `${weekdayName(r.expected)} ${short(r.expected)}`;
    return itemLine(`${id(r.customer.id)}  ${when.padEnd(16)}  `, r.customer.name, reorderWhy(r, today), width);
  }, 'spm followup add <customer id> <day>');
  if (deals) {
    section('Deals to move', deals.deals, deals.total, (d) =>
      itemLine(`${id(d.id)}  ${`${d.stage}, ${Math.round(d.probability ?? 0)}%`.padEnd(16)}  `, d.customer.name, dealToMoveWhy(d, deals.currency), width), 'spm deal move|won|lost <id>');
  }
  section('Open concerns', view.openConcerns, view.totals.openConcerns, (c) =>
    itemLine(`${id(c.id)}  ${`${c.severity}, ${c.ageDays}d old`.padEnd(16)}  `, c.customer.name, c.summary, width), 'spm concern resolve <id>');
  const next: string[] = [];
  const firstFollowup = view.overdue[0] ?? view.dueToday[0];
  if (firstFollowup) next.push(`spm followup done ${firstFollowup.id}`, `spm followup snooze ${firstFollowup.id} +3d`);
  if (view.goingCold[0]) next.push(`spm checkin add ${view.goingCold[0].customer.id} --channel call`);
  if (view.dueToReorder[0]) next.push(`spm followup add ${view.dueToReorder[0].customer.id} today --reason "reorder?"`);
  if (deals?.deals[0]) next.push(`spm deal show ${deals.deals[0].id}`);
  if (view.openConcerns[0]) next.push(`spm concern resolve ${view.openConcerns[0].id} --resolution "…"`);
  // Whole commands per line, so that none is broken where it could be copied.
  if (next.length > 0) lines.push('', ...packItems(next, width, 'Next: ', '   ', '      ').map((line) => theme.dim(line)));
  return `${lines.join('\n')}\n`;
}
