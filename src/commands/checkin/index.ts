// spm checkin …: registers the verbs; each loads its module only when it runs.
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerCheckinCommands(program: Command, ctx: AppContext): void {
  const checkin = withExamples(program.command('checkin').description('record and list customer check-ins (calls, visits, emails …)'), [
    'spm checkin add acme --channel call --satisfaction 4',
    'spm checkin list --customer acme',
  ]);

  withExamples(checkin.command('add').argument('[customer]', 'id, #id, name or unique name prefix (asked for on a terminal)')
    .description('record a check-in; completes the follow-ups due by its date')
    .option('--date <date>', 'when: YYYY-MM-DD, today, yesterday, -3d … (default today; not in the future)')
    .option('--channel <channel>', 'call, email, meeting, visit, message or other (default other)')
    .option('--satisfaction <1-5>', 'how satisfied the customer is, 1 (unhappy) to 5 (delighted)')
    .option('--note <text>', 'note')
    .option('--next <date>', 'schedule the next follow-up: YYYY-MM-DD, +2w, fri …')
    .action(async (customer: string | undefined, options) => {
      const { runCheckinAdd } = await import('./add.js');
      await runCheckinAdd({ ...options, customer }, ctx);
    }), [
    'spm checkin add acme --channel call --satisfaction 4 --note "happy with the rollout"',
    'spm checkin add acme --channel visit --date yesterday --next +2w',
    'spm checkin add 12 --json',
  ]);

  withExamples(checkin.command('list')
    .description('list check-ins, newest first')
    .option('--from <date>', 'from this date (inclusive)')
    .option('--to <date>', 'up to this date (inclusive)')
    .option('--customer <customer>', 'only this customer')
    .option('--limit <n>', 'show the latest N (default 50)')
    .option('--all', 'show every check-in')
    .action(async (options) => {
      const { runCheckinList } = await import('./list.js');
      await runCheckinList(options, ctx);
    }), ['spm checkin list', 'spm checkin list --customer acme --from -90d', 'spm checkin list --json']);

  withExamples(checkin.command('edit').argument('<id>', 'check-in id')
    .description('correct a check-in; the follow-ups it completed move with its date')
    .option('--date <date>', 'when: YYYY-MM-DD, yesterday, -3d … (not in the future)')
    .option('--channel <channel>', 'call, email, meeting, visit, message or other')
    .option('--satisfaction <1-5>', 'how satisfied, 1 to 5, or none to clear')
    .option('--note <text>', 'note ("" clears it)')
    .option('--customer <customer>', 'move it to another customer')
    .action(async (id: string, options) => {
      const { runCheckinEdit } = await import('./change.js');
      await runCheckinEdit(id, options, ctx);
    }), ['spm checkin edit 1 --date 2026-03-02', 'spm checkin edit 1 --satisfaction 5 --note "loved the demo" --json']);

  withExamples(checkin.command('rm').argument('<id>', 'check-in id')
    .description('delete a check-in; the follow-ups it completed are open again')
    .action(async (id: string) => {
      const { runCheckinRm } = await import('./change.js');
      await runCheckinRm(id, ctx);
    }), ['spm checkin rm 1 --yes']);
}
