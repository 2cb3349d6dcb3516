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
    enableFindRelatedTests: false,
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ['src/domain/**/*.ts', '!src/domain/**/*.sql.ts', '!src/domain/demo-data.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  // Two cores shared with other work: one test process.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
};
