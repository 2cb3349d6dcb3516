// Sale flags shared by `add` and `edit`, validated into repository values.
import type { AppContext } from '../../cli/context.js';
import { InputError } from '../../domain/errors.js';
import { parseDateInput } from '../../domain/local-date.js';
import { parsePositiveInteger } from '../../domain/reference.js';
import type { Store } from '../../store/store.js';
import type { SalePatch } from '../../store/sale-repository.js';
import { optionalText } from '../shared.js';

export interface SaleFlags {
  date?: string;
  technique?: string;
  product?: string;
  qty?: string;
  note?: string;
  reason?: string;
}

/** Parses the flags given; `store` supplies the canonical spelling of techniques and products. */
export function salePatchFromFlags(flags: SaleFlags, ctx: AppContext): SalePatch {
  const patch: SalePatch = {};
  if (flags.date !== undefined) patch.date = parseDateInput(flags.date, ctx.clock.today(), '--date');
  if (flags.technique !== undefined) patch.technique = optionalText(flags.technique);
  if (flags.product !== undefined) patch.product = optionalText(flags.product);
  if (flags.qty !== undefined) patch.quantity = parsePositiveInteger(flags.qty, '--qty');
  if (flags.note !== undefined) patch.note = optionalText(flags.note);
  if (flags.reason !== undefined) patch.reason = optionalText(flags.reason);
  return patch;
}

/** Uses the spelling already in the database for techniques and products. */
export function canonicalizeLabels(patch: SalePatch, store: Store): SalePatch {
  const result = { ...patch };
  if (result.technique) result.technique = store.sales.canonicalLabel('technique', result.technique);
  if (result.product) result.product = store.sales.canonicalLabel('product', result.product);
  return result;
}

export function assertReasonOnlyWhenLost(outcome: 'won' | 'lost', reason: string | null | undefined): void {
  if (reason && outcome === 'won') throw new InputError('--reason is for lost sales', 'Add --lost, or leave --reason out.');
}
