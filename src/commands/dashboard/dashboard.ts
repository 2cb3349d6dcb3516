// Bare `spm`: one screen for the morning — the first overdue and due follow-ups, how many
// customers are going cold and concerns open, and one pace line per active goal. With no
// database yet, a short welcome with the commands to start with. The text is drawn by ./render.ts.
import type { AppContext } from '../../cli/context.js';
import { NoDatabaseError } from '../../store/open-database.js';
import type { Store } from '../../store/store.js';
import { writeJson } from '../../ui/json.js';
import { outputWidth, wrap, wrapCommand } from '../../ui/fit.js';
import { loadDailyView } from '../followups/followups.js';
import { followupJson } from '../followup/present.js';
import { evaluateCurrent, goalProgressJson } from '../goal/progress.js';
import { withForecast } from '../goal/forecast.js';
import { loadDealsToMove } from '../deal/to-move.js';
import { DASHBOARD_FOLLOWUPS, renderDashboard } from './render.js';

export { DASHBOARD_FOLLOWUPS };
import { isGoalActive } from '../../domain/goal-pace.js';


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
    const width = outputWidth(ctx.io);
    ctx.io.out([
      ...wrap(`${ctx.theme().bold('Welcome to spm')} — goals, sales, follow-ups and a weekly report, for one salesperson.`, width),
      ...wrap(`No database yet (it will be ${path}). Start with:`, width),
      '',
      ...wrapCommand('spm customer add "Acme Corp" --every 30', width, '  '),
      ...wrapCommand('spm sale add acme 1200 --technique referral', width, '  '),
      ...wrapCommand('spm goal add "Q1 revenue" --metric revenue --target 30000 --period quarter', width, '  '),
      '',
      ...wrap('Or look around a sample database first: spm demo', width),
      '',
    ].join('\n'));
    return null;
  }
  const today = ctx.clock.today();
  const { view, goals, currency, deals } = store.readMapped(() => {
    const settings = store.settings.get();
    const cache = new Map<string, unknown>();
    const goals = store.goals.list(false)
      .filter((goal) => isGoalActive(goal, today))
      .map((goal) => withForecast(store, evaluateCurrent(store, goal, today, settings.weekStart, cache), today, cache));
    return { view: loadDailyView(store, today, 0, DASHBOARD_FOLLOWUPS, 0), goals, currency: settings.currency, deals: loadDealsToMove(store, today, DASHBOARD_FOLLOWUPS) };
  });
  const due = [...view.overdue, ...view.dueToday].slice(0, DASHBOARD_FOLLOWUPS);
  if (ctx.globals.json) {
    const json = {
      date: today,
      overdue: view.totals.overdue,
      dueToday: view.totals.dueToday,
      followups: due.map((f) => followupJson(f, today)),
      goingCold: view.totals.goingCold,
      openConcerns: view.totals.openConcerns,
      dueToReorder: view.totals.dueToReorder,
      // A count, like the others, and the first few with the id to act on.
      dealsToMove: deals.total,
      deals: deals.deals,
      goals: goals.map(goalProgressJson),
    };
    writeJson(ctx.io, json);
    return json;
  }
  ctx.io.out(renderDashboard({ today, view, goals, currency, deals }, ctx));
  return null;
}
