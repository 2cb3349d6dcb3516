// How a sale looks in JSON.
import type { Sale } from '../../domain/records.js';
import { centsToUnits } from '../../domain/money.js';

export function saleJson(sale: Sale) {
  return {
    id: sale.id,
    date: sale.date,
    customer: { id: sale.customer.id, name: sale.customer.name },
    amount: centsToUnits(sale.amountCents),
    outcome: sale.outcome,
    reason: sale.reason,
    technique: sale.technique,
    product: sale.product,
    quantity: sale.quantity,
    note: sale.note,
  };
}
