// Spreadsheet formula injection: a text cell that starts with = + - @ tab or CR would run as a
// formula when the CSV is opened in Excel or LibreOffice, so it gets a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
