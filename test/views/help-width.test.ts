// Every command's --help fits the terminal: option descriptions wrap, long examples break
// between words with ` \` continuations (so they still run when copied), and the pointer to the
// global options wraps. Only a single word longer than the screen (a quoted CSV line) may stick
// out. Piped, examples stay on one line each (the help-examples test runs them from there).
import { describe, expect, test } from '@jest/globals';
import { runSpm } from '../helpers/run-spm.js';
import { overlongLines, WIDTHS } from '../helpers/fit.js';

async function commandPaths(path: string[] = []): Promise<string[][]> {
  const help = (await runSpm([...path, '--help'])).stdout;
  const commands = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  const found = [path];
  for (const [, name] of commands.matchAll(/^ {2}([a-z][\w-]*)/gm)) found.push(...(await commandPaths([...path, name])));
  return found;
}

/** One unbreakable word or quoted string (and its continuation mark) on a line: it cannot be made narrower. */
const UNBREAKABLE = /^\d+: \s*(?:\S+|'[^']*')( \\)?$/;

describe('help fits the terminal', () => {
  test.each(WIDTHS.filter((w) => w <= 80))('every command at %p columns', async (columns) => {
    const paths = await commandPaths();
    expect(paths.length).toBeGreaterThan(40);
    const overlong: string[] = [];
    for (const path of paths) {
      const result = await runSpm([...path, '--help'], { tty: true, columns });
      for (const line of overlongLines(result.stdout, columns)) if (!UNBREAKABLE.test(line)) overlong.push(`spm ${path.join(' ')}: ${line}`);
    }
    expect(overlong).toEqual([]);
  });

  test('a long example breaks into lines that run when copied; piped it is one line', async () => {
    const narrow = (await runSpm(['import', '--help'], { tty: true, columns: 50 })).stdout;
    expect(narrow).toContain([
      '  $ spm import customers contacts.csv \\',
      '      --skip-invalid --json',
    ].join('\n'));
    const piped = (await runSpm(['import', '--help'])).stdout;
    expect(piped).toContain('  $ spm import customers contacts.csv --skip-invalid --json\n');
  });
});
