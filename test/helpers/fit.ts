// Width checks for terminal views: no line wider than the terminal, ANSI codes excluded.
import { expect } from '@jest/globals';
import { visibleWidth } from '../../src/ui/fit.js';

/** The widths every view is tested at. */
export const WIDTHS = [50, 60, 80, 120, 200] as const;

/** Lines of `text` wider than `width` columns (ANSI codes excluded), with their widths. */
export function overlongLines(text: string, width: number): string[] {
  return text.split('\n').filter((line) => visibleWidth(line) > width).map((line) => `${visibleWidth(line)}: ${line}`);
}

/** Fails with the offending lines when any line of `text` is wider than `width`. */
export function expectFitsWidth(text: string, width: number): void {
  expect({ width, overlong: overlongLines(text, width) }).toEqual({ width, overlong: [] });
}
