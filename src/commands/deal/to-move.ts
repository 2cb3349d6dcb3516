// "Deals to move" for the daily view and the dashboard: stale deals and passed close dates,
// largest weighted value first. Read inside the caller's read transaction.
import type { Store } from '../../store/store.js';
import { addDays, type LocalDate } from '../../domain/local-date.js';
import { dealsToMove, type DealToMove } from '../../domain/deal-pipeline.js';
import { formatMoney } from '../../domain/money.js';
import { dealSetup } from './present.js';

export interface DealsToMove {
  deals: DealToMove[];
  total: number;
  currency: string;
}

export function loadDealsToMove(store: Store, today: LocalDate, limit?: number): DealsToMove {
  const setup = dealSetup(store);
  const enteredBefore = addDays(today, -setup.settings.dealStaleDays);
  const deals = dealsToMove(store.deals.toMove(enteredBefore, today, setup.probabilities, limit), today, setup.probabilities, setup.settings.dealStaleDays);
  const total = limit === undefined || deals.length < limit ? deals.length : store.deals.countToMove(enteredBefore, today);
  return { deals, total, currency: setup.settings.currency };
}

/** `Website $12,000 · 20 days in proposal` — the "why" of a line in the daily view. */
export function dealToMoveWhy(deal: DealToMove, currency: string): string {
  return `${deal.title} ${formatMoney(Math.round(deal.value * 100), currency, true)} · ${deal.why}`;
}
