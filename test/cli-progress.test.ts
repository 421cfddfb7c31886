/* eslint-disable no-control-regex -- the status line is drawn with terminal control sequences */
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {canRunInTerminal, copyCard, runCli, runCliInProcess, runCliInTerminal, workFolder} from './helpers/cli.js'
import {fixtureCardsDir} from './helpers/content.js'

// --quiet and --verbose of build, pdf and check, and the status line a build shows on a terminal.

let work: {dir: string; remove(): Promise<void>}
let warned: string

beforeAll(async () => {
  work = await workFolder()
  await copyCard(path.join(fixtureCardsDir, 'three-themes'), work.dir, 'kaart')
  // A second project whose card has a warning (an unknown frontmatter key): it builds, with a finding
  warned = path.join(work.dir, 'warned')
  const theme = await copyCard(path.join(fixtureCardsDir, 'three-themes'), warned, 'kaart')
  const file = path.join(theme, '01-terugblikken.md')
  await writeFile(file, (await readFile(file, 'utf8')).replace('---\n', '---\nkleur: rood\n'))
})

afterAll(async () => {
  await work.remove()
})

const site = (name: string) => ['--no-pdf', '--out', path.join(work.dir, name), '--force']

describe('--quiet', () => {
  it('build prints no summary', async () => {
    const [plain, quiet] = await Promise.all([
      runCliInProcess(['build', ...site('plain')], {cwd: work.dir}),
      runCliInProcess(['build', '--quiet', ...site('quiet')], {cwd: work.dir})
    ])
    expect(plain.stderr).toMatch(/^Built 1 card, /)
    expect(quiet).toEqual({code: 0, signal: null, stdout: '', stderr: ''})
  })

  it('build still prints the findings', async () => {
    const run = await runCliInProcess(['build', '-q', '--no-pdf', '--out', path.join(warned, 'dist')], {cwd: warned})
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('frontmatter-unknown-key')
    expect(run.stderr).toBe('')
  })

  it('check prints no summary', async () => {
    const [plain, quiet] = await Promise.all([runCliInProcess(['check'], {cwd: work.dir}), runCliInProcess(['check', '--quiet'], {cwd: work.dir})])
    expect(plain.stderr).toMatch(/^Checked 1 card in /)
    expect(quiet).toEqual({code: 0, signal: null, stdout: '', stderr: ''})
  })

  it('cannot be combined with --verbose: a usage error', async () => {
    const run = await runCliInProcess(['build', '--quiet', '--verbose', ...site('both')], {cwd: work.dir})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("option '-q, --quiet' cannot be used with option '--verbose'")
  })
})

describe('--verbose', () => {
  it('build prints how long each stage took, then the summary', async () => {
    const run = await runCliInProcess(['build', '--verbose', ...site('verbose')], {cwd: work.dir})
    expect(run.code).toBe(0)
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines.map((line) => line.replace(/: [\d.]+ ms$/, ': … ms'))).toEqual([
      'No cache',
      'check, make and write the cards: … ms',
      'Cards from the cache: 0 of 1; files made again: 4; PDFs from the cache: 0 of 0',
      'put the new output in place: … ms',
      expect.stringMatching(/^Built 1 card, /)
    ])
  })
})

describe('the status line', () => {
  it('is not written when stderr is not a terminal', async () => {
    const run = await runCli(['build', ...site('piped')], {cwd: work.dir})
    expect(run.code).toBe(0)
    expect(run.stderr).not.toContain('Cards')
    expect(run.stderr).not.toContain('\r')
  })

  it.runIf(canRunInTerminal)('shows the cards done on a terminal, and is cleared before the summary', () => {
    const run = runCliInTerminal(['build', ...site('terminal')], {cwd: work.dir})
    expect(run.code).toBe(0)
    // The first state is drawn at once; later ones at most ten times a second
    expect(run.stdout).toContain('\rCards 0/1\u001b[K')
    expect(run.stdout).toMatch(/\r\u001b\[KBuilt 1 card, /)
  })

  it.runIf(canRunInTerminal)('is not shown on a terminal with --quiet, nor in CI', () => {
    for (const run of [runCliInTerminal(['build', '--quiet', ...site('terminal-quiet')], {cwd: work.dir}), runCliInTerminal(['build', ...site('terminal-ci')], {cwd: work.dir, env: {CI: 'true'}})]) {
      expect(run.code).toBe(0)
      expect(run.stdout).not.toContain('Cards')
    }
  })
})
