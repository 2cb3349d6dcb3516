// Mutation testing of the pure domain (`npm run mutate`; slow, so not part of npm test or CI):
// Stryker changes src/domain one mutant at a time and runs the domain tests that cover it;
// a mutant the tests do not notice is a rule nobody checks. The SQL text beside the rules
// (*.sql.ts) is checked by the property tests against a database instead, and the demo data
// generator is sample content, so neither is mutated.
import jestConfig from './jest.config.js';

export default {
  packageManager: 'npm',
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    // Domain tests only: they are where a domain rule is pinned by hand-worked values.
    config: { ...jestConfig, roots: ['<rootDir>/test/domain'] },
    // Per mutant, run only the domain test files that import the mutated file (jest's
    // --findRelatedTests). Without it every mutant loaded all domain test files, each with its
    // whole import graph, to run the few tests that cover it: most of the time per mutant.
    enableFindRelatedTests: true,
  },
  checkers: ['typescript'],
  // The checker only has to tell whether a mutated domain file still compiles. src/domain
  // imports nothing outside itself (and date-fns), so checking that project is enough and far
  // cheaper than re-checking every command and test that imports the mutated file. A mutant
  // that compiles in the domain but would break a caller's types is run against the tests like
  // any other (counted, never excused).
  tsconfigFile: 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ['src/domain/**/*.ts', '!src/domain/**/*.sql.ts', '!src/domain/demo-data.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  // Two cores shared with other work: the checker and one test process (run under nice -n 19).
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  // Results are reused between runs: only mutants whose code or covering tests changed run again.
  // One file per scope, so a run over a few files does not overwrite the results of the others
  // (scripts/mutate-merge.mjs joins them).
  incremental: true,
  incrementalFile: process.env.STRYKER_INCREMENTAL_FILE ?? 'reports/stryker-incremental.json',
  timeoutMS: 20000,
  // jest's ESM module registry is not freed between runs in one process: the test runner grew to
  // 3.5 GB after ~770 mutants and slowed to a third of its speed. A fresh runner every 50 runs
  // costs a few seconds each time.
  maxTestRunnerReuse: 50,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
};
