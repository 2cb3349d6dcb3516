// Help text helpers: runnable examples under every verb.
import type { Command } from 'commander';

/** Adds an "Examples:" block after the command's help. Every line must run as printed. */
export function withExamples(command: Command, examples: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}
