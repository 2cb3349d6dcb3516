// spm customer rm: only a customer nothing refers to; otherwise archive is the way.
import type { AppContext } from '../../cli/context.js';
import type { Customer } from '../../domain/records.js';
import { InputError } from '../../domain/errors.js';
import { customerJson, customerLabel } from './present.js';
import { confirmDeletion, say } from '../shared.js';
import { writeJson } from '../../ui/json.js';
import { sanitizeLine } from '../../domain/text.js';

export async function runCustomerRm(reference: string, ctx: AppContext): Promise<Customer> {
  const store = ctx.store('write');
  const customer = store.read(() => store.customers.resolve(reference));
  const label = sanitizeLine(customerLabel(customer));
  const refs = store.read(() => store.customers.references(customer.id));
  const held = Object.entries(refs).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${n === 1 ? kind.replace(/s$/, '') : kind}`);
  if (held.length > 0) {
    throw new InputError(`customer ${label} has ${held.join(', ')}; removing would lose that history`, `Archive it instead: spm customer archive ${customer.id}`);
  }
  await confirmDeletion(ctx, `Delete customer ${label}?`);
  store.write(() => {
    // Checked again inside the transaction: something may have been added meanwhile.
    const now = store.customers.references(customer.id);
    if (Object.values(now).some((n) => n > 0)) throw new InputError(`customer ${label} has history now; archive it instead`);
    store.customers.delete(customer.id);
  });
  if (ctx.globals.json) writeJson(ctx.io, customerJson(customer));
  else say(ctx, `${ctx.theme().green('✓')} Deleted customer ${label}`);
  return customer;
}
