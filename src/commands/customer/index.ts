// spm customer …: registers the verbs; each loads its module only when it runs.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function customerFieldOptions(command: Command): Command {
  return command
    .option('--company <name>', 'company')
    .option('--email <address>', 'email address')
    .option('--phone <number>', 'phone number')
    .option('--segment <segment>', 'segment (demographic group), e.g. smb, enterprise')
    .option('--tag <tag>', 'tag (repeat or comma-separate for several)', collect)
    .option('--every <cadence>', 'stay in touch every N days: 30, 2w, 1m (30 days); "none" to clear')
    .option('--note <text>', 'notes');
}

export function registerCustomerCommands(program: Command, ctx: AppContext): void {
  const customer = withExamples(program.command('customer').description('add, list, show and edit customers'), [
    'spm customer add "Acme Corp" --segment smb --every 30',
    'spm customer list --search acme',
    'spm customer show acme',
  ]);

  withExamples(customerFieldOptions(customer.command('add').argument('[name]', 'customer name (unique, any case)'))
    .description('add a customer')
    .action(async (name: string | undefined, options) => {
      const { runCustomerAdd } = await import('./add.js');
      await runCustomerAdd({ ...options, name }, ctx);
    }), [
    'spm customer add "Globex" --company "Globex Corporation" --segment enterprise --every 30',
    'spm customer add "Jane Doe" --email jane@example.com --tag vip --tag referral',
  ]);

  withExamples(customer.command('list')
    .description('list customers, newest first')
    .option('--segment <segment>', 'only this segment')
    .option('--search <text>', 'name, company, email or tag containing the text')
    .option('--limit <n>', 'show the latest N (default 50)')
    .option('--all', 'every customer, archived ones included')
    .action(async (options) => {
      const { runCustomerList } = await import('./list.js');
      await runCustomerList(options, ctx);
    }), [
    'spm customer list',
    'spm customer list --segment smb --search acme',
    'spm customer list --all --json',
  ]);

  withExamples(customer.command('show').argument('<customer>', 'id, #id, name or unique name prefix')
    .description('one customer: details, lifetime value, last contact, history')
    .action(async (reference: string) => {
      const { runCustomerShow } = await import('./show.js');
      await runCustomerShow(reference, ctx);
    }), ['spm customer show acme', 'spm customer show 12 --json']);

  withExamples(customerFieldOptions(customer.command('edit').argument('<customer>', 'id, #id, name or unique name prefix'))
    .description('change a customer (an empty value clears a field)')
    .option('--name <name>', 'new name')
    .action(async (reference: string, options) => {
      const { runCustomerEdit } = await import('./edit.js');
      await runCustomerEdit(reference, options, ctx);
    }), ['spm customer edit acme --segment enterprise --every 2w', 'spm customer edit acme --name "Acme Inc" --phone ""']);

  for (const [verb, archived] of [['archive', true], ['unarchive', false]] as const) {
    withExamples(customer.command(verb).argument('<customer>', 'id, #id, name or unique name prefix')
      .description(archived ? 'hide a customer from lists and follow-ups, keeping its history' : 'bring an archived customer back')
      .action(async (reference: string) => {
        const { runCustomerArchive } = await import('./archive.js');
        await runCustomerArchive(reference, archived, ctx);
      }), [`spm customer ${verb} acme`]);
  }

  withExamples(customer.command('rm').argument('<customer>', 'id, #id, name or unique name prefix')
    .description('delete a customer that has no sales, check-ins, follow-ups or concerns')
    .action(async (reference: string) => {
      const { runCustomerRm } = await import('./rm.js');
      await runCustomerRm(reference, ctx);
    }), ['spm customer rm "Typo Customer" --yes']);
}
