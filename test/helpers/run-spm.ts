// In-process harness: runs spm commands against a temp database with a pinned clock and fake
// IO, the second tier of the test plan in CONTRIBUTING.md (in-process, fake IO). Returns the exit code and both streams.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from '@jest/globals';
import { createContext, type AppContext } from '../../src/cli/context.js';
import { createClock } from '../../src/cli/clock.js';
import { runCli } from '../../src/cli/run-cli.js';
import { BufferedIo } from '../../src/ui/io.js';
import { CancelledError } from '../../src/domain/errors.js';
import type { Choice, Prompter } from '../../src/ui/prompter.js';

export interface RunOptions {
  /** SPM_NOW; default 2026-03-15 (a Sunday). */
  now?: string;
  /** stdout and stdin are terminals (tables, colour off unless FORCE_COLOR, prompts possible). */
  tty?: boolean;
  /** stderr is a terminal (default: as `tty`); false for cron, true for `spm … | head` typed by a person. */
  stderrTty?: boolean;
  db?: string;
  env?: Record<string, string | undefined>;
  prompter?: Prompter;
  /** Terminal width the views fit (default 100; see test/helpers/fit.ts for the width tests). */
  columns?: number;
  /** Register every command, not only those the arguments reach (test/cli/registration.test.ts). */
  allCommands?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws with the output when it is not JSON). */
  json<T = any>(): T;
  ctx: AppContext;
}

export const DEFAULT_NOW = '2026-03-15';

export async function runSpm(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const io = new BufferedIo(Boolean(options.tty), Boolean(options.tty), options.columns ?? 100, options.stderrTty ?? Boolean(options.tty));
  const env: Record<string, string | undefined> = { HOME: '/nonexistent-home', NO_COLOR: '1', ...options.env };
  if (options.db !== undefined) env.SPM_DB = options.db;
  const ctx = createContext({
    io,
    env,
    clock: createClock(options.now ?? DEFAULT_NOW, 'UTC'),
    prompter: options.prompter ?? failingPrompter,
  });
  const code = await runCli(args, ctx, { allCommands: Boolean(options.allCommands) });
  return {
    code,
    stdout: io.stdout,
    stderr: io.stderr,
    ctx,
    json() {
      try {
        return JSON.parse(io.stdout);
      } catch {
        throw new Error(`stdout is not JSON (exit ${code}):\n${io.stdout}\nstderr:\n${io.stderr}`);
      }
    },
  };
}

/** A prompter that fails the test when a command asks anything it was not expected to. */
export const failingPrompter: Prompter = {
  input: async (message) => { throw new Error(`unexpected prompt: input ${message}`); },
  select: async (message) => { throw new Error(`unexpected prompt: select ${message}`); },
  confirm: async (message) => { throw new Error(`unexpected prompt: confirm ${message}`); },
  search: async (message) => { throw new Error(`unexpected prompt: search ${message}`); },
};

export type ScriptedAnswer =
  | { input: string }
  | { select: unknown }
  | { confirm: boolean }
  /** Picks the first choice the source offers for this search term. */
  | { search: string }
  /** Ctrl-C at this prompt. */
  | { cancel: true };

/**
 * Answers prompts in order; fails loudly on a prompt of another kind or one too many.
 * `asked` records the messages, for asserting what the user saw.
 */
export function scriptedPrompter(answers: ScriptedAnswer[]): Prompter & { asked: string[]; remaining(): number } {
  const queue = [...answers];
  const asked: string[] = [];
  function next(kind: string, message: string): ScriptedAnswer {
    asked.push(message);
    const answer = queue.shift();
    if (!answer) throw new Error(`unexpected extra prompt (${kind}): ${message}`);
    if ('cancel' in answer) throw new CancelledError();
    if (!(kind in answer)) throw new Error(`prompt ${JSON.stringify(message)} is a ${kind}, the script has ${JSON.stringify(answer)}`);
    return answer;
  }
  return {
    asked,
    remaining: () => queue.length,
    async input(message, options) {
      const value = (next('input', message) as { input: string }).input;
      const valid = options?.validate?.(value);
      if (valid !== undefined && valid !== true) throw new Error(`scripted input ${JSON.stringify(value)} rejected: ${valid}`);
      return value;
    },
    async select<T>(message: string, choices: Choice<T>[]) {
      const value = (next('select', message) as { select: unknown }).select;
      if (!choices.some((c) => c.value === value)) throw new Error(`select ${JSON.stringify(message)} has no choice ${JSON.stringify(value)}`);
      return value as T;
    },
    async confirm(message) {
      return (next('confirm', message) as { confirm: boolean }).confirm;
    },
    async search<T>(message: string, source: (term: string) => Choice<T>[]) {
      const term = (next('search', message) as { search: string }).search;
      const choices = source(term);
      if (choices.length === 0) throw new Error(`search ${JSON.stringify(message)} found nothing for ${JSON.stringify(term)}`);
      return choices[0].value;
    },
  };
}

/** A fresh temp folder per test with `dbPath` inside (not created); removed afterwards. */
export function useTempDb(): { readonly dbPath: string; readonly dir: string } {
  const state = { dbPath: '', dir: '' };
  beforeEach(() => {
    state.dir = mkdtempSync(join(tmpdir(), 'spm-test-'));
    state.dbPath = join(state.dir, 'spm.db');
  });
  afterEach(() => {
    rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}

/**
 * Every row of every table, in a stable order, plus the schema version: equal snapshots mean
 * the database did not change. `missing` when there is no file.
 */
export function snapshot(dbPath: string, { except = [] }: { except?: readonly string[] } = {}): string {
  if (!existsSync(dbPath)) return 'missing';
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const dump: Record<string, unknown> = {
      userVersion: db.pragma('user_version', { simple: true }),
      schema: db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all()
        .filter((o) => !except.includes((o as { name: string }).name)),
    };
    // Every table's first column is its key (ids, settings keys, sales_daily dates).
    for (const table of tables.filter((t) => !except.includes(t))) dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).all();
    // A table left out is left out of AUTOINCREMENT's bookkeeping too.
    if (dump.sqlite_sequence) dump.sqlite_sequence = (dump.sqlite_sequence as { name: string }[]).filter((r) => !except.includes(r.name));
    return JSON.stringify(dump);
  } finally {
    db.close();
  }
}

/** Runs a command expected to fail with exit 2 and asserts that it changed nothing. */
export async function expectRejected(args: string[], options: RunOptions & { db: string }, message: RegExp): Promise<RunResult> {
  const before = snapshot(options.db);
  const result = await runSpm(args, options);
  const after = snapshot(options.db);
  if (result.code !== 2) throw new Error(`expected exit 2, got ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  if (!message.test(result.stderr)) throw new Error(`stderr ${JSON.stringify(result.stderr)} does not match ${message}`);
  if (!/^spm: /.test(result.stderr)) throw new Error(`stderr does not start with "spm: ": ${result.stderr}`);
  if (before !== after) throw new Error('the database changed');
  return result;
}

/** Opens the test database directly, for setting up rows a command does not write yet. */
export function openRaw(dbPath: string): Database.Database {
  return new Database(dbPath, { fileMustExist: true });
}
