// Writes a V8 code cache beside each bundle in dist/ (spm-followups.cjs.cache, …, spm.cjs.cache):
// runs the commands that bundle serves on a throwaway demo database, in a process of its own,
// then asks V8 for the code it compiled. A bundle's cache then holds what its commands run and
// little else. The runs are the commands a rep runs most (the daily list, the report, the
// dashboard, goals, lists); a group with none of them here is trained on its help. Each cache
// starts with "spm <digest>\n" (see bin/spm.js).
//   node scripts/code-cache.cjs                  every bundle the manifest names, and the full one
//   node scripts/code-cache.cjs --train FILE …   (internal) one bundle, with the argv lists given
'use strict';
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { loadBundle, bundleFor, readManifest, cacheDigest, BUNDLE } = require('../bin/spm.js');

const TRAINING_RUNS = [
  ['followups'],
  ['report'],
  ['report', '--period', 'year', '--json'],
  [],
  ['goal', 'list'],
  ['customer', 'list'],
  ['sale', 'list'],
  ['checkin', 'list'],
  ['followup', 'list'],
  ['concern', 'list'],
  ['deal', 'list'],
  ['pipeline'],
  ['config', 'list'],
  ['history'],
  ['--help'],
  ['help', 'sale'],
];

/**
 * Goals of the metrics the demo has none of (it has revenue, new customers, win rate and a
 * custom one), added to the training database: the dashboard, goal list and report then train
 * their caches on every metric's code, as a rep's goals may be of any of them. Without these,
 * that code was compiled on every run of a database that has such goals.
 */
const TRAINING_GOALS = [
  ['goal', 'add', 'Training sales', '--metric', 'sales', '--target', '40', '--period', 'month', '--recurring'],
  ['goal', 'add', 'Training check-ins', '--metric', 'checkins', '--target', '30', '--period', 'quarter'],
  ['goal', 'add', 'Training satisfaction', '--metric', 'satisfaction', '--target', '4.5', '--period', 'year'],
  ['goal', 'add', 'Training repeat revenue', '--metric', 'repeat-revenue', '--target', '20000', '--period', 'quarter', '--recurring'],
];

/** Runs `runs` through the bundle at `bundlePath` in this process, then writes its cache. */
async function train(bundlePath, runs) {
  const { exports, script, sourceBytes } = loadBundle({ bundlePath, useCache: false });
  for (const argv of runs) {
    const code = await exports.main(argv);
    if (code !== 0) throw new Error(`spm ${argv.join(' ')} exited ${code}`);
  }
  const payload = script.createCachedData();
  writeFileSync(`${bundlePath}.cache`, Buffer.concat([Buffer.from(`spm ${cacheDigest(sourceBytes, payload)}\n`, 'latin1'), payload]));
}

/** Trains one bundle in a child process (stdout a pipe, as in most runs); rejects with its stderr. */
function trainInChild(bundlePath, runs, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--train', bundlePath, JSON.stringify(runs)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${bundlePath}: ${stderr}`))));
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'spm-code-cache-'));
  try {
    const db = join(dir, 'train.db');
    const demo = spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'spm.js'), 'demo', '--db', db], { encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(`spm demo failed: ${demo.stderr}`);
    for (const argv of TRAINING_GOALS) {
      const added = spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'spm.js'), ...argv, '--db', db], { encoding: 'utf8' });
      if (added.status !== 0) throw new Error(`spm ${argv.join(' ')} failed: ${added.stderr}`);
    }
    const { bundles = {} } = readManifest();
    const runsOf = new Map([[BUNDLE, []], ...Object.values(bundles).map((file) => [join(__dirname, '..', 'dist', file), []])]);
    for (const argv of TRAINING_RUNS) runsOf.get(bundleFor(argv, bundles)).push(argv);
    for (const [word, file] of Object.entries(bundles)) {
      const runs = runsOf.get(join(__dirname, '..', 'dist', file));
      if (word !== '' && runs.length === 0) runs.push([word, '--help']);
    }
    const env = { ...process.env, SPM_DB: db, NO_COLOR: '1' };
    // Two at a time: each child is one core's work for a fraction of a second.
    const queue = [...runsOf];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await trainInChild(next[0], next[1], env);
    };
    await Promise.all([worker(), worker()]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const done = process.argv[2] === '--train' ? train(process.argv[3], JSON.parse(process.argv[4])) : main();
done.catch((error) => {
  console.error(error.stack ?? String(error));
  process.exitCode = 1;
});
