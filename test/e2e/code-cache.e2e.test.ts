// bin/spm.js runs dist/spm.cjs with the V8 code cache the build wrote. The cache must be used
// when it belongs to the bundle, and ignored (spm still right, only slower) when it does not.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

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
  test('the digest is an FNV-style multiply and rotate over little-endian 64-bit words, and one changed byte anywhere changes it', () => {
    // A 16-byte part: its length word (16) then two data words, zero-padded to 8 bytes; the
    // hash starts from the padded total (8 + 16 = 24). Expected value computed by hand here.
    const part = Buffer.from('0123456789abcdef');
    const words = [16n, part.readBigUInt64LE(0), part.readBigUInt64LE(8)];
    let expected = 24n;
    for (const word of words) {
      expected = BigInt.asUintN(64, (expected ^ word) * 0x100000001b3n);
      expected = BigInt.asUintN(64, (expected << 31n) | (expected >> 33n));
    }
    const { cacheDigest } = loader();
    expect(cacheDigest(part)).toBe(expected.toString(16).padStart(16, '0'));

    const bytes = Buffer.alloc(1000, 7);
    const digests = new Set([cacheDigest(bytes)]);
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] ^= 0x10;
      digests.add(cacheDigest(changed));
    }
    expect(digests.size).toBe(1001);
    // Moving a byte from one part to the next changes it too.
    expect(cacheDigest(Buffer.from('ab'), Buffer.from('c'))).not.toBe(cacheDigest(Buffer.from('a'), Buffer.from('bc')));
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

  test('the build writes a cache for its bundle, and the binary uses it', () => {
    expect(readFileSync(CACHE).toString('latin1', 0, 4)).toBe('spm ');
    expect(load(BUNDLE, CACHE)).toEqual({ usedCache: true, version });
  });

  test('a cache made for another bundle, damaged anywhere, or missing is ignored and spm still runs', () => {
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
