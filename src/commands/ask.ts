// Values commands ask for on a terminal when they are missing (docs/contract.md, "Interactive use");
// without a terminal, or with --no-input, a missing value is exit 2.
import type { AppContext } from '../cli/context.js';
import { parseDateInput } from '../domain/local-date.js';
import { sanitizeLine } from '../domain/text.js';
import { requireValue } from './shared.js';

/** A prompt validator from a parser: true when it parses, else its error message. */
export function validateWith(parse: () => unknown): true | string {
  try {
    parse();
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The <customer> argument, or a type-to-search among active customers (returns `#id`). */
export function customerArgument(ctx: AppContext, value: string | undefined): Promise<string> {
  return requireValue(ctx, value, 'customer', async () => {
    const store = ctx.store('read');
    const customers = store.read(() => store.customers.list({ includeArchived: false }));
    return ctx.prompter.search('Customer (type to search)', (term) => {
      const key = term.trim().toLowerCase();
      return customers
        .filter((c) => key === '' || c.name.toLowerCase().includes(key) || (c.company ?? '').toLowerCase().includes(key))
        .slice(0, 50)
        .map((c) => ({ value: `#${c.id}`, name: sanitizeLine(c.company ? `${c.name} (${c.company})` : c.name) }));
    });
  });
}

/** A date argument, asked for with validation on a terminal. */
export function dateArgument(ctx: AppContext, value: string | undefined, what: string, question: string): Promise<string> {
  return requireValue(ctx, value, what, () => ctx.prompter.input(question, { validate: (text) => validateWith(() => parseDateInput(text, ctx.clock.today(), what)) }));
}

/** A line of text, asked for on a terminal. */
export function textArgument(ctx: AppContext, value: string | undefined, what: string, question: string): Promise<string> {
  return requireValue(ctx, value, what, () => ctx.prompter.input(question, { validate: (text) => (text.trim() ? true : `${what} is needed`) }));
}
