// npm run bench:profile [-- "<heading>"]: a CPU profile of our cold build (no PDF) of the 125-card corpus
// (1,000 files), taken with `node --cpu-prof`, summed over every thread that wrote one, and summarized in
// bench/PROFILE.md under <heading> (default "Latest run"): the time by function (self time), by package or
// folder, and the share of garbage collection. A section with the same heading is replaced, others are kept,
// so "Before" and "After" stay side by side. Needs `npm run build`. BENCH_PROFILE_CARDS changes the corpus size.
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'
import {generateCorpus} from './corpus.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const heading = process.argv[2] ?? 'Latest run'
const cards = Number(process.env.BENCH_PROFILE_CARDS ?? 125)
const work = mkdtempSync(path.join(os.tmpdir(), 'kenniskaart-profile-'))
process.on('exit', () => rmSync(work, {recursive: true, force: true}))

// The unbundled program, so the profile names packages and modules (the bundle's chunks would hide them)
const kenniskaart = path.join(root, 'bench/unbundled-cli.js')
const help = execFileSync(process.execPath, [kenniskaart, 'build', '--help'], {encoding: 'utf8'})
const cacheArgs = help.includes('--cache-dir') ? ['--cache-dir', path.join(work, 'cache')] : []
const content = generateCorpus(path.join(work, 'content'), cards, 1)
const profiles = path.join(work, 'profiles')
mkdirSync(profiles)
const started = performance.now()
execFileSync(
  process.execPath,
  ['--cpu-prof', '--cpu-prof-dir', profiles, kenniskaart, 'build', '--no-pdf', '--content', content, '--out', path.join(work, 'out'), ...cacheArgs],
  {cwd: root, stdio: ['ignore', 'ignore', 'inherit']}
)
const wallMs = performance.now() - started

/** Where a frame's code lives: a package (`micromark`, `@11ty/x`), a folder of ours (`lib/markdown`), node itself, or a V8 pseudo-frame. */
function placeOf(frame) {
  const url = frame.url
  if (!url) return /^\(.*\)$/.test(frame.functionName) ? frame.functionName : 'native code (file system, V8 built-ins)'
  if (url.startsWith('node:')) return 'node (built-in modules)'
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (inPackage) return inPackage[1]
  const local = url.replace(/^file:\/\//, '')
  const relative = path.relative(root, local)
  if (!relative.startsWith('..')) return relative.split(path.sep).slice(0, 2).join('/')
  return local
}
/** A family of packages: the whole Markdown parser, the mdast and hast utilities, our own code. */
function familyOf(place) {
  if (place.startsWith('micromark')) return 'micromark, all its packages (Markdown parsing)'
  if (place.startsWith('mdast-util-') || place.startsWith('remark-')) return 'mdast-util-*, remark-* (syntax trees)'
  if (place.startsWith('hast-util-') || place === 'hastscript' || place.startsWith('rehype-')) return 'hast-util-*, hastscript, rehype-* (HTML trees)'
  if (place.startsWith('unist-util-')) return 'unist-util-* (tree walks)'
  if (place.startsWith('lib/')) return 'kenniskaart (lib/)'
  return place
}
function nameOf(frame) {
  const url = frame.url.replace(/^file:\/\//, '')
  const where = url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 'node_modules/'.length) : path.relative(root, url)
  return `${frame.functionName || '(anonymous)'}${url ? ` ${where}:${frame.lineNumber + 1}` : ''}`
}

const byFunction = new Map()
const byPlace = new Map()
const byFamily = new Map()
const threads = []
let total = 0
const add = (map, key, time) => map.set(key, (map.get(key) ?? 0) + time)
for (const file of readdirSync(profiles).filter((name) => name.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(path.join(profiles, file), 'utf8'))
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  let threadTotal = 0
  profile.samples.forEach((id, index) => {
    const time = (profile.timeDeltas[index] ?? 0) / 1000
    const frame = nodes.get(id).callFrame
    add(byFunction, nameOf(frame), time)
    add(byPlace, placeOf(frame), time)
    add(byFamily, familyOf(placeOf(frame)), time)
    threadTotal += time
  })
  threads.push(threadTotal)
  total += threadTotal
}
const idle = byPlace.get('(idle)') ?? 0
const busy = total - idle
const gc = byPlace.get('(garbage collector)') ?? 0
const table = (map, count) =>
  [...map]
    .filter(([key]) => key !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, time]) => `| ${time.toFixed(0)} ms | ${((100 * time) / busy).toFixed(1)} % | \`${key.replace(/\|/g, '\\|')}\` |`)

let commit = 'unknown'
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim()
} catch {
  // not a git checkout
}
const section = [
  `## ${heading}`,
  '',
  `${new Date().toISOString().slice(0, 10)}, commit ${commit}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.availableParallelism()}. ` +
    `\`kenniskaart build --no-pdf\`, cold${cacheArgs.length > 0 ? ' (empty cache)' : ''}, ${cards.toLocaleString('en')} cards (${(cards * 8).toLocaleString('en')} files): ${(wallMs / 1000).toFixed(1)} s under the profiler ` +
    `(${threads.length} thread${threads.length === 1 ? '' : 's'} profiled). Busy ${(busy / 1000).toFixed(1)} s, idle ${(idle / 1000).toFixed(1)} s; ` +
    `**garbage collection ${((100 * gc) / busy).toFixed(1)} %** of the busy time. Percentages are of the busy time.`,
  '',
  '### By family (self time)',
  '',
  '| time | share | what |',
  '|---:|---:|---|',
  ...table(byFamily, 12),
  '',
  '### By package or folder (self time)',
  '',
  '| time | share | where |',
  '|---:|---:|---|',
  ...table(byPlace, 20),
  '',
  '### By function (self time)',
  '',
  '| time | share | function |',
  '|---:|---:|---|',
  ...table(byFunction, 30),
  ''
].join('\n')

const target = path.join(root, 'bench/PROFILE.md')
const intro = [
  '# CPU profiles',
  '',
  'Made by `npm run bench:profile -- "<heading>"` (bench/profile.js): `node --cpu-prof` on a cold `kenniskaart build --no-pdf` of the',
  'synthetic 125-card corpus, summed over every profiled thread. A run replaces the section with its heading and keeps the others.',
  ''
].join('\n')
const existing = existsSync(target) ? readFileSync(target, 'utf8') : intro
const parts = existing.split(/^(?=## )/m)
const index = parts.findIndex((part) => part.startsWith(`## ${heading}\n`))
if (index === -1) parts.push(section)
else parts[index] = section
const written = parts.map((part) => part.replace(/\n*$/, '\n')).join('\n')
writeFileSync(target, written)
process.stdout.write(section)
