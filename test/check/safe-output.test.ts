import {cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {projectWithContent, readTree, repoRoot, runCli, runCliInProcess} from '../helpers/cli.js'

const fixtureContent = path.join(repoRoot, 'test/fixtures/pdf-card/content')
const noStackTrace = /\n\s+at /

// The CLI runs in-process, but for Ctrl-C, which needs a process of its own.

describe('--out refuses targets whose replacement would destroy something', () => {
  let dir: string
  beforeAll(async () => {
    dir = await projectWithContent(fixtureContent)
    symlinkSync(path.join(dir, 'content'), path.join(dir, 'link'))
  })

  it.each([
    ['the file system root', ['--out', '/'], 'root of the file system'],
    ['the home folder', ['--out', os.homedir()], 'home folder'],
    ['the current folder', ['--out', '.'], 'is the current folder'],
    ['a folder holding the current folder, with --force', ['--out', '..', '--force'], 'holds the current folder'],
    ['the content folder', ['--out', 'content'], 'is the content folder'],
    ['a folder inside the content', ['--out', 'content/leesclub/out'], 'lies inside the content folder'],
    ['the real content folder when --content is a link, with --force', ['--content', 'link', '--out', 'REAL_CONTENT', '--force'], 'is the content folder'],
    ['a folder below a link to the content', ['--out', 'link/dist'], 'lies inside the content folder'],
    ['a folder below a link to the content, with --force', ['--out', 'link/dist', '--force'], 'lies inside the content folder']
  ])('refuses %s with exit 2 and touches nothing', async (_, args, reason) => {
    const before = await readTree(dir)
    const real = args.map((arg) => (arg === 'REAL_CONTENT' ? path.join(dir, 'content') : arg))
    const run = await runCliInProcess(['build', '--no-pdf', ...real], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(reason)
    expect(run.stderr).toMatch(/\nhint: /)
    expect(run.stderr).not.toMatch(noStackTrace)
    expect(await readTree(dir)).toEqual(before)
    expect(readdirSync(dir).sort()).toEqual(['content', 'link'])
  })

  it('writes into an empty folder, and replaces its own output on the next build', async () => {
    mkdirSync(path.join(dir, 'site'))
    expect((await runCliInProcess(['build', '--no-pdf', '--out', 'site'], {cwd: dir})).code).toBe(0)
    expect(existsSync(path.join(dir, 'site/.kenniskaart-output'))).toBe(true)
    expect((await runCliInProcess(['build', '--no-pdf', '--out', 'site'], {cwd: dir})).code).toBe(0)
  })
})

describe('an --out that is a symbolic link (a web root)', () => {
  it('is written through: the link stays, the folder it points to holds the new output', async () => {
    const dir = await projectWithContent(fixtureContent)
    mkdirSync(path.join(dir, 'srv/www'), {recursive: true})
    symlinkSync(path.join(dir, 'srv/www'), path.join(dir, 'dist'))
    for (const round of [1, 2]) {
      const run = await runCliInProcess(['build', '--no-pdf'], {cwd: dir})
      expect(run.code, `round ${round}: ${run.stderr}`).toBe(0)
      expect(lstatSync(path.join(dir, 'dist')).isSymbolicLink()).toBe(true)
      expect(readlinkSync(path.join(dir, 'dist'))).toBe(path.join(dir, 'srv/www'))
      expect(existsSync(path.join(dir, 'srv/www/leesclub/index.html'))).toBe(true)
      expect(readdirSync(path.join(dir, 'srv'))).toEqual(['www'])
      expect(readdirSync(dir).sort()).toEqual(['content', 'dist', 'srv'])
    }
  })

  it('is refused with exit 2 when it points at nothing, and the link stays', async () => {
    const dir = await projectWithContent(fixtureContent)
    symlinkSync(path.join(dir, 'gone'), path.join(dir, 'dist'))
    const run = await runCliInProcess(['build', '--no-pdf', '--force'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('symbolic link to something that does not exist')
    expect(lstatSync(path.join(dir, 'dist')).isSymbolicLink()).toBe(true)
    expect(existsSync(path.join(dir, 'gone'))).toBe(false)
  })
})

describe('pdf --out refuses what it would destroy, before starting a browser', () => {
  // KENNISKAART_BROWSER names no browser: a refusal must come before any browser is looked for
  const env = {KENNISKAART_BROWSER: '/nonexistent/chromium'}
  let dir: string
  beforeAll(async () => {
    dir = await projectWithContent(fixtureContent)
    symlinkSync(path.join(dir, 'content'), path.join(dir, 'link'))
    writeFileSync(path.join(dir, 'notes.txt'), 'mine')
    mkdirSync(path.join(dir, 'folder.pdf'))
    writeFileSync(path.join(dir, 'folder.pdf/keep.txt'), 'mine')
  })

  it.each([
    ['a Markdown file of the content, with --force', ['--out', 'content/leesclub/01-leesmotivatie.md', '--force'], 'lies inside the content folder'],
    ['a file below a link to the content', ['--out', 'link/leesclub.pdf'], 'lies inside the content folder'],
    ['the current folder', ['--out', '.', '--force'], 'is the current folder'],
    ['a folder, with --force', ['--out', 'folder.pdf', '--force'], 'it is a folder'],
    ['a file that is not a PDF kenniskaart wrote', ['--out', 'notes.txt'], 'not a PDF written by kenniskaart']
  ])('refuses %s with exit 2', async (_, args, reason) => {
    const before = await readTree(dir)
    const run = await runCliInProcess(['pdf', 'leesclub', ...args], {cwd: dir, env})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(reason)
    expect(run.stderr).toMatch(/\nhint: /)
    expect(run.stderr).not.toMatch(noStackTrace)
    expect(await readTree(dir)).toEqual(before)
  })
})

describe('leftovers of a killed build', () => {
  it('are removed by the next build, and a stranded previous output is put back first', async () => {
    const dir = await projectWithContent(fixtureContent)
    expect((await runCliInProcess(['build', '--no-pdf'], {cwd: dir})).code).toBe(0)
    const built = await readTree(path.join(dir, 'dist'))
    // Killed between the two renames: the output is aside, a half-written new one beside it
    const ended = 999_999_999
    const stamp = Date.now().toString(36)
    cpSync(path.join(dir, 'dist'), path.join(dir, `.dist.old-${ended}-${stamp}`), {recursive: true})
    writeFileSync(path.join(dir, `.dist.old-${ended}-${stamp}/leesclub/index.html`), 'the previous output, marked')
    cpSync(path.join(dir, 'dist'), path.join(dir, `.dist.tmp-${ended}-${stamp}`), {recursive: true})
    rmSync(path.join(dir, 'dist'), {recursive: true})
    // A build running now (this test's process) and another output's leftover are not touched
    mkdirSync(path.join(dir, `.dist.tmp-${process.pid}-${stamp}`))
    mkdirSync(path.join(dir, `.site.tmp-${ended}-${stamp}`))

    // A build that stops on content errors still recovers, and writes nothing
    const broken = path.join(dir, 'content/leesclub/index.md')
    const card = readFileSync(broken, 'utf8')
    writeFileSync(broken, card.replace(/^title:.*$/m, 'title: [not, a, string]'))
    const failed = await runCliInProcess(['build', '--no-pdf'], {cwd: dir})
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/Restored the previous output from \.dist\.old-999999999-/)
    expect(failed.stderr).toMatch(/Removed 1 leftover folder/)
    expect(readFileSync(path.join(dir, 'dist/leesclub/index.html'), 'utf8')).toBe('the previous output, marked')
    expect(readdirSync(dir).sort()).toEqual(['.dist.tmp-' + process.pid + '-' + stamp, `.site.tmp-${ended}-${stamp}`, 'content', 'dist'].sort())

    writeFileSync(broken, card)
    expect((await runCliInProcess(['build', '--no-pdf'], {cwd: dir})).code).toBe(0)
    expect(await readTree(path.join(dir, 'dist'))).toEqual(built)
  })
})

describe.concurrent('an interrupted build', () => {
  // Ctrl-C while the output is being written leaves the previous build or the complete new one, as the message says: never half.
  // A preload makes the chosen write step wait for the interrupt: Ctrl-C at a moment picked by the clock almost always misses the few
  // milliseconds a write takes, and then a writer that deletes the old output first and writes in place would pass too.
  const pauseOutputSteps = {NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(path.join(repoRoot, 'test/helpers/pause-output-steps.js')).href}`.trim()}
  const stepLine = /^output-step (\d+) (write|rename) (.*)$/gm
  let template: string
  let before: Map<string, Buffer>
  let complete: Map<string, Buffer>
  let steps: Array<{number: number; kind: string; target: string}>

  beforeAll(async () => {
    template = await projectWithContent(fixtureContent)
    expect((await runCliInProcess(['build', '--no-pdf'], {cwd: template})).code).toBe(0)
    before = await readTree(path.join(template, 'dist'))
    // The next build differs: one theme's text changed
    const theme = path.join(template, 'content/leesclub/03-leesclub-opzetten.md')
    writeFileSync(theme, readFileSync(theme, 'utf8').replace('vier tot zes', 'drie tot vijf'))
    // The same build, not interrupted: its steps, and the complete new output
    const recording = await copyOf(template)
    const run = await runCli(['build', '--no-pdf'], {cwd: recording, env: pauseOutputSteps})
    expect(run.code, run.stderr).toBe(0)
    steps = [...run.stderr.matchAll(stepLine)].map((match) => ({number: Number(match[1]), kind: match[2]!, target: match[3]!}))
    complete = await readTree(path.join(recording, 'dist'))
    expect(complete).not.toEqual(before)
  }, 60_000)

  async function copyOf(dir: string): Promise<string> {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'kenniskaart-interrupted-'))
    cpSync(dir, copy, {recursive: true})
    return copy
  }

  /** Build the changed content, and interrupt it while the given step waits. */
  async function interruptedAt(pick: (all: typeof steps) => (typeof steps)[number] | undefined) {
    const step = pick(steps)
    expect(step, 'the step exists').toBeDefined()
    const dir = await copyOf(template)
    const run = await runCli(['build', '--no-pdf'], {
      cwd: dir,
      env: {...pauseOutputSteps, KENNISKAART_TEST_PAUSE_AT: String(step!.number)},
      onStart: (child) => {
        let seen = ''
        child.stderr?.on('data', (chunk: Buffer | string) => {
          seen += String(chunk)
          if (seen.includes(`output-step ${step!.number} `)) child.kill('SIGINT')
        })
      }
    })
    const leftovers = readdirSync(dir).filter((name) => name.includes('.tmp-') || name.includes('.old-'))
    return {run, after: await readTree(path.join(dir, 'dist')), leftovers}
  }

  const writes = (all: typeof steps) => all.filter((step) => step.kind === 'write')
  it.each([
    ['writing the first file', (all: typeof steps) => writes(all)[0]],
    ['writing a file halfway', (all: typeof steps) => writes(all)[Math.floor(writes(all).length / 2)]],
    ['writing the last file', (all: typeof steps) => writes(all).at(-1)],
    ['moving the old output aside', (all: typeof steps) => all.find((step) => step.kind === 'rename' && step.target.includes('.dist.old-'))]
  ])('leaves the old output, whole, when interrupted while %s', async (_, pick) => {
    const {run, after, leftovers} = await interruptedAt(pick)
    expect(run.code, run.stderr).toBe(130)
    expect(run.stderr).toContain('Interrupted: the previous output is unchanged.')
    expect(run.stderr).not.toMatch(/unexpected error/)
    expect(after).toEqual(before)
    expect(leftovers).toEqual([])
  }, 30_000)

  it('keeps the new output, whole, when interrupted while moving it in, and says so', async () => {
    const {run, after, leftovers} = await interruptedAt((all) => all.find((step) => step.kind === 'rename' && step.target.includes('.dist.tmp-')))
    expect(run.code, run.stderr).toBe(130)
    expect(run.stderr).toContain('Interrupted: the new output was already complete and is in place.')
    expect(after).toEqual(complete)
    expect(leftovers).toEqual([])
  }, 30_000)
})
