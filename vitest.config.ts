import {defineConfig} from 'vitest/config'

/**
 * Two projects: `unit` is the fast loop (`npx vitest run --project unit`);
 * `browser` holds the tests that print with the real Chromium
 * (`*.browser.test.ts`), which take most of the time. `npx vitest run`
 * (and `npm test`) runs both.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one, on a 2-core machine. Much of a
    // test's time is spent waiting for a browser or a CLI process, so two workers keep both cores busy.
    maxWorkers: 2,
    setupFiles: ['test/helpers/remove-work-folders.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts'],
          // The unit test files share the modules they load, per worker: importing src/ again for each
          // file took a third of the CPU time. Tests that change process-wide state (env, cwd) put it back.
          isolate: false
        }
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts']
        }
      }
    ]
  }
})
