// spm report: registers the command; its module loads only when it runs.
import { Command } from 'commander';
import type { AppContext } from '../../cli/context.js';
import { definitionList, helpWidth, withExamples } from '../../cli/help.js';

/** Short definitions of the figures; `spm help report` has the full ones. */
const REPORT_FIGURES: readonly (readonly [string, string])[] = [
  ['lost', 'lost sales: count, value, top 5 reasons (any case is one reason)'],
  ['at risk', 'on the last day: an open high concern; latest check-in rated 1-2 with no sale or check-in since; a reorder late by more than half its interval'],
  ['periods hit', 'recurring goals: completed periods inside the range that met the target'],
  ['95% range', 'Wilson score interval of a win rate: where the true rate lies'],
  ['learning window', 'techniques over learning-window-days (default 90) ending on the last day; the verdict names a difference only when the 95% ranges do not overlap'],
  ['trend', 'won revenue per period, each labelled with its real days'],
];

export function registerReportCommands(program: Command, ctx: AppContext): void {
  withExamples(program.command('report')
    .description('the look back: sales, customers, quality, goals and techniques for a period')
    .option('--period <period>', 'week (default), month, quarter or year; the current one to date')
    .option('--last', 'the previous complete period instead of the current one')
    .option('--from <date>', 'start of a custom range (inclusive)')
    .option('--to <date>', 'end of a custom range (inclusive; default today)')
    .option('--full', 'every row of every section (by default: one 80x40 screen)')
    .option('--html <file>', 'write the report as a page with charts to FILE (self-contained, readable only by you)')
    .option('--force', 'with --html: replace FILE if it exists')
    .addHelpText('after', () => `\n${definitionList('Figures (spm help report has them all):', REPORT_FIGURES, helpWidth(ctx)).trimEnd()}`)
    .action(async (options) => {
      const { runReport } = await import('./report.js');
      await runReport(options, ctx);
    }), [
    'spm report',
    'spm report --period month --last',
    'spm report --period year --full',
    'spm report --from 2026-01-01 --to 2026-03-31 --json',
    'spm report --period quarter --html q1.html',
  ]);
}
