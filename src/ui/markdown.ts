// The small Markdown the help pages (docs/help/*.md) are written in, parsed once and drawn two
// ways: for a terminal (`spm help <topic>`, wrapped to its width) and as roff for `man spm`.
// Supported: # headings, paragraphs, - and 1. lists, ``` code blocks, | tables |, and inline
// `code`, **bold** and [links](…). Anything else is kept as paragraph text.
import type { Theme } from './theme.js';
import { truncate, visibleWidth, wrap } from './fit.js';

export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'code'; lines: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

const LIST_ITEM = /^(\s*)([-*]|\d+[.)])\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '' || /^<!--.*-->$/.test(line.trim())) {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length, text: heading[2] });
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) code.push(lines[i++]);
      i++;
      blocks.push({ kind: 'code', lines: code });
      continue;
    }
    if (line.trim().startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i].trim().startsWith('|')) {
        const cells = lines[i].trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
        i++;
      }
      blocks.push({ kind: 'table', header: rows[0] ?? [], rows: rows.slice(1) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const items: string[] = [];
      while (i < lines.length) {
        const next = LIST_ITEM.exec(lines[i]);
        if (next) {
          items.push(next[3]);
          i++;
        } else if (lines[i].trim() !== '' && /^\s+/.test(lines[i]) && items.length > 0) {
          items[items.length - 1] += ` ${lines[i].trim()}`;
          i++;
        } else break;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    const text: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|```|\s*\|)/.test(lines[i]) && !LIST_ITEM.exec(lines[i])) text.push(lines[i++].trim());
    blocks.push({ kind: 'paragraph', text: text.join(' ') });
  }
  return blocks;
}

interface InlineStyle {
  code(text: string): string;
  bold(text: string): string;
  link(text: string, target: string): string;
  plain(text: string): string;
}

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)]+)\)/g;

function inline(text: string, style: InlineStyle): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    out += style.plain(text.slice(last, match.index));
    if (match[1] !== undefined) out += style.code(match[1]);
    else if (match[2] !== undefined) out += style.bold(match[2]);
    else out += style.link(match[3], match[4]);
    last = (match.index ?? 0) + match[0].length;
  }
  return out + style.plain(text.slice(last));
}

/**
 * A help page for a terminal: headings bold, text wrapped to `width` (at most 100 columns,
 * for reading), code indented and never wrapped (cut with … only when wider than the screen).
 */
export function renderMarkdownForTerminal(source: string, theme: Theme, width: number): string {
  const textWidth = Math.min(width, 100);
  const style: InlineStyle = {
    code: (t) => theme.cyan(t),
    bold: (t) => theme.bold(t),
    link: (t, target) => (/^[a-z]+:/.test(target) ? `${t} (${target})` : t),
    plain: (t) => t,
  };
  const out: string[] = [];
  for (const block of parseMarkdown(source)) {
    if (out.length > 0) out.push('');
    switch (block.kind) {
      case 'heading':
        out.push(...wrap(theme.bold(block.level <= 1 ? block.text : block.text), textWidth, block.level <= 2 ? '' : '  '));
        break;
      case 'paragraph':
        out.push(...wrap(inline(block.text, style), textWidth, '  '));
        break;
      case 'list':
        block.items.forEach((item, n) => {
          const bullet = block.ordered ? `${n + 1}.` : '•';
          out.push(...wrap(inline(item, style), textWidth, `  ${bullet} `, ' '.repeat(3 + bullet.length)));
        });
        break;
      case 'code':
        for (const line of block.lines) out.push(truncate(`    ${theme.dim(line)}`, width));
        break;
      case 'table': {
        // A definition list: the first cell as the term, the others wrapped beside it.
        const termWidth = Math.min(18, Math.max(...block.rows.map((r) => visibleWidth(inline(r[0] ?? '', style)))));
        for (const row of block.rows) {
          const term = inline(row[0] ?? '', style);
          const rest = inline(row.slice(1).filter(Boolean).join(' — '), style);
          const hanging = ' '.repeat(termWidth + 4);
          if (visibleWidth(term) > termWidth) {
            out.push(...wrap(term, textWidth, '  '));
            out.push(...wrap(rest, textWidth, hanging));
          } else out.push(...wrap(rest, textWidth, `  ${term}${' '.repeat(termWidth - visibleWidth(term))}  `, hanging));
        }
        break;
      }
    }
  }
  return `${out.map((line) => line.trimEnd()).join('\n')}\n`;
}

/** Escapes text for roff: backslashes, hyphens (so options copy as ASCII), leading dots. */
export function roffEscape(text: string): string {
  return text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/^([.'])/gm, '\\&$1');
}

/**
 * A help page as roff for a man page section: the page's first heading becomes `.SH`, the
 * others `.SS`; code is `.nf` (no fill), tables are `.TP` entries.
 */
export function renderMarkdownAsRoff(source: string): string {
  const style: InlineStyle = {
    code: (t) => `\\fB${roffEscape(t)}\\fR`,
    bold: (t) => `\\fB${roffEscape(t)}\\fR`,
    link: (t, target) => (/^[a-z]+:/.test(target) ? `${roffEscape(t)} (${roffEscape(target)})` : roffEscape(t)),
    plain: (t) => roffEscape(t),
  };
  const text = (t: string) => inline(t, style).replace(/^\\&?([.'])/, '\\&$1');
  const out: string[] = [];
  let first = true;
  for (const block of parseMarkdown(source)) {
    switch (block.kind) {
      case 'heading':
        out.push(first ? `.SH ${JSON.stringify(block.text.toUpperCase())}` : `.SS ${JSON.stringify(block.text)}`);
        first = false;
        break;
      case 'paragraph':
        out.push('.PP', text(block.text));
        break;
      case 'list':
        block.items.forEach((item, n) => out.push(`.IP ${block.ordered ? `${n + 1}.` : '\\(bu'} 3`, text(item)));
        break;
      case 'code':
        out.push('.PP', '.RS 4', '.nf', ...block.lines.map((l) => roffEscape(l)), '.fi', '.RE');
        break;
      case 'table':
        for (const row of block.rows) out.push('.TP', text(row[0] ?? ''), text(row.slice(1).filter(Boolean).join(' \u2014 ')));
        break;
    }
  }
  return `${out.join('\n')}\n`;
}
