// spm followups: the daily view. Reads only: open follow-ups up to today + N days, customers
// with a cadence and no open follow-up, open concerns, customers due to reorder; the pure buildDailyView ranks them.
// The text view is drawn by ./render.ts.
import type { AppContext } from '../../cli/context.js';
import { buildDailyView, isQuietDay, type DailyView } from '../../domain/followup-rank.js';
import { addDays, type LocalDate } from '../../domain/local-date.js';
import type { Store } from '../../store/store.js';
import { InputError } from '../../domain/errors.js';
import { parsePositiveInteger } from '../../domain/reference.js';
import { writeJson } from '../../ui/json.js';
import { followupJson } from '../followup/present.js';
import { concernJson } from '../concern/present.js';
import { reorderJson } from '../followup/present.js';
import { REORDER_WINDOW_DAYS } from '../../domain/reorder.js';
import { renderDailyView } from './render.js';
import { loadDealsToMove } from '../deal/to-move.js';

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
  const { view, deals } = store.readMapped(() => ({ view: loadDailyView(store, today, days, limit), deals: loadDealsToMove(store, today, limit) }));
  if (options.quiet && isQuietDay(view) && deals.total === 0) return null;
  if (ctx.globals.json) writeJson(ctx.io, { ...dailyViewJson(view), dealsToMove: deals.deals });
  else ctx.io.out(renderDailyView(view, ctx, options.all ? undefined : SECTION_LIMIT, deals));
  return view;
}

/**
 * Reads what the daily view needs and ranks it. With `limit`, only the first `limit` rows of
 * each section are read, plus counts of the rest (turning rows into objects is most of the
 * cost on a large database); `othersLimit` (default `limit`) bounds going cold, open concerns
 * and due to reorder apart from the follow-ups (the dashboard shows only their counts: 0).
 * Call inside a read transaction.
 */
export function loadDailyView(store: Store, today: LocalDate, days: number, limit: number | undefined, othersLimit = limit): DailyView {
  const until = addDays(today, days);
  const concernFilter = { openOnly: true, activeCustomersOnly: true, limit: othersLimit };
  const cold = store.followups.goingColdCandidates(today, othersLimit);
  const reorders = store.reorders.due(addDays(today, REORDER_WINDOW_DAYS), othersLimit);
  const input = {
    today,
    days,
    openFollowups: limit === undefined
      ? store.followups.openDueIn(null, until)
      : [...store.followups.openDueIn(null, addDays(today, -1), limit), ...store.followups.openDueIn(today, today, limit), ...store.followups.openDueIn(addDays(today, 1), until, limit)],
    cadenceCandidates: cold.candidates,
    openConcerns: store.concerns.list(concernFilter),
    reorderCandidates: reorders.due,
  };
  const totals = limit === undefined ? undefined
    : { ...store.followups.countOpenDue(today, until), goingCold: cold.total, openConcerns: store.concerns.count(concernFilter), dueToReorder: reorders.total };
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
    dueToReorder: view.dueToReorder.map(reorderJson),
  };
}
