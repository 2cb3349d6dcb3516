// Text charts for the terminal: sparklines and bars, made of block characters so they read
// the same with or without colour.

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One block per value, scaled from zero to the largest value (zero reads as the lowest block,
 * so a row of empty periods is a flat line, not noise). `repeat` widens each block.
 */
export function sparkline(values: readonly number[], repeat = 1): string {
  const max = Math.max(0, ...values);
  return values.map((value) => {
    const level = max > 0 && value > 0 ? Math.max(1, Math.round((value / max) * (SPARKS.length - 1))) : 0;
    return SPARKS[level].repeat(repeat);
  }).join('');
}

/** A bar `width` cells wide filled to `fraction` (clamped to 0–1), in eighths for smoothness. */
export function bar(fraction: number, width: number, empty = ' '): string {
  const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const eighths = Math.round(clamped * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const PARTS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const body = '█'.repeat(full) + (partial > 0 ? PARTS[partial] : '');
  return body + empty.repeat(Math.max(0, width - full - (partial > 0 ? 1 : 0)));
}

/**
 * A pace bar: filled to `fraction` of the target, with `│` where an even pace would be now
 * (`expected`, 0–1), on a `░` track so the empty part shows.
 */
export function paceBar(fraction: number, expected: number | null, width: number): string {
  const cells = [...bar(fraction, width, '░')];
  if (expected !== null && Number.isFinite(expected)) {
    const at = Math.min(width - 1, Math.max(0, Math.round(Math.min(1, expected) * width) - 1));
    cells[at] = '│';
  }
  return cells.join('');
}
