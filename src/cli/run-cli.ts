// The one place where errors become exit codes and `spm: <message>` lines.
import { CommanderError } from 'commander';
import { SpmError } from '../domain/errors.js';
import { describeSqliteError } from '../store/db-path.js';
import { sanitizeLine } from '../domain/text.js';
import { wrap } from '../ui/fit.js';
import type { AppContext } from './context.js';
import { createProgram } from './program.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CANCELLED = 130;

/**
 * Runs one spm invocation (`argv` without node and script) and returns the exit code. The
 * program registers only the commands `argv` can reach; `allCommands` registers every one
 * (a test holds the two to the same output).
 */
export async function runCli(argv: string[], ctx: AppContext, { allCommands = false } = {}): Promise<number> {
  ctx.argv = argv;
  try {
    const program = createProgram(ctx, allCommands ? undefined : argv);
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return reportError(error, ctx);
  } finally {
    ctx.close();
  }
}

/** An error line on a terminal, wrapped between words to its width (a long path stays whole). */
function errorLines(ctx: AppContext, text: string): string {
  return `${(ctx.io.stdoutIsTTY ? wrap(text, ctx.io.columns, '', '  ', false) : [text]).join('\n')}\n`;
}

function reportError(error: unknown, ctx: AppContext): number {
  const debug = ctx.env.SPM_DEBUG === '1';
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
    if (error.code === 'commander.executeSubCommandAsync') return EXIT_OK;
    // Commander's own suggestions in spm's one wording: "(did you mean --amount?)".
    const message = error.message.replace(/^error:\s*/, '').replace(/\(Did you mean (?:one of )?([^)]*)\?\)/, (_m, names: string) => `(did you mean ${names.split(/,\s*/).join(' or ')}?)`);
    ctx.io.err(errorLines(ctx, `spm: ${sanitizeLine(message)}`));
    const hint = /unknown command/.test(message) ? 'Run spm --help to see the commands.' : 'Add --help to the command to see its usage and examples.';
    ctx.io.err(errorLines(ctx, `hint: ${hint}`));
    return EXIT_USAGE;
  }
  const known = error instanceof SpmError ? error : describeSqliteError(error);
  if (known) {
    ctx.io.err(errorLines(ctx, `spm: ${sanitizeLine(known.message)}`));
    if (known.hint) ctx.io.err(errorLines(ctx, `hint: ${sanitizeLine(known.hint)}`));
    if (debug) ctx.io.err(`${(error as Error).stack}\n`);
    return known.exitCode;
  }
  ctx.io.err(errorLines(ctx, `spm: unexpected error: ${sanitizeLine((error as Error)?.message ?? String(error))}`));
  ctx.io.err(debug ? `${(error as Error)?.stack}\n` : 'hint: run again with SPM_DEBUG=1 to see the details.\n');
  return EXIT_FAILURE;
}
