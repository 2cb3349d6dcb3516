// Help: runnable examples under every verb, the one-line pointer to the global options,
// suggestions for mistyped commands, and `spm help [command | topic]`.
import type { Command } from 'commander';
import type { AppContext } from './context.js';
import { InputError } from '../domain/errors.js';
import { closestNames, didYouMean } from '../domain/text.js';
import { helpTopics, topicSummary } from './help-topics.js';

/** Every command's help ends with this; `spm --help` lists the global options once. */
export const GLOBAL_OPTIONS_LINE = 'Global options (--db, --json, --no-color, --no-input, --yes): spm --help';

/** Adds an "Examples:" block after the command's help. Every line must run as printed. */
export function withExamples(command: Command, examples: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
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

/** The list of help topics under `spm --help`. */
export function topicsHelp(): string {
  const topics = [...helpTopics().keys()];
  const width = Math.max(...topics.map((t) => t.length));
  return `Help topics (spm help <topic>):\n${topics.map((t) => `  ${t.padEnd(width)}  ${topicSummary(helpTopics().get(t)!)}`).join('\n')}\n`;
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
