// The text of bare `spm`: follow-ups due, who needs attention, one pace line per goal.
import type { AppContext } from '../../cli/context.js';
import type { DailyView } from '../../domain/followup-rank.js';
import { formatShortDate, type LocalDate } from '../../domain/local-date.js';
import { goalStatusStyle } from '../../ui/theme.js';
import { dayCount, followupWhy } from '../followup/present.js';
import { dealToMoveWhy, type DealsToMove } from '../deal/to-move.js';
import { progressLine, type GoalProgress } from '../goal/progress.js';
import { itemLine, weekdayName } from '../followups/render.js';
import { outputWidth, packItems, wrap } from '../../ui/fit.js';

/** Follow-ups listed by name on the dashboard; the rest are counted. */
export const DASHBOARD_FOLLOWUPS = 5;

export interface DashboardData {
  today: LocalDate;
  view: DailyView;
  goals: GoalProgress[];
  currency: string;
  deals?: DealsToMove;
}

export function renderDashboard({ today, view, goals, currency, deals }: DashboardData, ctx: AppContext): string {
  const due = [...view.overdue, ...view.dueToday].slice(0, DASHBOARD_FOLLOWUPS);
  const dueTotal = view.totals.overdue + view.totals.dueToday;
  const theme = ctx.theme();
  const width = outputWidth(ctx.io);
  const lines = [theme.bold(`spm · ${weekdayName(today)} ${formatShortDate(today)}`), ''];
  if (dueTotal === 0) lines.push(`${theme.green('✓')} No follow-ups due today.`);
  else {
    const counts = [view.totals.overdue ? theme.red(`${view.totals.overdue} overdue`) : '', view.totals.dueToday ? `${view.totals.dueToday} due today` : ''].filter(Boolean);
    lines.push(`${theme.bold('Follow-ups')}: ${counts.join(', ')}`);
    for (const f of due) {
      const when = f.daysOverdue > 0 ? theme.red(`${dayCount(f.daysOverdue)} overdue`.padEnd(16)) : 'today'.padEnd(16);
      lines.push(itemLine(`  ${theme.dim(`#${f.id}`.padStart(6))}  ${when}  `, f.customer.name, followupWhy(f), width));
    }
    if (dueTotal > due.length) lines.push(theme.dim(`          … and ${dueTotal - due.length} more`));
  }
  const attention = [
    view.totals.goingCold ? theme.yellow(`${view.totals.goingCold} customer${view.totals.goingCold === 1 ? '' : 's'} going cold`) : '',
    view.totals.openConcerns ? `${view.totals.openConcerns} open concern${view.totals.openConcerns === 1 ? '' : 's'}` : '',
    view.totals.dueToReorder ? `${view.totals.dueToReorder} due to reorder` : '',
  ].filter(Boolean);
  if (attention.length) lines.push(...packItems(attention, width, '', ' · ', ''));
  if (deals && deals.total > 0) {
    lines.push(`${theme.bold('Deals to move')}: ${deals.total}`);
    for (const d of deals.deals.slice(0, DASHBOARD_FOLLOWUPS)) {
      lines.push(itemLine(`  ${theme.dim(`#${d.id}`.padStart(6))}  ${`${d.stage}, ${Math.round(d.probability ?? 0)}%`.padEnd(16)}  `, d.customer.name, dealToMoveWhy(d, deals.currency), width));
    }
    if (deals.total > DASHBOARD_FOLLOWUPS) lines.push(theme.dim(`          … and ${deals.total - DASHBOARD_FOLLOWUPS} more (spm followups)`));
  }
  if (goals.length > 0) {
    lines.push('', theme.bold('Goals'));
    for (const progress of goals) {
      const colour = goalStatusStyle(theme, progress.pace.status);
      lines.push(...wrap(`${colour('●')} ${progressLine(progress, currency)}`, width, '  ', '    '));
    }
  }
  lines.push('', ...packItems(['spm followups', 'spm goal list', 'spm report', 'spm --help'], width, 'More: ', ' · ', '      ').map((line) => theme.dim(line)));
  return `${lines.join('\n')}\n`;
}
