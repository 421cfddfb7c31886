// node bench/pdf-handouts.js: seconds per PDF when one card with 20 handouts is built in one run
// (`build --card`, whole processes, the browser's launch included). The bundled card is copied
// to a temporary folder and given 20 handouts of two themes each, every other one A5.
// Cold: an empty output folder (each PDF printed, read back, printed again with its page numbers).
// Warm: the previous output is there (its page numbers are the first guess: one print each).
import {execFileSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'

const runs = Number(process.env.BENCH_RUNS ?? 3)
const handouts = 20
const slug = 'professionele-leercultuur'
const work = mkdtempSync(path.join(os.tmpdir(), 'kenniskaart-handouts-'))
const content = path.join(work, 'content')
cpSync(path.join('content', slug), path.join(content, slug), {recursive: true})

const index = path.join(content, slug, 'index.md')
const source = readFileSync(index, 'utf8')
const themes = /^themes:\n((?: {2}- .+\n)+)/m.exec(source)[1].split('\n').filter(Boolean).map((line) => line.replace(/^ {2}- /, '').trim())
const pairs = themes.flatMap((first, index) => themes.slice(index + 1).map((second) => [first, second])).slice(0, handouts)
const list = pairs.map(([first, second], index) => `  - slug: handout-${String(index + 1).padStart(2, '0')}\n    themes: [${first}, ${second}]${index % 2 ? '\n    size: A5' : ''}`)
const end = source.indexOf('\n---', 3)
writeFileSync(index, `${source.slice(0, end)}\nhandouts:\n${list.join('\n')}${source.slice(end)}`)

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const build = (out) => {
  const started = performance.now()
  execFileSync(process.execPath, ['bin/kenniskaart.js', 'build', '--content', content, '--card', slug, '--out', out], {stdio: 'pipe'})
  return performance.now() - started
}
const cold = []
const warm = []
for (let run = 0; run < runs; run++) {
  const out = path.join(work, `out-${run}`)
  cold.push(build(out))
  warm.push(build(out))
  rmSync(out, {recursive: true, force: true})
}
rmSync(work, {recursive: true, force: true})
const pdfs = handouts + 1
const perPdf = (ms) => Number((ms / 1000 / pdfs).toFixed(3))
const result = {runs, pdfs, coldMs: Math.round(median(cold)), warmMs: Math.round(median(warm)), coldSecondsPerPdf: perPdf(median(cold)), warmSecondsPerPdf: perPdf(median(warm)), target: 0.4}
console.log(`1 card + ${handouts} handouts, empty output folder (cold): ${result.coldMs} ms, ${result.coldSecondsPerPdf} s per PDF`)
console.log(`1 card + ${handouts} handouts, previous output (warm):     ${result.warmMs} ms, ${result.warmSecondsPerPdf} s per PDF`)
console.log(`target: ≤ ${result.target} s per handout`)
console.log(JSON.stringify(result))
