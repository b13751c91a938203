/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // One production build of the add-in per run, shared by the test files that need it (test/helpers/build-addin.ts).
  globalSetup: '<rootDir>/test/helpers/build-addin-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/build-addin-teardown.ts',
  transform: {
    // tsconfig's isolatedModules makes ts-jest transpile file by file: type-checking is `npm run typecheck`'s job.
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
  },
};
