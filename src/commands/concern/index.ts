// spm concern …: registers the verbs; each loads its module only when it runs.
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerConcernCommands(program: Command, ctx: AppContext): void {
  const concern = withExamples(program.command('concern').description('log customer concerns (complaints) and resolve them'), [
    'spm concern add acme "invoice was wrong" --severity high',
    'spm concern resolve 1 --resolution "credited"',
    'spm concern list --all',
  ]);

  withExamples(concern.command('add')
    .argument('[customer]', 'id, #id, name or unique name prefix (asked for on a terminal)')
    .argument('[summary]', 'what is wrong, in a few words')
    .description('log a concern; a high one schedules a follow-up for the next day')
    .option('--severity <severity>', 'low, medium or high (default medium)')
    .option('--date <date>', 'when it was raised (default today)')
    .action(async (customer: string | undefined, summary: string | undefined, options) => {
      const { runConcernAdd } = await import('./add.js');
      await runConcernAdd({ ...options, customer, summary }, ctx);
    }), ['spm concern add acme "delivery was two weeks late" --severity high', 'spm concern add 12 "invoice had the wrong address" --date yesterday']);

  withExamples(concern.command('resolve').argument('<id>', 'concern id')
    .description('resolve a concern; a follow-up later checks the customer is satisfied')
    .option('--resolution <text>', 'what was done')
    .option('--date <date>', 'when it was resolved (default today)')
    .action(async (id: string, options) => {
      const { runConcernResolve } = await import('./add.js');
      await runConcernResolve(id, options, ctx);
    }), ['spm concern resolve 1 --resolution "refunded the shipping"']);

  withExamples(concern.command('list')
    .description('open concerns, oldest first, with their age')
    .option('--all', 'resolved ones too (open first, then newest)')
    .option('--customer <customer>', 'only this customer')
    .action(async (options) => {
      const { runConcernList } = await import('./list.js');
      await runConcernList(options, ctx);
    }), ['spm concern list', 'spm concern list --all --json']);

  withExamples(concern.command('edit').argument('<id>', 'concern id')
    .description('correct a concern')
    .option('--summary <text>', 'what is wrong')
    .option('--severity <severity>', 'low, medium or high')
    .option('--date <date>', 'when it was raised')
    .action(async (id: string, options) => {
      const { runConcernEdit } = await import('./change.js');
      await runConcernEdit(id, options, ctx);
    }), ['spm concern edit 1 --severity medium', 'spm concern edit 1 --summary "delivery was three weeks late" --json']);

  withExamples(concern.command('reopen').argument('<id>', 'concern id')
    .description('open a resolved concern again')
    .action(async (id: string) => {
      const { runConcernReopen } = await import('./change.js');
      await runConcernReopen(id, ctx);
    }), ['spm concern reopen 2']);

  withExamples(concern.command('rm').argument('<id>', 'concern id')
    .description('delete a concern; its open follow-ups are cancelled')
    .action(async (id: string) => {
      const { runConcernRm } = await import('./change.js');
      await runConcernRm(id, ctx);
    }), ['spm concern rm 1 --yes']);
}
