// npm run docs: writes the README's links to the help pages and the man page man/spm.1 from
// docs/help/*.md and the command tree (src/cli/manual.ts says how).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createContext } from '../src/cli/context.js';
import { createClock } from '../src/cli/clock.js';
import { createProgram } from '../src/cli/program.js';
import { orderTopics, readTopicFiles } from '../src/cli/help-topics.js';
import { renderManPage, withReadmeTopicLinks } from '../src/cli/manual.js';
import { BufferedIo } from '../src/ui/io.js';
import { inquirerPrompter } from '../src/ui/prompter.js';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
const topics = orderTopics(readTopicFiles(new URL('docs/help/', root)));
const ctx = createContext({ io: new BufferedIo(), env: {}, clock: createClock('2026-01-01'), prompter: inquirerPrompter });
const program = createProgram(ctx);

const readmeUrl = new URL('README.md', root);
writeFileSync(readmeUrl, withReadmeTopicLinks(readFileSync(readmeUrl, 'utf8'), topics));
mkdirSync(new URL('man/', root), { recursive: true });
writeFileSync(new URL('man/spm.1', root), renderManPage(program, topics, pkg.version));
console.log(`docs: README links and man/spm.1 written for ${topics.size} help pages`);
