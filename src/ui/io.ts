// The streams a command talks to. Data goes to `out` (stdout); messages for a person to `err`.
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DEFAULT_WIDTH, terminalWidth } from './fit.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: tables and colour instead of tab-separated lines. */
  stdoutIsTTY: boolean;
  /** stdin is a terminal: prompts are possible (with stdoutIsTTY). */
  stdinIsTTY: boolean;
  /** stderr is a terminal: a person is watching (cron and scripts capture it instead). */
  stderrIsTTY: boolean;
  /** Terminal width (COLUMNS, else the terminal's, else 80): views on a terminal fit it. */
  columns: number;
}

/** An Io that records what was written: the in-process test harness uses it. */
export class BufferedIo implements Io {
  stdout = '';
  stderr = '';
  constructor(public stdoutIsTTY = false, public stdinIsTTY = false, public columns = DEFAULT_WIDTH, public stderrIsTTY = stdoutIsTTY) {}
  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
}

/** The real streams, and how to finish with stdout: resolves to the first error writing it, if any. */
export interface ProcessIo extends Io {
  finish(): Promise<NodeJS.ErrnoException | undefined>;
}

/**
 * The real streams; `env` only for COLUMNS (main.ts is the one reader of process.env).
 * `onClosed` runs when the reader of stdout has gone (spm sale list | head): not an error.
 */
export function processIo(env: Record<string, string | undefined>, onClosed: () => void): ProcessIo {
  const err = (text: string) => void process.stderr.write(text);
  // isatty(0), not process.stdin.isTTY: making the stdin stream loads and builds a reader (~1.5 ms)
  // that only a prompt needs, and the prompt library opens its own. Asked only when a prompt is
  // possible (stdout a terminal): node:tty and the stream modules under it cost ~4 ms to load,
  // which a piped run never needs.
  const isatty = (fd: number) => (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
  const stdin = () => isatty(0);
  if (isPipeOrFile(1)) {
    // Not process.stdout: on a pipe it makes the pipe non-blocking and queues in memory
    // whatever the reader has not taken yet, and a list written in one synchronous loop never
    // lets the queue drain (sale list --all | wc -l: 840 MiB). Written straight to the
    // descriptor, a full pipe makes spm wait for its reader: memory stays flat however long the
    // output. Into a file (spm report > week.txt) process.stdout writes the same way, with
    // synchronous writes, but making it loads the stream modules (~3 ms of every such run).
    const fd = new FdWriter(1, onClosed);
    return { out: countingOut((text) => fd.write(text)), err, stdoutIsTTY: false, get stdinIsTTY() { return stdin(); }, get stderrIsTTY() { return isatty(2); }, columns: terminalWidth(undefined, env), finish: async () => fd.error };
  }
  let error: NodeJS.ErrnoException | undefined;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') onClosed();
    error ??= e;
  });
  return {
    out: countingOut((text) => void process.stdout.write(text)),
    err,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    get stdinIsTTY() {
      return stdin();
    },
    get stderrIsTTY() {
      return isatty(2);
    },
    columns: terminalWidth(process.stdout.columns, env),
    // Write errors arrive as events: wait until stdout has taken everything, then look.
    finish: async () => {
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      return error;
    },
  };
}

/**
 * A pipe or socket, as fd 1 is in `spm sale list | wc -l` or under a test runner, or a regular
 * file (`spm export json > all.json`); never a terminal or a device such as /dev/null.
 */
function isPipeOrFile(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket() || stat.isFile();
  } catch {
    return false;
  }
}

/**
 * Synchronous writes to a file descriptor, all of each text. A descriptor someone made
 * non-blocking (a pipe shared with an earlier Node process) says EAGAIN when full: then it
 * waits a millisecond and tries again. After an error nothing more is written; `error` keeps it.
 */
export class FdWriter {
  error: NodeJS.ErrnoException | undefined;
  private pause: Int32Array | undefined;

  constructor(private readonly fd: number, private readonly onClosed: () => void) {}

  write(text: string): void {
    if (this.error || text === '') return;
    const bytes = Buffer.from(text);
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
      } catch (e) {
        const error = e as NodeJS.ErrnoException;
        if (error.code === 'EAGAIN') {
          this.pause ??= new Int32Array(new SharedArrayBuffer(4));
          Atomics.wait(this.pause, 0, 0, 1);
          continue;
        }
        this.error = error;
        if (error.code === 'EPIPE') this.onClosed();
        return;
      }
    }
  }
}

/** Output after which a command counts as a long stream (a list with --all, an export). */
const LONG_STREAM_CHARS = 1 << 20;

/** `out`, which settles the young generation (below) once the output is long. */
function countingOut(out: (text: string) => void): (text: string) => void {
  let written = 0;
  return (text) => {
    if (written < LONG_STREAM_CHARS && (written += text.length) >= LONG_STREAM_CHARS) settleYoungGeneration();
    out(text);
  };
}

let settled = false;

/**
 * Streaming a million rows makes short-lived garbage at a high rate, and V8 then grows its
 * young generation from 2 to 32 MiB, which a streamed list or export does not need: its peak
 * RSS went 108 -> 124 MiB for it (`sale list --all`, 1M sales). Once output is long, the young
 * generation stays at the size it has: about 10% more CPU in collections, 16 MiB less memory.
 * node:v8 is loaded only then (5 ms).
 */
export function settleYoungGeneration(): void {
  if (settled) return;
  settled = true;
  (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString('--semi-space-growth-factor=1');
}
