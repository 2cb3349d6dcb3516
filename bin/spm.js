#!/usr/bin/env node
// Entry point (CommonJS: bin/package.json says so). Runs a bundle of the program from dist/ with
// the V8 code cache the build wrote beside it, so a run skips parsing and compiling the code it
// uses: startup is most of a CLI's time (docs/performance.md has the path step by step and what
// each piece earns). The build makes one bundle per command group (dist/spm-<group>.cjs: one
// noun's commands, or none for bare `spm`) and the full program (dist/spm.cjs) for help,
// completion and anything else; a run loads the smallest that has its command. Node 22's
// module.enableCompileCache() would cache for us; Node 20 has no such switch. Only public APIs:
// vm.Script and module.createRequire (taken from the Module class, not by loading node:module).
'use strict';
const { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { isAscii } = require('node:buffer');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'spm.cjs');
const CACHE = `${BUNDLE}.cache`;
/**
 * What the build knows that a run needs before any bundle loads: { version, bundles }, where
 * bundles maps a top-level command word to the file in dist/ that has it ('' for no word).
 */
const MANIFEST = join(DIST, 'spm.json');

/**
 * The cache starts with "spm <digest of the bundle and the cache's payload>\n". V8 checks only
 * the source's length and its own header: a bundle edited to the same length would run stale
 * code, and a damaged payload can crash V8 outright. The digest guards against accidents, not
 * attackers (whoever can write dist/ can write the bundle), so a non-cryptographic hash does:
 * node:crypto alone cost ~9 ms to load, and a hash in plain JavaScript runs cold (the
 * interpreter, before the optimizer steps in) at 5-12 ms for the ~800 KB on a busy machine.
 * This WebAssembly module (scripts/digest-wasm.cjs writes it and says what it computes: FNV's
 * multiply and a rotation over eight lanes of 128-bit words, folded into 64 bits) compiles at
 * once and hashes followups' ~780 KB in ~0.25 ms. Each step is a bijection of its word, so any
 * one changed word changes the digest. The parts lie at 8-byte boundaries, zero-padded, each
 * after a word holding its length; the digest reads whole 128-byte rounds (zeros past the end).
 */
const HASH_WASM = 'AGFzbQEAAAABDwNgAX8AYAJ/fwBgAX8BfgMHBgABAQEBAgUDAQAABqkBCHsB/QwAAAAAAAAAAAAAAAAAAAAAC3sB/QwAAAAAAAAAAAAAAAAAAAAAC3sB/QwAAAAAAAAAAAAAAAAAAAAAC3sB/QwAAAAAAAAAAAAAAAAAAAAAC3sB/QwAAAAAAAAAAAAAAAAAAAAAC3sB/QwAAAAAAAAAAAAAAAAAAAAAC3sB/QwAAAAAAAAAAAAAAAAAAAAAC3sB/QwAAAAAAAAAAAAAAAAAAAAACwchBwFtAgABaQAAAmEwAAECYTEAAgJhMgADAmEzAAQBZgAFCukOBkoAIABBAGr9ESQAIABBAWr9ESQBIABBAmr9ESQCIABBA2r9ESQDIABBBGr9ESQEIABBBWr9ESQFIABBBmr9ESQGIABBB2r9ESQHC+4CAgF7CHtBk4OACP0RIQIjACEDIwEhBCMCIQUjAyEGIwQhByMFIQgjBiEJIwchCgJAA0AgACABTw0BIAMgAP0AAAD9USAC/bUBIgNBDf2rASADQRP9rQH9UCEDIAQgAP0AABD9USAC/bUBIgRBDf2rASAEQRP9rQH9UCEEIAUgAP0AACD9USAC/bUBIgVBDf2rASAFQRP9rQH9UCEFIAYgAP0AADD9USAC/bUBIgZBDf2rASAGQRP9rQH9UCEGIAcgAP0AAED9USAC/bUBIgdBDf2rASAHQRP9rQH9UCEHIAggAP0AAFD9USAC/bUBIghBDf2rASAIQRP9rQH9UCEIIAkgAP0AAGD9USAC/bUBIglBDf2rASAJQRP9rQH9UCEJIAogAP0AAHD9USAC/bUBIgpBDf2rASAKQRP9rQH9UCEKIABBgAFqIQAMAAsLIAMkACAEJAEgBSQCIAYkAyAHJAQgCCQFIAkkBiAKJAcL7gICAXsIe0GTg4AI/REhAiMAIQMjASEEIwIhBSMDIQYjBCEHIwUhCCMGIQkjByEKAkADQCAAIAFPDQEgAyAA/QAAAP1RIAL9tQEiA0EN/asBIANBE/2tAf1QIQMgBCAA/QAAEP1RIAL9tQEiBEEN/asBIARBE/2tAf1QIQQgBSAA/QAAIP1RIAL9tQEiBUEN/asBIAVBE/2tAf1QIQUgBiAA/QAAMP1RIAL9tQEiBkEN/asBIAZBE/2tAf1QIQYgByAA/QAAQP1RIAL9tQEiB0EN/asBIAdBE/2tAf1QIQcgCCAA/QAAUP1RIAL9tQEiCEEN/asBIAhBE/2tAf1QIQggCSAA/QAAYP1RIAL9tQEiCUEN/asBIAlBE/2tAf1QIQkgCiAA/QAAcP1RIAL9tQEiCkEN/asBIApBE/2tAf1QIQogAEGAAWohAAwACwsgAyQAIAQkASAFJAIgBiQDIAckBCAIJAUgCSQGIAokBwvuAgIBewh7QZODgAj9ESECIwAhAyMBIQQjAiEFIwMhBiMEIQcjBSEIIwYhCSMHIQoCQANAIAAgAU8NASADIAD9AAAA/VEgAv21ASIDQQ39qwEgA0ET/a0B/VAhAyAEIAD9AAAQ/VEgAv21ASIEQQ39qwEgBEET/a0B/VAhBCAFIAD9AAAg/VEgAv21ASIFQQ39qwEgBUET/a0B/VAhBSAGIAD9AAAw/VEgAv21ASIGQQ39qwEgBkET/a0B/VAhBiAHIAD9AABA/VEgAv21ASIHQQ39qwEgB0ET/a0B/VAhByAIIAD9AABQ/VEgAv21ASIIQQ39qwEgCEET/a0B/VAhCCAJIAD9AABg/VEgAv21ASIJQQ39qwEgCUET/a0B/VAhCSAKIAD9AABw/VEgAv21ASIKQQ39qwEgCkET/a0B/VAhCiAAQYABaiEADAALCyADJAAgBCQBIAUkAiAGJAMgByQEIAgkBSAJJAYgCiQHC+4CAgF7CHtBk4OACP0RIQIjACEDIwEhBCMCIQUjAyEGIwQhByMFIQgjBiEJIwchCgJAA0AgACABTw0BIAMgAP0AAAD9USAC/bUBIgNBDf2rASADQRP9rQH9UCEDIAQgAP0AABD9USAC/bUBIgRBDf2rASAEQRP9rQH9UCEEIAUgAP0AACD9USAC/bUBIgVBDf2rASAFQRP9rQH9UCEFIAYgAP0AADD9USAC/bUBIgZBDf2rASAGQRP9rQH9UCEGIAcgAP0AAED9USAC/bUBIgdBDf2rASAHQRP9rQH9UCEHIAggAP0AAFD9USAC/bUBIghBDf2rASAIQRP9rQH9UCEIIAkgAP0AAGD9USAC/bUBIglBDf2rASAJQRP9rQH9UCEJIAogAP0AAHD9USAC/bUBIgpBDf2rASAKQRP9rQH9UCEKIABBgAFqIQAMAAsLIAMkACAEJAEgBSQCIAYkAyAHJAQgCCQFIAkkBiAKJAcL2wIBAX4gAK0hASABIwD9HQCFQrODgICAIH5CH4khASABIwD9HQGFQrODgICAIH5CH4khASABIwH9HQCFQrODgICAIH5CH4khASABIwH9HQGFQrODgICAIH5CH4khASABIwL9HQCFQrODgICAIH5CH4khASABIwL9HQGFQrODgICAIH5CH4khASABIwP9HQCFQrODgICAIH5CH4khASABIwP9HQGFQrODgICAIH5CH4khASABIwT9HQCFQrODgICAIH5CH4khASABIwT9HQGFQrODgICAIH5CH4khASABIwX9HQCFQrODgICAIH5CH4khASABIwX9HQGFQrODgICAIH5CH4khASABIwb9HQCFQrODgICAIH5CH4khASABIwb9HQGFQrODgICAIH5CH4khASABIwf9HQCFQrODgICAIH5CH4khASABIwf9HQGFQrODgICAIH5CH4khASABCw==';

/** The absorbing functions in HASH_WASM (a0, a1, …). */
const ABSORBERS = 4;

/** The function wrapper a CommonJS module runs in: the compiled source is the bundle inside it. */
const WRAPPER_HEAD = Buffer.from('(function (exports, require, module, __filename, __dirname) {', 'latin1');
const WRAPPER_TAIL = Buffer.from('\n})', 'latin1');

/**
 * Room in a fresh hash instance for parts of these sizes, laid out as the digest reads them:
 * { parts: a Buffer over each part's place (write or read the part into it), digest() }.
 */
function hashArea(sizes) {
  const { exports: wasm } = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(HASH_WASM, 'base64')));
  const padded = (length) => (length + 7) & ~7;
  const total = (sizes.reduce((sum, size) => sum + padded(size) + 8, 0) + 127) & ~127;
  wasm.m.grow(Math.ceil(total / 65536));
  const memory = Buffer.from(wasm.m.buffer);
  let offset = 0;
  const parts = sizes.map((size) => {
    memory.writeUInt32LE(size, offset);
    const part = memory.subarray(offset + 8, offset + 8 + size);
    offset += padded(size) + 8;
    return part;
  });
  const digest = () => {
    // Each absorbing function takes a quarter of the rounds: V8 recompiles a wasm function with
    // its optimizing compiler (~0.7 ms of CPU) once it has run ~1.8 MB of code, which one
    // function alone would over a bundle and cache of ~700 KB.
    const share = Math.ceil(total / ABSORBERS / 128) * 128;
    wasm.i(total);
    for (let j = 0; j < ABSORBERS; j++) wasm[`a${j}`](Math.min(total, j * share), Math.min(total, (j + 1) * share));
    return BigInt.asUintN(64, wasm.f(total)).toString(16).padStart(16, '0');
  };
  return { parts, digest };
}

/** The digest of these parts (the build writes it; the loader checks it without the copy). */
function cacheDigest(...parts) {
  const area = hashArea(parts.map((part) => part.length));
  parts.forEach((part, i) => part.copy(area.parts[i]));
  return area.digest();
}

/** The source V8 compiles for a bundle of these bytes: the bundle in its function wrapper. */
function wrappedSource(bundleBytes) {
  return Buffer.concat([WRAPPER_HEAD, bundleBytes, WRAPPER_TAIL]);
}

/** The cache's first line: "spm " and the 16 hex digits of the digest. */
const HEADER_LENGTH = 'spm 0123456789abcdef\n'.length;

/**
 * The source to compile (the bundle's bytes in their function wrapper) and, when the cache
 * belongs to it, the cache's payload: both read straight into the digest's memory and hashed
 * where they lie (no second copy of ~1 MB, and the source is one run of bytes: V8 need not join
 * the wrapper and the bundle into a third copy). Any trouble with the cache (none, short,
 * foreign, damaged) leaves cachedData out.
 */
function readWithCache(bundlePath, cachePath) {
  const fds = [];
  try {
    const open = (path) => fds[fds.push(openSync(path, 'r')) - 1];
    const cacheFd = open(cachePath);
    const bundleFd = open(bundlePath);
    const header = Buffer.alloc(HEADER_LENGTH);
    const payloadLength = fstatSync(cacheFd).size - HEADER_LENGTH;
    if (payloadLength <= 0) return {};
    const bundleLength = fstatSync(bundleFd).size;
    const area = hashArea([WRAPPER_HEAD.length + bundleLength + WRAPPER_TAIL.length, payloadLength]);
    const [sourceBytes, payload] = area.parts;
    readFully(cacheFd, header, 0);
    WRAPPER_HEAD.copy(sourceBytes, 0);
    readFully(bundleFd, sourceBytes.subarray(WRAPPER_HEAD.length, WRAPPER_HEAD.length + bundleLength), 0);
    WRAPPER_TAIL.copy(sourceBytes, WRAPPER_HEAD.length + bundleLength);
    readFully(cacheFd, payload, HEADER_LENGTH);
    return header.toString('latin1') === `spm ${area.digest()}\n` ? { sourceBytes, cachedData: payload } : { sourceBytes };
  } catch {
    // No cache (a build without one, or an install that dropped it): compile as usual.
    return {};
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

/** Fills `target` from `fd` at `position`; a file shorter than it said is an error. */
function readFully(fd, target, position) {
  for (let done = 0; done < target.length;) {
    const read = readSync(fd, target, done, target.length - done, position + done);
    if (read === 0) throw new Error('file changed while read');
    done += read;
  }
}

/**
 * Compiles and evaluates the bundle as a CommonJS module. The cache is used only when its
 * digest matches this bundle and its payload, and V8 accepts it (same Node version and flags:
 * `script.cachedDataRejected`); otherwise V8 compiles as usual and spm only starts slower.
 */
function loadBundle({ bundlePath = BUNDLE, cachePath = `${bundlePath}.cache`, useCache = true } = {}) {
  const vm = require('node:vm');
  // node:module's createRequire, reached through the Module class this file's own `module` is
  // an instance of (require('node:module') is that class): loading node:module itself brings
  // Node's ES module loader with it (~0.2 ms), which nothing in a CommonJS run needs.
  const createRequire = typeof module.constructor.createRequire === 'function' ? module.constructor.createRequire : require('node:module').createRequire;
  let { sourceBytes, cachedData } = useCache ? readWithCache(bundlePath, cachePath) : {};
  sourceBytes ??= wrappedSource(readFileSync(bundlePath));
  // The build writes ASCII: read as latin1 it is copied, not decoded (and any other file as UTF-8).
  const source = isAscii(sourceBytes) ? sourceBytes.toString('latin1') : sourceBytes.toString('utf8');
  const script = new vm.Script(source, { filename: bundlePath, cachedData });
  // The bundle's require() resolves from dist/, so node_modules is found as for any module there.
  const bundle = { exports: {}, filename: bundlePath };
  script.runInThisContext()(bundle.exports, createRequire(bundlePath), bundle, bundlePath, dirname(bundlePath));
  const usedCache = cachedData !== undefined && !script.cachedDataRejected;
  // sourceBytes: what V8 compiled (the bundle in its wrapper), which the cache's digest covers.
  return { exports: bundle.exports, script, sourceBytes, usedCache };
}

/**
 * The bundle for a run of `argv`: the one the manifest names for its command word, the
 * manifest's '' for no word (bare `spm`, the dashboard), and the full program for help
 * (`--help`, `-h` among short flags, before any word), `--`, and words the manifest does not
 * know. The same reading of argv as registrarsFor in src/cli/program.ts; should the two ever
 * differ, a bundle without the command says so (hasCommandsFor) and the full one runs.
 */
function bundleFor(argv, bundles) {
  const known = (word) => (typeof bundles === 'object' && bundles !== null && Object.hasOwn(bundles, word) ? join(DIST, bundles[word]) : BUNDLE);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--' || arg === '--help' || /^-[^-]*h/.test(arg)) return BUNDLE;
    if (arg.startsWith('-')) {
      if (arg === '--db') i++;
      continue;
    }
    return known(arg);
  }
  return known('');
}

/** The manifest, or {} when there is none (a build that failed half way): then the full program runs. */
function readManifest() {
  try {
    return JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * Loads the bundle for `argv` and runs it. A routed bundle that is missing or damaged, or that
 * lacks a command argv needs, gives way to the full program (slower, never different).
 */
function run(argv, manifest) {
  let loaded;
  const bundlePath = bundleFor(argv, manifest.bundles);
  if (bundlePath !== BUNDLE) {
    try {
      loaded = loadBundle({ bundlePath });
      if (loaded.exports.hasCommandsFor(argv) !== true) loaded = undefined;
    } catch {
      loaded = undefined;
    }
  }
  loaded ??= loadBundle();
  return loaded.exports.main(argv);
}

/**
 * `spm --version` (or `-V`) alone is answered here, from the version the build wrote into the
 * manifest, without loading the program: the same line on stdout and exit code 0 that the
 * program prints, in ~1 ms instead of ~17. The program also refuses to start on a malformed
 * SPM_NOW (exit 2), so this fast path runs only when SPM_NOW is unset or a plain date it surely
 * accepts; anything else, or any failure here (no manifest, stdout not writable), goes the
 * full way, which says and does exactly what it always did.
 */
function printVersion(argv, env, { version }) {
  if (argv.length !== 1 || (argv[0] !== '--version' && argv[0] !== '-V') || !clockSurelyAccepts(env.SPM_NOW)) return false;
  if (typeof version !== 'string') return false;
  try {
    // Under PIPE_BUF bytes: a pipe or file takes the line whole or not at all.
    writeSync(1, `${version}\n`);
    return true;
  } catch {
    return false;
  }
}

/**
 * SPM_NOW values the program's clock (src/cli/clock.ts) certainly accepts: none, or a calendar
 * date YYYY-MM-DD from 1900 to 2199. A test holds this to the clock; others take the full path.
 */
function clockSurelyAccepts(pinned) {
  if (pinned === undefined || pinned === '') return true;
  const match = /^(19\d\d|2[01]\d\d)-(\d\d)-(\d\d)$/.exec(pinned);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

module.exports = { loadBundle, bundleFor, readManifest, run, cacheDigest, clockSurelyAccepts, HASH_WASM, BUNDLE, CACHE, MANIFEST };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const manifest = readManifest();
  if (!printVersion(argv, process.env, manifest)) {
    run(argv, manifest).then((code) => {
      process.exitCode = code;
    });
  }
}
