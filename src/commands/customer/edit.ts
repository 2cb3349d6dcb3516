// spm customer edit: change any field; an empty value clears it.
import type { AppContext } from '../../cli/context.js';
import type { Customer } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { customerPatchFromFlags, validateName, type CustomerFlags } from './fields.js';
import { checkLabel } from '../ask.js';
import { customerJson, customerLabel } from './present.js';
import { say } from '../shared.js';
import { writeJson } from '../../ui/json.js';
import { sanitizeLine } from '../../domain/text.js';

export interface CustomerEditOptions extends CustomerFlags {
  name?: string;
}

export async function runCustomerEdit(reference: string, options: CustomerEditOptions, ctx: AppContext): Promise<Customer> {
  const patch = customerPatchFromFlags(options);
  if (patch.segment) patch.segment = await checkLabel(ctx, 'segment', patch.segment);
  if (options.name !== undefined) patch.name = validateName(options.name);
  if (Object.keys(patch).length === 0) throw new InputError('nothing to change', 'Give at least one flag, e.g. --segment smb or --every 2w.');
  const store = ctx.store('write');
  const customer = store.write(() => store.customers.update(store.customers.resolve(reference).id, patch));
  if (ctx.globals.json) writeJson(ctx.io, customerJson(customer));
  else say(ctx, `${ctx.theme().green('✓')} Updated customer ${sanitizeLine(customerLabel(customer))}`);
  return customer;
}
