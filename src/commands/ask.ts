// Values commands ask for on a terminal when they are missing (docs/contract.md, "Interactive use");
// without a terminal, or with --no-input, a missing value is exit 2.
import type { AppContext } from '../cli/context.js';
import { parseDateInput } from '../domain/local-date.js';
import { closeLabel, sanitizeLine } from '../domain/text.js';
import { NoDatabaseError } from '../store/db-path.js';
import type { Choice } from '../ui/prompter.js';
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

/** What a label names: a sale's technique or product, or a customer's segment. */
export type LabelKind = 'technique' | 'product' | 'segment';

/** The values of a label in use, most used first; none before the database exists. */
export function labelsInUse(ctx: AppContext, kind: LabelKind): string[] {
  try {
    const store = ctx.store('read');
    return store.read(() => (kind === 'segment' ? store.customers.segmentsInUse() : store.sales.labelsInUse(kind)));
  } catch (error) {
    if (error instanceof NoDatabaseError) return [];
    throw error;
  }
}

/**
 * A technique, product or segment given on the command line, checked against the ones in use:
 * one typo from one of them (`upsel` / `upsell`), a terminal asks "did you mean upsell?";
 * without one the value is kept as new and stderr gets a one-line note naming the close one.
 */
export async function checkLabel(ctx: AppContext, kind: LabelKind, value: string | null | undefined): Promise<string | null | undefined> {
  if (!value) return value;
  const close = closeLabel(value, labelsInUse(ctx, kind));
  if (close === null) return value;
  if (ctx.canPrompt()) {
    return (await ctx.prompter.confirm(`${kind} ${sanitizeLine(value)}: did you mean ${sanitizeLine(close)}?`, { default: true })) ? close : value;
  }
  ctx.io.err(`note: new ${kind} ${JSON.stringify(sanitizeLine(value))}; did you mean ${JSON.stringify(sanitizeLine(close))}? (spm kept yours)\n`);
  return value;
}

interface Picked {
  value: string | null;
  isNew: boolean;
}

/**
 * Asks for a technique, product or segment on a terminal: type to search the ones in use, or
 * type a new one (confirmed; one typo from one in use asks "did you mean …?" first). `none`
 * names the empty choice, shown before anything is typed.
 */
export async function pickLabel(ctx: AppContext, kind: LabelKind, question: string, none = '(none)'): Promise<string | null> {
  const inUse = labelsInUse(ctx, kind);
  for (;;) {
    const picked = await ctx.prompter.search<Picked>(question, (term) => {
      const key = term.trim().toLowerCase();
      const matches: Choice<Picked>[] = inUse.filter((v) => v.toLowerCase().includes(key)).slice(0, 30).map((v) => ({ value: { value: v, isNew: false }, name: sanitizeLine(v) }));
      if (key === '') return [{ value: { value: null, isNew: false }, name: none }, ...matches];
      const exact = inUse.some((v) => v.toLowerCase() === key);
      return exact ? matches : [...matches, { value: { value: term.trim(), isNew: true }, name: `${sanitizeLine(term.trim())} (new ${kind})` }];
    });
    if (!picked.isNew || picked.value === null) return picked.value;
    const close = closeLabel(picked.value, inUse);
    if (close !== null && await ctx.prompter.confirm(`did you mean ${sanitizeLine(close)}?`, { default: true })) return close;
    if (await ctx.prompter.confirm(`Add ${JSON.stringify(sanitizeLine(picked.value))} as a new ${kind}?`, { default: true })) return picked.value;
  }
}
