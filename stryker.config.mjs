// Mutation testing of the engine (src/core) with StrykerJS: `npm run test:mutation` (slow; not part of `npm test`).
// Each *.test.ts runs in its own Node process through tsx (the tap runner), only for the mutants it covers; the
// TypeScript checker drops mutants that do not compile. Incremental: a rerun only tests mutants in changed code or
// covered by changed tests (reports/stryker-incremental.json, not committed). Scope one file while iterating:
//   npm run test:mutation -- --mutate src/core/check.ts
// On this 2-core machine run it under the shared lock: flock /tmp/runbook-vscode.lock npm run test:mutation
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  tap: {
    // The core's own tests: a core mutant is to be caught beside the code. (The CLI tests would catch more, slowly:
    // src/cli/main.test.ts runs every command, and test/cli runs the bundle, which is not instrumented.)
    testFiles: ['src/core/**/*.test.ts'],
    nodeArgs: ['--import', 'tsx'],
    forceBail: true,
  },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // The fast tree builder (parse/fast/) is left out of the default run: its specification is "the same tree as remark",
  // held by the differential equivalence test (fixtures, seeds, edge cases, 1,000 generated and 400 random documents),
  // and mutating it alone takes about as long as the rest of the engine. Run it on its own when it changes:
  //   npm run test:mutation -- --mutate 'src/core/parse/fast/*.ts,!src/core/parse/fast/*.test.ts' --incrementalFile reports/fast.json
  mutate: ['src/core/**/*.ts', '!src/core/**/*.test.ts', '!src/core/testing/**', '!src/core/parse/fast/**'],
  ignorePatterns: ['.vscode-test', 'dist', 'bench/corpus', 'test-results', '.runbook-cache', 'coverage', '*.vsix', 'reports'],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 5000,
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
