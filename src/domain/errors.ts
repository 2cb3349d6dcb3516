// The one error family of spm: every failure a user can cause or meet, with its exit code.
// Domain code throws these; src/cli/run-cli.ts is the single place that turns them into
// `spm: <message>` plus an optional hint and an exit code.

export class SpmError extends Error {
  readonly exitCode: number;
  readonly hint?: string;
  constructor(message: string, exitCode: number, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** Bad usage or bad input: an invalid date, amount, flag or missing value (exit 2). */
export class InputError extends SpmError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

/** A reference to a record that does not exist or matches several (exit 2). */
export class NotFoundError extends SpmError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
  }
}

/** The database or the file system failed (exit 1). */
export class StoreError extends SpmError {
  constructor(message: string, hint?: string) {
    super(message, 1, hint);
  }
}

/** The user cancelled a prompt with Ctrl-C (exit 130, like a shell's SIGINT). */
export class CancelledError extends SpmError {
  constructor(message = 'cancelled, nothing written') {
    super(message, 130);
  }
}
