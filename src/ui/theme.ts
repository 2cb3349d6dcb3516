// Colours, on only for a terminal: NO_COLOR and --no-color turn them off, FORCE_COLOR on.
import { Chalk, type ChalkInstance } from 'chalk';

export type Theme = ChalkInstance;

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

export function createTheme(level: 0 | 1 | 2 | 3): Theme {
  return new Chalk({ level });
}

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
