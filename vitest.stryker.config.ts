import {defineConfig} from 'vitest/config'

/**
 * The test run Stryker uses (`npm run mutation`). Stryker mutates `src/` in
 * place and runs the tests in-process, so only tests that call `src/` can
 * kill a mutant: tests that spawn the CLI load the compiled `lib/` and
 * never see one. Those are skipped here (see test/helpers/skip-cli-runs.ts),
 * and the browser tests, which need Chromium and run the compiled CLI too,
 * are left out, as are the timing tests.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Timing tests compare run times, which instrumentation and a shared machine make flaky.
    exclude: ['**/node_modules/**', 'test/**/*.browser.test.ts', 'test/**/*performance*.test.ts', 'test/**/*scaling*.test.ts'],
    // Fewer fast-check runs per property: each mutant reruns the tests that cover it.
    env: {KENNISKAART_PROPERTY_RUNS: '20'},
    setupFiles: ['test/helpers/skip-cli-runs.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
