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
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts']
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
