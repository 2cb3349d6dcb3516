// One JSON document on stdout: what `--json` prints.
import type { Io } from './io.js';
import { escapeJsonControls } from '../domain/text.js';

export function writeJson(io: Io, value: unknown): void {
  io.out(`${escapeJsonControls(JSON.stringify(value, null, 2))}\n`);
}

/** Rates and averages in JSON: at most 2 decimals, null instead of NaN (domain/money.ts). */
export { round2 } from '../domain/money.js';
