// Small terminal charts: a progress bar with a pace marker, and a cumulative line chart of
// actual against an even-pace line. Plain characters; colour is applied by the caller's theme.
import type { Theme } from './theme.js';

/**
 * `████████│░░░░░░░░░░` — filled to `fraction` (0–1, clamped), with `│` where `marker`
 * (0–1, the even pace for today) falls.
 */
export function progressBar(fraction: number, marker: number | null, width = 20): string {
  const clamp = (x: number) => Math.max(0, Math.min(1, Number.isFinite(x) ? x : 0));
  const filled = Math.round(clamp(fraction) * width);
  const cells: string[] = Array.from({ length: width }, (_, i) => (i < filled ? '█' : '░'));
  if (marker !== null) {
    const at = Math.min(width - 1, Math.max(0, Math.round(clamp(marker) * width) - 1));
    cells[at] = '│';
  }
  return cells.join('');
}

export interface ChartPoint {
  actual: number | null;
  expected: number;
}

/**
 * A line chart `height` rows high over `points` (one per day), squeezed into at most `width`
 * columns (the last point of each column's days is drawn). `●` actual, `·` even pace; the
 * top of the scale is the larger of `top` (the target) and the highest value. `flatPace`:
 * the pace line is the target itself (rates), not a line rising to it.
 */
export function lineChart(points: ChartPoint[], options: { width: number; height: number; top: number; totalPoints: number; flatPace: boolean; label: (v: number) => string; theme: Theme }): string[] {
  const { height, theme } = options;
  const columns = Math.max(1, Math.min(options.width, options.totalPoints));
  const max = Math.max(options.top, ...points.map((p) => Math.max(p.actual ?? 0, p.expected)), 1e-9);
  const grid = Array.from({ length: height }, () => Array.from({ length: columns }, () => ' '));
  const row = (v: number) => height - 1 - Math.min(height - 1, Math.max(0, Math.round((v / max) * (height - 1))));
  // The even-pace line spans the whole timeline; actual stops at today.
  for (let c = 0; c < columns; c++) {
    const day = Math.min(options.totalPoints - 1, Math.floor(((c + 1) * options.totalPoints) / columns) - 1);
    const expected = options.flatPace ? options.top : (options.top * (day + 1)) / options.totalPoints;
    grid[row(expected)][c] = theme.dim('·');
    const point = points[day];
    if (point && point.actual !== null) grid[row(point.actual)][c] = theme.cyan('●');
  }
  const labelWidth = Math.max(options.label(max).length, options.label(0).length);
  return grid.map((cells, i) => {
    const label = i === 0 ? options.label(max) : i === height - 1 ? options.label(0) : '';
    return `${label.padStart(labelWidth)} ┤${cells.join('')}`;
  });
}

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

const PARTIAL_BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar `width` cells wide filled to `fraction` (clamped to 0–1), in eighths of a cell. */
export function bar(fraction: number, width: number, empty = ' '): string {
  const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const eighths = Math.round(clamped * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  return '█'.repeat(full) + PARTIAL_BLOCKS[partial] + empty.repeat(Math.max(0, width - full - (partial > 0 ? 1 : 0)));
}
