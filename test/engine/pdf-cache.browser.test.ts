import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {findBrowser} from '../../src/pdf/find-browser.js'
import {projectWithContent, readTree, repoRoot, runCli, summaryFindings, workFolder} from '../helpers/cli.js'

// The real CLI and the real browser, started through a script that notes
// each start in a log: an unchanged card must print nothing and start no browser.

const pdfCard = path.join(repoRoot, 'test/fixtures/pdf-card/content')

let work: {dir: string; remove(): Promise<void>}
let project: string
let browser: string
let log: string
let builds = 0

beforeAll(async () => {
  work = await workFolder()
  project = await projectWithContent(pdfCard)
  const real = (await findBrowser()).executablePath
  log = path.join(work.dir, 'browser-starts.log')
  writeFileSync(log, '')
  mkdirSync(path.join(work.dir, 'bin'))
  browser = path.join(work.dir, 'bin', 'logging-browser')
  writeFileSync(browser, `#!/bin/sh\necho started >> '${log}'\nexec '${real}' "$@"\n`)
  chmodSync(browser, 0o755)
})

afterAll(async () => {
  await work.remove()
})

const starts = () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length

/** A build with PDFs; `cached` uses the project's cache folder. The date in the PDFs is fixed, so two prints can be compared. */
async function build(cached: boolean) {
  const out = path.join(work.dir, `out-${builds++}`)
  const run = await runCli(['build', '--out', out, '--browser', browser, ...(cached ? ['--cache-dir', path.join(work.dir, 'cache')] : ['--no-cache'])], {
    cwd: project,
    env: {SOURCE_DATE_EPOCH: '1700000000'},
    killAfterMs: 120_000
  })
  expect(run.stderr).toMatch(/Built 1 card/)
  expect(run.code).toBe(0)
  return readTree(out)
}

function expectSameTree(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...a.keys()]).toEqual([...b.keys()])
  for (const [file, bytes] of a) expect(b.get(file)?.equals(bytes), file).toBe(true)
}

describe('PDFs from the cache', () => {
  it('reuses the PDFs of an unchanged card without starting a browser, byte for byte', async () => {
    const cold = await build(true)
    expect([...cold.keys()].filter((file) => file.endsWith('.pdf')).length).toBeGreaterThan(1)
    const started = starts()
    expect(started).toBeGreaterThan(0)
    const warm = await build(true)
    expect(starts()).toBe(started)
    expectSameTree(warm, cold)
    // And a build without the cache prints the same bytes
    expectSameTree(await build(false), cold)
  }, 240_000)

  it('prints again what a change touches, the same bytes as a build without the cache', async () => {
    await build(true)
    const started = starts()
    const file = path.join(project, 'content/leesclub/index.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "De leesclub, herzien"'))
    const changed = await build(true)
    expect(starts()).toBeGreaterThan(started)
    expectSameTree(changed, await build(false))
  }, 240_000)
})

describe('a cached PDF whose print refused a request', () => {
  it('reports the refused request again, once, when the PDF comes from the cache', async () => {
    // A local visual theme whose print stylesheet asks for an image elsewhere: the print refuses it
    const themeDir = path.join(project, 'themes', 'ver')
    mkdirSync(themeDir, {recursive: true})
    for (const sheet of ['site.css', 'print.css']) writeFileSync(path.join(themeDir, sheet), readFileSync(path.join(repoRoot, 'themes/kenniskaart', sheet), 'utf8'))
    writeFileSync(path.join(themeDir, 'print.css'), `body { background-image: url(https://cdn.example.invalid/papier.png); }\n${readFileSync(path.join(themeDir, 'print.css'), 'utf8')}`)
    const config = JSON.parse(readFileSync(path.join(repoRoot, 'themes/kenniskaart/theme.json'), 'utf8')) as Record<string, unknown>
    writeFileSync(path.join(themeDir, 'theme.json'), JSON.stringify({...config, name: 'ver', stylesheets: {site: 'site.css', print: 'print.css'}, fonts: []}))
    const index = path.join(project, 'content/leesclub/index.md')
    writeFileSync(index, readFileSync(index, 'utf8').replace(/^---\n/, '---\ntheme: ver\n'))
    const findings = async () => {
      const run = await runCli(['build', '--out', path.join(work.dir, `out-${builds++}`), '--browser', browser, '--cache-dir', path.join(work.dir, 'cache'), '--format', 'json'], {
        cwd: project,
        env: {SOURCE_DATE_EPOCH: '1700000000'},
        killAfterMs: 120_000
      })
      expect(run.code).toBe(0)
      return summaryFindings<{rule: string; file: string; line: number}>(run.stdout).filter((finding) => finding.rule === 'pdf-request-blocked')
    }
    const printed = await findings()
    expect(printed).toHaveLength(1)
    expect(printed[0]!.file).toMatch(/themes\/ver\/print\.css$/)
    const started = starts()
    expect(await findings()).toEqual(printed)
    // The PDFs came from the cache: no browser
    expect(starts()).toBe(started)
  }, 240_000)
})
