// spm customer show: one customer's card: details, lifetime value, last contact, history.
// The text view is drawn by ./render-show.ts.
import type { AppContext } from '../../cli/context.js';
import { centsToUnits } from '../../domain/money.js';
import { writeJson, round2 } from '../../ui/json.js';
import { customerJson } from './present.js';
import { renderCustomerShow } from './render-show.js';
import { saleJson } from '../sale/present.js';
import { followupJson } from '../followup/present.js';
import { checkinJson } from '../checkin/present.js';
import { concernJson } from '../concern/present.js';
import { lastContactDate } from '../../domain/rules/last-contact.js';
import { isDueToReorder, predictReorder } from '../../domain/reorder.js';

/** How many of each history list the card shows (JSON carries the same). */
export const SHOW_HISTORY_LIMIT = 20;

export async function runCustomerShow(reference: string, ctx: AppContext) {
  const store = ctx.store('read');
  const today = ctx.clock.today();
  const card = store.read(() => {
    const customer = store.customers.resolve(reference);
    const stats = store.customers.stats(customer.id);
    const sales = store.sales.list({ customerId: customer.id, limit: SHOW_HISTORY_LIMIT });
    const currency = store.settings.get().currency;
    const checkins = store.checkins.list({ customerId: customer.id, limit: SHOW_HISTORY_LIMIT });
    const followups = store.followups.list({ customerId: customer.id, limit: SHOW_HISTORY_LIMIT });
    const concerns = store.concerns.list({ openOnly: false, customerId: customer.id, limit: SHOW_HISTORY_LIMIT });
    const reorder = predictReorder(store.reorders.wonSales(customer.id));
    const hasOpenFollowup = store.followups.openForCustomerDueBy(customer.id, '9999-12-31').length > 0;
    return { customer, stats, sales, currency, checkins, followups, concerns, reorder, hasOpenFollowup };
  });
  const { customer, stats, sales, checkins, followups, concerns, reorder } = card;
  // Due as in the daily view: in the window or late, active, and no follow-up scheduled.
  const reorderDue = reorder !== null && !customer.archived && !card.hasOpenFollowup && isDueToReorder(reorder, today);
  const lastContact = lastContactDate(customer.addedDate, [stats.lastSale, stats.lastCheckin]);
  const json = {
    ...customerJson(customer),
    notes: customer.notes,
    added: customer.addedDate,
    lifetimeValue: centsToUnits(stats.lifetimeValueCents),
    firstSale: stats.firstSale,
    lastSale: stats.lastSale,
    lastContact,
    averageSatisfaction: round2(stats.averageSatisfaction),
    reorder: reorder && { intervalDays: reorder.intervalDays, lastWon: reorder.lastWon, expected: reorder.expected, averageWon: centsToUnits(reorder.averageWonCents), due: reorderDue },
    sales: sales.map(saleJson),
    checkins: checkins.map(checkinJson),
    followups: followups.map((f) => followupJson(f, today)),
    concerns: concerns.map(concernJson),
  };
  if (ctx.globals.json) {
    writeJson(ctx.io, json);
    return json;
  }
  ctx.io.out(renderCustomerShow({ ...card, lastContact, reorderDue }, today, ctx));
  return json;
}
