// ESM + ts-jest: tests import src/*.ts directly; `isolatedModules` skips type checking here
// because `npm test` runs `tsc --noEmit` first, which keeps the suite fast on two cores.
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testTimeout: 30000,
};
