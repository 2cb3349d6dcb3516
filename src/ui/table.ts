// Lists: a table that fits the terminal, or tab-separated lines with a header when piped.
// On a terminal, columns that do not fit are dropped (highest `drop` first), then free-text
// columns are cut with `…`; ids, dates and amounts are never cut. Piped output is every
// column in full, whatever the width.
import type { Io } from './io.js';
import type { Theme } from './theme.js';
import { sanitizeLine } from '../domain/text.js';
import { pad, truncate, visibleWidth } from './fit.js';

export interface Column<T> {
  header: string;
  value(row: T): string | number | null | undefined;
  align?: 'left' | 'right';
  /** Colour applied on a terminal only (never in piped output), after any cut. */
  style?(text: string, row: T): string;
  /**
   * Free text (names, reasons, notes): may be cut with `…` to fit, down to `min` columns
   * before columns are dropped. Other columns (ids, dates, amounts, statuses) are never cut.
   */
  text?: boolean;
  /** For a text column: the narrowest it is cut to before a column is dropped (default 10). */
  min?: number;
  /**
   * Dropped when the table does not fit: `drop: 1` goes first, then 2, and so on. Columns
   * without it are always shown. Only the terminal table drops columns; piped output keeps them all.
   */
  drop?: number;
  /** Only on a terminal (a combined or drawn column, such as a progress bar). */
  ttyOnly?: boolean;
  /** Only in piped output (the parts of a combined terminal column). */
  pipedOnly?: boolean;
}

/** Space between columns on a terminal. */
export const COLUMN_GAP = 2;
const DEFAULT_TEXT_MIN = 10;

function cellText(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : sanitizeLine(String(value));
}

export interface ColumnLayout {
  /** Indexes of the columns shown, in their order. */
  shown: number[];
  /** Width of every column (meaningful for the shown ones). */
  widths: number[];
}

/**
 * Which columns a table of natural widths `natural` (the widest cell or header of each) shows
 * within `width`, and how wide each is. Droppable columns go, `drop: 1` first, until the
 * columns that always show fit whole (their free text uncut) with the droppable free text no
 * narrower than its minimum. Only when nothing is left to drop is the always-shown free text
 * cut, the widest column first.
 */
export function layoutColumns(natural: number[], specs: { text?: boolean; min?: number; drop?: number }[], width: number): ColumnLayout {
  let shown = natural.map((_, i) => i);
  if (!Number.isFinite(width)) return { shown, widths: [...natural] };
  const gaps = (columns: number[]) => COLUMN_GAP * Math.max(0, columns.length - 1);
  const floor = (i: number) => Math.min(natural[i], Math.max(specs[i].min ?? DEFAULT_TEXT_MIN, 1));
  const optionalText = (i: number) => specs[i].text && specs[i].drop !== undefined;
  // Everything always shown at full width, droppable free text at its minimum.
  const needed = (columns: number[]) => columns.reduce((sum, i) => sum + (optionalText(i) ? floor(i) : natural[i]), 0) + gaps(columns);
  const droppable = shown.filter((i) => specs[i].drop !== undefined).sort((a, b) => (specs[a].drop ?? 0) - (specs[b].drop ?? 0) || b - a);
  while (needed(shown) > width && droppable.length > 0) {
    const gone = droppable.shift()!;
    shown = shown.filter((i) => i !== gone);
  }
  // Free text shares what is left: droppable text gives first, then the rest.
  const widths = [...natural];
  const total = () => shown.reduce((sum, i) => sum + widths[i], 0) + gaps(shown);
  for (const group of [shown.filter(optionalText), shown.filter((i) => specs[i].text && !optionalText(i))]) {
    if (total() <= width || group.length === 0) continue;
    const others = total() - group.reduce((sum, i) => sum + widths[i], 0);
    const room = Math.max(group.length, width - others);
    // Water-filling: the largest cap that fits; narrow columns stay whole.
    let cap = Math.max(...group.map((i) => widths[i]));
    const sum = (c: number) => group.reduce((s, i) => s + Math.min(widths[i], c), 0);
    while (cap > 1 && sum(cap) > room) cap--;
    for (const i of group) widths[i] = Math.min(widths[i], cap);
  }
  return { shown, widths };
}

/** Piped output is written in pieces of about this many characters: few writes, flat memory. */
const PIPED_CHUNK = 1 << 16;

/**
 * Writes `rows` as a list and returns how many there were. Piped, each row is written as it
 * comes from `rows` (an iterator over a query streams from SQLite to stdout); on a terminal
 * the table needs every row's width first, so the rows are collected.
 */
export function renderList<T>(io: Io, theme: Theme, columns: Column<T>[], rows: Iterable<T>): number {
  if (!io.stdoutIsTTY) {
    const piped = columns.filter((c) => !c.ttyOnly);
    return writePipedLines(io, piped.map((c) => c.header), pipedLines(piped, rows));
  }
  const all = Array.isArray(rows) ? (rows as T[]) : [...rows];
  io.out(renderTable(theme, columns.filter((c) => !c.pipedOnly), all, io.columns));
  return all.length;
}

function* pipedLines<T>(piped: Column<T>[], rows: Iterable<T>): Generator<string> {
  for (const row of rows) {
    // cellText leaves no tab (sanitizeLine folds them), so cells never split a line.
    let line = cellText(piped[0].value(row));
    for (let i = 1; i < piped.length; i++) line += `\t${cellText(piped[i].value(row))}`;
    yield line;
  }
}

/**
 * Piped list output: a header line (the column headers in lower case, spaces as hyphens), then
 * each line as it comes from `lines` (each a row's cells, already clean, joined by tabs).
 * Returns how many lines there were.
 */
export function writePipedLines(io: Io, headers: string[], lines: Iterable<string>): number {
  let chunk = `${headers.map((h) => h.toLowerCase().replace(/\s+/g, '-')).join('\t')}\n`;
  let count = 0;
  for (const line of lines) {
    count++;
    chunk += `${line}\n`;
    if (chunk.length >= PIPED_CHUNK) {
      io.out(chunk);
      chunk = '';
    }
  }
  io.out(chunk);
  return count;
}

/** The terminal table as text, at most `width` columns wide (each line trimmed on the right). */
export function renderTable<T>(theme: Theme, columns: Column<T>[], rows: T[], width: number): string {
  const cells = rows.map((row) => columns.map((c) => cellText(c.value(row))));
  const natural = columns.map((c, i) => Math.max(visibleWidth(c.header), ...cells.map((r) => visibleWidth(r[i]))));
  const { shown, widths } = layoutColumns(natural, columns.map((c) => ({ text: c.text, min: c.min, drop: c.drop })), width);
  const line = (texts: string[], styled: (text: string, i: number) => string) => shown
    .map((i) => pad(styled(truncate(texts[i], widths[i]), i), widths[i], columns[i].align))
    .join(' '.repeat(COLUMN_GAP))
    .trimEnd();
  const out = [line(columns.map((c) => c.header), (text) => theme.bold(text))];
  rows.forEach((row, r) => out.push(line(cells[r], (text, i) => (columns[i].style ? columns[i].style!(text, row) : text))));
  return `${out.join('\n')}\n`;
}
