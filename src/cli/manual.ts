// One source, three outputs: the help pages in docs/help/*.md are shown by `spm help <topic>`,
// linked from the README, and, with every command's usage, make the man page man/spm.1.
// `npm run docs` writes the README links and the man page; a test fails when either is stale.
import type { Command } from 'commander';
import { renderMarkdownAsRoff, roffEscape } from '../ui/markdown.js';
import { commandPath } from './help.js';
import { topicSummary } from './help-topics.js';

export const README_LINKS_START = '<!-- help-topics: written by npm run docs from docs/help/*.md -->';
export const README_LINKS_END = '<!-- /help-topics -->';

/** The README's list of help pages, one line each. */
export function readmeTopicLinks(topics: Map<string, string>): string {
  const lines = [...topics].map(([name, page]) => `- [\`spm help ${name}\`](docs/help/${name}.md): ${topicSummary(page)}`);
  return [README_LINKS_START, ...lines, README_LINKS_END].join('\n');
}

/** `readme` with its help-topics block replaced by the current one. */
export function withReadmeTopicLinks(readme: string, topics: Map<string, string>): string {
  const start = readme.indexOf(README_LINKS_START);
  const end = readme.indexOf(README_LINKS_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_LINKS_START} … ${README_LINKS_END} block`);
  return readme.slice(0, start) + readmeTopicLinks(topics) + readme.slice(end + README_LINKS_END.length);
}

function visible(command: Command): Command[] {
  return command.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden);
}

/** The man page: name, synopsis, every command with its usage, the global options, then each help page. */
export function renderManPage(program: Command, topics: Map<string, string>, version: string): string {
  const out: string[] = [
    `.TH SPM 1 "" "spm ${roffEscape(version)}" "spm manual"`,
    '.SH NAME',
    `spm \\- ${roffEscape(program.description().replace(/\. Bare .*$/, '').replace(/^./, (c) => c.toLowerCase()))}`,
    '.SH SYNOPSIS',
    '.B spm',
    '[\\fIcommand\\fR] [\\fIoptions\\fR]',
    '.SH DESCRIPTION',
    roffEscape(program.description()),
    '.PP',
    `Every command takes \\fB\\-\\-help\\fR, with examples. Pages on topics: ${[...topics.keys()].map((t) => `\\fBspm help ${roffEscape(t)}\\fR`).join(', ')}; they are also the sections below.`,
    '.SH COMMANDS',
  ];
  const walk = (command: Command) => {
    for (const sub of visible(command)) {
      // Verbs and the nouns that are commands themselves (spm report); not noun groups.
      if (sub.commands.length === 0) out.push('.TP', `\\fB${roffEscape(commandPath(sub))}\\fR ${roffEscape(sub.usage())}`.trimEnd(), roffEscape(sub.description()));
      walk(sub);
    }
  };
  walk(program);
  out.push('.SH OPTIONS', 'These go anywhere on the line, for every command.');
  for (const option of program.options) {
    if ((option as unknown as { hidden: boolean }).hidden) continue;
    out.push('.TP', `\\fB${roffEscape(option.flags)}\\fR`, roffEscape(option.description));
  }
  for (const page of topics.values()) out.push(renderMarkdownAsRoff(page).trimEnd());
  out.push('.SH SEE ALSO', 'The README and docs/ of the spm repository.');
  return `${out.join('\n')}\n`;
}

