// The plain theme (no colours) against chalk itself at level 0: the same text for every style
// chain and argument; and chalk is loaded only when colours are on.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { Chalk } from 'chalk';
import { createTheme, loadColors } from '../../src/ui/theme.js';
import { runSpm, useTempDb } from '../helpers/run-spm.js';

const STYLES = ['reset', 'bold', 'dim', 'italic', 'underline', 'overline', 'inverse', 'hidden', 'strikethrough', 'visible',
  'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey', 'redBright', 'bgRed', 'bgGreenBright'];
const COLOR_TAKERS: [string, unknown[]][] = [['rgb', [1, 2, 3]], ['hex', ['#ff0000']], ['ansi256', [42]], ['bgRgb', [9, 9, 9]], ['bgHex', ['#00f']], ['bgAnsi256', [7]]];
const ARGUMENTS: unknown[][] = [
  ['text'], [''], [' spaced  '], ['\u001b[31malready red\u001b[39m'], ['line\nbreak'], [42], [0], [null], [undefined], [true],
  [{ toString: () => 'object', valueOf: () => 7 }], [new Date(0)], [], ['a', 'b'], ['a', '', 3, null], [['x', 'y']],
];

/** Style chains of one to three steps, from a seed (a colour taker is called with its colour). */
function chains(): string[][] {
  const names = [...STYLES, ...COLOR_TAKERS.map(([name]) => name)];
  const out: string[][] = names.map((name) => [name]);
  let seed = 7;
  const next = () => (seed = (seed * 48_271) % 2_147_483_647) % names.length;
  for (let i = 0; i < 300; i++) out.push(Array.from({ length: 2 + (i % 2) }, () => names[next()]!));
  return out;
}

function follow(theme: unknown, chain: string[]): (...args: unknown[]) => string {
  let style = theme as Record<string, unknown>;
  for (const name of chain) {
    const taker = COLOR_TAKERS.find(([n]) => n === name);
    style = (taker ? (style[name] as (...args: unknown[]) => unknown)(...taker[1]) : style[name]) as Record<string, unknown>;
  }
  return style as unknown as (...args: unknown[]) => string;
}

describe('the plain theme (colours off)', () => {
  const chalk = new Chalk({ level: 0 });
  const plain = createTheme(0);

  test('gives what chalk at level 0 gives, for every chain of styles and any arguments', () => {
    const differing: string[] = [];
    for (const chain of chains()) {
      for (const args of ARGUMENTS) {
        const expected = follow(chalk, chain)(...args);
        const actual = follow(plain, chain)(...args);
        if (actual !== expected) differing.push(`${chain.join('.')}(${args.map(String).join(', ')}): ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
      }
    }
    expect(differing).toEqual([]);
  });

  test('the theme called itself, and its level, are chalk\'s', () => {
    for (const args of ARGUMENTS) expect((plain as unknown as (...a: unknown[]) => string)(...args)).toBe((chalk as unknown as (...a: unknown[]) => string)(...args));
    expect(plain.level).toBe(0);
    expect(plain.green.bold.level).toBe(0);
    expect(plain.visible.red('x')).toBe('');
    expect(plain.green.bold('done')).toBe('done');
  });
});

describe('colours', () => {
  beforeAll(loadColors);

  test('a level above 0 is chalk at that level', () => {
    expect(createTheme(1).green('ok')).toBe(new Chalk({ level: 1 }).green('ok'));
    expect(createTheme(3).green('ok')).toBe('\u001b[32mok\u001b[39m');
  });

  const temp = useTempDb();

  test('a command with colours on draws them, and with them off draws none', async () => {
    const colored = await runSpm(['customer', 'add', 'Acme'], { db: temp.dbPath, env: { NO_COLOR: undefined, FORCE_COLOR: '1' }, tty: true });
    expect(colored.code).toBe(0);
    const plainRun = await runSpm(['customer', 'add', 'Beta'], { db: temp.dbPath, tty: true });
    expect(plainRun.code).toBe(0);
    expect(`${plainRun.stdout}${plainRun.stderr}`).not.toMatch(/\u001b\[/);
    expect(`${colored.stdout}${colored.stderr}`).toMatch(/\u001b\[\d+m/);
  });
});
