import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {projectWithContent, readTree, repoRoot, runCli} from '../helpers/cli.js'

const fixtureContent = path.join(repoRoot, 'test/fixtures/pdf-card/content')

describe('--out refuses targets whose replacement would destroy something', () => {
  let dir: string
  beforeAll(async () => {
    dir = await projectWithContent(fixtureContent)
  })

  it.each([
    ['the file system root', '/', 'root of the file system'],
    ['the home folder', os.homedir(), 'home folder'],
    ['the current folder', '.', 'current folder'],
    ['the content folder', 'content', 'is the content folder'],
    ['a folder inside the content', 'content/leesclub/out', 'lies inside the content folder'],
    ['a folder holding the content', '..', 'holds the content folder']
  ])('refuses %s with exit 2 and touches nothing', async (_, out, reason) => {
    const before = await readTree(path.join(dir, 'content'))
    const run = await runCli(['build', '--no-pdf', '--out', out], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(reason)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(await readTree(path.join(dir, 'content'))).toEqual(before)
  })

  it('refuses even with --force to write into the content folder', async () => {
    const run = await runCli(['build', '--no-pdf', '--force', '--out', 'content'], {cwd: dir})
    expect(run.code).toBe(2)
  })

  it('writes into an empty folder, and replaces its own output on the next build', async () => {
    mkdirSync(path.join(dir, 'site'))
    expect((await runCli(['build', '--no-pdf', '--out', 'site'], {cwd: dir})).code).toBe(0)
    expect(existsSync(path.join(dir, 'site/.kenniskaart-output'))).toBe(true)
    expect((await runCli(['build', '--no-pdf', '--out', 'site'], {cwd: dir})).code).toBe(0)
  })
})

describe('an interrupted build', () => {
  // At whatever moment Ctrl-C comes, the output is the previous build or the complete new one: never half.
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
    else {
      expect(run.code === 130 || run.signal === 'SIGINT').toBe(true)
      expect(after).toEqual(before)
    }
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-') || name.includes('.old-'))).toEqual([])
  }, 30_000)
})
