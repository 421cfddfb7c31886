import {cp, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildSite, type SiteBuildResult} from '../../src/engine/build-site.js'
import {diskCache, memoryCache} from '../../src/engine/cache-store.js'
import {readTree, runCliInProcess, summaryFindings, workFolder} from '../helpers/cli.js'
import {bundledContentDir, fixtureCardsDir, repoRoot} from '../helpers/content.js'

/**
 * The cache may only ever save time: a build that takes results from it
 * writes the same bytes and reports the same findings as a build without
 * it, after any change to anything a result depends on.
 */
let project: string
let remove: () => Promise<void>
let builds = 0

beforeAll(async () => {
  ;({dir: project, remove} = await workFolder())
  // One real card (by name, so cards added to content/ later change no count below) and one fixture card
  await cp(path.join(bundledContentDir, 'professionele-leercultuur'), path.join(project, 'content', 'professionele-leercultuur'), {recursive: true})
  await cp(path.join(fixtureCardsDir, 'three-themes'), path.join(project, 'content', 'drie'), {recursive: true})
  // A visual theme of the project's own, used by one card (without fonts: the project has no font packages installed)
  const own = path.join(project, 'themes', 'eigen')
  await mkdir(own, {recursive: true})
  for (const sheet of ['site.css', 'print.css']) await cp(path.join(repoRoot, 'themes', 'kenniskaart', sheet), path.join(own, sheet))
  const config = JSON.parse(await readFile(path.join(repoRoot, 'themes', 'kenniskaart', 'theme.json'), 'utf8')) as Record<string, unknown>
  await writeFile(path.join(own, 'theme.json'), JSON.stringify({...config, name: 'eigen', stylesheets: {site: 'site.css', print: 'print.css'}, fonts: []}, null, 2))
  await edit('content/drie/index.md', (text) => text.replace(/^---\n/, '---\ntheme: eigen\n'))
})

afterAll(async () => {
  await remove()
})

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(project, file)
  await writeFile(target, change(await readFile(target, 'utf8')))
}

/** A build through the CLI, as a user runs it; `cached` uses the project's one cache folder. */
async function cliBuild(cached: boolean, extra: string[] = []) {
  const out = path.join(project, `out-${builds++}`)
  const cache = cached ? ['--cache-dir', path.join(project, 'cache')] : ['--no-cache']
  const run = await runCliInProcess(['build', '--no-pdf', '--out', out, ...cache, '--format', 'json', ...extra], {cwd: project})
  return {run, tree: run.code === 0 ? await readTree(out) : new Map<string, Buffer>()}
}

/** The engine itself, to see what came from the cache. */
async function engineBuild(tool = 'test-tool'): Promise<SiteBuildResult> {
  const cache = await diskCache(path.join(project, 'engine-cache'), tool)
  return buildSite({contentDir: path.join(project, 'content'), cache, cacheDir: path.join(project, 'engine-cache'), tool, pdf: false, write: async () => {}, workers: false})
}

/** A cached build right after a change: the same bytes and findings as a build without the cache. */
async function expectSameAsCold(): Promise<Awaited<ReturnType<typeof cliBuild>>> {
  const warm = await cliBuild(true)
  const cold = await cliBuild(false)
  expect(warm.run.code).toBe(cold.run.code)
  expect(summaryFindings(warm.run.stdout)).toEqual(summaryFindings(cold.run.stdout))
  expect([...warm.tree.keys()]).toEqual([...cold.tree.keys()])
  for (const [file, bytes] of cold.tree) expect(warm.tree.get(file)?.equals(bytes), file).toBe(true)
  return warm
}

describe('a cached build', () => {
  it('writes the same bytes as a build without the cache, cold and warm', async () => {
    const cold = await cliBuild(false)
    expect(cold.run.code).toBe(0)
    expect(cold.tree.size).toBeGreaterThan(20)
    const first = await expectSameAsCold()
    const second = await expectSameAsCold()
    expect(second.tree).toEqual(first.tree)
  })

  it('takes every card from the cache when nothing changed, and only the changed file when one did', async () => {
    await engineBuild()
    const warm = await engineBuild()
    expect(warm.cardResults).toEqual({hits: 2, misses: 0})
    expect(warm.fileResults).toEqual({hits: 0, misses: 0})
    await edit('content/professionele-leercultuur/03-loopbaanontwikkeling.md', (text) => `${text}\nEen nieuwe zin.\n`)
    const changed = await engineBuild()
    expect(changed.cardResults).toEqual({hits: 1, misses: 1})
    expect(changed.fileResults).toEqual({hits: 7, misses: 1})
  })

  it('keeps nothing of another tool build', async () => {
    await engineBuild('tool-a')
    const other = await engineBuild('tool-b')
    expect(other.cardResults.hits).toBe(0)
    expect(other.fileResults.hits).toBe(0)
    expect(other.cacheWarnings.join('\n')).toContain('another version of kenniskaart')
  })
})

describe('a cached build after a change', () => {
  const changes: Array<[string, () => Promise<void>]> = [
    ['the text of a theme file', () => edit('content/professionele-leercultuur/05-leiderschap.md', (text) => text.replace('leiderschap', 'LEIDERSCHAP'))],
    ['a source in the index.md', () => edit('content/professionele-leercultuur/index.md', (text) => text.replace('Commissie Meurs', 'De commissie Meurs'))],
    ['the frontmatter of a theme (its title)', () => edit('content/drie/02-voorbereiden.md', (text) => text.replace(/^title: .*$/m, 'title: "Goed voorbereiden"'))],
    ['the visual theme\'s palette (theme.json)', () => edit('themes/eigen/theme.json', (text) => text.replace(/#[0-9a-fA-F]{6}/, '#123456'))],
    ['the visual theme\'s stylesheet', () => edit('themes/eigen/site.css', (text) => `${text}\n.card-list-title { letter-spacing: 0.01em; }\n`)],
    ['an image\'s bytes', async () => {
      const image = path.join(project, 'content/drie/figuren/twee-leraren.png')
      await writeFile(image, Buffer.concat([await readFile(image), Buffer.from('extra bytes after the image')]))
    }],
    ['a new theme file', () => writeFile(path.join(project, 'content/drie/04-nieuw.md'), '---\ntitle: "Nieuw"\nsummary: "Een nieuw thema."\n---\n\nTekst.\n')],
    ['a mistake (a citation of an unknown source)', () => edit('content/drie/01-terugblikken.md', (text) => `${text}\nZie [@onbekend].\n`)],
    ['the mistake fixed', () => edit('content/drie/01-terugblikken.md', (text) => text.replace('\nZie [@onbekend].\n', ''))],
    ['a file removed', () => rm(path.join(project, 'content/drie/04-nieuw.md'))]
  ]

  it.each(changes)('after %s: the same bytes and findings as a build without the cache', async (_change, change) => {
    await cliBuild(true)
    const before = await cliBuild(false)
    await change()
    const after = await expectSameAsCold()
    // The change shows in the output, or in the findings
    const changedFiles = [...after.tree].filter(([file, bytes]) => !before.tree.get(file)?.equals(bytes))
    expect(changedFiles.length > 0 || after.tree.size !== before.tree.size || JSON.stringify(summaryFindings(after.run.stdout)) !== JSON.stringify(summaryFindings(before.run.stdout))).toBe(true)
  })

  it('offers the PDFs kept from the previous output on the card page, as a build without the cache does', async () => {
    const out = path.join(project, 'out-kept')
    await runCliInProcess(['build', '--no-pdf', '--out', out, '--cache-dir', path.join(project, 'cache')], {cwd: project})
    const plain = await readFile(path.join(out, 'drie/index.html'), 'utf8')
    await writeFile(path.join(out, 'drie', 'drie.pdf'), '%PDF-1.7 kept')
    await runCliInProcess(['build', '--no-pdf', '--out', out, '--cache-dir', path.join(project, 'cache')], {cwd: project})
    const cached = await readFile(path.join(out, 'drie/index.html'), 'utf8')
    expect(cached).not.toBe(plain)
    expect(cached).toContain('drie.pdf')
    await runCliInProcess(['build', '--no-pdf', '--out', out, '--no-cache'], {cwd: project})
    expect(await readFile(path.join(out, 'drie/index.html'), 'utf8')).toBe(cached)
  })
})

describe('a cache that cannot be trusted', () => {
  it('ignores a corrupt entry with a warning, and replaces it', async () => {
    const cacheDir = path.join(project, 'cache')
    await cliBuild(true)
    const entries = await readdir(path.join(cacheDir, 'cards'), {recursive: true, withFileTypes: true})
    for (const entry of entries.filter((found) => found.isFile())) {
      const file = path.join(entry.parentPath, entry.name)
      const bytes = await readFile(file)
      // One byte changed in the payload: the checksum no longer holds
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 5) ^ 0xff, bytes.length - 5)
      await writeFile(file, bytes)
    }
    const warm = await cliBuild(true)
    expect(warm.run.stderr).toContain('Ignored a corrupt entry in the cache')
    expect(warm.run.code).toBe(0)
    expect(warm.tree).toEqual((await cliBuild(false)).tree)
    expect((await cliBuild(true)).run.stderr).not.toContain('corrupt')
  })

  it('leaves a folder that is not its cache alone, and builds without a cache', async () => {
    const foreign = path.join(project, 'notes')
    await mkdir(foreign, {recursive: true})
    await writeFile(path.join(foreign, 'todo.txt'), 'mijn notities')
    const run = await runCliInProcess(['build', '--no-pdf', '--out', path.join(project, 'out-foreign'), '--cache-dir', foreign], {cwd: project})
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('holds files that are not kenniskaart\'s cache')
    expect(await readdir(foreign)).toEqual(['todo.txt'])
  })

  it('clears a cache of another version with a warning', async () => {
    const cacheDir = path.join(project, 'old-cache')
    await mkdir(path.join(cacheDir, 'cards', 'ab'), {recursive: true})
    await writeFile(path.join(cacheDir, 'kenniskaart-cache.json'), JSON.stringify({magic: 'kenniskaart-cache', format: 1, tool: '0.0.1+0000'}))
    await writeFile(path.join(cacheDir, 'cards', 'ab', 'abcdef'), 'old')
    const run = await runCliInProcess(['build', '--no-pdf', '--out', path.join(project, 'out-old'), '--cache-dir', cacheDir], {cwd: project})
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('made by another version of kenniskaart')
    await expect(readFile(path.join(cacheDir, 'cards', 'ab', 'abcdef'))).rejects.toThrow()
  })

  it('ignores a manifest that is not JSON, with a warning', async () => {
    const cacheDir = path.join(project, 'broken-cache')
    await mkdir(cacheDir, {recursive: true})
    await writeFile(path.join(cacheDir, 'kenniskaart-cache.json'), '{not json')
    const run = await runCliInProcess(['build', '--no-pdf', '--out', path.join(project, 'out-broken'), '--cache-dir', cacheDir], {cwd: project})
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('is corrupt')
  })
})

describe('the cache in memory', () => {
  it('serves what was stored, and counts hits and misses', async () => {
    const cache = memoryCache()
    expect(await cache.get('files', 'a')).toBeUndefined()
    cache.set('files', 'a', {value: 1})
    expect(await cache.get('files', 'a')).toEqual({value: 1})
    expect(cache.stats.hits.files).toBe(1)
    expect(cache.stats.misses.files).toBe(1)
  })

  it('lets the results used least recently go when they hold more than its limit together', async () => {
    const payload = (fill: string) => ({text: fill.repeat(400)})
    const cache = memoryCache({maxBytes: 1000})
    cache.set('files', 'a', payload('a'))
    cache.set('files', 'b', payload('b'))
    // "a" is used: "b" is now the least recently used, and goes when "c" comes
    expect(await cache.get('files', 'a')).toEqual(payload('a'))
    cache.set('files', 'c', payload('c'))
    expect(await cache.get('files', 'b')).toBeUndefined()
    expect(await cache.get('files', 'a')).toEqual(payload('a'))
    expect(await cache.get('files', 'c')).toEqual(payload('c'))
    // One result larger than the limit is still kept, alone
    cache.set('pdfs', 'big', payload('x'.repeat(5)))
    expect(await cache.get('pdfs', 'big')).toEqual(payload('x'.repeat(5)))
    expect(await cache.get('files', 'a')).toBeUndefined()
  })
})

describe('the engine in memory, as the live preview runs it', () => {
  it('rebuilds a changed file and its card from one cache kept between builds, with the bytes of a cold build', async () => {
    const cache = memoryCache()
    const contentDir = path.join(project, 'content')
    const run = async (store = cache) => {
      const written = new Map<string, string | Uint8Array>()
      const result = await buildSite({contentDir, cache: store, tool: 'memory', pdf: false, workers: false, write: async (file) => void written.set(file.path, file.contents)})
      return {result, written}
    }
    await run()
    await edit('content/drie/03-in-de-klas.md', (text) => `${text}\nNog een zin in de klas.\n`)
    const warm = await run()
    expect(warm.result.cardResults).toEqual({hits: 1, misses: 1})
    expect(warm.result.fileResults).toEqual({hits: 3, misses: 1})
    const cold = await run(memoryCache())
    expect([...warm.written.keys()].sort()).toEqual([...cold.written.keys()].sort())
    for (const [file, contents] of cold.written) expect(warm.written.get(file), file).toEqual(contents)
  })
})

describe('a cache folder that would mix with the content or the output', () => {
  it.each([
    ['inside the content folder', 'content/cache'],
    ['the content folder itself', 'content'],
    ['inside the output folder', 'out-mixed/cache'],
    ['a folder holding the output', '.']
  ])('is refused when it is %s (exit 2), and nothing is written', async (_where, cacheDir) => {
    const before = await readdir(path.join(project, 'content'))
    const run = await runCliInProcess(['build', '--no-pdf', '--out', path.join(project, 'out-mixed'), '--cache-dir', path.join(project, cacheDir)], {cwd: project})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Refusing to keep the cache in')
    expect(await readdir(path.join(project, 'content'))).toEqual(before)
  })

  it('is refused through a link that leads into the content folder', async () => {
    const {symlink} = await import('node:fs/promises')
    await symlink(path.join(project, 'content'), path.join(project, 'link-to-content'))
    const run = await runCliInProcess(['build', '--no-pdf', '--out', path.join(project, 'out-link'), '--cache-dir', path.join(project, 'link-to-content', 'cache')], {cwd: project})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('is inside the content folder')
  })
})

describe('the engine and the library build', () => {
  it('make the same pages: build() in memory and the engine card by card', async () => {
    const {build} = await import('../../src/build.js')
    const contentDir = path.join(project, 'content')
    const library = await build({contentDir, pdf: false})
    const written = new Map<string, string | Uint8Array>()
    const engine = await buildSite({contentDir, cache: memoryCache(), tool: 'same', pdf: false, workers: false, write: async (file) => void written.set(file.path, file.contents)})
    expect(engine.failed).toBe(library.failed)
    expect([...written.keys()].sort()).toEqual(library.pages.map((file) => file.path).sort())
    for (const file of library.pages) expect(written.get(file.path), file.path).toEqual(file.contents)
  })
})
