// bin/spm.js runs dist/spm.cjs with the V8 code cache the build wrote. The cache must be used
// when it belongs to the bundle, and ignored (spm still right, only slower) when it does not.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { databaseAt } from '../helpers/storage.js';

const LOADER = resolve('bin/spm.js');
const BUNDLE = resolve('dist/spm.cjs');
const CACHE = resolve('dist/spm.cjs.cache');
const require = createRequire(import.meta.url);
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const loader = (): { cacheDigest(...parts: Buffer[]): string; clockSurelyAccepts(pinned: string | undefined): boolean } => require(LOADER);

/** Loads a bundle through bin/spm.js's loader in a fresh node, runs `spm --version`, says whether the cache was used. */
function load(bundlePath: string, cachePath: string): { usedCache: boolean; version: string } {
  const script = `
    const { loadBundle } = require(${JSON.stringify(LOADER)});
    const loaded = loadBundle({ bundlePath: ${JSON.stringify(bundlePath)}, cachePath: ${JSON.stringify(cachePath)} });
    loaded.exports.main(['--version']).then((code) => { process.stderr.write('usedCache=' + loaded.usedCache + '\\n'); process.exitCode = code; });`;
  const result = spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, HOME: process.env.HOME }, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return { usedCache: /usedCache=true/.test(result.stderr), version: result.stdout.trim() };
}

describe('the code cache (bin/spm.js)', () => {
  /**
   * The digest as scripts/digest-wasm.cjs describes it, in plain JavaScript (BigInt and
   * Math.imul, nothing shared with the module): parts laid out after their length words, 8-byte
   * aligned, zero-padded to whole 128-byte rounds; eight lanes of four 32-bit words; the fold.
   */
  function referenceDigest(...parts: Buffer[]): string {
    const padded = (length: number) => (length + 7) & ~7;
    const n = (parts.reduce((sum, part) => sum + padded(part.length) + 8, 0) + 127) & ~127;
    const memory = Buffer.alloc(n);
    let offset = 0;
    for (const part of parts) {
      memory.writeUInt32LE(part.length, offset);
      part.copy(memory, offset + 8);
      offset += padded(part.length) + 8;
    }
    const words = Array.from({ length: 32 }, (_, index) => (n + Math.floor(index / 4)) >>> 0); // word j of lane k at 4k + j
    for (let round = 0; round < n; round += 128) {
      for (let index = 0; index < 32; index++) {
        const mixed = Math.imul(words[index] ^ memory.readUInt32LE(round + 4 * index), 0x01000193) >>> 0;
        words[index] = ((mixed << 13) | (mixed >>> 19)) >>> 0;
      }
    }
    let h = BigInt(n);
    for (let pair = 0; pair < 16; pair++) {
      const half = BigInt(words[2 * pair]) | (BigInt(words[2 * pair + 1]) << 32n);
      h = BigInt.asUintN(64, (h ^ half) * 0x100000001b3n);
      h = BigInt.asUintN(64, (h << 31n) | (h >> 33n));
    }
    return h.toString(16).padStart(16, '0');
  }

  test('the digest is FNV-style multiplies and rotations over eight lanes of 32-bit words, and one changed byte anywhere changes it', () => {
    const { cacheDigest } = loader();
    // A hand-checkable case: one 16-byte part is its length word (16), then the bytes, then
    // zeros to 128: one round, n = 128.
    const part = Buffer.from('0123456789abcdef');
    expect(cacheDigest(part)).toBe(referenceDigest(part));
    // Several rounds and parts, of every length modulo 8 and across round boundaries.
    for (const lengths of [[0], [1, 7], [129, 255, 256], [1000, 3], [70_000, 12_345]]) {
      const parts = lengths.map((length, i) => Buffer.from(Array.from({ length }, (_, j) => (j * 31 + i * 7 + length) & 0xff)));
      expect(cacheDigest(...parts)).toBe(referenceDigest(...parts));
    }

    const bytes = Buffer.alloc(1000, 7);
    const digests = new Set([cacheDigest(bytes)]);
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] ^= 0x10;
      digests.add(cacheDigest(changed));
    }
    expect(digests.size).toBe(1001);
    // The high bit of a byte, in two words that share a lane: the rotation keeps them apart.
    const twice = Buffer.from(bytes);
    twice[3] ^= 0x80;
    twice[3 + 128] ^= 0x80;
    expect(cacheDigest(twice)).not.toBe(cacheDigest(bytes));
    // Moving a byte from one part to the next changes it too.
    expect(cacheDigest(Buffer.from('ab'), Buffer.from('c'))).not.toBe(cacheDigest(Buffer.from('a'), Buffer.from('bc')));
  });

  test('the digest module in bin/spm.js is the one scripts/digest-wasm.cjs writes', () => {
    const { digestModule } = require(resolve('scripts/digest-wasm.cjs')) as { digestModule(): Buffer };
    expect((require(LOADER) as { HASH_WASM: string }).HASH_WASM).toBe(digestModule().toString('base64'));
  });

  test('startup loads neither node:crypto nor child_process, and with stdout piped not node:tty either', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spm-modules-'));
    try {
      // The dashboard on a database that does not exist yet: the store's code loads, nothing is written.
      const script = `
        const loaded = require(${JSON.stringify(LOADER)}).loadBundle();
        loaded.exports.main(['--json']).then(() => {
          process.stderr.write(JSON.stringify({ usedCache: loaded.usedCache, modules: process.moduleLoadList }));
        });`;
      const result = spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, SPM_DB: join(dir, 'none.db') }, encoding: 'utf8' });
      expect(result.stdout).toBe('{\n  "database": null\n}\n');
      const { usedCache, modules } = JSON.parse(result.stderr) as { usedCache: boolean; modules: string[] };
      expect(usedCache).toBe(true);
      expect(modules).toContain('NativeModule vm');
      expect(modules.filter((name) => /crypto|child_process|tty/.test(name))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a run through the binary loads neither node:module nor Node\'s ES module loader, and still loads built-ins on the paths that need them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spm-module-'));
    try {
      // A preload (a Node option, not a V8 flag: the cache is still taken) that lists at exit the modules loaded.
      const preload = join(dir, 'list.cjs');
      writeFileSync(preload, "process.on('exit', () => process.stderr.write('MODULES ' + JSON.stringify(process.moduleLoadList) + '\\n'));");
      const env = { PATH: process.env.PATH, SPM_DB: join(dir, 'spm.db'), SPM_NOW: '2026-03-15' };
      const modulesOf = (stderr: string) => JSON.parse(/^MODULES (.*)$/m.exec(stderr)![1]) as string[];
      const added = spawnSync(process.execPath, ['--require', preload, LOADER, 'customer', 'add', 'Acme'], { env, encoding: 'utf8' });
      expect(added.status).toBe(0);
      expect(modulesOf(added.stderr).filter((name) => /NativeModule (module|internal\/modules\/esm\/loader)$/.test(name))).toEqual([]);
      // Upgrading a database that holds data asks whether stderr is a terminal (to say so first):
      // node:tty, loaded through the bundle's createRequire.
      const old = databaseAt(join(dir, 'old.db'), 1);
      old.exec("INSERT INTO customers (name, name_key, added_date, created_at, updated_at) VALUES ('Bolt', 'bolt', '2026-03-01', 'x', 'x')");
      old.close();
      const upgraded = spawnSync(process.execPath, ['--require', preload, LOADER, 'customer', 'list', '--json'], { env: { ...env, SPM_DB: join(dir, 'old.db') }, encoding: 'utf8' });
      expect(upgraded.status).toBe(0);
      expect((JSON.parse(upgraded.stdout) as { name: string }[]).map((c) => c.name)).toEqual(['Bolt']);
      expect(modulesOf(upgraded.stderr)).toContain('NativeModule tty');
      expect(modulesOf(upgraded.stderr).filter((name) => /NativeModule (module|internal\/modules\/esm\/loader)$/.test(name))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the SQLite addon is opened where the build found it, or else found through node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spm-addon-'));
    try {
      const db = join(dir, 'spm.db');
      const env = { PATH: process.env.PATH, SPM_DB: db, SPM_NOW: '2026-03-15' };
      expect(spawnSync(process.execPath, [LOADER, 'customer', 'add', 'Acme'], { env }).status).toBe(0);
      /** `spm customer list --json` through `binary`'s loader, and the addon files require() loaded. */
      const run = (binary: string) => {
        const script = `
          const loaded = require(${JSON.stringify(binary)}).loadBundle();
          loaded.exports.main(['customer', 'list', '--json']).then((code) => {
            const required = Object.keys(require.cache).filter((path) => path.endsWith('.node'));
            process.stderr.write(JSON.stringify({ code, required }));
          });`;
        const result = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
        return { customers: (JSON.parse(result.stdout) as { name: string }[]).map((c) => c.name), ...(JSON.parse(result.stderr) as { code: number; required: string[] }) };
      };
      // Here, node_modules beside dist/: opened directly, never require()d.
      expect(run(LOADER)).toEqual({ customers: ['Acme'], code: 0, required: [] });
      // Installed as a dependency with better-sqlite3 beside spm (hoisted): require() finds it.
      const project = join(dir, 'project', 'node_modules');
      for (const folder of ['bin', 'dist']) cpSync(folder, join(project, 'spm', folder), { recursive: true });
      for (const name of readdirSync('node_modules')) symlinkSync(resolve('node_modules', name), join(project, name));
      expect(run(join(project, 'spm', 'bin', 'spm.js'))).toEqual({
        customers: ['Acme'], code: 0, required: [expect.stringMatching(/better-sqlite3[\\/]build[\\/]Release[\\/]better_sqlite3\.node$/)],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every bundle is ASCII, which the loader reads as latin1; a bundle that is not is read as UTF-8', () => {
    // A regex literal with a non-ASCII character is where esbuild cannot escape: write it with \u escapes.
    const files = readdirSync('dist').filter((file) => file.endsWith('.cjs'));
    expect(files.filter((file) => !isAscii(readFileSync(join('dist', file))))).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'spm-utf8-'));
    try {
      const bundle = join(dir, 'utf8.cjs');
      writeFileSync(bundle, "exports.main = async () => { process.stdout.write('€ · ₹'); return 0; };");
      const script = `require(${JSON.stringify(LOADER)}).loadBundle({ bundlePath: ${JSON.stringify(bundle)} }).exports.main();`;
      expect(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout).toBe('€ · ₹');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the build writes a cache for its bundle, and the binary uses it', () => {
    expect(readFileSync(CACHE).toString('latin1', 0, 4)).toBe('spm ');
    expect(load(BUNDLE, CACHE)).toEqual({ usedCache: true, version });
  });

  test('a cache made for another bundle, damaged anywhere, cut short or missing is ignored and spm still runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spm-cache-'));
    try {
      const bundle = join(dir, 'spm.cjs');
      copyFileSync(BUNDLE, bundle);
      const cache = readFileSync(CACHE);
      const headerEnd = cache.indexOf(10) + 1;

      writeFileSync(join(dir, 'other.cache'), Buffer.concat([Buffer.from('spm 0123456789abcdef0123456789abcdef01234567\n'), cache.subarray(headerEnd)]));
      expect(load(bundle, join(dir, 'other.cache'))).toEqual({ usedCache: false, version });

      // Damage inside V8's payload (not its header) once crashed V8 itself: spm's digest catches it.
      for (const offset of [headerEnd, headerEnd + 200, Math.floor(cache.length / 2), cache.length - 100]) {
        const damaged = Buffer.from(cache);
        damaged.fill(0x5a, offset, offset + 64);
        writeFileSync(join(dir, 'damaged.cache'), damaged);
        expect(load(bundle, join(dir, 'damaged.cache'))).toEqual({ usedCache: false, version });
      }

      expect(load(bundle, join(dir, 'missing.cache'))).toEqual({ usedCache: false, version });

      // Cut short anywhere (an interrupted copy): empty, inside the header, the header alone, half the payload.
      for (const length of [0, 10, headerEnd, Math.floor((headerEnd + cache.length) / 2), cache.length - 1]) {
        writeFileSync(join(dir, 'short.cache'), cache.subarray(0, length));
        expect(load(bundle, join(dir, 'short.cache'))).toEqual({ usedCache: false, version });
      }

      // A bundle edited to the same length (V8 checks only the length) does not run the cache's stale code.
      writeFileSync(bundle, readFileSync(BUNDLE, 'utf8').replaceAll(JSON.stringify(version), JSON.stringify('9'.repeat(version.length))));
      expect(load(bundle, CACHE)).toEqual({ usedCache: false, version: '9'.repeat(version.length) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('spm --version without loading the program (bin/spm.js)', () => {
  /** The binary, and the program itself (main() of the bundle, as the binary runs any other argv). */
  function both(argv: string[], env: Record<string, string>) {
    const run = (args: string[]) => spawnSync(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
    const program = `require(${JSON.stringify(LOADER)}).loadBundle().exports.main(${JSON.stringify(argv)}).then((code) => { process.exitCode = code; });`;
    return [run([LOADER, ...argv]), run(['-e', program])].map(({ status, stdout, stderr }) => ({ status, stdout, stderr }));
  }

  test.each([
    [['--version'], {}],
    [['-V'], {}],
    [['--version'], { SPM_NOW: '2026-11-28' }],
    [['-V'], { SPM_NOW: '' }],
    // Not the fast path's to answer: the program's own error, or its own handling of more words.
    [['--version'], { SPM_NOW: 'yesterday' }],
    [['--version'], { SPM_NOW: '2026-02-30' }],
    [['--version'], { SPM_NOW: '2200-01-01' }],
    [['--version', '--json'], {}],
    [['-V', 'followups'], {}],
  ])('spm %j with %j: what the program says, byte for byte, and its exit code', (argv, env) => {
    const [binary, program] = both(argv, env);
    expect(binary).toEqual(program);
  });

  test('the fast path prints the version without loading the bundle (no node:vm)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spm-version-'));
    try {
      const preload = join(dir, 'modules.cjs');
      writeFileSync(preload, "process.on('exit', () => process.stderr.write(String(process.moduleLoadList.includes('NativeModule vm'))));");
      const run = (argv: string[]) => spawnSync(process.execPath, ['-r', preload, LOADER, ...argv], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
      expect(run(['--version'])).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: 'false' });
      expect(run(['-V'])).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: 'false' });
      // Not a fast path that loads nothing because nothing is loaded: the program needs node:vm.
      expect(run(['--version', '--json'])).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: 'true' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('it takes only SPM_NOW values the clock accepts', async () => {
    const { createClock } = await import('../../src/cli/clock.js');
    const accepted = (pinned: string | undefined) => {
      try {
        createClock(pinned);
        return true;
      } catch {
        return false;
      }
    };
    const values: (string | undefined)[] = [undefined, '', ' ', '2026-11-28', '2026-11-28 ', ' 2026-11-28', '2026-11-28T09:30', '2026-11-28Z', '26-11-28', '+2026-11-28', '1899-12-31', '2200-01-01', '2199-12-31', '1900-01-01', '2026-1-28', '2026-11-8', '20261128'];
    // Every day of a common year, a leap year, a century that is not one, and the range's ends.
    for (const year of [1899, 1900, 2000, 2024, 2026, 2100, 2199, 2200]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) values.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      }
    }
    const { clockSurelyAccepts } = loader();
    const taken = values.filter((value) => clockSurelyAccepts(value));
    expect(taken.filter((value) => !accepted(value))).toEqual([]);
    // And it is not a fast path that never runs: plain dates in range and no SPM_NOW are taken.
    expect(taken).toEqual(expect.arrayContaining([undefined, '', '2026-11-28', '2024-02-29', '1900-01-01', '2199-12-31']));
    expect(taken).not.toContain('2100-02-29');
  });
});

describe('a bundle per command group (bin/spm.js and dist/spm.json)', () => {
  const manifest = JSON.parse(readFileSync('dist/spm.json', 'utf8')) as { version: string; bundles: Record<string, string> };

  test('each group bundle has its own code cache, and the binary uses it', () => {
    for (const file of ['spm-core.cjs', 'spm-followups.cjs', 'spm-customer.cjs']) {
      expect(load(resolve('dist', file), resolve('dist', `${file}.cache`))).toEqual({ usedCache: true, version });
    }
  });

  test('a run goes to the bundle of its command word, which has it; help, --, unknown words and completion to the full program', () => {
    const cases: [string[], string][] = [
      [[], 'spm-core.cjs'], [['--json', '--no-color'], 'spm-core.cjs'], [['--version', '--json'], 'spm-core.cjs'],
      [['followups'], 'spm-followups.cjs'], [['--db', 'sale', 'followups', '--days', '3'], 'spm-followups.cjs'],
      [['--db=x.db', '-y', 'sale', 'rm', '3'], 'spm-sale.cjs'], [['sale', 'add', '-h'], 'spm-sale.cjs'], [['customer', 'list'], 'spm-customer.cjs'],
      [['undo'], 'spm-history.cjs'], [['redo'], 'spm-history.cjs'], [['report', '--period', 'year'], 'spm-report.cjs'],
      [['--help'], 'spm.cjs'], [['-yh'], 'spm.cjs'], [['help', 'sale'], 'spm.cjs'], [['completion', 'bash'], 'spm.cjs'],
      [['salez'], 'spm.cjs'], [['--', 'followups'], 'spm.cjs'], [['constructor'], 'spm.cjs'], [['__proto__'], 'spm.cjs'], [['hasOwnProperty'], 'spm.cjs'],
    ];
    const script = `
      const { bundleFor, readManifest } = require(${JSON.stringify(LOADER)});
      const { bundles } = readManifest();
      const argvs = ${JSON.stringify(cases.map(([argv]) => argv))};
      process.stdout.write(JSON.stringify(argvs.map((argv) => {
        const path = bundleFor(argv, bundles);
        return [require('node:path').basename(path), require(path).hasCommandsFor(argv)];
      })));`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(cases.map(([, file]) => [file, true]));
    // Every command word has a bundle of its own but help and completion, which list every command.
    expect(Object.keys(manifest.bundles).sort()).toEqual(['', 'backup', 'checkin', 'concern', 'config', 'customer', 'deal', 'demo', 'export', 'followup', 'followups', 'goal', 'history', 'import', 'pipeline', 'redo', 'report', 'sale', 'undo']);
  });

  /** stdout, stderr, exit code and the customers afterwards, of `argv` run by `args` (node arguments) on a fresh copy of `db`. */
  function outcome(args: string[], argv: string[], db: string, dir: string) {
    const copy = join(dir, `run-${Math.random().toString(36).slice(2)}.db`);
    copyFileSync(db, copy);
    const env = { PATH: process.env.PATH, HOME: dir, SPM_DB: copy, SPM_NOW: '2026-03-15', NO_COLOR: '1' };
    const { status, stdout, stderr } = spawnSync(process.execPath, [...args, ...argv], { env, encoding: 'utf8' });
    const after = spawnSync(process.execPath, [LOADER, 'customer', 'list', '--json', '--archived'], { env, encoding: 'utf8' }).stdout;
    return { status, stdout: stdout.replaceAll(copy, '<db>'), stderr: stderr.replaceAll(copy, '<db>'), after };
  }
  const fullProgram = ['-e', `require(${JSON.stringify(LOADER)}).loadBundle().exports.main(process.argv.slice(1)).then((code) => { process.exitCode = code; })`, '--'];

  test.each([
    [[]], [['--json']], [['followups']], [['followups', '--bogus']], [['customer', 'list']], [['customer', 'add', 'Beta', '--json']],
    [['-y', 'customer', 'rm', 'acme']], [['undo']], [['sale', 'lst']], [['sale']], [['goal', 'list', '--help']], [['report', '--json']],
    [['config', 'get', 'nope']], [['import', 'sales']],
  ])('spm %j: the same output, exit code and database as the full program', (argv) => {
    const dir = mkdtempSync(join(tmpdir(), 'spm-groups-'));
    try {
      const db = join(dir, 'spm.db');
      expect(spawnSync(process.execPath, [LOADER, 'customer', 'add', 'Acme'], { env: { PATH: process.env.PATH, SPM_DB: db, SPM_NOW: '2026-03-15' } }).status).toBe(0);
      const fromBinary = outcome([LOADER], argv, db, dir);
      expect(fromBinary).toEqual(outcome(fullProgram, argv, db, dir));
      expect(fromBinary.stdout + fromBinary.stderr).not.toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a group bundle that is missing, damaged or without the command gives way to the full program', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spm-groups-'));
    try {
      // A copy of the installed layout: bin/, dist/ and node_modules beside them.
      for (const folder of ['bin', 'dist']) cpSync(folder, join(dir, folder), { recursive: true });
      symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
      const binary = join(dir, 'bin', 'spm.js');
      rmSync(join(dir, 'dist', 'spm-followups.cjs'));
      writeFileSync(join(dir, 'dist', 'spm-sale.cjs'), 'throw new Error("damaged");');
      writeFileSync(join(dir, 'dist', 'spm.json'), JSON.stringify({ ...manifest, bundles: { ...manifest.bundles, goal: 'spm-customer.cjs' } }));
      const db = join(dir, 'spm.db');
      expect(spawnSync(process.execPath, [binary, 'customer', 'add', 'Acme'], { env: { PATH: process.env.PATH, SPM_DB: db, SPM_NOW: '2026-03-15' } }).status).toBe(0);
      for (const argv of [['followups'], ['sale', 'list'], ['goal', 'list'], ['customer', 'list']]) {
        expect(outcome([binary], argv, db, dir)).toEqual(outcome(fullProgram, argv, db, dir));
      }
      // And with no manifest at all, the full program runs everything.
      rmSync(join(dir, 'dist', 'spm.json'));
      expect(outcome([binary], ['--version'], db, dir)).toEqual(outcome(fullProgram, ['--version'], db, dir));
      expect(outcome([binary], ['followups'], db, dir)).toEqual(outcome(fullProgram, ['followups'], db, dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
