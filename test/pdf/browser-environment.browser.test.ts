import {execFileSync} from 'node:child_process'
import {chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {findBrowser} from '../../src/pdf/find-browser.js'
import {projectWithContent, readTree, repoRoot, runCli, workFolder} from '../helpers/cli.js'

// Slow: the real CLI with the real browser, or with programs that stand in
// for a broken one. Each stand-in is a real program the CLI starts as its
// browser: nothing inside kenniskaart is mocked.

const pdfCard = path.join(repoRoot, 'test/fixtures/pdf-card/content')

let work: {dir: string; remove(): Promise<void>}
/** TMPDIR of every run here: browser profile folders land in it, and none may stay behind. */
let tmp: string
/** The stand-in browsers, by name. */
const browsers: Record<string, string> = {}

/** Write an executable stand-in browser. */
function standIn(name: string, script: string): string {
  const file = path.join(work.dir, 'browsers', name)
  writeFileSync(file, script)
  chmodSync(file, 0o755)
  return file
}

/** Processes (not zombies) whose command line mentions `marker`. */
function processesMentioning(marker: string): string[] {
  const output = execFileSync('ps', ['-eo', 'pid=,stat=,args='], {encoding: 'utf8'})
  return output.split('\n').filter((line) => line.includes(marker) && !/^\s*\d+\s+Z/.test(line))
}

const leftovers = () => readdirSync(tmp)
const env = () => ({TMPDIR: tmp, KENNISKAART_BROWSER: undefined, PUPPETEER_EXECUTABLE_PATH: undefined})
const noStackTrace = /\n\s+at /

beforeAll(async () => {
  work = await workFolder()
  tmp = path.join(work.dir, 'tmp')
  mkdirSync(tmp)
  mkdirSync(path.join(work.dir, 'browsers'))
  const real = (await findBrowser()).executablePath

  browsers.garbage = standIn('garbage.sh', '#!/bin/sh\necho "this is not a browser"\necho "really not" >&2\n')
  browsers.notExecutable = standIn('chrome.txt', 'not a program')
  chmodSync(browsers.notExecutable, 0o644)

  // The real browser, reporting version 120 on the DevTools pipe (fd 4 carries its answers)
  browsers.old = standIn(
    'chromium-120.mjs',
    `#!/usr/bin/env node
import {spawn} from 'node:child_process'
import {createWriteStream} from 'node:fs'
const browser = spawn(${JSON.stringify(real)}, process.argv.slice(2), {stdio: ['inherit', 'inherit', 'inherit', 'inherit', 'pipe']})
const toDriver = createWriteStream(null, {fd: 4})
browser.stdio[4].setEncoding('utf8').on('data', (chunk) => toDriver.write(chunk.replace(/("product":"[A-Za-z]+\\/)\\d+\\./g, '$1120.')))
browser.on('exit', (code) => process.exit(code ?? 1))
`
  )

  // The real browser, killed the moment it is asked to print (fd 3 carries the commands)
  browsers.dies = standIn(
    'dies-when-printing.mjs',
    `#!/usr/bin/env node
import {spawn} from 'node:child_process'
import {createReadStream} from 'node:fs'
const browser = spawn(${JSON.stringify(real)}, process.argv.slice(2), {stdio: ['inherit', 'inherit', 'inherit', 'pipe', 'inherit']})
createReadStream(null, {fd: 3}).on('data', (chunk) => {
  if (chunk.includes('Page.printToPDF')) {
    browser.kill('SIGKILL')
    process.exit(137)
  }
  browser.stdio[3].write(chunk)
})
browser.on('exit', (code) => process.exit(code ?? 1))
`
  )

  // The real browser after 20 s; waiting in short steps, so only this script (whose command line names the profile) lives that long
  browsers.slow = standIn('slow.sh', `#!/bin/sh\ni=0\nwhile [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done\nexec ${JSON.stringify(real)} "$@"\n`)

  // A macOS app bundle around the real browser
  const bundle = path.join(work.dir, 'browsers', 'Chromium.app')
  mkdirSync(path.join(bundle, 'Contents', 'MacOS'), {recursive: true})
  symlinkSync(real, path.join(bundle, 'Contents', 'MacOS', 'Chromium'))
  browsers.bundle = bundle
}, 60_000)

afterAll(async () => {
  await work.remove()
})

describe('a browser that is no browser', () => {
  it('refuses a folder, a file that is no program and programs that are no browser with exit code 3 and a hint', async () => {
    const project = await projectWithContent(pdfCard)
    const named = [tmp, browsers.notExecutable, '/bin/true', browsers.garbage]
    const runs = await Promise.all(named.map((browser) => runCli(['pdf', 'leesclub', '--browser', browser ?? ''], {cwd: project, env: env()})))
    const [folder, notExecutable, ...notBrowsers] = runs
    expect(folder?.stderr).toContain('is a folder, not a program')
    expect(notExecutable?.stderr).toContain('is not executable')
    for (const run of notBrowsers) expect(run.stderr).toContain('it stopped before it answered; is it Chrome, Chromium or Edge?')
    for (const run of runs) {
      expect(run.code).toBe(3)
      expect(run.stderr).toContain('hint: ')
      expect(run.stderr).not.toMatch(noStackTrace)
    }
    expect(readdirSync(project)).toEqual(['content'])
    expect(leftovers()).toEqual([])
  }, 60_000)

  it('refuses a browser older than version 131 with exit code 3, naming the minimum', async () => {
    const project = await projectWithContent(pdfCard)
    const run = await runCli(['pdf', 'leesclub', '--browser', browsers.old ?? ''], {cwd: project, env: env()})
    expect(run.stderr).toContain('is too old to print: it is version 120, and kenniskaart needs 131 or newer')
    expect(run.stderr).toMatch(/hint: .*--browser <path>/)
    expect(run.code).toBe(3)
    expect(readdirSync(project)).toEqual(['content'])
    expect(leftovers()).toEqual([])
  }, 60_000)
})

describe('a browser that dies while printing', () => {
  let project: string

  beforeAll(async () => {
    project = await projectWithContent(pdfCard)
    // The previous output, printed with a browser named by its macOS app bundle
    const first = await runCli(['build', '--browser', browsers.bundle ?? ''], {cwd: project, env: env()})
    expect(first.stderr).toContain('2 PDFs')
    expect(first.code).toBe(0)
  }, 120_000)

  it('stops the build with exit code 4 and a hint, and leaves the previous output, no profile and no browser behind', async () => {
    const before = await readTree(path.join(project, 'dist'))
    const run = await runCli(['build', '--browser', browsers.dies ?? ''], {cwd: project, env: env(), killAfterMs: 40_000})
    expect(run.stderr).toContain('kenniskaart: The browser stopped while printing the PDFs')
    expect(run.stderr).toMatch(/hint: .*Run the command again/)
    expect(run.stderr).not.toMatch(noStackTrace)
    expect(run.code).toBe(4)
    expect(await readTree(path.join(project, 'dist'))).toEqual(before)
    expect(readdirSync(project).sort()).toEqual(['content', 'dist'])
    expect(leftovers()).toEqual([])
    expect(processesMentioning(tmp)).toEqual([])
  }, 60_000)

  it('stops the pdf command with exit code 4 and leaves the PDF there was', async () => {
    const target = path.join(project, 'leesclub.pdf')
    writeFileSync(target, readFileSync(path.join(project, 'dist/leesclub/leesclub.pdf')))
    const before = readFileSync(target)
    const run = await runCli(['pdf', 'leesclub', '--out', 'leesclub.pdf', '--browser', browsers.dies ?? ''], {cwd: project, env: env(), killAfterMs: 40_000})
    expect(run.code).toBe(4)
    expect(run.stderr).toContain('The browser stopped while printing the PDFs')
    expect(readFileSync(target).equals(before)).toBe(true)
    expect(readdirSync(project).sort()).toEqual(['content', 'dist', 'leesclub.pdf'])
    expect(leftovers()).toEqual([])
  }, 60_000)
})

describe('a browser still starting', () => {
  it('is stopped, not awaited, when the content has errors: build and pdf exit with 1 at once', async () => {
    const project = await projectWithContent(pdfCard)
    writeFileSync(path.join(project, 'content/leesclub/02-voorlezen.md'), `${readFileSync(path.join(project, 'content/leesclub/02-voorlezen.md'), 'utf8')}\nZie [@niemand].\n`)
    const started = performance.now()
    const runs = await Promise.all([
      runCli(['build', '--browser', browsers.slow ?? ''], {cwd: project, env: env(), killAfterMs: 30_000}),
      runCli(['pdf', 'leesclub', '--browser', browsers.slow ?? ''], {cwd: project, env: env(), killAfterMs: 30_000})
    ])
    const seconds = (performance.now() - started) / 1000
    for (const run of runs) {
      expect(run.stdout + run.stderr).toContain('citation-unknown')
      expect(run.code).toBe(1)
    }
    // The stand-in takes 20 s to start: waiting for it would show here (the margin is for a busy machine, with other tests running beside)
    expect(seconds).toBeLessThan(15)
    expect(leftovers()).toEqual([])
    expect(processesMentioning(tmp)).toEqual([])
  }, 60_000)

  it('leaves no profile folder and no browser process behind on Ctrl-C', async () => {
    const project = await projectWithContent(pdfCard)
    let startingSeen = false
    const run = await runCli(['build', '--browser', browsers.slow ?? ''], {
      cwd: project,
      env: env(),
      killAfterMs: 30_000,
      onStart: (child) => {
        // Interrupt once the browser process runs with its profile folder
        const poll = setInterval(() => {
          if (processesMentioning(path.join(tmp, 'kenniskaart-browser-')).length > 0 && leftovers().length > 0) {
            clearInterval(poll)
            startingSeen = true
            child.kill('SIGINT')
          }
        }, 25)
        child.on('close', () => clearInterval(poll))
      }
    })
    expect(startingSeen).toBe(true)
    expect(run.code).toBe(130)
    expect(readdirSync(project)).toEqual(['content'])
    expect(leftovers()).toEqual([])
    expect(processesMentioning(tmp)).toEqual([])
  }, 60_000)
})
