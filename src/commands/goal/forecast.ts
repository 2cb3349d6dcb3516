// A revenue or sales goal's forecast from open deals: the store supplies the deals that can
// count (the goal's filters, expected close by the goal's end), the domain does the arithmetic.
import type { Store } from '../../store/store.js';
import type { LocalDate } from '../../domain/local-date.js';
import { forecastGoal, wholePercent } from '../../domain/deal-forecast.js';
import { probabilityOf } from '../../domain/deal-probability.js';
import { round2 } from '../../domain/money.js';
import { dealSetup, type DealSetup } from '../deal/present.js';
import type { GoalProgress } from './progress.js';

/** In metric units (currency units for revenue, a count for sales); chance in whole percent. */
export interface GoalForecast {
  value: number;
  chanceToHit: number;
  deals: number;
}

/**
 * The forecast of a goal whose current timeline includes `today`, or null: another metric, a
 * timeline not running today, or no open deal that counts. `cache` (one per read) shares the
 * learned probabilities between goals.
 */
export function goalForecast(store: Store, progress: GoalProgress, today: LocalDate, cache: Map<string, unknown> = new Map()): GoalForecast | null {
  const { goal, timeline, pace } = progress;
  if (goal.metric !== 'revenue' && goal.metric !== 'sales') return null;
  if (today < timeline.from || today > timeline.to) return null;
  // Goals with the same filters and end share one read (a goal list of many goals).
  const filter = { segment: goal.segment, product: goal.product, technique: goal.technique, closeOnOrBefore: timeline.to };
  const key = `forecast-deals:${JSON.stringify(filter)}`;
  if (!cache.has(key)) cache.set(key, store.deals.forecastDeals(filter));
  const deals = cache.get(key) as ReturnType<Store['deals']['forecastDeals']>;
  if (deals.length === 0) return null;
  if (!cache.has('deal-setup')) cache.set('deal-setup', dealSetup(store));
  const { probabilities } = cache.get('deal-setup') as DealSetup;
  // Hundredths of the metric: cents for revenue, 100 per won deal for sales.
  const forecast = forecastGoal(Math.round((pace.actual ?? 0) * 100), Math.round(goal.target * 100),
    deals.map((d) => ({ valueX100: goal.metric === 'revenue' ? d.valueCents : 100, probability: probabilityOf(probabilities, d.stage), count: d.count })));
  return { value: round2(forecast.valueX100 / 100)!, chanceToHit: wholePercent(forecast.chanceToHit), deals: forecast.deals };
}

/** The same progress with its forecast attached, for views that show it. */
export function withForecast(store: Store, progress: GoalProgress, today: LocalDate, cache?: Map<string, unknown>): GoalProgress {
  return { ...progress, forecast: goalForecast(store, progress, today, cache) };
}
