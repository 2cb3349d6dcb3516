// `spm help <topic>`: pages for what is not a command (dates, pace, report, …), written as
// Markdown in docs/help/<topic>.md. The build writes every page to dist/help-topics.json, which
// the bundle reads on first use (SPM_HELP_TOPICS), so an installed spm needs no docs folder;
// tests, running src/ directly, read the folder.
import { readdirSync, readFileSync } from 'node:fs';

declare const SPM_HELP_TOPICS: Record<string, string> | undefined;

/** The order `spm help` lists topics in; other pages follow alphabetically. */
export const TOPIC_ORDER = ['dates', 'pace', 'report', 'import', 'environment', 'exit-codes', 'storage', 'undo', 'deals'];

let loaded: Map<string, string> | undefined;

/** Every help page by topic name, in TOPIC_ORDER. */
export function helpTopics(): Map<string, string> {
  if (loaded) return loaded;
  loaded = orderTopics(typeof SPM_HELP_TOPICS === 'object' ? SPM_HELP_TOPICS : readTopicFiles(new URL('../../docs/help/', import.meta.url)));
  return loaded;
}

/** Pages by name in TOPIC_ORDER, then the others alphabetically. */
export function orderTopics(pages: Record<string, string>): Map<string, string> {
  const rank = (name: string) => (TOPIC_ORDER.includes(name) ? TOPIC_ORDER.indexOf(name) : TOPIC_ORDER.length);
  const names = Object.keys(pages).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return new Map(names.map((name) => [name, pages[name]]));
}

/** Reads docs/help/*.md (the build does the same to embed them). */
export function readTopicFiles(folder: URL): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const file of readdirSync(folder)) {
    if (file.endsWith('.md')) pages[file.slice(0, -3)] = readFileSync(new URL(file, folder), 'utf8');
  }
  return pages;
}

/** A page's one-line summary: its title after `topic:` (`# dates: every way to write a date`). */
export function topicSummary(page: string): string {
  const title = /^#\s+(.*)$/m.exec(page)?.[1] ?? '';
  return title.replace(/^[\w-]+:\s*/, '');
}
