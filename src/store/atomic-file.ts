// Every file spm writes (exports, backups, rejects files, migration backups) goes through here:
// a temporary file created 0600 beside the target, every write checked, fsync, then a rename,
// so a reader sees either the old file or the whole new one, never a half-written file.
import {
  closeSync, constants, fsyncSync, linkSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { InputError, SpmError, StoreError } from '../domain/errors.js';

export interface AtomicFileOptions {
  /** Replace an existing file; without it an existing target is refused (exit 2). */
  force?: boolean;
  /**
   * Files this write must never replace, e.g. the live database and its -wal/-shm/-journal.
   * Compared by device and inode after following links (so symlinks and hard links are
   * caught), and by canonical path for the ones that do not exist yet.
   */
  protect?: readonly string[];
  /** Names the target in "refusing to overwrite" messages, e.g. "the database". */
  protectLabel?: string;
}

/** The cause of a file-system or SQLite I/O failure, in words a rep can act on. */
export function describeWriteFailure(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT' || code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return 'the disk is full or the file is too large';
  }
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EIO') return 'an input/output error (the disk may be failing)';
  return (error as Error)?.message ?? String(error);
}

/** A failure writing `path`, as the one `spm:` line (exit 1, or 2 for a path that cannot work). */
export function writeFailure(path: string, error: unknown): SpmError {
  if (error instanceof SpmError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = `cannot write ${path}: ${describeWriteFailure(error)}`;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return new InputError(message);
  return new StoreError(message, 'Nothing was written; free some space or choose another place, then try again.');
}

let serial = 0;
const SQLITE_SIDE_FILES = ['-journal', '-wal', '-shm'];

/** `path` as the file system names it: links in the folder and in the file itself resolved. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Throws InputError (exit 2) when `target` is, or would become, one of the protected files. */
function refuseProtectedTarget(target: string, protect: readonly string[], label = 'the live database or one of its files'): void {
  if (protect.length === 0) return;
  const targetStat = statOrUndefined(target);
  const targetPath = canonical(target);
  for (const file of protect) {
    const fileStat = statOrUndefined(file);
    const sameInode = targetStat !== undefined && fileStat !== undefined && targetStat.dev === fileStat.dev && targetStat.ino === fileStat.ino;
    if (sameInode || canonical(file) === targetPath) {
      throw new InputError(`refusing to write to ${target}: it is ${label} (${file})`, 'Choose another file name; nothing was touched.');
    }
  }
}

/** The live database and the side files SQLite keeps beside it. */
export function databaseFiles(dbPath: string): string[] {
  return [dbPath, ...SQLITE_SIDE_FILES.map((suffix) => `${dbPath}${suffix}`)];
}

/**
 * One file being written. Create it with `AtomicFile.create`, `write` any number of times,
 * then `commit` (fsync + rename into place) or `abort` (temporary file removed). Every method
 * throws an SpmError naming the target path and the cause.
 */
export class AtomicFile {
  private fd: number | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';

  private constructor(
    /** The path the file will have once committed (links resolved when it already existed). */
    readonly path: string,
    /** Where the bytes go until commit; undefined when writing straight to a device or FIFO. */
    readonly tempPath: string | undefined,
    fd: number,
    private readonly replace: boolean,
    /** The path as the user gave it, for messages. */
    readonly shownPath: string,
  ) {
    this.fd = fd;
  }

  /** Checks the target and creates the temporary file beside it (0600 from the first byte). */
  static create(target: string, options: AtomicFileOptions = {}): AtomicFile {
    refuseProtectedTarget(target, options.protect ?? [], options.protectLabel);
    let existing: Stats | undefined;
    try {
      existing = lstatSync(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw writeFailure(target, error);
    }
    let finalPath = target;
    if (existing) {
      if (!options.force) throw new InputError(`${target} already exists`, 'Choose another name, or add --force to overwrite it.');
      // A link is written through: the file it points at is the one replaced.
      if (existing.isSymbolicLink()) {
        finalPath = canonical(target);
        existing = statOrUndefined(finalPath);
      }
      if (existing?.isDirectory()) throw new InputError(`${target} is a folder, not a file`);
      if (existing && !existing.isFile()) {
        // A device or FIFO (/dev/null, a named pipe) cannot be replaced by a rename: write to it.
        try {
          return new AtomicFile(finalPath, undefined, openSync(finalPath, 'w'), true, target);
        } catch (error) {
          throw writeFailure(target, error);
        }
      }
    }
    const folder = dirname(resolve(finalPath));
    for (let attempt = 0; ; attempt++) {
      const tempPath = join(folder, `.${basename(finalPath)}.${process.pid}-${++serial}-${Math.random().toString(36).slice(2, 8)}.tmp`);
      try {
        const fd = openSync(tempPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
        return new AtomicFile(finalPath, tempPath, fd, existing !== undefined, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
        throw writeFailure(target, error);
      }
    }
  }

  /** Writes all of `data` (a short write is continued, a failed one throws). */
  write(data: string | Uint8Array): void {
    if (this.fd === undefined) throw new Error(`write to ${this.shownPath} after it was closed (${this.state})`);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      this.abort();
      throw writeFailure(this.shownPath, error);
    }
  }

  /**
   * Flushes the bytes to disk and closes the file, without renaming it yet: for writers that
   * fill `tempPath` by path (SQLite's backup API) and check it before `commit`.
   */
  flush(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      if (this.tempPath !== undefined) fsyncSync(fd);
      closeSync(fd);
    } catch (error) {
      try { closeSync(fd); } catch { /* already closed */ }
      this.abort();
      throw writeFailure(this.shownPath, error);
    }
  }

  /** fsync, close, rename into place, fsync the folder. After this the file is complete. */
  commit(): void {
    if (this.state === 'committed') return;
    if (this.state === 'aborted') throw new Error(`commit of ${this.shownPath} after it was aborted`);
    this.flush();
    if (this.tempPath !== undefined) {
      try {
        // The producer may have written by path (SQLite), after flush(): sync what it wrote.
        fsyncPath(this.tempPath);
        if (this.replace) renameSync(this.tempPath, this.path);
        else moveNoClobber(this.tempPath, this.path);
        fsyncFolder(dirname(resolve(this.path)));
      } catch (error) {
        this.abort();
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError(`${this.shownPath} already exists`, 'Choose another name, or add --force to overwrite it.');
        throw writeFailure(this.shownPath, error);
      }
    }
    this.state = 'committed';
  }

  /** Closes and removes the temporary file (and any SQLite side files beside it). Never throws. */
  abort(): void {
    if (this.state !== 'open') return;
    if (this.fd !== undefined) {
      try { closeSync(this.fd); } catch { /* nothing more to do */ }
      this.fd = undefined;
    }
    if (this.tempPath !== undefined) {
      for (const path of [this.tempPath, ...SQLITE_SIDE_FILES.map((s) => `${this.tempPath}${s}`)]) {
        try { unlinkSync(path); } catch { /* not there */ }
      }
    }
    this.state = 'aborted';
  }

  get finished(): boolean {
    return this.state !== 'open';
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the rename itself durable. Some file systems cannot fsync a folder: that is not an error. */
function fsyncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // EISDIR/EINVAL/EPERM on file systems without folder fsync.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Renames without replacing a file that appeared since the check: link() fails with EEXIST
 * where rename() would silently overwrite. File systems without hard links fall back to rename.
 */
function moveNoClobber(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV' || code === 'EMLINK') {
      renameSync(from, to);
      return;
    }
    throw error;
  }
  unlinkSync(from);
}

/** Writes `data` to `path` atomically. */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicFileOptions = {}): void {
  withAtomicFile(path, options, (file) => file.write(data));
}

/** Runs `produce` against a new atomic file: committed when it returns, aborted when it throws. */
export function withAtomicFile<T>(path: string, options: AtomicFileOptions, produce: (file: AtomicFile) => T): T {
  const file = AtomicFile.create(path, options);
  try {
    const result = produce(file);
    file.commit();
    return result;
  } finally {
    file.abort();
  }
}

/** The async form, for producers that await (SQLite's backup API). */
export async function withAtomicFileAsync<T>(path: string, options: AtomicFileOptions, produce: (file: AtomicFile) => Promise<T>): Promise<T> {
  const file = AtomicFile.create(path, options);
  try {
    const result = await produce(file);
    file.commit();
    return result;
  } finally {
    file.abort();
  }
}

/**
 * The same as a Node Writable stream: `end()` commits (the 'finish' event means the file is in
 * place and on disk), `destroy(error)` or any failure aborts and leaves no file. Made for
 * `await pipeline(source, transform, atomicWriteStream(path, options))`.
 */
export function atomicWriteStream(path: string, options: AtomicFileOptions = {}): Writable & { readonly file: AtomicFile } {
  const file = AtomicFile.create(path, options);
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      try {
        file.write(chunk);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    writev(chunks, callback) {
      try {
        for (const { chunk } of chunks) file.write(chunk as Buffer);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    final(callback) {
      try {
        file.commit();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    destroy(error, callback) {
      file.abort();
      callback(error);
    },
  });
  return Object.assign(stream, { file });
}
