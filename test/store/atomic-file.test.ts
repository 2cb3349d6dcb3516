// The atomic writer: a file is either absent, the old one, or complete; 0600 from the first
// byte; existing files only replaced with force; protected files never written.
import { describe, expect, test } from '@jest/globals';
import { linkSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { AtomicFile, atomicWriteStream, databaseFiles, describeWriteFailure, withAtomicFile, writeFileAtomic } from '../../src/store/atomic-file.js';
import { useTempDb } from '../helpers/run-spm.js';

const temp = useTempDb();

describe('AtomicFile', () => {
  test('nothing at the target until commit; the temporary file beside it is 0600', () => {
    const target = join(temp.dir, 'out.json');
    const file = AtomicFile.create(target);
    file.write('{"a":');
    expect(readdirSync(temp.dir)).toEqual([expect.stringMatching(/^\.out\.json\..*\.tmp$/)]);
    expect(statSync(file.tempPath as string).mode & 0o777).toBe(0o600);
    file.write(Buffer.from('1}'));
    file.commit();
    expect(readdirSync(temp.dir)).toEqual(['out.json']);
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  test('abort leaves no file at all', () => {
    const file = AtomicFile.create(join(temp.dir, 'out.json'));
    file.write('half');
    file.abort();
    expect(readdirSync(temp.dir)).toEqual([]);
    expect(() => file.commit()).toThrow(/aborted/);
  });

  test('withAtomicFile: a producer that throws leaves the old file as it was', () => {
    const target = join(temp.dir, 'out.csv');
    writeFileSync(target, 'old');
    expect(() => withAtomicFile(target, { force: true }, (file) => { file.write('new, half'); throw new Error('boom'); })).toThrow('boom');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(temp.dir)).toEqual(['out.csv']);
  });

  test('an existing file is refused without force (exit 2) and replaced whole with it', () => {
    const target = join(temp.dir, 'out.csv');
    writeFileSync(target, 'old', { mode: 0o644 });
    expect(() => writeFileAtomic(target, 'new')).toThrow(expect.objectContaining({ exitCode: 2, message: `${target} already exists` }));
    writeFileAtomic(target, 'new', { force: true });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  test('a symlink is written through: the file it points at is replaced, the link stays', () => {
    const real = join(temp.dir, 'real.txt');
    writeFileSync(real, 'old');
    symlinkSync(real, join(temp.dir, 'link.txt'));
    writeFileAtomic(join(temp.dir, 'link.txt'), 'new', { force: true });
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(statSync(join(temp.dir, 'link.txt')).ino).toBe(statSync(real).ino);
  });

  test('a missing folder and a folder target are exit 2 with the path named', () => {
    expect(() => writeFileAtomic(join(temp.dir, 'no', 'out.json'), 'x')).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/no\/out\.json: its folder does not exist/) }));
    expect(() => writeFileAtomic(temp.dir, 'x', { force: true })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/is a folder/) }));
  });

  test.each([
    ['ENOSPC'], ['EFBIG'], ['EDQUOT'], ['SQLITE_FULL'], ['SQLITE_IOERR_WRITE'],
  ])('%s reads "the disk is full or the file is too large"', (code) => {
    expect(describeWriteFailure(Object.assign(new Error('x'), { code }))).toBe('the disk is full or the file is too large');
  });
});

describe('protected files (the live database and its side files)', () => {
  const setup = () => {
    const db = join(temp.dir, 'spm.db');
    writeFileSync(db, 'DATABASE');
    writeFileSync(`${db}-wal`, 'WAL');
    return db;
  };

  test.each([
    ['the file itself', (db: string) => db],
    ['its -wal', (db: string) => `${db}-wal`],
    ['its -shm, not there yet', (db: string) => `${db}-shm`],
    ['its -journal, by another spelling', (db: string) => join(temp.dir, '.', 'spm.db-journal')],
    ['a symlink to it', (db: string) => { symlinkSync(db, join(temp.dir, 'link.db')); return join(temp.dir, 'link.db'); }],
    ['a symlink to its -wal', (db: string) => { symlinkSync(`${db}-wal`, join(temp.dir, 'w')); return join(temp.dir, 'w'); }],
    ['a hard link to it', (db: string) => { linkSync(db, join(temp.dir, 'hard.db')); return join(temp.dir, 'hard.db'); }],
    ['a hard link to its -wal', (db: string) => { linkSync(`${db}-wal`, join(temp.dir, 'hard-wal')); return join(temp.dir, 'hard-wal'); }],
  ])('%s: refused with exit 2 even with force, nothing touched', (_, target) => {
    const db = setup();
    const path = target(db);
    const before = readdirSync(temp.dir).sort();
    expect(() => writeFileAtomic(path, 'x', { force: true, protect: databaseFiles(db) })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^refusing to write to .*: it is the live database/) }));
    expect(readFileSync(db, 'utf8')).toBe('DATABASE');
    expect(readFileSync(`${db}-wal`, 'utf8')).toBe('WAL');
    expect(readdirSync(temp.dir).sort()).toEqual(before);
  });

  test('a symlinked folder holding the database is seen through', () => {
    const db = setup();
    symlinkSync(temp.dir, join(temp.dir, 'alias'));
    expect(() => writeFileAtomic(join(temp.dir, 'alias', 'spm.db-shm'), 'x', { force: true, protect: databaseFiles(db) })).toThrow(/refusing/);
  });
});

describe('atomicWriteStream', () => {
  test('pipeline into it commits at the end', async () => {
    const target = join(temp.dir, 'stream.csv');
    await pipeline(Readable.from(['a,b\n', '1,2\n']), atomicWriteStream(target));
    expect(readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(temp.dir)).toEqual(['stream.csv']);
  });

  test('a failing source leaves no file', async () => {
    const target = join(temp.dir, 'stream.csv');
    async function* failing() { yield 'a,b\n'; throw new Error('source broke'); }
    await expect(pipeline(Readable.from(failing()), atomicWriteStream(target))).rejects.toThrow('source broke');
    expect(readdirSync(temp.dir)).toEqual([]);
  });

  test('refuses the database before creating anything', () => {
    const db = join(temp.dir, 'spm.db');
    writeFileSync(db, 'DATABASE');
    expect(() => atomicWriteStream(db, { force: true, protect: databaseFiles(db) })).toThrow(/refusing/);
    expect(readFileSync(db, 'utf8')).toBe('DATABASE');
  });
});
