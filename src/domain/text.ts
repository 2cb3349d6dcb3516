// Text from users and files, made safe to print: no control characters or terminal escapes.

// CSI/OSC/other ESC sequences first, then any remaining C0/C1 control character but tab/newline.
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/**
 * Bidirectional formatting characters (embeddings, overrides, isolates, marks): U+202E makes
 * a terminal show `Acme\u202Egpj.exe` as `Acmeexe.jpg`, so they are dropped from output too.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes terminal escape sequences, control and bidi formatting characters; keeps newlines and tabs. */
export function sanitizeText(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROL, '').replace(BIDI, '');
}

/** Any C0/C1 control character or DEL, tab and newline included: never part of a name. */
export const NAME_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** C1 controls, line/paragraph separators and BIDI: built from BIDI so that widening it widens this. */
const JSON_RAW_TO_ESCAPE = new RegExp(`[\\u0080-\\u009f\\u2028\\u2029]|${BIDI.source}`, 'g');

/**
 * Escapes, in JSON text, what JSON.stringify leaves raw but a terminal acts on: C1 controls
 * (U+009B is a CSI on its own) and bidi formatting characters. Parsing gives the same strings.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(JSON_RAW_TO_ESCAPE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Any character sanitizeLine could touch: every C0/C1 control (ESC and the CSI U+009B
 * included, tab and newline too) or a BIDI character. Most cells have none, and one test is
 * far cheaper than four replacements: a million-row list pays for this per cell. Built from
 * BIDI so that widening it widens this; a new kind of character needs adding here as well.
 */
const ANYTHING_TO_CLEAN = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f]|${BIDI.source}`);

/** For one-line cells: also folds newlines and tabs into spaces. */
export function sanitizeLine(text: string): string {
  if (!ANYTHING_TO_CLEAN.test(text)) return text;
  return sanitizeText(text).replace(/[\t\r\n]+/g, ' ');
}

/** ANYTHING_TO_CLEAN but tab, the separator of a line of cells. */
const ANYTHING_BUT_TAB_TO_CLEAN = new RegExp(`[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f]|${BIDI.source}`);

/**
 * A line of tab-separated cells with sanitizeLine applied to each cell, for cells that hold
 * no tab: a tab inside a cell must come as a newline, which sanitizeLine folds alike (no
 * pattern of sanitizeLine tells the two apart). One test for the whole line when it is clean.
 */
export function sanitizeCells(line: string): string {
  if (!ANYTHING_BUT_TAB_TO_CLEAN.test(line)) return line;
  return line.split('\t').map(sanitizeLine).join('\t');
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The names closest to `query`, best first: prefix and substring matches, then edit distance. */
export function closestNames(query: string, names: readonly string[], limit = 3): string[] {
  const key = query.toLowerCase();
  const scored = names.map((name) => {
    const lower = name.toLowerCase();
    const distance = lower.includes(key) || key.includes(lower) ? 0 : editDistance(key, lower.slice(0, Math.max(key.length, 1) + 2));
    return { name, distance };
  });
  const threshold = Math.max(2, Math.ceil(key.length / 3));
  return scored
    .filter((s) => s.distance <= threshold)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}

/** The case-insensitive key of a unique name. */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase('en-US');
}

/** ` (did you mean report?)`, ` (did you mean "Acme" or "Acme Labs"?)`, or '' for no names: one wording everywhere. */
export function didYouMean(names: readonly string[], quote = false): string {
  if (names.length === 0) return '';
  const shown = names.map((n) => (quote ? JSON.stringify(n) : n));
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
  return ` (did you mean ${list}?)`;
}

/** `1 day`, `2 days`, `0 days`, `1.5 days`: a count with its unit, singular only for exactly one. */
export function countOf(count: number, unit: string, plural = `${unit}s`): string {
  return `${count} ${count === 1 ? unit : plural}`;
}

/**
 * `none`, `off` or nothing: what a user types to clear an optional value (`--every none`,
 * `--close none`, `--deal none`, `--satisfaction none`, a setting that may be off).
 */
export function clearsValue(text: string): boolean {
  return ['none', 'off', ''].includes(text.trim().toLowerCase());
}

/** `43–66%`: a range of percentages (a 95% interval), rounded to whole percent; `—` when unknown. */
export function percentRange(low: number | null | undefined, high: number | null | undefined): string {
  return low === null || low === undefined || high === null || high === undefined ? '—' : `${Math.round(low)}–${Math.round(high)}%`;
}

/** `a customer column`, `an amount column`: the article for a word read aloud (by its first letter). */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/**
 * One typo apart, in any case: one letter added, dropped or changed, or two neighbours swapped
 * (`upsel`/`upsell`, `referal`/`referral`, `demo`/`deom`). Equal texts are not a typo.
 */
export function oneTypoApart(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y || Math.abs(x.length - y.length) > 1) return false;
  if (x.length === y.length) {
    const diff = [...x].map((c, i) => (c === y[i] ? -1 : i)).filter((i) => i >= 0);
    return diff.length === 1 || (diff.length === 2 && diff[1] === diff[0] + 1 && x[diff[0]] === y[diff[1]] && x[diff[1]] === y[diff[0]]);
  }
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** The value in use that `value` is one typo from (the first, i.e. most used), unless it is in use itself. */
export function closeLabel(value: string, inUse: readonly string[]): string | null {
  const key = value.trim().toLowerCase();
  if (key.length < 3 || inUse.some((v) => v.toLowerCase() === key)) return null;
  return inUse.find((v) => oneTypoApart(key, v)) ?? null;
}
