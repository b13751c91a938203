/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig's isolatedModules makes ts-jest transpile file by file: type-checking is `npm run typecheck`'s job.
    '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }],
  },
};
