// spm goal …: registers the verbs; each loads its module only when it runs.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function goalFieldOptions(command: Command): Command {
  return command
    .option('--metric <metric>', 'revenue, sales, new-customers, checkins, win-rate, satisfaction, repeat-revenue or custom')
    .option('--target <n>', 'the value to reach: 30000 ($), 10 (count), 40 (win-rate %), 4.5 (satisfaction)')
    .option('--period <period>', 'week, month, quarter or year: the one containing today, or --start')
    .option('--start <date>', 'with --period: the period containing this date')
    .option('--from <date>', 'custom timeline: first day')
    .option('--to <date>', 'custom timeline: last day')
    .option('--recurring', 'start anew every period (needs --period)')
    .option('--milestone <date=value>', 'a value to reach by a date, e.g. 2026-02-15=10000 (repeatable)', collect)
    .option('--segment <segment>', 'only customers of this segment')
    .option('--product <product>', 'only sales of this product')
    .option('--technique <technique>', 'only sales with this technique');
}

export function registerGoalCommands(program: Command, ctx: AppContext): void {
  const goal = withExamples(program.command('goal').description('set goals with a timeline and see the pace'), [
    'spm goal add "Q2 revenue" --metric revenue --target 30000 --period quarter',
    'spm goal list',
    'spm goal show "Q1 revenue"',
  ]);

  withExamples(goalFieldOptions(goal.command('add').argument('[name]', 'goal name (unique, any case)'))
    .description('add a goal (a wizard on a terminal when values are missing)')
    .action(async (name: string | undefined, options) => {
      const { runGoalAdd } = await import('./add.js');
      await runGoalAdd({ ...options, name }, ctx);
    }), [
    'spm goal add "Q1 revenue" --metric revenue --target 30000 --period quarter --start 2026-01-01 --milestone 2026-02-15=12000',
    'spm goal add "Ten new customers" --metric new-customers --target 10 --from today --to +6m',
    'spm goal add "Weekly calls" --metric checkins --target 15 --period week --recurring',
    'spm goal add "Sales books" --metric custom --target 4 --period year',
  ]);

  withExamples(goal.command('list')
    .description('progress table: actual against target, pace, status, what it takes per day')
    .option('--all', 'also archived and finished goals')
    .action(async (options) => {
      const { runGoalList } = await import('./list.js');
      await runGoalList(options, ctx);
    }), ['spm goal list', 'spm goal list --all', 'spm goal list --json']);

  withExamples(goal.command('show').argument('<goal>', 'id, #id, name or unique name prefix')
    .description('one goal: milestones, pace chart, history and streak of a recurring goal')
    .action(async (reference: string) => {
      const { runGoalShow } = await import('./show.js');
      await runGoalShow(reference, ctx);
    }), ['spm goal show "Q1 revenue"', 'spm goal show 3 --json']);

  withExamples(goal.command('log').argument('<goal>', 'a custom goal: id, #id, name or prefix').argument('<amount>', 'how much progress, e.g. 1 or 2.5')
    .description('log progress toward a custom goal')
    .option('--date <date>', 'day of the progress (default today)')
    .option('--note <text>', 'note')
    .action(async (reference: string, amount: string, options) => {
      const { runGoalLog } = await import('./log.js');
      await runGoalLog(reference, amount, options, ctx);
    }), ['spm goal log "Sales books" 1 --note "SPIN Selling"', 'spm goal log "Sales books" 0.5 --date yesterday']);

  withExamples(goal.command('unlog').argument('<entry>', 'entry id, as goal show lists them')
    .description('remove one logged entry of a custom goal')
    .action(async (entry: string) => {
      const { runGoalUnlog } = await import('./unlog.js');
      await runGoalUnlog(entry, ctx);
    }), ['spm goal show "Sales books"', 'spm goal unlog 1 --yes']);

  withExamples(goalFieldOptions(goal.command('edit').argument('<goal>', 'id, #id, name or unique name prefix'))
    .description('change a goal')
    .option('--name <name>', 'new name')
    .option('--no-recurring', 'stop repeating')
    .option('--remove-milestone <date>', 'remove the milestone on this date (repeatable)', collect)
    .action(async (reference: string, options) => {
      const { runGoalEdit } = await import('./edit.js');
      await runGoalEdit(reference, options, ctx);
    }), ['spm goal edit "Q1 revenue" --target 35000', 'spm goal edit "Q1 revenue" --milestone 2026-03-01=20000 --remove-milestone 2026-02-15']);

  withExamples(goal.command('archive').argument('<goal>', 'id, #id, name or unique name prefix')
    .description('hide a goal from the list, keeping it')
    .action(async (reference: string) => {
      const { runGoalArchive } = await import('./archive.js');
      await runGoalArchive(reference, true, ctx);
    }), ['spm goal archive "Q1 revenue"']);

  withExamples(goal.command('unarchive').argument('<goal>', 'id, #id, name or unique name prefix')
    .description('bring an archived goal back')
    .action(async (reference: string) => {
      const { runGoalArchive } = await import('./archive.js');
      await runGoalArchive(reference, false, ctx);
    }), ['spm goal unarchive "Q1 revenue"']);

  withExamples(goal.command('rm').argument('<goal>', 'id, #id, name or unique name prefix')
    .description('delete a goal with its milestones and logs')
    .action(async (reference: string) => {
      const { runGoalRm } = await import('./rm.js');
      await runGoalRm(reference, ctx);
    }), ['spm goal rm "Q1 revenue" --yes']);
}
