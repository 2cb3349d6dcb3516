// Fitting text to the terminal: how wide a string looks (ANSI codes excluded, wide characters
// counted twice), cutting free text with `…`, and fitting one line of fixed and shrinkable
// parts. Tables (table.ts) and the text views (daily view, dashboard, report, cards) use these,
// so that no line on a terminal is wider than the terminal; piped output is never cut.
import type { Io } from './io.js';

/** Width used when the terminal does not say (and COLUMNS is not set). */
export const DEFAULT_WIDTH = 80;
/** Narrowest width views are laid out for; below it lines are still cut, never wrapped. */
export const MIN_WIDTH = 20;

/**
 * The terminal's width: COLUMNS when set to a positive number (the user's explicit choice,
 * and how tests and `COLUMNS=60 spm …` pick one), else what the terminal reports, else 80.
 */
export function terminalWidth(reported: number | undefined, env: Record<string, string | undefined>): number {
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return Math.max(MIN_WIDTH, fromEnv);
  if (reported !== undefined && Number.isInteger(reported) && reported > 0) return Math.max(MIN_WIDTH, reported);
  return DEFAULT_WIDTH;
}

/** The width a view must fit: the terminal's on a terminal; unlimited when piped. */
export function outputWidth(io: Io): number {
  return io.stdoutIsTTY ? io.columns : Number.POSITIVE_INFINITY;
}

// SGR (colour) and other CSI sequences, and OSC 8 hyperlinks: they take no room on screen.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
// eslint-disable-next-line no-control-regex
const ANSI_AT_START = /^(?:\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\))/;
// Unicode property classes, built on first use: building the two costs ~0.2 ms, and a run that
// meets no character above U+02FF (piped views measure nothing) never needs them.
let zeroWidth: RegExp | undefined;
let emoji: RegExp | undefined;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Columns one code point takes: 0 (combining marks, joiners), 2 (CJK, fullwidth, emoji) or 1. */
export function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x300) return code < 0x20 || (code >= 0x7f && code < 0xa0) ? 0 : 1;
  // Dashes, quotes and ellipses, and box drawing, blocks, shapes, symbols and dingbats (the bars,
  // sparklines, arrows and stars every view draws): one column, none a mark or a format
  // character. Answered here, without the property class below, whose first use compiles
  // (~0.3 ms of a report's run).
  if ((code >= 0x2010 && code <= 0x2027) || (code >= 0x2500 && code <= 0x27bf)) return 1;
  if ((zeroWidth ??= /[\p{Mn}\p{Me}\p{Cf}\u200b]/u).test(char)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0x303e) || (code >= 0x3041 && code <= 0x33ff)
    || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xa000 && code <= 0xa4cf)
    || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f)
    || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1f64f)
    || (code >= 0x1f900 && code <= 0x1f9ff) || (code >= 0x20000 && code <= 0x3fffd)
  ) return 2;
  // Emoji outside those blocks (☕, ⚡): most terminals draw the presentation form two wide.
  if (code >= 0x1f000 && (emoji ??= /\p{Extended_Pictographic}/u).test(char)) return 2;
  return 1;
}

/** How many terminal columns `text` takes: ANSI codes excluded. */
export function visibleWidth(text: string): number {
  const plain = stripAnsi(text);
  // Printable ASCII and Latin-1 up to U+02FF, dashes and ellipses, and box drawing, blocks,
  // shapes and symbols are one column each and one UTF-16 unit (charWidth): a line of only
  // those, the common case (money, ·, —, –, bars, stars), is as wide as it is long.
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2500-\u27bf]*$/.test(plain)) return plain.length;
  let width = 0;
  for (const char of plain) width += charWidth(char);
  return width;
}

/**
 * Cuts `text` to at most `width` columns, ending in `…` when something was cut. ANSI codes are
 * kept (and a reset added after a cut inside a coloured run), so a styled line can be cut too.
 * A cut falling just after a word keeps the word whole and drops the space.
 */
export function truncate(text: string, width: number): string {
  if (!Number.isFinite(width) || visibleWidth(text) <= width) return text;
  if (width <= 0) return '';
  if (width === 1) return '…';
  let out = '';
  let used = 0;
  let styled = false;
  let rest = text;
  while (rest.length > 0) {
    const code = ANSI_AT_START.exec(rest);
    if (code) {
      out += code[0];
      styled = true;
      rest = rest.slice(code[0].length);
      continue;
    }
    const char = String.fromCodePoint(rest.codePointAt(0) ?? 0);
    const w = charWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
    rest = rest.slice(char.length);
  }
  return `${out.trimEnd()}…${styled ? '\u001b[0m' : ''}`;
}

/** Pads with spaces to `width` visible columns (on the right, or the left for `right`). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const room = Math.max(0, width - visibleWidth(text));
  return align === 'right' ? ' '.repeat(room) + text : text + ' '.repeat(room);
}

/** A part of a line that may be shortened: free text (a name, a reason, a note). */
export interface Shrinkable {
  text: string;
  /** Never cut below this many columns while another part can give (default 8). */
  min?: number;
  /** Cut first when higher (default 0); parts with the same value give in turn. */
  shrinkFirst?: number;
  /** Applied after cutting (colour), so a cut never breaks an escape sequence. */
  style?: (text: string) => string;
}

export type LinePart = string | Shrinkable;

/**
 * Joins `parts` into one line of at most `width` columns. Strings are fixed (ids, dates,
 * amounts, labels: never cut); shrinkable parts give room, those with the highest
 * `shrinkFirst` first, down to their `min`, then below it if the line still does not fit.
 * With an infinite width (piped output) nothing is cut.
 */
export function fitLine(parts: LinePart[], width: number): string {
  // No width to fit (piped output): every part whole, so no part's width is needed.
  if (!Number.isFinite(width)) {
    let line = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      line += typeof part === 'string' ? part : part.style ? part.style(part.text) : part.text;
    }
    return line;
  }
  const items = parts.map((part) => (typeof part === 'string' ? { fixed: true as const, text: part } : { fixed: false as const, ...part }));
  const widths = items.map((item) => visibleWidth(item.text));
  let excess = widths.reduce((a, b) => a + b, 0) - width;
  if (Number.isFinite(width) && excess > 0) {
    const shrinkable = items.map((item, i) => i).filter((i) => !items[i].fixed);
    const order = [...shrinkable].sort((a, b) => ((items[b] as Shrinkable).shrinkFirst ?? 0) - ((items[a] as Shrinkable).shrinkFirst ?? 0));
    // First down to each part's minimum, in order; then below the minimums, in the same order.
    for (const pass of ['to-min', 'below-min'] as const) {
      for (const i of order) {
        if (excess <= 0) break;
        const floor = pass === 'to-min' ? Math.min(widths[i], (items[i] as Shrinkable).min ?? 8) : 0;
        const give = Math.min(excess, widths[i] - floor);
        if (give > 0) {
          widths[i] -= give;
          excess -= give;
        }
      }
    }
  }
  return items.map((item, i) => {
    if (item.fixed) return item.text;
    const text = truncate(item.text, widths[i]);
    return item.style ? item.style(text) : text;
  }).join('');
}

/** Word-wraps styled text to `width` columns; words longer than a line are cut, never split. */
export function wrap(text: string, width: number, indent = '', hanging = indent, cutLongWords = true): string[] {
  // No width to fit (piped output): one line of the words, so no word's width is needed (the
  // general path below gives the same line; measuring non-ASCII text is what costs).
  if (width === Number.POSITIVE_INFINITY) return [indent + text.split(/ +/).filter(Boolean).join(' ')];
  const lines: string[] = [];
  let current = indent;
  let currentWidth = visibleWidth(indent);
  let empty = true;
  for (const word of text.split(/ +/).filter(Boolean)) {
    const w = visibleWidth(word);
    if (!empty && currentWidth + 1 + w > width) {
      lines.push(current);
      current = hanging;
      currentWidth = visibleWidth(hanging);
      empty = true;
    }
    const room = width - currentWidth - (empty ? 0 : 1);
    // A word wider than a line is cut, unless every character matters (a path in an error).
    const fitted = w > room && cutLongWords ? truncate(word, Math.max(1, room)) : word;
    current += (empty ? '' : ' ') + fitted;
    currentWidth += (empty ? 0 : 1) + visibleWidth(fitted);
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * Packs whole `items` into lines of at most `width`: `first` starts the first line, `sep`
 * goes between items on a line, `indent` starts the others. An item is never split; one wider
 * than a line is cut with `…`. With an infinite width everything is one line.
 */
export function packItems(items: string[], width: number, first: string, sep: string, indent: string): string[] {
  // No width to fit (piped output): every item whole on the first line, nothing measured.
  if (width === Number.POSITIVE_INFINITY) return [first + items.join(sep)];
  const lines: string[] = [];
  let current = first;
  let empty = true;
  for (const item of items) {
    if (!empty && visibleWidth(current) + visibleWidth(sep) + visibleWidth(item) > width) {
      lines.push(current);
      current = indent;
      empty = true;
    }
    current += (empty ? '' : sep) + truncate(item, width - visibleWidth(current));
    empty = false;
  }
  lines.push(current);
  return lines;
}

/**
 * A shell command over as many lines as `width` needs, broken between words (never inside
 * quotes) with ` \` continuations, so that it still runs when copied.
 */
export function wrapCommand(command: string, width: number, indent = ''): string[] {
  const words = command.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  const lines: string[] = [];
  let current = indent;
  for (const word of words) {
    const candidate = current.trim() === '' ? current + word : `${current} ${word}`;
    // Room for the " \\" that would end this line if another word followed.
    if (current.trim() !== '' && visibleWidth(candidate) + 2 > width) {
      lines.push(`${current} \\`);
      current = `${indent}    ${word}`;
    } else current = candidate;
  }
  lines.push(current);
  return lines;
}
