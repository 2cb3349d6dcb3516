// AppContext: everything a command may touch, injected: streams, clock, prompter, a lazy store.
import type { Io } from '../ui/io.js';
import type { Prompter } from '../ui/prompter.js';
import { colorLevel, createTheme, loadColors, type Theme } from '../ui/theme.js';
import { resolveDbPath, type OpenMode } from '../store/db-path.js';
import type { Store } from '../store/store.js';
import type { MigrationNotice } from '../store/open-database.js';
import { wrap } from '../ui/fit.js';
import type { Clock } from './clock.js';
import type { Settings } from '../domain/settings.js';
import { formatCommandLine } from '../domain/history.js';

/** Global options, set once commander has parsed argv. */
export interface GlobalOptions {
  db?: string;
  json: boolean;
  color: boolean;
  input: boolean;
  yes: boolean;
}

export interface AppContext {
  io: Io;
  env: Record<string, string | undefined>;
  clock: Clock;
  prompter: Prompter;
  globals: GlobalOptions;
  /** The command line being run (without node and the script), recorded in the change history. */
  argv: string[];
  /**
   * Loads the store's code (SQLite addon, schema, repositories). run-cli's preAction hook
   * calls it before any command runs, so --help and --version never pay for it.
   */
  loadStore(): Promise<void>;
  /** Opens the database on first use. `read` never creates a file; `write` does. */
  store(mode: OpenMode): Store;
  /** The path the store would open (for messages), without opening it. */
  dbPath(): string;
  settings(): Settings;
  /** Loads what theme() needs with colours on (chalk); run-cli's preAction hook calls it once globals are set. */
  loadTheme(): Promise<void>;
  theme(): Theme;
  /** A person is there to answer: stdin and stdout are terminals and --no-input is off. */
  canPrompt(): boolean;
  close(): void;
}

export interface ContextInputs {
  io: Io;
  env: Record<string, string | undefined>;
  clock: Clock;
  prompter: Prompter;
}

export function createContext({ io, env, clock, prompter }: ContextInputs): AppContext {
  let store: Store | undefined;
  let storeMode: OpenMode | undefined;
  let StoreClass: typeof Store | undefined;
  let theme: Theme | undefined;
  const themeLevel = () => colorLevel({ stdoutIsTTY: io.stdoutIsTTY, colorFlag: context.globals.color, env });
  const context: AppContext = {
    io,
    env,
    clock,
    prompter,
    globals: { json: false, color: true, input: true, yes: false },
    argv: [],
    async loadStore() {
      StoreClass ??= (await import('../store/store.js')).Store;
    },
    store(mode) {
      if (!StoreClass) throw new Error('store() before loadStore(): the preAction hook loads it');
      // A read store is a read-only connection: a command that reads first and then writes
      // gets the database reopened for writing (the read-only one is closed, nothing pending).
      if (store && mode === 'write' && storeMode === 'read') {
        store.close();
        store = undefined;
      }
      if (!store) {
        // A person at a terminal hears that a long upgrade started; cron and scripts stay quiet.
        const onMigrate = (notice: MigrationNotice) => {
          if (io.stderrIsTTY) io.err(migrationNotice(notice, io.columns));
        };
        store = StoreClass.open(context.dbPath(), mode, () => clock.now().toISOString(), onMigrate);
        store.history.commandLine = formatCommandLine(context.argv);
        storeMode = mode;
      }
      return store;
    },
    dbPath: () => resolveDbPath({ flag: context.globals.db, env }),
    settings: () => context.store('read').settings.get(),
    async loadTheme() {
      if (themeLevel() > 0) await loadColors();
    },
    theme() {
      theme ??= createTheme(themeLevel());
      return theme;
    },
    // stdin last: asking it loads node:tty, which a piped run does without.
    canPrompt: () => context.globals.input && io.stdoutIsTTY && io.stdinIsTTY,
    close() {
      store?.close();
      store = undefined;
    },
  };
  return context;
}

/** Before a database that holds data is upgraded (a copy first, then each new schema step). */
export function migrationNotice({ fromVersion, toVersion, backupPath }: MigrationNotice, columns: number): string {
  const lines = [
    `note: upgrading the database for this version of spm (schema ${fromVersion} to ${toVersion}); with years of history this can take a minute.`,
    `The file as it was is kept at ${backupPath}`,
  ];
  return `${lines.flatMap((line) => wrap(line, columns, '', '  ', false)).join('\n')}\n`;
}
