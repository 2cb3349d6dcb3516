// Colours, on only for a terminal: NO_COLOR and --no-color turn them off, FORCE_COLOR on.
import type { ChalkInstance } from 'chalk';

export type Theme = ChalkInstance;

/** chalk's class, once loadColors() has loaded it. */
let Chalk: typeof import('chalk').Chalk | undefined;

/**
 * Loads chalk, which only a run with colours needs: setting up its styles when it loads costs
 * ~0.5 ms and ~120 KB of young objects that a piped run, drawn with PLAIN, has no use for.
 * Commands get it from the preAction hook (AppContext.loadTheme).
 */
export async function loadColors(): Promise<void> {
  Chalk ??= (await import('chalk')).Chalk;
}

export interface ColorInputs {
  stdoutIsTTY: boolean;
  /** false when --no-color was given */
  colorFlag: boolean;
  env: Record<string, string | undefined>;
}

/** chalk level 0–3 from the flag, the environment and the terminal. */
export function colorLevel({ stdoutIsTTY, colorFlag, env }: ColorInputs): 0 | 1 | 2 | 3 {
  if (!colorFlag) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (!stdoutIsTTY || env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' ? 3 : 2;
}

/** Level 0 is PLAIN; a level with colours needs loadColors() first. */
export function createTheme(level: 0 | 1 | 2 | 3): Theme {
  if (level === 0) return PLAIN;
  if (Chalk === undefined) throw new Error('createTheme: colours asked for before loadColors()');
  return new Chalk({ level });
}

/**
 * What chalk at level 0 does, without chalk: a style (any chain of them: theme.green.bold)
 * joins its arguments with spaces (one argument: '' + it) and adds nothing; `visible` gives ''
 * (it shows text only with colours); rgb/hex/ansi256 and their bg forms take a colour and give
 * the same style; the theme called itself joins with spaces. A test holds it to chalk's level 0.
 */
const PLAIN: Theme = (() => {
  // '' + value, as chalk converts (a template literal would convert differently: hint "string")
  const text = (...args: unknown[]): string => (args.length === 1 ? '' + (args[0] as string) : args.join(' '));
  const nothing = (): string => '';
  const COLOR_TAKERS = new Set(['rgb', 'hex', 'ansi256', 'bgRgb', 'bgHex', 'bgAnsi256']);
  const style = (empty: boolean): unknown => new Proxy(empty ? nothing : text, {
    get: (_target, key) => (key === 'level' ? 0 : key === 'visible' ? visibleStyle : typeof key === 'string' && COLOR_TAKERS.has(key) ? () => (empty ? visibleStyle : textStyle) : empty ? visibleStyle : textStyle),
  });
  const textStyle = style(false);
  const visibleStyle = style(true);
  const theme = new Proxy((...strings: unknown[]) => strings.join(' '), { get: (_target, key) => (textStyle as Record<PropertyKey, unknown>)[key] });
  return theme as unknown as Theme;
})();

/** One colour per goal status, wherever a status is shown (goal list, report, dashboard). */
export function goalStatusStyle(theme: Theme, status: string): (text: string) => string {
  switch (status) {
    case 'met': return theme.green.bold;
    case 'ahead': return theme.green;
    case 'on-track': return theme.cyan;
    case 'behind': return theme.yellow;
    default: return theme.red; // missed
  }
}
