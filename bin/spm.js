#!/usr/bin/env node
// Entry point (CommonJS: bin/package.json says so). Runs the one-file bundle dist/spm.cjs with
// the V8 code cache the build wrote beside it (dist/spm.cjs.cache), so a run skips parsing and
// compiling the code it uses: startup is most of a CLI's time (measured: `spm followups` on a
// 10-year database, 1.7-1.9x -> 1.2-1.5x a bare `node -e 0`; see scripts/build.mjs).
// Node 22's module.enableCompileCache() does this for us; Node 20 has no such switch.
'use strict';
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const vm = require('node:vm');
const { createHash } = require('node:crypto');
const Module = require('node:module');

const BUNDLE = join(__dirname, '..', 'dist', 'spm.cjs');
const CACHE = `${BUNDLE}.cache`;

/**
 * The cache starts with "spm <sha1 of the bundle and the cache's payload>\n". V8 checks only
 * the source's length and its own header: a bundle edited to the same length would run stale
 * code, and a damaged payload can crash V8 outright. Hashing both costs about a millisecond.
 */
function cacheDigest(source, payload) {
  return createHash('sha1').update(source).update(payload).digest('hex');
}

/**
 * Compiles and evaluates the bundle as a CommonJS module. The cache is used only when its
 * digest matches this bundle and its payload, and V8 accepts it (same Node version and flags:
 * `script.cachedDataRejected`); otherwise V8 compiles as usual and spm only starts slower.
 */
function loadBundle({ bundlePath = BUNDLE, cachePath = CACHE, useCache = true } = {}) {
  const sourceBytes = readFileSync(bundlePath);
  const source = sourceBytes.toString('utf8');
  let cachedData;
  if (useCache) {
    try {
      const cache = readFileSync(cachePath);
      const headerEnd = cache.indexOf(10);
      const payload = cache.subarray(headerEnd + 1);
      if (headerEnd > 0 && cache.toString('latin1', 0, headerEnd) === `spm ${cacheDigest(sourceBytes, payload)}`) cachedData = payload;
    } catch {
      // No cache (a build without one, or an install that dropped it): compile as usual.
    }
  }
  // CommonJS's wrapper plus __spmImport: the bundle's import() of the lazily loaded libraries
  // (prompts, tables, CSV) is this file's, because a vm.Script's own import() has no loader
  // once V8 takes the code from the cache.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __spmImport) {${source}\n})`, {
    filename: bundlePath,
    cachedData,
  });
  const dir = dirname(bundlePath);
  const bundle = new Module(bundlePath, module);
  bundle.filename = bundlePath;
  bundle.paths = Module._nodeModulePaths(dir);
  const localRequire = (id) => bundle.require(id);
  localRequire.resolve = (request, options) => Module._resolveFilename(request, bundle, false, options);
  const spmImport = (specifier) => import(specifier);
  script.runInThisContext()(bundle.exports, localRequire, bundle, bundlePath, dir, spmImport);
  const usedCache = cachedData !== undefined && !script.cachedDataRejected;
  return { exports: bundle.exports, script, sourceBytes, usedCache };
}

module.exports = { loadBundle, cacheDigest, BUNDLE, CACHE };

if (require.main === module) {
  loadBundle().exports.main().then((code) => {
    process.exitCode = code;
  });
}
