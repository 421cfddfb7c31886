/**
 * The package as a user gets it from npm: `npm pack`, installed into a fresh
 * project in a folder whose name has a space and a `%`, then used as a
 * library (with its types) and as a command. Slow (an `npm install` of the
 * dependencies, a type check, Chromium): the browser project runs it.
 *
 * The tarball is packed with `--ignore-scripts`: it takes lib/ as
 * `npm run build` left it (the test suite builds first), instead of
 * building again under tests that are running from lib/ at the same time.
 */
import {execFile} from 'node:child_process'
import {cp, mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {repoRoot} from '../helpers/content.js'
import {tempFolder} from '../helpers/temp-folders.js'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Run a program and collect what it printed; never throws, so a failure shows its output. */
function run(command: string, args: string[], cwd: string, timeout = 240_000): Promise<Run> {
  const env = {...process.env}
  for (const name of ['CI', 'GITHUB_ACTIONS', 'FORCE_COLOR', 'NO_COLOR', 'npm_config_nodedir']) delete env[name]
  return new Promise((resolve) => {
    execFile(command, args, {cwd, env, timeout, maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32'}, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({code, stdout, stderr})
    })
  })
}

const npm = 'npm'
const npx = 'npx'
const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')

let project: string
let packed: string[]

beforeAll(async () => {
  const root = await tempFolder('kenniskaart-pack-')
  project = path.join(root, 'mijn project 100%')
  await mkdir(project)
  const pack = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', root], repoRoot)
  expect(pack.code, pack.stderr).toBe(0)
  const [info] = JSON.parse(pack.stdout) as Array<{filename: string; files: Array<{path: string}>}>
  packed = info!.files.map((file) => file.path)
  await writeFile(path.join(project, 'package.json'), `${JSON.stringify({name: 'consumer', version: '1.0.0', private: true, type: 'module'}, null, 2)}\n`)
  const install = await run(npm, ['install', path.join(root, info!.filename), '--prefer-offline', '--no-audit', '--no-fund'], project)
  expect(install.code, install.stderr).toBe(0)
  await cp(path.join(repoRoot, 'test', 'fixtures', 'cards', 'three-themes'), path.join(project, 'content', 'three-themes'), {recursive: true})
}, 300_000)

describe('the npm package', () => {
  it('holds the program, its types and what it reads at run time, and no tests, fixtures, benchmarks or caches', () => {
    for (const needed of ['bin/kenniskaart.js', 'lib/index.js', 'lib/index.d.ts', 'lib/bundle/cli.js', 'lib/build-id.json', 'client/vendor/pdfjs/pdf.min.mjs', 'client/vendor/pdfjs/pdf.worker.min.mjs', 'docs/rules.md', 'themes/kenniskaart/theme.json', 'templates/project/README.md', 'LICENSE', 'README.md', 'package.json']) {
      expect(packed).toContain(needed)
    }
    const unwanted = packed.filter((file) => /^(test|bench|coverage|reports|content|node_modules|\.stryker-tmp|\.kenniskaart-cache|dist)\/|\.test\.|\.tmp-|(^|\/)fixtures\/|\.git\/|^lib\/bundle\/meta\.json$|^docs\/(?!rules\.md$)/.test(file))
    expect(unwanted).toEqual([])
  })

  it('has a type condition first in its exports, and a repository, bugs, homepage and licence', async () => {
    const manifest = JSON.parse(await readFile(path.join(project, 'node_modules', 'kenniskaart', 'package.json'), 'utf8')) as Record<string, unknown>
    const root = (manifest.exports as Record<string, Record<string, string>>)['.']!
    expect(Object.keys(root)[0]).toBe('types')
    expect(manifest).toMatchObject({types: './lib/index.d.ts', license: 'MIT', repository: {type: 'git'}, bugs: {url: expect.any(String)}, homepage: expect.any(String)})
    expect(await readFile(path.join(project, 'node_modules', 'kenniskaart', 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
  })

  it('ships every source its source maps point at', async () => {
    const installed = path.join(project, 'node_modules', 'kenniskaart')
    const maps = (await readdir(installed, {recursive: true})).filter((file) => file.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(100)
    const missing: string[] = []
    for (const map of maps) {
      const {sources, sourceRoot = ''} = JSON.parse(await readFile(path.join(installed, map), 'utf8')) as {sources: string[]; sourceRoot?: string}
      for (const source of sources) {
        const target = path.resolve(path.dirname(path.join(installed, map)), sourceRoot, source)
        if (!(await readFile(target).then(() => true, () => false))) missing.push(`${map} → ${source}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('types `import {build} from "kenniskaart"`: a right use checks, a wrong one does not', async () => {
    await writeFile(
      path.join(project, 'right.ts'),
      [
        "import {build, check, formatFindings, type BuildOptions, type BuildResult} from 'kenniskaart'",
        "const options: BuildOptions = {contentDir: 'content', pdf: {timeoutSeconds: 60}}",
        'const result: BuildResult = await build(options)',
        'const slugs: string[] = result.cards.map((card) => card.slug)',
        'const pageCounts: number[] = result.pdfs.map((pdf) => pdf.pageCount)',
        "const text: string = formatFindings((await check({contentDir: 'content'})).findings, 'text')",
        'console.log(slugs, pageCounts, text)',
        ''
      ].join('\n')
    )
    await writeFile(path.join(project, 'wrong.ts'), ["import {build, type BuildOptions} from 'kenniskaart'", 'const options: BuildOptions = {contentDir: 42}', 'await build(options)', ''].join('\n'))
    const config = {compilerOptions: {target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: []}, files: ['right.ts', 'wrong.ts']}
    await writeFile(path.join(project, 'tsconfig.json'), JSON.stringify(config))
    const checked = await run(process.execPath, [tsc, '-p', '.'], project)
    const errors = checked.stdout.split('\n').filter((line) => line.includes('error TS'))
    // One run for both files: the right one has no error, the wrong one exactly its misuse
    expect(errors).toEqual([expect.stringMatching(/^wrong\.ts\(2,32\): error TS2322: Type 'number' is not assignable to type 'string'/)])
  }, 240_000)

  it('builds in memory from an ES module, and prints with a browser the caller launched and closes', async () => {
    await writeFile(
      path.join(project, 'use.mjs'),
      `import {build, print} from 'kenniskaart'
import manifest from 'kenniskaart/package.json' with {type: 'json'}
import puppeteer from 'puppeteer-core'
const site = await build({contentDir: 'content'})
const browser = await puppeteer.launch({executablePath: '/usr/bin/chromium', args: ['--no-sandbox']})
const printed = await build({contentDir: 'content', pdf: {browser}})
const handout = await print({contentDir: 'content', card: 'three-themes', themes: ['voorbereiden'], size: 'A5', browser})
const stillOpen = browser.connected
await browser.close()
console.log(JSON.stringify({version: manifest.version, failed: site.failed, pages: site.pages.map((page) => page.path), pdfsWithout: site.pdfs, pdfs: printed.pdfs, handout: {fileName: handout.fileName, pageCount: handout.pageCount, head: Buffer.from(handout.contents).subarray(0, 5).toString()}, stillOpen}))
`
    )
    const used = await run(process.execPath, ['use.mjs'], project)
    expect(used.code, used.stderr).toBe(0)
    const result = JSON.parse(used.stdout) as {version: string; failed: boolean; pages: string[]; pdfsWithout: unknown[]; pdfs: Array<{path: string; pageCount: number}>; handout: {fileName: string; pageCount: number; head: string}; stillOpen: boolean}
    expect(result.failed).toBe(false)
    expect(result.pages).toEqual(expect.arrayContaining(['index.html', 'three-themes/index.html', 'three-themes/voorbereiden/index.html']))
    expect(result.pdfsWithout).toEqual([])
    expect(result.pdfs).toEqual([{path: 'three-themes/three-themes.pdf', pageCount: expect.any(Number)}])
    expect(result.handout).toMatchObject({fileName: 'three-themes-voorbereiden.pdf', head: '%PDF-'})
    expect(result.handout.pageCount).toBeGreaterThan(0)
    expect(result.stillOpen).toBe(true)
  }, 240_000)

  it('runs `npx kenniskaart build` from a sub-folder of the project, PDFs included', async () => {
    const sub = path.join(project, 'sub folder')
    await mkdir(sub)
    // Without --content there, the content folder above is named, not a stack trace
    const lost = await run(npx, ['--no', 'kenniskaart', 'build'], sub)
    expect(lost.code).toBe(2)
    expect(lost.stderr).toContain(`There is one in ${path.join('..', 'content')}`)
    expect(lost.stderr).toContain(`\`--content ${path.join('..', 'content')}\``)
    const built = await run(npx, ['--no', 'kenniskaart', 'build', '--content', '../content', '--out', '../dist'], sub)
    expect(built.code, built.stderr).toBe(0)
    expect(built.stderr).toMatch(/Built 1 card, 5 web pages, 1 PDF/)
    expect((await readFile(path.join(project, 'dist', 'three-themes', 'three-themes.pdf'))).subarray(0, 5).toString()).toBe('%PDF-')
    expect(await readFile(path.join(project, 'dist', 'three-themes', 'voorbereiden', 'index.html'), 'utf8')).toContain('<html')
    // The cache is the project's, found from the sub-folder
    expect(await readdir(path.join(project, 'node_modules', '.cache', 'kenniskaart'))).toContain('kenniskaart-cache.json')
  }, 240_000)
})
