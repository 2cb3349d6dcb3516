// One JSON document on stdout: what `--json` prints.
import type { Io } from './io.js';

export function writeJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** A number with at most 2 decimals (percentages, rates, averages), or null. */
export function round2(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.round(value * 100) / 100;
}
