// stdout on a pipe is written straight to its descriptor: a full pipe makes spm wait for its
// reader (instead of queueing the rest in memory), a closed one ends spm quietly, and any
// other failure is kept for main to report.
import { afterAll, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FdWriter } from '../../src/ui/io.js';

const dir = mkdtempSync(join(tmpdir(), 'spm-fd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A FIFO with a reader running `script` on fd 3 (the FIFO), and a non-blocking write end. */
async function fifoWithReader(name: string, script: string) {
  const fifo = join(dir, name);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const reader = spawn('sh', ['-c', `exec 3<"${fifo}"; ${script}`]);
  const exited = new Promise<number | null>((resolve) => reader.on('exit', resolve));
  // Opening the write end without blocking fails (ENXIO) until the reader has opened it.
  for (let tries = 0; ; tries++) {
    try {
      return { fd: openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK), exited };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO' || tries > 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

test('a full non-blocking pipe: waits for the reader and writes every byte', async () => {
  const out = join(dir, 'count');
  const { fd, exited } = await fifoWithReader('slow', `sleep 0.5; wc -c <&3 > "${out}"`);
  const writer = new FdWriter(fd, () => { throw new Error('not closed'); });
  const started = Date.now();
  // 1 MiB in 16 writes: far more than a pipe holds (64 KiB) while the reader sleeps.
  for (let i = 0; i < 16; i++) writer.write('é'.repeat(32 * 1024));
  const waitedMs = Date.now() - started;
  closeSync(fd);
  expect(await exited).toBe(0);
  expect(writer.error).toBeUndefined();
  expect(Number(readFileSync(out, 'utf8').trim())).toBe(16 * 32 * 1024 * 2);
  expect(waitedMs).toBeGreaterThanOrEqual(300);
});

test('a reader that has gone: onClosed once, nothing thrown, nothing more written', async () => {
  const { fd, exited } = await fifoWithReader('gone', 'exec 3<&-');
  expect(await exited).toBe(0);
  let closed = 0;
  const writer = new FdWriter(fd, () => { closed++; });
  writer.write('x'.repeat(100_000));
  writer.write('more');
  closeSync(fd);
  expect(closed).toBe(1);
  expect(writer.error?.code).toBe('EPIPE');
});

test('any other failure is kept (the first) and later writes are dropped', () => {
  const path = join(dir, 'read-only');
  closeSync(openSync(path, 'w'));
  const fd = openSync(path, 'r');
  let closed = 0;
  const writer = new FdWriter(fd, () => { closed++; });
  writer.write('a');
  const first = writer.error;
  writer.write('b');
  closeSync(fd);
  expect(first?.code).toBe('EBADF');
  expect(writer.error).toBe(first);
  expect(closed).toBe(0);
});

test('stdout into a file is written straight to it too: the same bytes as through a pipe, appending with >>, no stream modules', () => {
  const db = join(dir, 'file-out.db');
  const env = { PATH: process.env.PATH, SPM_DB: db, SPM_NOW: '2026-03-15', NO_COLOR: '1' };
  for (const name of ['Acme', 'Beta', 'Café Zoë']) expect(spawnSync(process.execPath, ['bin/spm.js', 'customer', 'add', name], { env }).status).toBe(0);
  const piped = spawnSync(process.execPath, ['bin/spm.js', 'customer', 'list'], { env, encoding: 'utf8' });
  expect(piped.status).toBe(0);
  // The program run as bin/spm.js runs it, reporting the built-in modules it loaded on fd 2.
  const script = `
    const before = new Set(process.moduleLoadList);
    const spm = require(${JSON.stringify(join(process.cwd(), 'bin', 'spm.js'))});
    spm.run(['customer', 'list'], spm.readManifest()).then((code) => {
      require('node:fs').writeSync(2, JSON.stringify({ code, streams: process.moduleLoadList.filter((name) => !before.has(name) && /stream/.test(name)) }));
    });`;
  const file = join(dir, 'list.txt');
  for (const flags of ['w', 'a']) {
    const fd = openSync(file, flags);
    try {
      const run = spawnSync(process.execPath, ['-e', script], { env, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      expect(JSON.parse(run.stderr)).toEqual({ code: 0, streams: [] });
    } finally {
      closeSync(fd);
    }
  }
  expect(piped.stdout).toContain('Café Zoë');
  expect(readFileSync(file, 'utf8')).toBe(piped.stdout + piped.stdout);
});
