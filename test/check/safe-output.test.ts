import {cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {projectWithContent, readTree, repoRoot, runCli} from '../helpers/cli.js'

const fixtureContent = path.join(repoRoot, 'test/fixtures/pdf-card/content')
const noStackTrace = /\n\s+at /

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
    const run = await runCli(['build', '--no-pdf', ...real], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(reason)
    expect(run.stderr).toMatch(/\nhint: /)
    expect(run.stderr).not.toMatch(noStackTrace)
    expect(await readTree(dir)).toEqual(before)
    expect(readdirSync(dir).sort()).toEqual(['content', 'link'])
  })

  it('writes into an empty folder, and replaces its own output on the next build', async () => {
    mkdirSync(path.join(dir, 'site'))
    expect((await runCli(['build', '--no-pdf', '--out', 'site'], {cwd: dir})).code).toBe(0)
    expect(existsSync(path.join(dir, 'site/.kenniskaart-output'))).toBe(true)
    expect((await runCli(['build', '--no-pdf', '--out', 'site'], {cwd: dir})).code).toBe(0)
  })
})

describe('an --out that is a symbolic link (a web root)', () => {
  it('is written through: the link stays, the folder it points to holds the new output', async () => {
    const dir = await projectWithContent(fixtureContent)
    mkdirSync(path.join(dir, 'srv/www'), {recursive: true})
    symlinkSync(path.join(dir, 'srv/www'), path.join(dir, 'dist'))
    for (const round of [1, 2]) {
      const run = await runCli(['build', '--no-pdf'], {cwd: dir})
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
    const run = await runCli(['build', '--no-pdf', '--force'], {cwd: dir})
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
    const run = await runCli(['pdf', 'leesclub', ...args], {cwd: dir, env})
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
    expect((await runCli(['build', '--no-pdf'], {cwd: dir})).code).toBe(0)
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
    const failed = await runCli(['build', '--no-pdf'], {cwd: dir})
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/Restored the previous output from \.dist\.old-999999999-/)
    expect(failed.stderr).toMatch(/Removed 1 leftover folder/)
    expect(readFileSync(path.join(dir, 'dist/leesclub/index.html'), 'utf8')).toBe('the previous output, marked')
    expect(readdirSync(dir).sort()).toEqual(['.dist.tmp-' + process.pid + '-' + stamp, `.site.tmp-${ended}-${stamp}`, 'content', 'dist'].sort())

    writeFileSync(broken, card)
    expect((await runCli(['build', '--no-pdf'], {cwd: dir})).code).toBe(0)
    expect(await readTree(path.join(dir, 'dist'))).toEqual(built)
  })
})

describe('an interrupted build', () => {
  // At whatever moment Ctrl-C comes, the output is the previous build or the complete new one, as the message says: never half.
  it.each([0, 120, 250, 400, 700, 1200])('leaves the old output or the whole new one when interrupted after %i ms', async (delay) => {
    const dir = await projectWithContent(fixtureContent)
    expect((await runCli(['build', '--no-pdf'], {cwd: dir})).code).toBe(0)
    const before = await readTree(path.join(dir, 'dist'))
    // The next build differs: one theme's text changed
    const theme = path.join(dir, 'content/leesclub/03-leesclub-opzetten.md')
    writeFileSync(theme, readFileSync(theme, 'utf8').replace('vier tot zes', 'drie tot vijf'))
    cpSync(path.join(dir, 'content'), path.join(dir, 'reference-content'), {recursive: true})
    expect((await runCli(['build', '--no-pdf', '--content', 'reference-content', '--out', 'reference'], {cwd: dir})).code).toBe(0)
    const complete = await readTree(path.join(dir, 'reference'))

    const run = await runCli(['build', '--no-pdf'], {cwd: dir, onStart: (child) => setTimeout(() => child.kill('SIGINT'), delay)})
    const after = await readTree(path.join(dir, 'dist'))
    if (run.code === 0) expect(after).toEqual(complete)
    else if (run.stderr.includes('the new output was already complete')) {
      expect(run.code).toBe(130)
      expect(after).toEqual(complete)
    } else {
      expect(run.code === 130 || run.signal === 'SIGINT').toBe(true)
      expect(after).toEqual(before)
    }
    expect(run.stderr).not.toMatch(/unexpected error/)
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-') || name.includes('.old-'))).toEqual([])
  }, 30_000)
})
