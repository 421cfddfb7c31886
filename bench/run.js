// npm run bench: the time to build the bundled kenniskaart with its PDF, against the floor of
// Chromium printing the same finished HTML alone (bench/floor.js). Both run as fresh processes.
import {execFileSync} from 'node:child_process'
import {mkdtempSync, mkdirSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {pathToFileURL} from 'node:url'
import {build} from '../lib/build.js'
import {cardPublication} from '../lib/card/publication.js'
import {findBrowser} from '../lib/pdf/find-browser.js'
import {renderPrintDocument} from '../lib/render/print-document.js'

const runs = Number(process.env.BENCH_RUNS ?? 5)
const work = mkdtempSync(path.join(os.tmpdir(), 'kenniskaart-bench-'))
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

// The finished HTML: the same print document, with its page numbers filled in, and the site's files beside it.
const site = await build({contentDir: 'content', pdf: false})
const card = site.cards.find((entry) => entry.slug === 'professionele-leercultuur')
const publication = cardPublication(card)
const numbered = await build({contentDir: 'content', card: card.slug, pdf: {}})
const {printedLayout} = await import('../lib/pdf/destination-pages.js')
const {pages} = await printedLayout(numbered.pdfs[0].contents)
const document = renderPrintDocument(publication, pages)
for (const file of [...site.pages, {path: document.path, contents: document.html}, {path: document.stylesheet.path, contents: document.stylesheet.contents}]) {
  const target = path.join(work, 'site', file.path)
  mkdirSync(path.dirname(target), {recursive: true})
  writeFileSync(target, file.contents)
}
const {executablePath} = await findBrowser()
const floorUrl = pathToFileURL(path.join(work, 'site', document.path)).href

const floor = []
const cold = []
const warm = []
const siteOnly = []
const time = (args) => {
  const started = performance.now()
  execFileSync(process.execPath, args, {stdio: 'pipe'})
  return performance.now() - started
}
for (let run = 0; run < runs; run++) {
  floor.push(time(['bench/floor.js', executablePath, floorUrl]))
  cold.push(time(['bin/kenniskaart.js', 'build', '--out', path.join(work, `dist-cold-${run}`)]))
  warm.push(time(['bin/kenniskaart.js', 'build', '--out', path.join(work, 'dist-warm')]))
  siteOnly.push(time(['bin/kenniskaart.js', 'build', '--no-pdf', '--out', path.join(work, 'dist-site'), '--force']))
}

// Warm: the previous output is there, so its page numbers are the first guess (one print).
// Cold: an empty output folder, as on a fresh clone (two prints: layout, then page numbers).
const result = {
  runs,
  floorMs: Math.round(median(floor)),
  warmBuildMs: Math.round(median(warm)),
  coldBuildMs: Math.round(median(cold)),
  siteOnlyBuildMs: Math.round(median(siteOnly)),
  warmRatio: Number((median(warm) / median(floor)).toFixed(2)),
  coldRatio: Number((median(cold) / median(floor)).toFixed(2)),
  target: 1.3
}
console.log(`floor: Chromium prints the finished HTML (process, launch included): ${result.floorMs} ms`)
console.log(`kenniskaart build, previous output present (warm):               ${result.warmBuildMs} ms  ${result.warmRatio}×`)
console.log(`kenniskaart build, empty output folder (cold):                    ${result.coldBuildMs} ms  ${result.coldRatio}×`)
console.log(`kenniskaart build --no-pdf:                                       ${result.siteOnlyBuildMs} ms`)
console.log(`target: ≤ ${result.target}× the floor`)
console.log(JSON.stringify(result))
