// Help: runnable examples under every verb, the one-line pointer to the global options,
// suggestions for mistyped commands, and `spm help [command | topic]`.
import type { Command } from 'commander';
import type { AppContext } from './context.js';
import { InputError } from '../domain/errors.js';
import { closestNames, didYouMean } from '../domain/text.js';
import { helpTopics, topicSummary } from './help-topics.js';
import { wrap, wrapCommand } from '../ui/fit.js';

/** Every command's help ends with this; `spm --help` lists the global options once. */
export const GLOBAL_OPTIONS_LINE = 'Global options (--db, --json, --no-color, --no-input, --yes): spm --help';

const EXAMPLES = new WeakMap<Command, string[]>();

/**
 * Gives a command its "Examples:" block, shown after its help (see examplesText). Every line
 * must run as printed.
 */
export function withExamples(command: Command, examples: string[]): Command {
  EXAMPLES.set(command, examples);
  return command;
}

/**
 * The "Examples:" block of `command` for a screen `width` wide: on a terminal a long example
 * is broken between words with ` \` continuations, so it fits and still runs when copied;
 * piped (an infinite width), each stays on one line.
 */
export function examplesText(command: Command, width: number): string | undefined {
  const examples = EXAMPLES.get(command);
  if (examples === undefined) return undefined;
  return `\nExamples:\n${examples.flatMap((e) => wrapCommand(`$ ${e}`, width, '  ')).join('\n')}\n`;
}

/** The full name of a command: `spm sale add`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** `unknown command 'lst' (did you mean list?)`, with the hint naming where the commands are. */
export function unknownCommand(parent: Command, word: string): InputError {
  const names = parent.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden).map((c) => c.name());
  return new InputError(`unknown command '${word}'${didYouMean(closestNames(word, names, 1))}`, `Run ${commandPath(parent)} --help to see the commands.`);
}

/** Help wraps to the terminal's width, and to 80 columns when piped (a pager, a file). */
export function helpWidth(ctx: AppContext): number {
  return ctx.io.stdoutIsTTY ? ctx.io.columns : 80;
}

/** Below this many columns beside the terms, a description goes under its term instead. */
const NARROW_DESCRIPTION = 30;

/**
 * One term and its description in a help page (an option, a command, a topic, a figure), in
 * `width` columns: the description wrapped beside the term, or, when that leaves it fewer than
 * NARROW_DESCRIPTION columns, under the term and indented. Terms are `termWidth` wide.
 */
export function definitionItem(term: string, termWidth: number, description: string, width: number): string {
  if (!description) return `  ${term}`;
  if (width - termWidth - 4 >= NARROW_DESCRIPTION) {
    return wrap(description, width, `  ${term.padEnd(termWidth)}  `, ' '.repeat(termWidth + 4), false).join('\n');
  }
  return [`  ${term}`, ...wrap(description, width, '      ', '      ', false)].join('\n');
}

/** A titled list of terms and descriptions, aligned, in `width` columns. */
export function definitionList(title: string, items: readonly (readonly [string, string])[], width: number): string {
  const termWidth = Math.max(...items.map(([term]) => term.length));
  return `${title}\n${items.map(([term, text]) => definitionItem(term, termWidth, text, width)).join('\n')}\n`;
}

/** The list of help topics under `spm --help`. */
export function topicsHelp(width: number): string {
  return definitionList('Help topics (spm help <topic>):', [...helpTopics()].map(([topic, page]) => [topic, topicSummary(page)] as const), width);
}

export function registerHelpCommand(program: Command, ctx: AppContext): void {
  withExamples(program.command('help')
    .argument('[topic...]', 'a command (sale, sale add) or a topic (dates, pace, report, …)')
    .description('help on a command, or a page on a topic such as dates or pace')
    .action(async (words: string[]) => {
      if (words.length === 0) {
        program.outputHelp();
        return;
      }
      // A topic first: `spm help report` is the page defining every figure (the command's
      // options are `spm report --help`); then a command, `spm help sale add`.
      const topic = words.join(' ').toLowerCase();
      const page = helpTopics().get(topic);
      if (page === undefined) {
        let command: Command = program;
        for (const word of words) {
          const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
          if (!sub) break;
          command = sub;
        }
        if (command !== program) {
          command.outputHelp();
          return;
        }
        const names = [...helpTopics().keys(), ...program.commands.map((c) => c.name())];
        throw new InputError(`no help on '${words.join(' ')}'${didYouMean(closestNames(topic, names, 1))}`, 'Run spm help to see the commands and topics.');
      }
      const { renderMarkdownForTerminal } = await import('../ui/markdown.js');
      // Piped, the page is wrapped at 80 columns: readable in a pager or a file.
      ctx.io.out(renderMarkdownForTerminal(page, ctx.theme(), ctx.io.stdoutIsTTY ? ctx.io.columns : 80));
    }), [
    'spm help dates',
    'spm help exit-codes',
    'spm help sale add',
  ]);
}
