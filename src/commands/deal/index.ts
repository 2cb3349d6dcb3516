// spm deal …: registers the verbs; each loads its module only when it runs.
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

function dealFieldOptions(command: Command): Command {
  return command
    .option('--title <text>', 'what the deal is, e.g. "Website redesign" (default: the product, else "<customer> deal")')
    .option('--close <date>', 'expected close date: YYYY-MM-DD, fri, +30d … ("none" clears it)')
    .option('--product <product>', 'product or service offered')
    .option('--technique <technique>', 'technique or approach, e.g. referral, demo')
    .option('--note <text>', 'note');
}

export function registerDealCommands(program: Command, ctx: AppContext): void {
  const deal = withExamples(program.command('deal').description('open deals (quotes, proposals) through stages to won or lost'), [
    'spm deal add acme 12000 --title "Website redesign" --stage proposal',
    'spm deal list',
    'spm pipeline',
  ]);

  withExamples(dealFieldOptions(deal.command('add')
    .argument('[customer]', 'id, #id, name or unique name prefix')
    .argument('[value]', 'deal value: 12000, 12,000.50, $12,000'))
    .description('open a deal (in the first stage unless --stage)')
    .option('--stage <stage>', 'stage it is in now (see spm config get deal-stages)')
    .option('--date <date>', 'day the deal was opened (default today)')
    .option('--create', 'add the customer if no customer matches')
    .action(async (customer: string | undefined, value: string | undefined, options) => {
      const { runDealAdd } = await import('./add.js');
      await runDealAdd({ ...options, customer, value }, ctx);
    }), [
    'spm deal add "Customer 1" 12000 --title "Website redesign" --stage proposal --close +30d',
    'spm deal add "Customer 2" 4500 --product support --close 2026-04-30 --technique referral --date -10d',
    'spm deal add "Deal Prospect" 900 --create --date -20d',
  ]);

  withExamples(deal.command('list')
    .description('list deals, soonest expected close first (open ones unless --status)')
    .option('--stage <stage>', 'only this stage')
    .option('--customer <customer>', 'only this customer')
    .option('--status <status>', 'open (default), won, lost or all')
    .option('--limit <n>', 'show the first N (default 50)')
    .option('--all', 'show every matching deal')
    .action(async (options) => {
      const { runDealList } = await import('./list.js');
      await runDealList(options, ctx);
    }), ['spm deal list', 'spm deal list --stage proposal --json', 'spm deal list --status all --customer "Customer 1"']);

  withExamples(deal.command('show').argument('<deal>', 'deal id')
    .description('one deal: stages with days in each, the sale it became')
    .action(async (id: string) => {
      const { runDealShow } = await import('./show.js');
      await runDealShow(id, ctx);
    }), ['spm deal show 1', 'spm deal show 1 --json']);

  withExamples(deal.command('move').argument('<deal>', 'deal id').argument('<stage>', 'stage name or unique prefix')
    .description('move a deal to another stage, forward or back')
    .option('--date <date>', 'day it entered the stage (default today)')
    .action(async (id: string, stage: string, options) => {
      const { runDealMove } = await import('./move.js');
      await runDealMove(id, stage, options, ctx);
    }), ['spm deal move 1 negotiation', 'spm deal move 2 qualified --date yesterday']);

  withExamples(dealFieldOptions(deal.command('edit').argument('<deal>', 'deal id'))
    .description('correct a deal')
    .option('--customer <customer>', 'move the deal to another customer')
    .option('--value <value>', 'new value')
    .action(async (id: string, options) => {
      const { runDealEdit } = await import('./edit.js');
      await runDealEdit(id, options, ctx);
    }), ['spm deal edit 1 --value 13500 --close 2026-04-30', 'spm deal edit 2 --note "wants a call after Easter"']);

  withExamples(deal.command('won').argument('<deal>', 'deal id')
    .description('the deal is won: records a won sale linked to it')
    .option('--amount <amount>', 'amount won (default the deal value)')
    .option('--date <date>', 'day it was won (default today)')
    .action(async (id: string, options) => {
      const { runDealWon } = await import('./close.js');
      await runDealWon(id, options, ctx);
    }), ['spm deal won 1 --amount 13000']);

  withExamples(deal.command('lost').argument('<deal>', 'deal id')
    .description('the deal is lost: records a lost sale with the reason')
    .option('--reason <text>', 'why it was lost (asked on a terminal)')
    .option('--date <date>', 'day it was lost (default today)')
    .action(async (id: string, options) => {
      const { runDealLost } = await import('./close.js');
      await runDealLost(id, options, ctx);
    }), ['spm deal lost 2 --reason "went with a cheaper vendor"']);

  withExamples(deal.command('reopen').argument('<deal>', 'deal id')
    .description('undo a won or lost: deletes the deal\'s sale, the deal is open again')
    .action(async (id: string) => {
      const { runDealReopen } = await import('./close.js');
      await runDealReopen(id, ctx);
    }), ['spm deal reopen 4']);

  withExamples(deal.command('rm').argument('<deal>', 'deal id')
    .description('delete a deal and its stage history (its sale stays)')
    .action(async (id: string) => {
      const { runDealRm } = await import('./rm.js');
      await runDealRm(id, ctx);
    }), ['spm deal rm 3 --yes']);
}
