// Small pieces every command uses: list limits, confirmations, optional text, missing values.
import type { AppContext } from '../cli/context.js';
import { InputError } from '../domain/errors.js';
import { parsePositiveInteger } from '../domain/reference.js';

export const DEFAULT_LIST_LIMIT = 50;

export interface ListLimitOptions {
  limit?: string;
  all?: boolean;
}

/** `--limit N`, `--all` (no limit), else the latest 50. Returns undefined for no limit. */
export function listLimit(options: ListLimitOptions): number | undefined {
  if (options.all && options.limit !== undefined) throw new InputError('--limit and --all cannot be used together');
  if (options.all) return undefined;
  return options.limit !== undefined ? parsePositiveInteger(options.limit, '--limit') : DEFAULT_LIST_LIMIT;
}

/** On a terminal, tells how many more rows there are and how to see them. */
export function listFooter(ctx: AppContext, shown: number, total: number): void {
  if (ctx.io.stdoutIsTTY && total > shown) ctx.io.err(ctx.theme().dim(`Showing ${shown} of ${total}; --limit N or --all for more.\n`));
  if (ctx.io.stdoutIsTTY && total === 0) ctx.io.err('Nothing to show.\n');
}

/** Trimmed text, or null when absent or blank. */
export function optionalText(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Deleting asks on a terminal; `--yes` skips the question; without a terminal and without
 * `--yes` it refuses (exit 2), so scripts never delete by accident.
 */
export async function confirmDeletion(ctx: AppContext, question: string): Promise<void> {
  if (ctx.globals.yes) return;
  if (!ctx.canPrompt()) throw new InputError(`not deleting without confirmation: ${question}`, 'Add --yes to confirm when not on a terminal.');
  const yes = await ctx.prompter.confirm(question, { default: false });
  if (!yes) throw new InputError('not deleted');
}

/** A required value: asked for on a terminal, else an error naming it (exit 2). */
export async function requireValue(ctx: AppContext, value: string | undefined, what: string, ask: () => Promise<string>): Promise<string> {
  if (value !== undefined) return value;
  if (!ctx.canPrompt()) throw new InputError(`missing ${what}`, 'Give it on the command line (see --help); spm only asks on a terminal.');
  return ask();
}

/** Prints a confirmation for a person on stderr, unless --json (which prints the record). */
export function say(ctx: AppContext, message: string): void {
  ctx.io.err(`${message}\n`);
}
