// Runs the built binary (bin/spm.js → dist/spm.cjs) the way a user does: a real process with
// SPM_DB and SPM_NOW in its environment. `npm test` builds dist/ before jest runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'spm.js');

export interface SpawnResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function spawnSpm(args: string[], env: Record<string, string | undefined> = {}, input?: string): SpawnResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    input,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
