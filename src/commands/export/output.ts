// Where an export goes: stdout, or a file written atomically (store/atomic-file.ts: 0600, a
// temporary file renamed into place once complete), never the database itself, and never an
// existing file without --force. Text is buffered and written in large pieces.
import type { AppContext } from '../../cli/context.js';
import { AtomicFile, databaseFiles, type AtomicFileOptions } from '../../store/atomic-file.js';
import { settleYoungGeneration } from '../../ui/io.js';

export interface Output {
  write(text: string): void;
  /** Flushes and closes; `ok` false removes a half-written file. */
  close(ok: boolean): void;
  /** The file written, or undefined for stdout. */
  path?: string;
}

const FLUSH_AT = 1 << 16;

/** Options for writing a file of the user's choosing: refuses the live database and its side files. */
export function userFileOptions(ctx: AppContext, force: boolean): AtomicFileOptions {
  return { force, protect: databaseFiles(ctx.dbPath()) };
}

export function openOutput(ctx: AppContext, path: string | undefined, force: boolean): Output {
  let buffer = '';
  if (path === undefined) {
    return {
      write(text) {
        buffer += text;
        if (buffer.length >= FLUSH_AT) { ctx.io.out(buffer); buffer = ''; }
      },
      close(ok) { if (ok && buffer) ctx.io.out(buffer); buffer = ''; },
    };
  }
  const file = AtomicFile.create(path, userFileOptions(ctx, force));
  let flushes = 0;
  return {
    path,
    write(text) {
      buffer += text;
      if (buffer.length >= FLUSH_AT) {
        // A long export to a file: as for long output (ui/io.ts).
        if (++flushes === 16) settleYoungGeneration();
        file.write(buffer);
        buffer = '';
      }
    },
    close(ok) {
      try {
        if (ok) {
          if (buffer) file.write(buffer);
          file.commit();
        }
      } finally {
        buffer = '';
        file.abort();
      }
    },
  };
}

/** Runs `produce` against the output, closing it whatever happens. */
export function withOutput<T>(ctx: AppContext, path: string | undefined, force: boolean, produce: (out: Output) => T): T {
  const out = openOutput(ctx, path, force);
  let ok = false;
  try {
    const result = produce(out);
    ok = true;
    return result;
  } finally {
    out.close(ok);
  }
}
