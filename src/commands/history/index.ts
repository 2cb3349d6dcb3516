// spm history, spm undo, spm redo: registers the verbs; each loads its module only when it runs.
import type { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerHistoryCommands(program: Command, ctx: AppContext): void {
  withExamples(program.command('history')
    .description('list the latest changes (each write command is one), newest first')
    .option('--limit <n>', 'show the latest N (default 20)')
    .action(async (options) => {
      const { runHistory } = await import('./history.js');
      await runHistory(options, ctx);
    }), ['spm history', 'spm history --limit 5', 'spm history --json']);

  withExamples(program.command('undo')
    .description('revert the latest change not yet undone (run again for the one before)')
    .option('--dry-run', 'show what would be reverted, change nothing')
    .action(async (options) => {
      const { runUndo } = await import('./history.js');
      await runUndo(options, ctx);
    }), ['spm undo --dry-run', 'spm undo', 'spm undo --json']);

  withExamples(program.command('redo')
    .description('re-apply the change undo reverted last, if nothing was written since')
    .option('--dry-run', 'show what would be re-applied, change nothing')
    .action(async (options) => {
      const { runRedo } = await import('./history.js');
      await runRedo(options, ctx);
    }), ['spm redo', 'spm redo --dry-run']);
}
