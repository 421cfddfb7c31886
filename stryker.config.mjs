// Mutation testing of src/ (issue 8 §5). Run one folder at a time, e.g.
//   nice -n 15 npm run mutation -- --mutate 'src/theme/**/*.ts'
// The HTML and JSON reports go to reports/ (not in git). See docs/mutation-score.md.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The test run without the CLI and browser tests, which never see a mutant.
  vitest: {configFile: 'vitest.stryker.config.ts'},
  // Each mutant runs only the tests that reached its code.
  coverageAnalysis: 'perTest',
  // Skip Stryker's type check of mutants: the vitest run strips types, and a
  // mutant that would not compile is not a gap in the tests.
  checkers: [],
  mutate: ['src/**/*.ts'],
  // Code that runs once when a module loads (zod schemas, constant tables) is
  // "static": each such mutant would rerun every test of the folder, which
  // takes far too long here. They are left out of the score; see the note.
  ignoreStatic: true,
  // The machine is shared: one or two test processes.
  concurrency: 2,
  // A mutant that makes the code hang counts as killed (timeout). The slack is
  // generous because the cores are shared with other work.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  // Later runs redo only mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: {fileName: 'reports/mutation/mutation.html'},
  jsonReporter: {fileName: 'reports/mutation/mutation.json'},
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}
