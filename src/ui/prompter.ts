// Questions for a person at a terminal. @inquirer/prompts is imported only when a prompt is
// actually shown, so it costs nothing on every other run. Tests inject a scripted Prompter.
import { CancelledError } from '../domain/errors.js';

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
}

export interface Prompter {
  input(message: string, options?: { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T>(message: string, choices: Choice<T>[], options?: { default?: T }): Promise<T>;
  confirm(message: string, options?: { default?: boolean }): Promise<boolean>;
  /** Type-to-filter selection, e.g. of a customer among thousands. */
  search<T>(message: string, source: (term: string) => Choice<T>[]): Promise<T>;
}

/** Ctrl-C in inquirer rejects with ExitPromptError: that is a cancel (exit 130), not a crash. */
async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError' || (error as Error).name === 'AbortPromptError') throw new CancelledError();
    throw error;
  }
}

export const inquirerPrompter: Prompter = {
  async input(message, options = {}) {
    const { input } = await import('@inquirer/prompts');
    return cancellable(() => input({ message, default: options.default, validate: options.validate }));
  },
  async select(message, choices, options = {}) {
    const { select } = await import('@inquirer/prompts');
    return cancellable(() => select({ message, choices, default: options.default, pageSize: 10 }));
  },
  async confirm(message, options = {}) {
    const { confirm } = await import('@inquirer/prompts');
    return cancellable(() => confirm({ message, default: options.default }));
  },
  async search(message, source) {
    const { search } = await import('@inquirer/prompts');
    return cancellable(() => search({ message, source: async (term) => source(term ?? ''), pageSize: 10 }));
  },
};
