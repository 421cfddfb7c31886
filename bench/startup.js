// node bench/startup.js [runs]: start-up of whole CLI processes, median of several runs each.
// `--version`, `check` of the bundled card, and `build --no-pdf` of that one card.
import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'

const runs = Number(process.argv[2] ?? 10)
const bin = process.env.KENNISKAART_BIN ?? 'bin/kenniskaart.js'
const work = mkdtempSync(path.join(os.tmpdir(), 'kenniskaart-startup-'))
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const cases = {
  '--version': ['--version'],
  'check': ['check'],
  'build --no-pdf (1 card)': ['build', '--no-pdf', '--out', path.join(work, 'dist'), '--force']
}
const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
for (let run = 0; run < runs; run++) {
  for (const [name, args] of Object.entries(cases)) {
    const started = performance.now()
    execFileSync(process.execPath, [bin, ...args], {stdio: 'pipe'})
    times[name].push(performance.now() - started)
  }
}
rmSync(work, {recursive: true, force: true})
for (const [name, values] of Object.entries(times)) {
  console.log(`${name.padEnd(26)} median ${median(values).toFixed(0)} ms  (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}, ${runs} runs)`)
}
