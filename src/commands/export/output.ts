// Where an export goes: stdout, or a new file created 0600 that is never overwritten without
// --force. Text is buffered and written in large pieces so big exports keep memory flat.
import { closeSync, constants, fchmodSync, openSync, unlinkSync, writeSync } from 'node:fs';
import type { AppContext } from '../../cli/context.js';
import { InputError, StoreError } from '../../domain/errors.js';

export interface Output {
  write(text: string): void;
  /** Flushes and closes; `ok` false removes a half-written file. */
  close(ok: boolean): void;
  /** The file written, or undefined for stdout. */
  path?: string;
}

const FLUSH_AT = 1 << 16;

/** Creates `path` with mode 0600 (refusing an existing file unless `force`). */
export function createOutputFile(path: string, force: boolean): number {
  try {
    const flags = constants.O_WRONLY | constants.O_CREAT | (force ? constants.O_TRUNC : constants.O_EXCL);
    const fd = openSync(path, flags, 0o600);
    fchmodSync(fd, 0o600);
    return fd;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new InputError(`${path} already exists`, 'Choose another name, or add --force to overwrite it.');
    if (code === 'ENOENT') throw new InputError(`cannot create ${path}: its folder does not exist`);
    if (code === 'EISDIR') throw new InputError(`${path} is a directory`);
    throw new StoreError(`cannot create ${path}: ${(error as Error).message}`);
  }
}

export function openOutput(ctx: AppContext, path: string | undefined, force: boolean): Output {
  let buffer = '';
  if (path === undefined) {
    return {
      write(text) {
        buffer += text;
        if (buffer.length >= FLUSH_AT) { ctx.io.out(buffer); buffer = ''; }
      },
      close() { if (buffer) ctx.io.out(buffer); buffer = ''; },
    };
  }
  const fd = createOutputFile(path, force);
  return {
    path,
    write(text) {
      buffer += text;
      if (buffer.length >= FLUSH_AT) { writeSync(fd, buffer); buffer = ''; }
    },
    close(ok) {
      try {
        if (ok && buffer) writeSync(fd, buffer);
      } finally {
        closeSync(fd);
        if (!ok) unlinkSync(path);
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
