/**
 * Setup file for the mutation-testing run (vitest.stryker.config.ts only).
 *
 * A test that runs `bin/kenniskaart.js` exercises the compiled `lib/`, not
 * the mutated `src/`, so it can never kill a mutant: running it per mutant
 * only costs time. Inside a test, a CLI run skips that test. A CLI run in a
 * `beforeAll` hook still runs for real, once, so the tests that read its
 * result pass in Stryker's first run; they cover no `src/` code, so Stryker
 * never runs them again for a mutant.
 */
import {afterEach, beforeEach, type TestContext, vi} from 'vitest'

let currentTest: TestContext | undefined

beforeEach((context) => {
  currentTest = context
})

afterEach(() => {
  currentTest = undefined
})

function skipInsideTest(): void {
  currentTest?.skip('runs the compiled CLI, which never sees a mutant')
}

vi.mock(import('./cli.js'), async (importOriginal) => {
  const real = await importOriginal()
  return {
    ...real,
    runCli: (...args: Parameters<typeof real.runCli>) => {
      skipInsideTest()
      return real.runCli(...args)
    },
    runCliInTerminal: (...args: Parameters<typeof real.runCliInTerminal>) => {
      skipInsideTest()
      return real.runCliInTerminal(...args)
    }
  }
})
