// spm followup …: registers the verbs; each loads its module only when it runs.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerFollowupCommands(program: Command, ctx: AppContext): void {
  const followup = withExamples(program.command('followup').description('schedule, complete, snooze and list follow-ups'), [
    'spm followup add acme fri --reason "send the proposal"',
    'spm followup done 12',
    'spm followup list',
  ]);

  withExamples(followup.command('add')
    .argument('[customer]', 'id, #id, name or unique name prefix (asked for on a terminal)')
    .argument('[due]', 'due date: YYYY-MM-DD, tomorrow, +3d, fri …')
    .description('schedule a follow-up')
    .option('--reason <text>', 'what it is about')
    .option('--deal <id>', 'the deal it is about (the customer\'s); its title shows in the reason')
    .action(async (customer: string | undefined, due: string | undefined, options) => {
      const { runFollowupAdd } = await import('./add.js');
      await runFollowupAdd({ ...options, customer, due }, ctx);
    }), ['spm followup add acme fri --reason "send the proposal"', 'spm followup add 12 +2w --json', 'spm followup add "Customer 1" fri --deal 1 --reason "chase the signature"']);

  withExamples(followup.command('done').argument('<id>', 'follow-up id')
    .description('mark a follow-up done; records a check-in too unless --no-checkin')
    .option('--note <text>', 'note (kept on the follow-up and the check-in)')
    .option('--no-checkin', 'do not record a check-in')
    .option('--channel <channel>', 'check-in channel: call, email, meeting, visit, message, other')
    .option('--satisfaction <1-5>', 'check-in satisfaction, 1 to 5')
    .option('--date <date>', 'when it was done (default today)')
    .action(async (id: string, options) => {
      const { runFollowupDone } = await import('./change.js');
      await runFollowupDone(id, options, ctx);
    }), ['spm followup done 12 --channel call --satisfaction 5', 'spm followup done 13 --no-checkin --note "left a voicemail"']);

  withExamples(followup.command('snooze').argument('<id>', 'follow-up id').argument('<date>', 'new due date: +3d, mon, YYYY-MM-DD …')
    .description('move an open follow-up to a later day')
    .action(async (id: string, date: string) => {
      const { runFollowupSnooze } = await import('./change.js');
      await runFollowupSnooze(id, date, ctx);
    }), ['spm followup snooze 14 +3d', 'spm followup snooze 14 mon']);

  withExamples(followup.command('list')
    .description('list follow-ups (open ones, soonest due first)')
    .option('--status <status>', 'open, done, cancelled or all (default open)')
    .option('--customer <customer>', 'only this customer')
    .option('--limit <n>', 'show N (default 50)')
    .option('--all', 'show every one')
    .action(async (options) => {
      const { runFollowupList } = await import('./list.js');
      await runFollowupList(options, ctx);
    }), ['spm followup list', 'spm followup list --status all --customer acme', 'spm followup list --json']);

  withExamples(followup.command('edit').argument('<id>', 'follow-up id')
    .description('correct a follow-up: due day, reason, customer, deal')
    .option('--due <date>', 'new due day: YYYY-MM-DD, fri, +3d …')
    .option('--reason <text>', 'what it is about ("" clears it)')
    .option('--customer <customer>', 'move it to another customer')
    .option('--deal <id>', 'the deal it is about ("none" unlinks it)')
    .action(async (id: string, options) => {
      const { runFollowupEdit } = await import('./edit.js');
      await runFollowupEdit(id, options, ctx);
    }), ['spm followup edit 14 --due 2026-03-20 --reason "bring the contract"', 'spm followup edit 14 --customer acme --json', 'spm followup edit 1 --deal 1', 'spm followup edit 1 --deal none']);

  withExamples(followup.command('cancel').argument('<id>', 'follow-up id')
    .description('cancel an open follow-up (kept in the history)')
    .option('--note <text>', 'why')
    .action(async (id: string, options) => {
      const { runFollowupCancel } = await import('./change.js');
      await runFollowupCancel(id, options, ctx);
    }), ['spm followup cancel 15 --note "customer moved on"']);

  withExamples(followup.command('rm').argument('<id>', 'follow-up id')
    .description('delete a follow-up')
    .action(async (id: string) => {
      const { runFollowupRm } = await import('./change.js');
      await runFollowupRm(id, ctx);
    }), ['spm followup rm 15 --yes']);

}
