// node bench/citations.js: the time the per-file Markdown step and a whole site build (no PDF) take for the
// bundled card, and the time to parse adversarial citation-like input. Needs `npm run build` first.
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {VFile} from 'vfile'
import {build} from '../lib/build.js'
import {processMarkdown} from '../lib/markdown/processor.js'

const runs = Number(process.env.BENCH_RUNS ?? 20)
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const cardDir = 'content/professionele-leercultuur'
const files = readdirSync(cardDir).filter((name) => name.endsWith('.md')).map((name) => [name, readFileSync(path.join(cardDir, name), 'utf8')])

const timeOf = async (work) => {
  const times = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  return median(times)
}

const markdown = await timeOf(async () => {
  for (const [name, value] of files) await processMarkdown(new VFile({path: name, value}))
})
const site = await timeOf(() => build({contentDir: 'content', pdf: false}))
console.log(`markdown step, ${files.length} files: ${markdown.toFixed(1)} ms (median of ${runs})`)
console.log(`site build without PDF: ${site.toFixed(1)} ms (median of ${runs})`)

const adversarial = Number(process.env.BENCH_ADVERSARIAL_KB ?? 0)
if (adversarial > 0) {
  const value = `Tekst [@${' '.repeat(adversarial * 1024)}x\n`
  const started = performance.now()
  await processMarkdown(new VFile({path: 'x.md', value}))
  console.log(`\`[@\` + ${adversarial} KB of spaces: ${(performance.now() - started).toFixed(1)} ms`)
}
