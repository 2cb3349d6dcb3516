// Every example printed by `--help` runs as printed: they are collected from the help of every
// command (nouns included) and run through the real binary, in a shell (for quotes, `>` and
// `VAR=`). Each runs on its own copy of one fixture, so an example never depends on another
// and adding one cannot break the rest.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSpm } from '../helpers/run-spm.js';
import { BIN } from '../helpers/spawn-spm.js';

async function helpOf(path: string[]): Promise<{ path: string[]; examples: string[] }[]> {
  const help = (await runSpm([...path, '--help'])).stdout;
  const found = [{ path, examples: [...help.matchAll(/^ {2}\$ (.*)$/gm)].map((m) => m[1]) }];
  const commands = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  for (const [, name] of commands.matchAll(/^ {2}([a-z][\w-]*)/gm)) found.push(...(await helpOf([...path, name])));
  return found;
}

/**
 * The fixture the examples' names and ids refer to: customers #1–#11 ("Typo Customer" is #11,
 * to be removed) and #12 "Acme Labs" ("acme"); sales #1–#15 with open follow-ups #1–#15 (#15 lost);
 * concern #1 open, #2 resolved (its follow-up #16); check-in #1; goals #1 "Q1 revenue target"
 * (a 2026-02-15 milestone), #2 "Sales books read" (custom, entry #1),
 * #3 a recurring one; deals #1–#3 open and #4 lost, all from ten days ago; files
 * backup.json, sales.csv and contacts.csv; and one undone change, for redo. Names differ from
 * the ones examples add ("Acme Corp", "Q1 revenue"), which their prefixes still find.
 */
const FIXTURE = [
  ...Array.from({ length: 10 }, (_, i) => `spm customer add "Customer ${i + 1}"`),
  'spm customer add "Typo Customer"',
  ...Array.from({ length: 11 }, () => 'spm sale add "Customer 1" 100 --date -10d'),
  'spm customer add "Acme Labs" --segment smb --every 30',
  'spm sale add acme 1200 --technique referral --product consulting',
  'spm sale add acme 900 --technique demo',
  'spm sale add acme 700',
  'spm sale add acme 500 --lost --reason price --follow-up +5d',
  'spm concern add acme "late delivery"',
  'spm goal add "Q1 revenue target" --metric revenue --target 30000 --period quarter --start 2026-01-01 --milestone 2026-02-15=12000',
  'spm goal add "Sales books read" --metric custom --target 4 --period year',
  'spm goal add "Weekly calls made" --metric checkins --target 15 --period week --recurring',
  'spm deal add "Customer 1" 12000 --title "Website" --stage proposal --date -10d',
  'spm deal add "Customer 2" 4500 --date -10d',
  'spm deal add "Customer 3" 900 --date -10d',
  'spm deal add "Customer 4" 800 --date -10d',
  'spm deal lost 4 --reason price',
  'spm checkin add acme --date -2d --channel call',
  'spm goal log "Sales books read" 1 --note "SPIN Selling"',
  'spm concern add acme "invoice had the wrong address"',
  'spm concern resolve 2 --resolution "sent a new one"',
  'spm export json -o backup.json',
  'spm export csv --entity sales -o sales.csv',
  'spm export csv --entity customers -o contacts.csv',
  'spm customer add "Undo Me"',
  'spm undo',
];

let fixture = '';
const env = (dir: string) => ({ PATH: process.env.PATH, HOME: join(dir, 'home'), SPM_DB: join(dir, 'spm.db'), SPM_NOW: '2026-03-15', NO_COLOR: '1' });
const shell = (dir: string, line: string) => spawnSync('bash', ['-c', `spm() { "${process.execPath}" "${BIN}" "$@"; }\n${line}`], { cwd: dir, env: env(dir), encoding: 'utf8' });

beforeAll(() => {
  fixture = mkdtempSync(join(tmpdir(), 'spm-examples-'));
  mkdirSync(join(fixture, 'home', '.local/share/bash-completion/completions'), { recursive: true });
  mkdirSync(join(fixture, 'home', '.config/fish/completions'), { recursive: true });
  for (const line of FIXTURE) {
    const result = shell(fixture, line);
    if (result.status !== 0) throw new Error(`fixture: ${line}\n${result.stderr}`);
  }
});
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

test('every command, nouns included, has examples in its --help', async () => {
  const missing = (await helpOf([])).filter((h) => h.examples.length === 0).map((h) => h.path.join(' '));
  expect(missing).toEqual([]);
});

test('every --help example runs as printed, each on a fresh copy of the fixture', async () => {
  const examples = (await helpOf([])).flatMap((h) => h.examples);
  expect(examples.length).toBeGreaterThan(80);
  const failures: string[] = [];
  for (const example of examples) {
    const dir = mkdtempSync(join(tmpdir(), 'spm-example-'));
    try {
      cpSync(fixture, dir, { recursive: true });
      const result = shell(dir, example);
      if (result.status !== 0) failures.push(`${example}\n  exit ${result.status}: ${result.stderr.trim()}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  expect(failures).toEqual([]);
});
