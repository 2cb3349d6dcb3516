// The streams a command talks to. Data goes to `out` (stdout); messages for a person to `err`.
import { isatty } from 'node:tty';
import { DEFAULT_WIDTH, terminalWidth } from './fit.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: tables and colour instead of tab-separated lines. */
  stdoutIsTTY: boolean;
  /** stdin is a terminal: prompts are possible (with stdoutIsTTY). */
  stdinIsTTY: boolean;
  /** Terminal width (COLUMNS, else the terminal's, else 80): views on a terminal fit it. */
  columns: number;
}

/** An Io that records what was written: the in-process test harness uses it. */
export class BufferedIo implements Io {
  stdout = '';
  stderr = '';
  constructor(public stdoutIsTTY = false, public stdinIsTTY = false, public columns = DEFAULT_WIDTH) {}
  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
}

/** The real streams; `env` only for COLUMNS (main.ts is the one reader of process.env). */
export function processIo(env: Record<string, string | undefined>): Io {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    // isatty(0), not process.stdin.isTTY: making the stdin stream loads and builds a reader (~1.5 ms)
    // that only a prompt needs, and the prompt library opens its own.
    stdinIsTTY: isatty(0),
    columns: terminalWidth(process.stdout.columns, env),
  };
}
