// npm run bench: kenniskaart side by side with the bare unified floor (bench/unified-floor.js) and Eleventy 3
// (bench/eleventy.config.js) on synthetic corpora (bench/corpus.js), and the bundled card's PDF against Chromium
// printing the same finished HTML (bench/floor.js). Every row is a whole process, timed from spawn to exit, its
// peak memory taken by a preload (bench/peak-memory.js); a row's value is the median of its runs. The live preview
// is timed inside one `kenniskaart dev` (bench/dev-reload.js): from saving a theme file to the page's reload event.
// Writes bench/RESULTS.md and prints it. The corpora live in a temp folder that is removed at the end.
//
// BENCH_RUNS=n         runs per row (default 5 for corpora under 125 cards and the PDF rows, 3 for the larger ones)
// BENCH_MAX_CARDS=n    the largest corpus (default 1000; the scaling curve is 1, 8, 32, 125, 500, 1000 cards)
// BENCH_QUICK=1        a fast check: 1 run per row, corpora up to 125 cards
// BENCH_SEED=n         the corpus seed (default 1)
// BENCH_TIMEOUT_S=n    the time limit of one process (default 1800 s); a process over it fails its row
import {execFileSync, spawn} from 'node:child_process'
import {appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {generateCorpus} from './corpus.js'
import {measureDevReload} from './dev-reload.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const quick = Boolean(process.env.BENCH_QUICK) && process.env.BENCH_QUICK !== '0'
const maxCards = Number(process.env.BENCH_MAX_CARDS ?? (quick ? 125 : 1000))
const seed = Number(process.env.BENCH_SEED ?? 1)
const runsFor = (cards) => (process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : quick ? 1 : cards >= 125 ? 3 : 5)
const curveCounts = [1, 8, 32, 125, 500, 1000].filter((cards) => cards <= maxCards)
/** The corpora of the targets: 1,000 files (125 cards) and 8,000 files (1,000 cards) get the warm and theme rows. */
const incrementalCounts = new Set([125, 1000])
const filesPerCard = 8
const bundledCard = 'professionele-leercultuur'
// content/ holds more than one card: the PDF section builds this one alone, so it matches the raw print of its HTML
const onlyBundledCard = ['--card', bundledCard]
const handoutCount = 20

const kenniskaart = path.join(root, 'bin/kenniskaart.js')
const eleventyPackage = JSON.parse(readFileSync(path.join(root, 'node_modules/@11ty/eleventy/package.json'), 'utf8'))
const eleventy = path.join(root, 'node_modules/@11ty/eleventy', typeof eleventyPackage.bin === 'string' ? eleventyPackage.bin : eleventyPackage.bin.eleventy)
const peakMemory = pathToFileURL(path.join(root, 'bench/peak-memory.js')).href

const work = mkdtempSync(path.join(os.tmpdir(), 'kenniskaart-bench-'))
process.on('exit', () => rmSync(work, {recursive: true, force: true}))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

const plural = (count, word) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`
const log = (line) => process.stderr.write(`${line}\n`)
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const fresh = (name) => {
  const dir = path.join(work, name)
  rmSync(dir, {recursive: true, force: true})
  return dir
}

// The persistent cache (issue 9) may not be there yet: then every build is cold and the warm rows are not measured.
const buildHelp = execFileSync(process.execPath, [kenniskaart, 'build', '--help'], {cwd: root, encoding: 'utf8'})
const hasCache = buildHelp.includes('--cache-dir')
/** A fresh, empty cache folder for a cold build (nothing when the CLI has no cache). */
const freshCache = (name) => {
  const dir = fresh(name)
  mkdirSync(dir, {recursive: true})
  return hasCache ? ['--cache-dir', dir] : []
}

let reports = 0
/** Runs `node <args>` as a whole process with the peak-memory preload: wall seconds, peak RSS, programs it started. */
async function measure(args) {
  const reportFile = path.join(work, `report-${++reports}.jsonl`)
  const started = performance.now()
  const {code, stdout, stderr} = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', peakMemory, ...args], {
      cwd: root,
      env: {...process.env, BENCH_REPORT_FILE: reportFile},
      stdio: ['ignore', 'pipe', 'pipe'],
      // A hung process fails its row instead of the whole benchmark.
      timeout: Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err = (err + chunk).slice(-4000)))
    child.on('error', reject)
    child.on('close', (exitCode, signal) => resolve({code: exitCode ?? signal, stdout: out, stderr: err}))
  })
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) {
    const shown = args.map((arg) => (path.isAbsolute(arg) && !path.relative(root, arg).startsWith('..') ? path.relative(root, arg) : arg)).join(' ')
    const why = typeof code === 'string' ? `was stopped by ${code}${code === 'SIGTERM' ? ' (over BENCH_TIMEOUT_S?)' : ''}` : `exited with ${code}`
    throw new Error(`\`node ${shown}\` ${why}: ${stderr.trim().split('\n').slice(-3).join(' ')}`)
  }
  // One line per thread that ran the preload; the peak is the process's, so the largest line counts.
  const lines = existsSync(reportFile) ? readFileSync(reportFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []
  return {
    seconds,
    peakBytes: Math.max(0, ...lines.map((line) => line.peakRssBytes)),
    started: [...new Set(lines.flatMap((line) => line.started))],
    stdout
  }
}

/** Every row of the results: id → {label, cards, samples}. */
const rows = new Map()
const failures = []
const row = (id, label, cards) => {
  if (!rows.has(id)) rows.set(id, {id, label, cards, samples: []})
  return rows.get(id)
}
async function sample(id, label, cards, args) {
  const entry = row(id, label, cards)
  const result = await measure(args)
  entry.samples.push(result)
  log(`  ${label}: ${result.seconds.toFixed(2)} s, ${(result.peakBytes / 2 ** 20).toFixed(0)} MB`)
  return result
}
const summary = (id) => {
  const entry = rows.get(id)
  if (!entry || entry.samples.length === 0) return undefined
  const seconds = entry.samples.map((result) => result.seconds)
  return {
    ...entry,
    seconds: median(seconds),
    min: Math.min(...seconds),
    max: Math.max(...seconds),
    peakMb: median(entry.samples.map((result) => result.peakBytes)) / 2 ** 20
  }
}
async function section(name, work) {
  try {
    await work()
  } catch (error) {
    failures.push(`${name}: ${error.message}`)
    log(`  ${name} failed: ${error.message}`)
  }
}

const ourBuild = (content, out, cacheArgs, more = []) => [kenniskaart, 'build', '--content', content, '--out', out, ...cacheArgs, ...more]
const loadAtStart = os.loadavg()
const startedAt = new Date()

// Warm-up, not measured: the first process of each kind reads its modules from disk.
await section('warm-up', async () => {
  const content = generateCorpus(fresh('content-warm-up'), 1, seed)
  await measure(ourBuild(content, fresh('out'), freshCache('cache-warm-up'), ['--no-pdf']))
  await measure([path.join(root, 'bench/unified-floor.js'), content, fresh('out')])
  await measure([eleventy, '--config=bench/eleventy.config.js', `--input=${content}`, `--output=${fresh('out')}`, '--quiet'])
})

// 1. The corpora: ours cold (and warm, and after one changed theme file), the floor and Eleventy, per card count.
for (const cards of curveCounts) {
  await section(plural(cards, 'card'), async () => {
    const content = generateCorpus(fresh(`content-${cards}`), cards, seed)
    const runs = runsFor(cards)
    const themeFile = path.join(content, 'kaart-0001', '03-thema-3.md')
    const themeText = readFileSync(themeFile, 'utf8')
    const files = cards * filesPerCard
    log(`${plural(cards, 'card')} (${plural(files, 'file')}), ${plural(runs, 'run')}`)
    for (let run = 0; run < runs; run++) {
      const out = fresh('out')
      const cache = freshCache(`cache-${cards}-${run}`)
      // The floor and Eleventy make no search index: the rows compared with them leave it out, and one row shows what it adds
      await sample(`ours-cold-${cards}`, `ours, cold, no PDF, no search`, cards, ourBuild(content, out, cache, ['--no-pdf', '--no-search']))
      if (incrementalCounts.has(cards)) {
        await sample(`ours-search-${cards}`, `ours, cold, no PDF, with the search index`, cards, ourBuild(content, fresh('out-search'), freshCache(`cache-search-${cards}-${run}`), ['--no-pdf']))
        rmSync(path.join(work, `cache-search-${cards}-${run}`), {recursive: true, force: true})
      }
      if (hasCache && incrementalCounts.has(cards)) {
        await sample(`ours-warm-${cards}`, `ours, warm cache, nothing changed`, cards, ourBuild(content, out, cache, ['--no-pdf', '--no-search']))
        appendFileSync(themeFile, `\nEen zin die de benchmark toevoegt in ronde ${run + 1}.\n`)
        try {
          await sample(`ours-theme-${cards}`, `ours, warm cache, one theme file changed`, cards, ourBuild(content, out, cache, ['--no-pdf', '--no-search']))
        } finally {
          writeFileSync(themeFile, themeText)
        }
      }
      rmSync(out, {recursive: true, force: true})
      await sample(`floor-${cards}`, `bare unified floor`, cards, [path.join(root, 'bench/unified-floor.js'), content, fresh('out')])
      await sample(`eleventy-${cards}`, `Eleventy ${eleventyPackage.version}`, cards, [
        eleventy,
        '--config=bench/eleventy.config.js',
        `--input=${content}`,
        `--output=${fresh('out')}`,
        '--quiet'
      ])
      rmSync(path.join(work, 'out'), {recursive: true, force: true})
      rmSync(path.join(work, `cache-${cards}-${run}`), {recursive: true, force: true})
    }
    rmSync(content, {recursive: true, force: true})
  })
}

// 2. The bundled card's PDF against Chromium printing the same finished HTML (launch included).
// Cold: an empty output folder (two prints: layout, then page numbers). Warm: the previous output is there, so its
// page numbers are the first guess (one print); a fresh cache, so the PDF is printed. Cached: the same build again
// with the same cache and output, which should start no browser at all.
let browser = {executablePath: undefined, version: 'not found'}
const pdfRuns = runsFor(1)
await section('the bundled card’s PDF', async () => {
  log(`the bundled card’s PDF, ${plural(pdfRuns, 'run')}`)
  const printDir = fresh('print')
  const {stdout} = await measure([path.join(root, 'bench/print-document.js'), 'content', bundledCard, printDir])
  const {url, executablePath} = JSON.parse(stdout.trim().split('\n').pop())
  browser = {executablePath, version: execFileSync(executablePath, ['--version'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim()}
  const warmOut = fresh('pdf-warm')
  await measure(ourBuild('content', warmOut, freshCache('pdf-warm-cache'), onlyBundledCard))
  const cachedOut = fresh('pdf-cached')
  const cachedCache = freshCache('pdf-cached-cache')
  if (hasCache) await measure(ourBuild('content', cachedOut, cachedCache, onlyBundledCard))
  for (let run = 0; run < pdfRuns; run++) {
    await sample('pdf-raw', 'raw print of the finished HTML (bench/floor.js)', 1, [path.join(root, 'bench/floor.js'), executablePath, url])
    await sample('pdf-cold', 'ours with PDF, empty output folder (cold)', 1, ourBuild('content', fresh('pdf-cold'), freshCache('pdf-cold-cache'), onlyBundledCard))
    await sample('pdf-warm', 'ours with PDF, previous output present (warm)', 1, ourBuild('content', warmOut, freshCache('pdf-warm-cache'), onlyBundledCard))
    if (hasCache) await sample('pdf-cached', 'ours with PDF, warm cache, nothing changed', 1, ourBuild('content', cachedOut, cachedCache, onlyBundledCard))
  }
})
const browsersStarted = (result) => result.started.filter((command) => command === browser.executablePath || /chrom|msedge/i.test(path.basename(command))).length

// 3. Many handouts in one run: one card with 20 handouts, and the same card with none, both with PDFs.
const handoutRuns = runsFor(125)
await section(`${handoutCount} handouts`, async () => {
  log(`${handoutCount} handouts, ${plural(handoutRuns, 'run')}`)
  const withHandouts = generateCorpus(fresh('content-handouts'), 1, seed, {handouts: handoutCount})
  const without = generateCorpus(fresh('content-no-handouts'), 1, seed, {handouts: 0})
  for (let run = 0; run < handoutRuns; run++) {
    await sample('handouts', `ours with PDFs, 1 card and ${handoutCount} handouts`, 1, ourBuild(withHandouts, fresh('out'), freshCache('handout-cache')))
    await sample('no-handouts', 'ours with PDFs, the same card without handouts', 1, ourBuild(without, fresh('out'), freshCache('handout-cache')))
  }
})

// 4. The live preview (issue 10): from saving a theme file of the bundled card to the page's reload event, and to
// its PDF printed again. Times inside one long-running `kenniskaart dev`, not whole processes.
let devReload
await section('the live preview', async () => {
  log('the live preview: save → reload event, save → PDF printed again')
  devReload = await measureDevReload({saves: quick ? 10 : 40, prints: quick ? 2 : 5})
  log(`  reload: median ${median(devReload.reloadMs).toFixed(0)} ms; print: median ${median(devReload.printMs).toFixed(0)} ms`)
})

// The report.
const seconds = (value) => (value === undefined ? '–' : `${value.toFixed(2)} s`)
const megabytes = (value) => (value === undefined ? '–' : `${value.toFixed(0)} MB`)
const ratio = (value) => (value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(2)}×`)
const notMeasured = (cards) => (cards > maxCards ? `not measured (corpora up to ${plural(maxCards, 'card')})` : 'not measured (failed, see notes)')
const noCache = 'n/a (no cache yet)'

/** A target row: a ratio (or value) against its limit, met or not. */
function target(name, parts, limit, unit = '×') {
  const shownLimit = unit === '×' ? `≤ ${limit}×` : unit ? `≤ ${limit} ${unit}` : limit
  if (typeof parts === 'string') return {name, measured: parts, value: '–', limit: shownLimit, met: parts === noCache ? 'n/a' : 'not measured'}
  const {measured, value} = parts
  const shown = unit === '×' ? ratio(value) : unit === 'MB' ? megabytes(value) : unit === 's' ? seconds(value) : unit === 'ms' ? `${value.toFixed(0)} ms` : String(value)
  return {name, measured, value: shown, limit: shownLimit, met: value <= Number(limit) ? 'met' : '**not met**'}
}
const pair = (ours, theirs, describe) => {
  const a = summary(ours)
  const b = summary(theirs)
  if (!a || !b) return undefined
  // Rows measured in the same rounds, one after the other, are compared round by round (the median of the
  // per-round ratios), which keeps a busy spell of the machine from landing in one row only.
  const paired = a.samples.length === b.samples.length
  const value = paired ? median(a.samples.map((sample, index) => sample.seconds / b.samples[index].seconds)) : a.seconds / b.seconds
  return {measured: describe(a, b), value}
}

const targets = []
for (const cards of [125, 1000]) {
  const files = (cards * filesPerCard).toLocaleString('en')
  const result = pair(`ours-cold-${cards}`, `floor-${cards}`, (a, b) => `ours ${seconds(a.seconds)}, floor ${seconds(b.seconds)}`)
  targets.push(target(`Cold build, ${files} files (${cards.toLocaleString('en')} cards), no PDF: ours / floor`, result ?? notMeasured(cards), '1.0'))
}
{
  const result = hasCache ? pair('ours-warm-125', 'eleventy-125', (a, b) => `ours warm ${seconds(a.seconds)}, Eleventy cold ${seconds(b.seconds)}`) : undefined
  targets.push(target('Warm rebuild, nothing changed, 1,000 files: ours / Eleventy cold', hasCache ? (result ?? notMeasured(125)) : noCache, '0.2'))
}
{
  const result = hasCache ? pair('ours-theme-125', 'ours-cold-125', (a, b) => `after the change ${seconds(a.seconds)}, cold ${seconds(b.seconds)}`) : undefined
  targets.push(target('Rebuild after one changed theme file, 1,000 files: / our cold build', hasCache ? (result ?? notMeasured(125)) : noCache, '0.1'))
}
{
  const ours = summary('ours-cold-1000')
  const floor = summary('floor-1000')
  const eleventyRow = summary('eleventy-1000')
  const measured = ours && `ours; floor ${megabytes(floor?.peakMb)}, Eleventy ${megabytes(eleventyRow?.peakMb)}`
  targets.push(target('Peak memory at 8,000 files (1,000 cards), cold, no PDF', ours ? {measured, value: ours.peakMb} : notMeasured(1000), '250', 'MB'))
}
targets.push(
  target(
    'One card (8 files) without PDF: ours / Eleventy',
    pair('ours-cold-1', 'eleventy-1', (a, b) => `ours ${seconds(a.seconds)}, Eleventy ${seconds(b.seconds)}`) ?? notMeasured(1),
    '0.6'
  )
)
for (const kind of ['cold', 'warm']) {
  const result = pair(`pdf-${kind}`, 'pdf-raw', (a, b) => `ours ${seconds(a.seconds)}, raw print ${seconds(b.seconds)}`)
  targets.push(target(`The bundled card’s PDF, ${kind}: ours / raw print`, result ?? 'not measured (failed, see notes)', '1.3'))
}
{
  const cached = rows.get('pdf-cached')
  if (!hasCache) targets.push(target('The bundled card, warm cache, nothing changed: browsers started', noCache, '0', ''))
  else if (!cached?.samples.length) targets.push(target('The bundled card, warm cache, nothing changed: browsers started', 'not measured (failed, see notes)', '0', ''))
  else {
    const launched = Math.max(...cached.samples.map(browsersStarted))
    targets.push(target('The bundled card, warm cache, nothing changed: browsers started', {measured: `${seconds(summary('pdf-cached').seconds)} per build`, value: launched}, '0', ''))
  }
}
{
  const withHandouts = summary('handouts')
  const without = summary('no-handouts')
  const measured = withHandouts && `${seconds(withHandouts.seconds)} for the card and ${handoutCount} handouts; ${seconds(without ? (withHandouts.seconds - without.seconds) / handoutCount : undefined)} each above the card alone`
  targets.push(target(`${handoutCount} handouts in one run: seconds per handout`, withHandouts ? {measured, value: withHandouts.seconds / handoutCount} : 'not measured (failed, see notes)', '0.4', 's'))
}

if (devReload) {
  const reload = median(devReload.reloadMs)
  const measured = `median of ${devReload.reloadMs.length} saves (${Math.min(...devReload.reloadMs).toFixed(0)}–${Math.max(...devReload.reloadMs).toFixed(0)} ms); the PDF printed again ${seconds(median(devReload.printMs) / 1000)} after a save`
  targets.push(target('Live preview: saving a theme file of the bundled card → the reload event', {measured, value: reload}, '100', 'ms'))
} else targets.push(target('Live preview: saving a theme file of the bundled card → the reload event', 'not measured (failed, see notes)', '100', 'ms'))

const lines = []
const push = (...more) => lines.push(...more)
const versionOf = (name) => {
  try {
    return JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version
  } catch {
    return 'not installed'
  }
}
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim()
  } catch {
    return undefined
  }
})()
const osName = (() => {
  try {
    return /^PRETTY_NAME="?(.*?)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]
  } catch {
    return undefined
  }
})()
const ownVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version
const runsText = quick || process.env.BENCH_RUNS ? `${plural(runsFor(1), 'run')} per row` : `${plural(runsFor(1), 'run')} per row under 125 cards and for the PDF rows, ${runsFor(125)} for 125 cards and more`

push('# Benchmark results', '')
push(
  `\`npm run bench\` on ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}${quick ? ' with `BENCH_QUICK=1` (one run per row, corpora up to 125 cards: a quick check, not a measurement)' : ''}. ` +
    `Whole processes, timed from start to exit; each value is the median of its runs (${runsText}). ` +
    `Peak memory is the process's peak resident set (all its threads; not the browser's own processes). ` +
    `A ratio is the median of the ratios of the rounds (each round runs the rows one after the other). ` +
    `Corpus: \`bench/corpus.js\`, seed ${seed}, 8 files per card (an index with 15 sources, 7 themes of about 600 words with citations and tips).`,
  ''
)
if (loadAtStart[0] > os.availableParallelism()) {
  push(
    `**The machine was busy** (load average ${loadAtStart[0].toFixed(1)} at the start on ${os.availableParallelism()} cores): ` +
      'the times are inflated and noisy; compare ratios, and see fastest – slowest.',
    ''
  )
}
push('## Targets (issues 9 and 10)', '', '| target | measured | value | limit | |', '|---|---|---|---|---|')
for (const entry of targets) push(`| ${entry.name} | ${entry.measured} | ${entry.value} | ${entry.limit} | ${entry.met} |`)
push('', '## Every row', '', '| work | cards | files | runs | median | fastest – slowest | peak memory |', '|---|---:|---:|---:|---:|---:|---:|')
for (const id of rows.keys()) {
  const entry = summary(id)
  if (!entry) continue
  const files = id.startsWith('pdf-') ? '8 (bundled card)' : (entry.cards * filesPerCard).toLocaleString('en')
  push(`| ${entry.label} | ${entry.cards.toLocaleString('en')} | ${files} | ${entry.samples.length} | ${seconds(entry.seconds)} | ${seconds(entry.min)} – ${seconds(entry.max)} | ${megabytes(entry.peakMb)} |`)
}
if (!hasCache) push('', `Warm rows (warm cache, nothing changed; one theme file changed; the cached PDF): ${noCache}: this build has no \`--cache-dir\`.`)
push('', '## Scaling (cold, no PDF)', '', 'Linear growth keeps the seconds per card above the one-card build (start-up taken out) flat.', '')
push(
  '| cards | files | ours | ours peak | ours per card | ours per card above 1 card | floor | floor peak | Eleventy | Eleventy peak |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
)
const oneCard = summary('ours-cold-1')
for (const cards of curveCounts) {
  const ours = summary(`ours-cold-${cards}`)
  const extra = ours && oneCard && cards > 1 ? `${((ours.seconds - oneCard.seconds) / (cards - 1)).toFixed(3)} s` : '–'
  const floor = summary(`floor-${cards}`)
  const eleventyRow = summary(`eleventy-${cards}`)
  push(
    `| ${cards.toLocaleString('en')} | ${(cards * filesPerCard).toLocaleString('en')} | ${seconds(ours?.seconds)} | ${megabytes(ours?.peakMb)} | ` +
      `${ours ? `${(ours.seconds / cards).toFixed(3)} s` : '–'} | ${extra} | ${seconds(floor?.seconds)} | ${megabytes(floor?.peakMb)} | ${seconds(eleventyRow?.seconds)} | ${megabytes(eleventyRow?.peakMb)} |`
  )
}
push('', '## Machine and versions', '')
push(
  `- CPU: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores`,
  `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`,
  `- OS: ${osName ? `${osName}, ` : ''}${os.type()} ${os.release()} ${os.arch()}`,
  `- Load average at start / end (1 min): ${loadAtStart[0].toFixed(2)} / ${os.loadavg()[0].toFixed(2)}`,
  `- Node ${process.version}`,
  `- Browser: ${browser.version}${browser.executablePath ? ` (${browser.executablePath})` : ''}`,
  `- kenniskaart ${ownVersion}${commit ? ` (${commit})` : ''}, cache: ${hasCache ? 'yes' : 'no'}`,
  `- unified ${versionOf('unified')}, remark-parse ${versionOf('remark-parse')}, micromark ${versionOf('micromark')}, remark-rehype ${versionOf('remark-rehype')}, rehype-stringify ${versionOf('rehype-stringify')}, gray-matter ${versionOf('gray-matter')}`,
  `- Eleventy ${eleventyPackage.version}, puppeteer-core ${versionOf('puppeteer-core')}`,
  `- Runs: ${runsText}; took ${((Date.now() - startedAt.getTime()) / 60000).toFixed(1)} min`
)
if (failures.length > 0) push('', '## Notes', '', ...failures.map((failure) => `- ${failure}`))
push('')

const report = lines.join('\n')
writeFileSync(path.join(root, 'bench/RESULTS.md'), report)
process.stdout.write(report)
