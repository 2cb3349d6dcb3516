// spm followups: registers the daily view; its module loads only when it runs.
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerFollowupsCommand(program: Command, ctx: AppContext): void {
  withExamples(program.command('followups')
    .description('the daily view: overdue, due today, upcoming, going cold, open concerns')
    .option('--days <n>', 'how many days ahead count as upcoming (default 7)')
    .option('--quiet', 'print nothing when nothing is overdue, due today or going cold (for cron)')
    .option('--all', 'every line of every section (the text view shows the first 50 of each)')
    .action(async (options) => {
      const { runFollowups } = await import('./followups.js');
      await runFollowups(options, ctx);
    }), ['spm followups', 'spm followups --days 14', 'spm followups --quiet   # in cron: mails only when there is work', 'spm followups --json']);
}
