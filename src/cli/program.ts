// Builds a fresh commander program per run: global options, then each noun's commands.
import { Command, Help } from 'commander';
import type { AppContext, GlobalOptions } from './context.js';
import { wrap } from '../ui/fit.js';
import { definitionItem, examplesText, GLOBAL_OPTIONS_LINE, helpWidth, registerHelpCommand, topicsHelp, unknownCommand, withExamples } from './help.js';
import { registerCustomerCommands } from '../commands/customer/index.js';
import { registerSaleCommands } from '../commands/sale/index.js';
import { registerCompletionCommand } from '../commands/completion/index.js';
import { registerGoalCommands } from '../commands/goal/index.js';
import { registerReportCommands } from '../commands/report/index.js';
import { registerDemoCommand } from '../commands/demo/index.js';
import { registerCheckinCommands } from '../commands/checkin/index.js';
import { registerFollowupCommands } from '../commands/followup/index.js';
import { registerFollowupsCommand } from '../commands/followups/index.js';
import { registerConcernCommands } from '../commands/concern/index.js';
import { registerConfigCommands } from '../commands/config/index.js';
import { registerExportCommands } from '../commands/export/index.js';
import { registerImportCommands } from '../commands/import/index.js';
import { registerDealCommands } from '../commands/deal/index.js';
import { registerPipelineCommand } from '../commands/pipeline/index.js';
import { registerBackupCommand } from '../commands/backup/index.js';
import { registerHistoryCommands } from '../commands/history/index.js';

declare const SPM_VERSION: string | undefined;

/**
 * Each registrar with the top-level commands it adds. A run registers only the one its command
 * word names (building every noun's verbs and options was most of the time `spm --version`
 * spent in spm's own code); help, completion and anything unknown get them all.
 */
const REGISTRARS: readonly (readonly [names: readonly string[], register: (program: Command, ctx: AppContext) => void])[] = [
  // In the order a rep meets them: who, what was sold, staying in touch, goals, the report.
  [['customer'], registerCustomerCommands],
  [['sale'], registerSaleCommands],
  [['checkin'], registerCheckinCommands],
  [['followup'], registerFollowupCommands],
  [['followups'], registerFollowupsCommand],
  [['concern'], registerConcernCommands],
  [['goal'], registerGoalCommands],
  [['report'], registerReportCommands],
  [['deal'], registerDealCommands],
  [['pipeline'], registerPipelineCommand],
  [['config'], registerConfigCommands],
  [['export'], registerExportCommands],
  [['backup'], registerBackupCommand],
  [['import'], registerImportCommands],
  [['history', 'undo', 'redo'], registerHistoryCommands],
  [['demo'], registerDemoCommand],
  [['completion'], registerCompletionCommand],
  [['help'], registerHelpCommand],
];

/** Options of the program itself that take a value: the word after them is not a command. */
const GLOBAL_OPTIONS_WITH_VALUE = ['--db'];

/**
 * The registrars a run of `argv` needs: the one naming its command word; none for bare `spm`
 * (the dashboard) and `--version`; all for help (`--help` before any command word, `spm help`),
 * completion (it lists every command) and a word no registrar knows (the error suggests names).
 */
export function registrarsFor(argv: readonly string[] | undefined): typeof REGISTRARS {
  if (argv === undefined) return REGISTRARS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return REGISTRARS;
    // -h alone or among short flags (-yh): commander shows the program's help, every command in it.
    if (arg === '--help' || /^-[^-]*h/.test(arg)) return REGISTRARS;
    if (arg.startsWith('-')) {
      if (GLOBAL_OPTIONS_WITH_VALUE.includes(arg)) i++;
      continue;
    }
    const named = REGISTRARS.find(([names]) => names.includes(arg));
    return named === undefined || arg === 'help' || arg === 'completion' ? REGISTRARS : [named];
  }
  return [];
}

/**
 * Whether this build has every command `argv` needs. Always, from src/ and in the full bundle;
 * a bundle built for one command group (scripts/build.mjs) leaves the other groups' modules out,
 * so their registrars are undefined there, and bin/spm.js then runs the full bundle instead.
 */
export function hasCommandsFor(argv: readonly string[]): boolean {
  return registrarsFor(argv).every(([, register]) => typeof register === 'function');
}

/** The top-level command words this build can run (in a command group's bundle, that group's). */
export function commandWordsPresent(): string[] {
  return REGISTRARS.filter(([, register]) => typeof register === 'function').flatMap(([names]) => names);
}

/** The program; with `argv`, only the commands that argv can run (see registrarsFor). */
export function createProgram(ctx: AppContext, argv?: readonly string[]): Command {
  const program = new Command('spm')
    .description('Sales performance for one person: goals and pace, sales and techniques, follow-ups and a weekly report, over one local SQLite file. Bare `spm` shows today at a glance.')
    .version(typeof SPM_VERSION === 'string' ? SPM_VERSION : '0.0.0-dev', '-V, --version', 'print the version')
    .option('--db <path>', 'database file (default: $SPM_DB, else ~/.local/share/spm/spm.db)')
    .option('--json', 'print one JSON document to stdout')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .option('--no-input', 'never prompt; missing values are errors')
    .option('-y, --yes', 'answer yes to confirmations (needed to delete when not on a terminal)')
    .showSuggestionAfterError(true)
    // Global options are listed once, here; each command's help points back in one line.
    .configureHelp({ showGlobalOptions: false, sortSubcommands: false, formatItem: formatHelpItem, commandUsage: wrappedUsage })
    // `spm help` is ours: commands and topics (docs/help/*.md).
    .helpCommand(false);

  program.hook('preAction', async (_program, actionCommand) => {
    // Help pages never touch the database: no need for the store's code.
    if (actionCommand.name() !== 'help') await ctx.loadStore();
    const options = actionCommand.optsWithGlobals() as Partial<GlobalOptions>;
    ctx.globals = {
      db: options.db,
      json: Boolean(options.json),
      color: options.color !== false,
      input: options.input !== false,
      yes: Boolean(options.yes),
    };
    await ctx.loadTheme();
  });

  for (const [, register] of registrarsFor(argv)) register(program, ctx);

  // Bare `spm`: the dashboard. Set after the subcommands exist, so that they do not inherit
  // allowExcessArguments; a stray word here is an unknown command.
  program.allowExcessArguments(true).action(async () => {
    if (program.args.length > 0) {
      const word = program.args[0];
      throw unknownCommand(program, word);
    }
    const { runDashboard } = await import('../commands/dashboard/dashboard.js');
    await runDashboard(ctx);
  });

  withExamples(program, [
    'spm',
    'spm customer add "Acme Corp" --segment smb --every 30',
    'spm sale add acme 1200 --technique referral',
    'spm followups',
    'spm report --period month',
  ]);
  applyToAll(program, ctx);
  program.addHelpText('after', () => topicsHelp(helpWidth(ctx)));
  return program;
}

/**
 * One option or command in a help page, as every help list is laid out (definitionItem):
 * commander leaves a description unwrapped beside a wide term on a narrow terminal.
 */
function formatHelpItem(this: Help, term: string, termWidth: number, description: string): string {
  return definitionItem(term, termWidth, description, this.helpWidth ?? 80);
}

/** `Usage: spm concern add [options] …`, broken between words under itself when too wide. */
function wrappedUsage(this: Help, command: Command): string {
  const indent = ' '.repeat('Usage: '.length);
  return wrap(Help.prototype.commandUsage.call(this, command), this.helpWidth ?? 80, indent, indent, false).join('\n').slice(indent.length);
}

/** exitOverride and output routing do not propagate through addCommand, so set them on every command. */
function applyToAll(command: Command, ctx: AppContext): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => ctx.io.out(text),
    writeErr: (text) => ctx.io.err(text),
    // Help wraps to the terminal's width (80 when piped), not the real process's.
    getOutHelpWidth: () => helpWidth(ctx),
    getErrHelpWidth: () => helpWidth(ctx),
    // Errors are printed once, by run-cli, in spm's own one-line format.
    outputError: () => {},
  });
  // Examples fit a terminal; piped, each stays whole on one line (they are copied and run).
  command.addHelpText('after', () => examplesText(command, ctx.io.stdoutIsTTY ? ctx.io.columns : Number.POSITIVE_INFINITY) ?? '');
  if (command.parent) command.addHelpText('after', () => `${wrap(GLOBAL_OPTIONS_LINE, helpWidth(ctx)).join('\n')}\n`);
  // A noun without an action of its own (spm sale): a word that is not one of its verbs is
  // answered like an unknown command at the top, naming the closest verb; no word, its help.
  // (Commander keeps whether a command has an action in a private field.)
  if (command.parent && command.commands.length > 0 && !(command as unknown as { _actionHandler: unknown })._actionHandler) {
    command.allowExcessArguments(true).action(() => {
      if (command.args.length > 0) throw unknownCommand(command, command.args[0]);
      command.outputHelp();
    });
  }
  for (const sub of command.commands) applyToAll(sub, ctx);
}
