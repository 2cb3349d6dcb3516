// iCalendar (RFC 5545) for open follow-ups: all-day VEVENTs with stable UIDs, text escaped
// (§3.3.11) and lines folded at 75 octets without splitting a UTF-8 character (§3.1), CRLF.
import { addDays, type LocalDate } from './local-date.js';
import { sanitizeText } from './text.js';

export interface CalendarEntry {
  uid: string;
  date: LocalDate;
  summary: string;
  description?: string | null;
}

/**
 * Escapes TEXT values: backslash, semicolon, comma, and newlines as \n. Control characters
 * (other than the newlines escaped here) are not allowed in TEXT (§3.3.11) and are dropped, as
 * are terminal escapes and bidi overrides a calendar app would show as is.
 */
export function escapeText(text: string): string {
  return sanitizeText(text).replace(/\t/g, ' ').replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into ≤ 75-octet lines joined by CRLF + space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const code = ch.codePointAt(0) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    // Continuation lines start with a space, which counts toward their 75 octets.
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

const compactDate = (date: LocalDate) => date.replace(/-/g, '');

/** `stamp` is the export instant (DTSTAMP), as an ISO UTC string. */
export function buildCalendar(entries: readonly CalendarEntry[], stamp: string, productId: string): string {
  const dtstamp = `${stamp.slice(0, 19).replace(/[-:]/g, '')}Z`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${productId}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const entry of entries) {
    lines.push('BEGIN:VEVENT', `UID:${entry.uid}`, `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${compactDate(entry.date)}`, `DTEND;VALUE=DATE:${compactDate(addDays(entry.date, 1))}`,
      `SUMMARY:${escapeText(entry.summary)}`);
    if (entry.description) lines.push(`DESCRIPTION:${escapeText(entry.description)}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
