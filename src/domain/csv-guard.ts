// Spreadsheet formula injection: a text cell that starts with = + - @ tab or CR would run as a
// formula when the CSV is opened in Excel or LibreOffice, so it gets a leading apostrophe.
// Import takes that apostrophe off again, so spm's own CSV comes back exactly.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell that starts like a formula, or is apostrophes followed by one (so that a value that
 * really starts with `'=` is guarded too and survives the round trip).
 */
function needsGuard(text: string): boolean {
  let i = 0;
  while (text[i] === "'") i++;
  return FORMULA_START.test(text.slice(i));
}

export function guardCell(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/**
 * The import side: the apostrophe guardCell added is dropped (`'=SUM(A1)` → `=SUM(A1)`,
 * `''=x` → `'=x`); an apostrophe before anything else is data and stays.
 */
export function unguardCell(text: string): string {
  return text.startsWith("'") && needsGuard(text.slice(1)) ? text.slice(1) : text;
}
