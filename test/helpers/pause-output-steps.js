/**
 * Loaded into the real CLI with `node --import` (see `pauseOutputStepsEnv`
 * in cli.ts), so a test can interrupt a build in the middle of writing
 * its output, at a step of its choice, every time: Ctrl-C at a moment
 * picked by the clock almost always lands before or after the few
 * milliseconds a write takes.
 *
 * Each file write and each rename is an output step. Every step is
 * announced on stderr as `output-step <n> <kind> <path>`; the step numbered
 * KENNISKAART_TEST_PAUSE_AT waits, before it acts, until the process has
 * been sent SIGINT (and its own handler has had a moment to run), or at
 * most 10 s.
 */
import fs from 'node:fs'
import {syncBuiltinESMExports} from 'node:module'
import {clearTimeout, setTimeout} from 'node:timers'

const pauseAt = Number(process.env.KENNISKAART_TEST_PAUSE_AT ?? 0)
let steps = 0
let interrupted = false
const waiting = new Set()
process.prependListener('SIGINT', () => {
  interrupted = true
  // The CLI's own handler runs next; it loads two modules before it asks the writes to stop
  setTimeout(() => waiting.forEach((resume) => resume()), 300)
})

async function step(kind, target) {
  const number = ++steps
  process.stderr.write(`output-step ${number} ${kind} ${target}\n`)
  if (number !== pauseAt || interrupted) return
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, 10_000)
    waiting.add(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

const {writeFile, rename} = fs.promises
fs.promises.writeFile = async (file, ...rest) => {
  await step('write', String(file))
  return writeFile(file, ...rest)
}
fs.promises.rename = async (from, to) => {
  await step('rename', `${String(from)} -> ${String(to)}`)
  return rename(from, to)
}
syncBuiltinESMExports()
