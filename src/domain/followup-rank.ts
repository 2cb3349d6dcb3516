// The daily view as a pure function of (today, open follow-ups, cadence candidates, open
// concerns): what is overdue, due today, upcoming, going cold, and whether the day is quiet.
import { addDays, dayNumber, daysBetween, type LocalDate } from './local-date.js';
import type { Concern, Followup } from './records.js';
import { isDueToReorder, rankDueToReorder, type CustomerReorder } from './reorder.js';
import { isGoingCold, type CadenceCandidate } from './rules/going-cold.js';

export type { CadenceCandidate };

/** A follow-up with how late it is as of today (0 when due today or later). */
export interface RankedFollowup extends Followup {
  daysOverdue: number;
}

export interface GoingCold extends CadenceCandidate {
  daysSinceContact: number;
}

export interface AgedConcern extends Concern {
  ageDays: number;
}

/** How many items each section has in all (the lists may hold only the first ones). */
export interface DailyViewTotals {
  overdue: number;
  dueToday: number;
  upcoming: number;
  goingCold: number;
  openConcerns: number;
  dueToReorder: number;
}

export interface DailyView {
  date: LocalDate;
  totals: DailyViewTotals;
  /** Upcoming covers the days after today up to and including `upcomingUntil`. */
  upcomingUntil: LocalDate;
  overdue: RankedFollowup[];
  dueToday: RankedFollowup[];
  upcoming: RankedFollowup[];
  goingCold: GoingCold[];
  openConcerns: AgedConcern[];
  /** Expected to buy again within REORDER_WINDOW_DAYS or late, worth the most first. */
  dueToReorder: CustomerReorder[];
}

export interface DailyViewInput {
  today: LocalDate;
  /** How many days after today count as upcoming (default 7). */
  days: number;
  /** Open follow-ups; any due after today + days are ignored. */
  openFollowups: Followup[];
  /** Customers with a cadence and no open follow-up (a scheduled touch suppresses going cold). */
  cadenceCandidates: CadenceCandidate[];
  openConcerns: Concern[];
  /** Reorder predictions of active customers with no open follow-up (any not due are ignored). */
  reorderCandidates?: CustomerReorder[];
  /**
   * When the lists hold only the first items of each section (the text view shows 50), the
   * real sizes; otherwise the sizes are the lists' lengths.
   */
  totals?: DailyViewTotals;
}


/** Days past due for an open follow-up as of `today`; 0 when not yet late; null once closed. */
export function daysOverdue(followup: Pick<Followup, 'dueDate' | 'status'>, today: LocalDate): number | null {
  if (followup.status !== 'open') return null;
  return Math.max(0, daysBetween(followup.dueDate, today));
}

const byDueThenId = (a: Followup, b: Followup) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id);

export function buildDailyView(input: DailyViewInput): DailyView {
  const { today, days } = input;
  const upcomingUntil = addDays(today, days);
  const view: DailyView = { date: today, totals: { overdue: 0, dueToday: 0, upcoming: 0, goingCold: 0, openConcerns: 0, dueToReorder: 0 }, upcomingUntil, overdue: [], dueToday: [], upcoming: [], goingCold: [], openConcerns: [], dueToReorder: [] };
  const todayNumber = dayNumber(today);
  for (const followup of [...input.openFollowups].filter((f) => f.status === 'open').sort(byDueThenId)) {
    const ranked = { ...followup, daysOverdue: Math.max(0, todayNumber - dayNumber(followup.dueDate)) };
    if (followup.dueDate < today) view.overdue.push(ranked);
    else if (followup.dueDate === today) view.dueToday.push(ranked);
    else if (followup.dueDate <= upcomingUntil) view.upcoming.push(ranked);
  }
  for (const c of input.cadenceCandidates) {
    if (isGoingCold(c, today)) view.goingCold.push({ customer: c.customer, cadenceDays: c.cadenceDays, lastContact: c.lastContact, daysSinceContact: todayNumber - dayNumber(c.lastContact) });
  }
  // Longest past their cadence first: they are the coldest.
  view.goingCold.sort((a, b) => (b.daysSinceContact - b.cadenceDays) - (a.daysSinceContact - a.cadenceDays) || a.customer.id - b.customer.id);
  view.openConcerns = input.openConcerns
    .filter((c) => c.status === 'open')
    .map((c) => ({ ...c, ageDays: Math.max(0, todayNumber - dayNumber(c.openedDate)) }))
    .sort((a, b) => (a.openedDate < b.openedDate ? -1 : a.openedDate > b.openedDate ? 1 : a.id - b.id));
  view.dueToReorder = rankDueToReorder((input.reorderCandidates ?? []).filter((r) => isDueToReorder(r, today)));
  view.totals = input.totals ?? {
    overdue: view.overdue.length, dueToday: view.dueToday.length, upcoming: view.upcoming.length,
    goingCold: view.goingCold.length, openConcerns: view.openConcerns.length, dueToReorder: view.dueToReorder.length,
  };
  return view;
}

/** Nothing needs doing today: nothing overdue, nothing due today, nobody going cold. */
export function isQuietDay(view: DailyView): boolean {
  return view.totals.overdue === 0 && view.totals.dueToday === 0 && view.totals.goingCold === 0;
}
