// One JSON document on stdout: what `--json` prints.
import type { Io } from './io.js';
import { escapeJsonControls } from '../domain/text.js';

export function writeJson(io: Io, value: unknown): void {
  io.out(`${escapeJsonControls(JSON.stringify(value, null, 2))}\n`);
}

/**
 * Writes a JSON array of `rows` mapped by `toJson` as it iterates, byte for byte what
 * writeJson(io, [...rows].map(toJson)) prints (2-space indent, controls escaped), without
 * holding the array.
 * Returns how many rows there were.
 */
export function writeJsonArray<T>(io: Io, rows: Iterable<T>, toJson: (row: T) => unknown): number {
  let count = 0;
  let chunk = '';
  for (const row of rows) {
    chunk += `${count === 0 ? '[\n  ' : ',\n  '}${escapeJsonControls(JSON.stringify(toJson(row), null, 2)).replace(/\n/g, '\n  ')}`;
    count++;
    if (chunk.length >= 1 << 16) {
      io.out(chunk);
      chunk = '';
    }
  }
  io.out(count === 0 ? '[]\n' : `${chunk}\n]\n`);
  return count;
}

/** Rates and averages in JSON: at most 2 decimals, null instead of NaN (domain/money.ts). */
export { round2 } from '../domain/money.js';
