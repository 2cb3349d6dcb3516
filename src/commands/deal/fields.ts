// Deal flags shared by `add`, `edit` and `import`, validated into repository values.
import { clearsValue } from '../../domain/text.js';
import type { AppContext } from '../../cli/context.js';
import { parseAmount } from '../../domain/money.js';
import { parseDateInput } from '../../domain/local-date.js';
import { parseId } from '../../domain/reference.js';
import { InputError } from '../../domain/errors.js';
import type { Store } from '../../store/store.js';
import type { DealPatch } from '../../store/deal-repository.js';
import { optionalText } from '../shared.js';

export interface DealFlags {
  title?: string;
  close?: string;
  product?: string;
  technique?: string;
  note?: string;
}

export function parseDealValue(text: string, field = 'value'): number {
  return parseAmount(text, { field });
}

/** `7` or `#7`. */
export const parseDealId = (text: string) => parseId(text, 'deal');

/** Parses the flags given into a patch; blank text clears a field (the title cannot be blank). */
export function dealPatchFromFlags(flags: DealFlags, ctx: AppContext): DealPatch {
  const patch: DealPatch = {};
  if (flags.title !== undefined) {
    const title = optionalText(flags.title);
    if (!title) throw new InputError('--title is empty', 'Give the deal a title, e.g. --title "Website redesign".');
    patch.title = title;
  }
  if (flags.close !== undefined) {
    patch.expectedCloseDate = clearsValue(flags.close) ? null : parseDateInput(flags.close, ctx.clock.today(), '--close');
  }
  if (flags.product !== undefined) patch.product = optionalText(flags.product);
  if (flags.technique !== undefined) patch.technique = optionalText(flags.technique);
  if (flags.note !== undefined) patch.note = optionalText(flags.note);
  return patch;
}

/** Techniques and products in the spelling already used by sales, so a won deal's sale groups with them. */
export function canonicalDealLabels(patch: DealPatch, store: Store): DealPatch {
  const result = { ...patch };
  if (result.technique) result.technique = store.sales.canonicalLabel('technique', result.technique);
  if (result.product) result.product = store.sales.canonicalLabel('product', result.product);
  return result;
}
