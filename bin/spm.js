#!/usr/bin/env node
// Entry point (CommonJS: bin/package.json says so). Runs the one-file bundle dist/spm.cjs with
// the V8 code cache the build wrote beside it (dist/spm.cjs.cache), so a run skips parsing and
// compiling the code it uses: startup is most of a CLI's time (measured: `spm followups` on a
// 10-year database, 1.71x -> 1.36x a bare `node -e 0`; see scripts/build.mjs).
// Node 22's module.enableCompileCache() does this for us; Node 20 has no such switch.
'use strict';
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const BUNDLE = join(__dirname, '..', 'dist', 'spm.cjs');
const CACHE = `${BUNDLE}.cache`;
/** The build ends the bundle with this comment and starts the cache with the same id. */
const BUILD_ID = /\/\/# spmBuild=([0-9a-f]+)\n?$/;

/**
 * Compiles and evaluates the bundle as a CommonJS module. The cache is used only when it was
 * made from this very bundle (same build id) by this Node (V8 rejects a cache from another
 * version or other flags: `script.cachedDataRejected`); otherwise V8 compiles as usual.
 */
function loadBundle({ bundlePath = BUNDLE, cachePath = CACHE, useCache = true } = {}) {
  const source = readFileSync(bundlePath, 'utf8');
  const buildId = BUILD_ID.exec(source)?.[1];
  let cachedData;
  if (useCache && buildId) {
    try {
      const cache = readFileSync(cachePath);
      const header = `spm ${buildId}\n`;
      if (cache.toString('latin1', 0, header.length) === header) cachedData = cache.subarray(header.length);
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
  return { exports: bundle.exports, script, buildId, usedCache };
}

module.exports = { loadBundle, BUNDLE, CACHE };

if (require.main === module) {
  loadBundle().exports.main().then((code) => {
    process.exitCode = code;
  });
}
