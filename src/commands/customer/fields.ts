// The customer flags shared by `add` and `edit`, validated into repository values.
import { clearsValue } from '../../domain/text.js';
import { InputError } from '../../domain/errors.js';
import { parseCadence } from '../../domain/reference.js';
import { checkName } from '../../domain/record-rules.js';
import { looksLikeEmail } from '../../domain/contact-input.js';
import type { CustomerPatch } from '../../store/customer-repository.js';
import { optionalText } from '../shared.js';

export interface CustomerFlags {
  company?: string;
  email?: string;
  phone?: string;
  segment?: string;
  tag?: string[];
  every?: string;
  note?: string;
}

export function validateName(name: string): string {
  return checkName(name, 'customer name');
}

/** Splits repeated and comma-separated tags, trimmed, without duplicates (case-insensitive). */
export function parseTags(values: string[]): string[] {
  const tags: string[] = [];
  for (const tag of values.flatMap((v) => v.split(',')).map((t) => t.trim()).filter(Boolean)) {
    if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  return tags;
}

/** Only flags that were given end up in the patch; an empty value clears the field. */
export function customerPatchFromFlags(flags: CustomerFlags): CustomerPatch {
  const patch: CustomerPatch = {};
  if (flags.company !== undefined) patch.company = optionalText(flags.company);
  if (flags.email !== undefined) {
    const email = optionalText(flags.email);
    if (email && !looksLikeEmail(email)) throw new InputError(`email ${JSON.stringify(email)} does not look like an address`);
    patch.email = email;
  }
  if (flags.phone !== undefined) patch.phone = optionalText(flags.phone);
  if (flags.segment !== undefined) patch.segment = optionalText(flags.segment);
  if (flags.tag !== undefined) patch.tags = parseTags(flags.tag);
  if (flags.every !== undefined) {
    patch.cadenceDays = clearsValue(flags.every) ? null : parseCadence(flags.every);
  }
  if (flags.note !== undefined) patch.notes = optionalText(flags.note);
  return patch;
}
