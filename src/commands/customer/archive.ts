// spm customer archive / unarchive: hide a customer from lists and follow-ups, keeping history.
import type { AppContext } from '../../cli/context.js';
import type { Customer } from '../../domain/records.js';
import { customerJson, customerLabel } from './present.js';
import { say } from '../shared.js';
import { writeJson } from '../../ui/json.js';
import { sanitizeLine } from '../../domain/text.js';

export async function runCustomerArchive(reference: string, archived: boolean, ctx: AppContext): Promise<Customer> {
  const store = ctx.store('write');
  const customer = store.write(() => store.customers.update(store.customers.resolve(reference).id, { archived }));
  if (ctx.globals.json) writeJson(ctx.io, customerJson(customer));
  else say(ctx, `${ctx.theme().green('✓')} ${archived ? 'Archived' : 'Unarchived'} customer ${sanitizeLine(customerLabel(customer))}`);
  return customer;
}
