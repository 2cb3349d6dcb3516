// Lists: a table on a terminal, tab-separated lines with a header when piped.
// cli-table3 is loaded only when a table is drawn.
import type { Io } from './io.js';
import type { Theme } from './theme.js';
import { sanitizeLine } from '../domain/text.js';

export interface Column<T> {
  header: string;
  value(row: T): string | number | null | undefined;
  align?: 'left' | 'right';
  /** Colour applied on a terminal only (never in piped output). */
  style?(text: string, row: T): string;
}

function cellText(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : sanitizeLine(String(value));
}

export async function renderList<T>(io: Io, theme: Theme, columns: Column<T>[], rows: T[]): Promise<void> {
  if (!io.stdoutIsTTY) {
    const lines = [columns.map((c) => c.header.toLowerCase().replace(/\s+/g, '-')).join('\t')];
    for (const row of rows) lines.push(columns.map((c) => cellText(c.value(row)).replace(/\t/g, ' ')).join('\t'));
    io.out(`${lines.join('\n')}\n`);
    return;
  }
  const { default: Table } = await import('cli-table3');
  const table = new Table({
    head: columns.map((c) => theme.bold(c.header)),
    colAligns: columns.map((c) => c.align ?? 'left'),
    style: { head: [], border: [], compact: true },
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' },
  });
  for (const row of rows) {
    table.push(columns.map((c) => {
      const text = cellText(c.value(row));
      return c.style ? c.style(text, row) : text;
    }));
  }
  io.out(`${table.toString().split('\n').map((line) => line.trimEnd()).join('\n')}\n`);
}
