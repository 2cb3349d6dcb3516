// Writes dist/spm.cjs.cache: runs the commands a rep runs most (the daily list, the report,
// the dashboard, goals, lists, help) in this process on a throwaway demo database, then asks V8
// for the code it compiled. The cache starts with "spm <digest>\n" (see bin/spm.js).
'use strict';
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');
const { loadBundle, cacheDigest, CACHE } = require('../bin/spm.js');

const TRAINING_RUNS = [
  ['followups'],
  ['report'],
  ['report', '--period', 'year', '--json'],
  [],
  ['goal', 'list'],
  ['customer', 'list'],
  ['sale', 'list'],
  ['checkin', 'list'],
  ['--version'],
  ['--help'],
];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'spm-code-cache-'));
  try {
    const db = join(dir, 'train.db');
    // The demo data is written by a separate process, so its code does not bloat the cache.
    const demo = spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'spm.js'), 'demo', '--db', db], { encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(`spm demo failed: ${demo.stderr}`);
    process.env.SPM_DB = db;
    process.env.NO_COLOR = '1';
    const { exports, script, sourceBytes } = loadBundle({ useCache: false });
    for (const argv of TRAINING_RUNS) {
      const code = await exports.main(argv);
      if (code !== 0) throw new Error(`spm ${argv.join(' ')} exited ${code}`);
    }
    const payload = script.createCachedData();
    writeFileSync(CACHE, Buffer.concat([Buffer.from(`spm ${cacheDigest(sourceBytes, payload)}\n`, 'latin1'), payload]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exitCode = 1;
});
