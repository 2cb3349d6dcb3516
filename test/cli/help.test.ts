// spm help <topic>, the help of every command, and one wording for suggestions.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { runSpm } from '../helpers/run-spm.js';
import { expectFitsWidth } from '../helpers/fit.js';
import { createContext } from '../../src/cli/context.js';
import { createClock } from '../../src/cli/clock.js';
import { createProgram } from '../../src/cli/program.js';
import { helpTopics } from '../../src/cli/help-topics.js';
import { renderManPage, withReadmeTopicLinks } from '../../src/cli/manual.js';
import { BufferedIo } from '../../src/ui/io.js';
import { failingPrompter } from '../helpers/run-spm.js';

const ROOT = new URL('../../', import.meta.url);

describe('spm help <topic>', () => {
  test.each(['dates', 'pace', 'report', 'import', 'environment', 'exit-codes'])('%s is a page (piped: plain text, 80 wide)', async (topic) => {
    const result = await runSpm(['help', topic]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^${topic}: `));
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stdout).not.toMatch(/^#/m);
    expectFitsWidth(result.stdout, 80);
  });

  test('no page cuts a code line at 80 columns: every example on it is whole, so it can be copied', async () => {
    const cut: string[] = [];
    for (const topic of helpTopics().keys()) {
      const result = await runSpm(['help', topic], { tty: true, columns: 80 });
      for (const line of result.stdout.split('\n')) if (line.endsWith('…') && line.startsWith('    ')) cut.push(`${topic}: ${line}`);
    }
    expect(cut).toEqual([]);
  });

  test.each([50, 60, 80])('a page fits a %p-column terminal', async (columns) => {
    const result = await runSpm(['help', 'dates'], { tty: true, columns, env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(result.stdout).toMatch(/\u001b\[1mdates: every way to write a date/);
    expectFitsWidth(result.stdout, columns);
  });

  test('the dates page lists every input form', async () => {
    const { stdout } = await runSpm(['help', 'dates']);
    for (const form of ['2026-03-15', 'yesterday', 'tomorrow', '+3d', '-2w', '+1m', '+1y', 'mon']) expect(stdout).toContain(form);
  });

  test('an unknown topic is exit 2 with the closest one', async () => {
    const result = await runSpm(['help', 'datse']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("spm: no help on 'datse' (did you mean dates?)\nhint: Run spm help to see the commands and topics.\n");
  });

  test('a topic named like a command is the topic; the command\'s options are its --help', async () => {
    expect((await runSpm(['help', 'report'])).stdout).toMatch(/^report: every figure of spm report\n/);
    expect((await runSpm(['help', 'report'])).stdout).toContain('spm report --help');
  });

  test('spm help COMMAND is that command\'s help', async () => {
    expect((await runSpm(['help', 'sale', 'add'])).stdout).toBe((await runSpm(['sale', 'add', '--help'])).stdout);
    expect((await runSpm(['help', 'sale'])).stdout).toMatch(/^Usage: spm sale /);
  });

  test('spm --help lists the topics, and spm help alone is spm --help', async () => {
    const help = (await runSpm(['--help'])).stdout;
    expect(help).toMatch(/Help topics \(spm help <topic>\):\n {2}dates {8}every way to write a date\n/);
    expect((await runSpm(['help'])).stdout).toBe(help);
  });

  test('help never opens or creates a database', async () => {
    const result = await runSpm(['help', 'pace'], { db: '/nonexistent/folder/spm.db' });
    expect(result.code).toBe(0);
  });
});

describe('help of every command', () => {
  async function paths(path: string[] = []): Promise<string[][]> {
    const help = (await runSpm([...path, '--help'])).stdout;
    const commands = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
    const found: string[][] = [];
    for (const [, name] of commands.matchAll(/^ {2}([a-z][\w-]*)/gm)) {
      found.push([...path, name], ...(await paths([...path, name])));
    }
    return found;
  }

  test('global options are listed once, in spm --help, and each command points there in one line', async () => {
    const top = (await runSpm(['--help'])).stdout;
    expect(top).toMatch(/--no-input/);
    expect(top).not.toMatch(/Global options \(/);
    const all = await paths();
    expect(all.length).toBeGreaterThan(30);
    for (const path of all) {
      const help = (await runSpm([...path, '--help'])).stdout;
      expect({ path, global: /Global Options:|--no-input +never/.test(help) }).toEqual({ path, global: false });
      expect({ path, line: help.trimEnd().endsWith('Global options (--db, --json, --no-color, --no-input, --yes): spm --help') }).toEqual({ path, line: true });
    }
  });

  test('the top-level description is one paragraph, wrapped to the terminal', async () => {
    const narrow = (await runSpm(['--help'], { tty: true, columns: 60 })).stdout;
    const description = narrow.split('\n\n')[1];
    expect(description.split('\n').every((line) => line.length <= 60)).toBe(true);
    expect(description.replace(/\n/g, ' ')).toBe('Sales performance for one person: goals and pace, sales and techniques, follow-ups and a weekly report, over one local SQLite file. Bare `spm` shows today at a glance.');
  });
});

describe('suggestions: one wording', () => {
  test.each([
    [['reprot'], "spm: unknown command 'reprot' (did you mean report?)\nhint: Run spm --help to see the commands.\n"],
    [['sale', 'lst'], "spm: unknown command 'lst' (did you mean list?)\nhint: Run spm sale --help to see the commands.\n"],
    [['goal', 'shwo'], "spm: unknown command 'shwo' (did you mean show?)\nhint: Run spm goal --help to see the commands.\n"],
    [['sale', 'list', '--limt', '3'], "spm: unknown option '--limt' (did you mean --limit?)\nhint: Add --help to the command to see its usage and examples.\n"],
    [['zzzzzz'], "spm: unknown command 'zzzzzz'\nhint: Run spm --help to see the commands.\n"],
  ])('spm %j', async (args, stderr) => {
    const result = await runSpm(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(stderr);
  });

  test('a noun alone shows its help', async () => {
    const result = await runSpm(['sale']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: spm sale/);
  });
});

describe('one source for the pages, the README links and the man page', () => {
  const program = () => createProgram(createContext({ io: new BufferedIo(), env: {}, clock: createClock('2026-01-01'), prompter: failingPrompter }));

  test('README.md links every help page (npm run docs writes them)', () => {
    const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
    if (withReadmeTopicLinks(readme, helpTopics()) !== readme) throw new Error('README.md\'s help-topics links are stale: run npm run docs');
    for (const topic of helpTopics().keys()) expect(readme).toContain(`(docs/help/${topic}.md)`);
  });

  test('man/spm.1 is up to date with the commands and pages (npm run docs writes it)', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8'));
    if (readFileSync(new URL('man/spm.1', ROOT), 'utf8') !== renderManPage(program(), helpTopics(), pkg.version)) throw new Error('man/spm.1 is stale (a command or a help page changed): run npm run docs');
    expect(pkg.man).toEqual(['./man/spm.1']);
    expect(pkg.files).toContain('man');
  });
});
