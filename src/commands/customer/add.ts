// spm customer add: a new customer, asked for on a terminal when the name is missing.
import type { AppContext } from '../../cli/context.js';
import type { Customer } from '../../domain/records.js';
import { customerPatchFromFlags, validateName, type CustomerFlags } from './fields.js';
import { customerJson, customerLabel } from './present.js';
import { requireValue, say } from '../shared.js';
import { checkLabel } from '../ask.js';
import { writeJson } from '../../ui/json.js';
import { countOf, sanitizeLine } from '../../domain/text.js';

export interface CustomerAddOptions extends CustomerFlags {
  name?: string;
}

export async function runCustomerAdd(options: CustomerAddOptions, ctx: AppContext): Promise<Customer> {
  const name = validateName(await requireValue(ctx, options.name, 'customer name', () =>
    ctx.prompter.input('Customer name', { validate: (v) => (v.trim() ? true : 'A name is needed') })));
  const patch = customerPatchFromFlags(options);
  if (patch.segment) patch.segment = await checkLabel(ctx, 'segment', patch.segment);
  const today = ctx.clock.today();
  const store = ctx.store('write');
  const customer = store.write(() => {
    const cadenceDays = patch.cadenceDays !== undefined ? patch.cadenceDays : store.settings.get().defaultCadenceDays;
    return store.customers.insert({ ...patch, name, cadenceDays, addedDate: today });
  });
  if (ctx.globals.json) writeJson(ctx.io, customerJson(customer));
  else say(ctx, `${ctx.theme().green('✓')} Added customer ${sanitizeLine(customerLabel(customer))}${customer.cadenceDays ? ` (stay in touch every ${countOf(customer.cadenceDays, 'day')})` : ''}`);
  return customer;
}
