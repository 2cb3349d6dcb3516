// Bare `spm`: one screen for the morning — the first overdue and due follow-ups, how many
// customers are going cold and concerns open, and one pace line per active goal. With no
// database yet, a short welcome with the commands to start with.
import type { AppContext } from '../cli/context.js';
import { NoDatabaseError } from '../store/open-database.js';
import type { Store } from '../store/store.js';
import { formatShortDate } from '../domain/local-date.js';
import { sanitizeLine } from '../domain/text.js';
import { writeJson } from '../ui/json.js';
import { goalStatusStyle } from '../ui/theme.js';
import { loadDailyView, weekdayName } from './followups.js';
import { dayCount, followupJson, followupWhy } from './followup/present.js';
import { evaluateCurrent, goalProgressJson, progressLine } from './goal/progress.js';
import { isGoalActive } from '../domain/goal-pace.js';

/** Follow-ups listed by name on the dashboard; the rest are counted. */
export const DASHBOARD_FOLLOWUPS = 5;

export async function runDashboard(ctx: AppContext) {
  let store: Store;
  try {
    store = ctx.store('read');
  } catch (error) {
    if (!(error instanceof NoDatabaseError)) throw error;
    const path = ctx.dbPath();
    if (ctx.globals.json) {
      writeJson(ctx.io, { database: null });
      return null;
    }
    ctx.io.out([
      `${ctx.theme().bold('Welcome to spm')} — goals, sales, follow-ups and a weekly report, for one salesperson.`,
      `No database yet (it will be ${path}). Start with:`,
      '',
      '  spm customer add "Acme Corp" --every 30',
      '  spm sale add acme 1200 --technique referral',
      '  spm goal add "Q1 revenue" --metric revenue --target 30000 --period quarter',
      '',
      'Or look around a sample database first: spm demo',
      '',
    ].join('\n'));
    return null;
  }
  const today = ctx.clock.today();
  const { view, goals, currency } = store.read(() => {
    const settings = store.settings.get();
    const cache = new Map<string, unknown>();
    const goals = store.goals.list(false)
      .filter((goal) => isGoalActive(goal, today))
      .map((goal) => evaluateCurrent(store, goal, today, settings.weekStart, cache));
    return { view: loadDailyView(store, today, 0, DASHBOARD_FOLLOWUPS), goals, currency: settings.currency };
  });
  const due = [...view.overdue, ...view.dueToday].slice(0, DASHBOARD_FOLLOWUPS);
  const dueTotal = view.totals.overdue + view.totals.dueToday;
  if (ctx.globals.json) {
    const json = {
      date: today,
      overdue: view.totals.overdue,
      dueToday: view.totals.dueToday,
      followups: due.map((f) => followupJson(f, today)),
      goingCold: view.totals.goingCold,
      openConcerns: view.totals.openConcerns,
      goals: goals.map(goalProgressJson),
    };
    writeJson(ctx.io, json);
    return json;
  }
  const theme = ctx.theme();
  const lines = [theme.bold(`spm · ${weekdayName(today)} ${formatShortDate(today)}`), ''];
  if (dueTotal === 0) lines.push(`${theme.green('✓')} No follow-ups due today.`);
  else {
    const counts = [view.totals.overdue ? theme.red(`${view.totals.overdue} overdue`) : '', view.totals.dueToday ? `${view.totals.dueToday} due today` : ''].filter(Boolean);
    lines.push(`${theme.bold('Follow-ups')}: ${counts.join(', ')}`);
    for (const f of due) {
      const when = f.daysOverdue > 0 ? theme.red(`${dayCount(f.daysOverdue)} overdue`.padEnd(16)) : 'today'.padEnd(16);
      lines.push(`  ${theme.dim(`#${f.id}`.padStart(6))}  ${when}  ${sanitizeLine(f.customer.name)} — ${sanitizeLine(followupWhy(f))}`);
    }
    if (dueTotal > due.length) lines.push(theme.dim(`          … and ${dueTotal - due.length} more`));
  }
  const attention = [
    view.totals.goingCold ? theme.yellow(`${view.totals.goingCold} customer${view.totals.goingCold === 1 ? '' : 's'} going cold`) : '',
    view.totals.openConcerns ? `${view.totals.openConcerns} open concern${view.totals.openConcerns === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (attention.length) lines.push(attention.join(' · '));
  if (goals.length > 0) {
    lines.push('', theme.bold('Goals'));
    for (const progress of goals) {
      const colour = goalStatusStyle(theme, progress.pace.status);
      lines.push(`  ${colour('●')} ${progressLine(progress, currency)}`);
    }
  }
  lines.push('', theme.dim('More: spm followups · spm goal list · spm report · spm --help'));
  ctx.io.out(`${lines.join('\n')}\n`);
  return null;
}
