// Composition root: the real process wiring. The only module that reads process.env/argv.
import { createContext } from './cli/context.js';
import { createClock } from './cli/clock.js';
import { runCli, EXIT_FAILURE, EXIT_USAGE } from './cli/run-cli.js';
import { describeWriteFailure } from './store/atomic-file.js';
import { processIo } from './ui/io.js';
import { inquirerPrompter } from './ui/prompter.js';
import { SpmError } from './domain/errors.js';

// For bin/spm.js: whether this bundle can run an argv, and which command words it has.
export { commandWordsPresent, hasCommandsFor } from './cli/program.js';

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  // A closed pipe (spm sale list | head) is not an error worth a stack trace. Any other
  // failure to write stdout (`spm export json > file` on a full disk) must not pass for success.
  const io = processIo(process.env, () => process.exit(0));
  let clock;
  try {
    clock = createClock(process.env.SPM_NOW);
  } catch (error) {
    io.err(`spm: ${(error as SpmError).message}\n`);
    return EXIT_USAGE;
  }
  const ctx = createContext({ io, env: process.env, clock, prompter: inquirerPrompter });
  const code = await runCli(argv, ctx);
  const stdoutError = await io.finish();
  if (stdoutError && code === 0) {
    io.err(`spm: cannot write to standard output: ${describeWriteFailure(stdoutError)}\n`);
    return EXIT_FAILURE;
  }
  return code;
}
