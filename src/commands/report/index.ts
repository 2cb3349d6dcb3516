// spm report: registers the command; its module loads only when it runs.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';

export function registerReportCommands(program: Command, ctx: AppContext): void {
  withExamples(program.command('report')
    .description('the look back: sales, customers, quality, goals and techniques for a period')
    .option('--period <period>', 'week (default), month, quarter or year; the current one to date')
    .option('--last', 'the previous complete period instead of the current one')
    .option('--from <date>', 'start of a custom range (inclusive)')
    .option('--to <date>', 'end of a custom range (inclusive; default today)')
    .action(async (options) => {
      const { runReport } = await import('./report.js');
      await runReport(options, ctx);
    }), [
    'spm report',
    'spm report --period month --last',
    'spm report --from 2026-01-01 --to 2026-03-31 --json',
  ]);
}
