// spm sale …: registers the verbs; each loads its module only when it runs.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';
import { InputError } from '../../domain/errors.js';

function saleFieldOptions(command: Command): Command {
  return command
    .option('--date <date>', 'sale date: YYYY-MM-DD, today, yesterday, -3d, mon … (default today)')
    .option('--technique <technique>', 'technique or approach used, e.g. referral, cold-call, demo')
    .option('--product <product>', 'product or service sold')
    .option('--qty <n>', 'quantity')
    .option('--note <text>', 'note')
    .option('--reason <text>', 'why it was lost (with --lost)');
}

export function registerSaleCommands(program: Command, ctx: AppContext): void {
  const sale = withExamples(program.command('sale').description('record and list sales, won or lost'), [
    'spm sale add acme 1200 --technique referral',
    'spm sale add acme 400 --lost --reason price',
    'spm sale list --from -30d',
  ]);

  // --follow-up D and --no-follow-up set the same option; the last one would win silently.
  const followUpFlags = new Set<string>();
  withExamples(saleFieldOptions(sale.command('add')
    .argument('[customer]', 'id, #id, name or unique name prefix')
    .argument('[amount]', 'amount: 1200, 1200.50, 1,200.50, $1,200.50'))
    .description('record a sale (won unless --lost)')
    .option('--lost', 'the sale was lost')
    .option('--create', 'add the customer if no customer matches')
    .option('--follow-up <date>', 'schedule the post-sale follow-up on this day instead of the default')
    .option('--no-follow-up', 'no post-sale follow-up for this sale')
    .on('option:follow-up', () => followUpFlags.add('--follow-up'))
    .on('option:no-follow-up', () => followUpFlags.add('--no-follow-up'))
    .action(async (customer: string | undefined, amount: string | undefined, options) => {
      if (followUpFlags.size > 1) throw new InputError('--follow-up and --no-follow-up contradict each other', 'Give one of them.');
      const { runSaleAdd } = await import('./add.js');
      await runSaleAdd({ ...options, customer, amount }, ctx);
    }), [
    'spm sale add acme 1200 --technique referral --product consulting',
    'spm sale add "New Client" 800 --create --date yesterday',
    'spm sale add acme 5000 --lost --reason "went with a cheaper vendor" --technique cold-call',
  ]);

  withExamples(sale.command('list')
    .description('list sales, newest first')
    .option('--from <date>', 'from this date (inclusive)')
    .option('--to <date>', 'up to this date (inclusive)')
    .option('--customer <customer>', 'only this customer')
    .option('--technique <technique>', 'only this technique')
    .option('--product <product>', 'only this product')
    .option('--outcome <outcome>', 'won or lost')
    .option('--limit <n>', 'show the latest N (default 50)')
    .option('--all', 'show every sale')
    .action(async (options) => {
      const { runSaleList } = await import('./list.js');
      await runSaleList(options, ctx);
    }), [
    'spm sale list',
    'spm sale list --from -30d --outcome lost',
    'spm sale list --customer acme --json',
  ]);

  withExamples(saleFieldOptions(sale.command('edit').argument('<id>', 'sale id'))
    .description('correct a sale')
    .option('--customer <customer>', 'move the sale to another customer')
    .option('--amount <amount>', 'new amount')
    .option('--won', 'mark as won')
    .option('--lost', 'mark as lost')
    .action(async (id: string, options) => {
      const { runSaleEdit } = await import('./edit.js');
      await runSaleEdit(id, options, ctx);
    }), ['spm sale edit 12 --amount 1350 --technique demo', 'spm sale edit 15 --lost --reason "budget cut"   # a lost sale: its post-sale follow-up is cancelled']);

  withExamples(sale.command('rm').argument('<id>', 'sale id')
    .description('delete a sale')
    .action(async (id: string) => {
      const { runSaleRm } = await import('./rm.js');
      await runSaleRm(id, ctx);
    }), ['spm sale rm 15 --yes']);
}
