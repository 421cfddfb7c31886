/* eslint-disable no-control-regex -- the status line is drawn with terminal control sequences */
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {canRunInTerminal, projectWithContent, repoRoot, runCliInProcess, runCliInTerminal} from '../helpers/cli.js'

// Slow: the real browser. What build and pdf say about printing with --verbose and --quiet, and on a terminal.

let project: string
/** The runs' TMPDIR, where their browser profiles go. */
let tmp: string

beforeAll(async () => {
  project = await projectWithContent(path.join(repoRoot, 'test/fixtures/pdf-card/content'))
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kenniskaart-tmpdir-'))
})

afterAll(() => {
  rmSync(project, {recursive: true, force: true})
  rmSync(tmp, {recursive: true, force: true})
})

const foundBrowser = /^(?:\u001b\[K)?Printing with \/.+ \(found by (option|KENNISKAART_BROWSER|PUPPETEER_EXECUTABLE_PATH|puppeteer cache|system)\)\r?\n/m

describe('printing, as the person running it sees it', () => {
  it.runIf(canRunInTerminal)('build on a terminal counts the PDFs done, and --verbose names the browser and times the printing', () => {
    const run = runCliInTerminal(['build', '--verbose'], {cwd: project, env: {TMPDIR: tmp}})
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(foundBrowser)
    // A terminal ends lines with CR LF
    expect(run.stdout).toMatch(/\u001b\[Kprint the PDFs: \d+ ms\r\n/)
    expect(run.stdout).toContain('\rCards 1/1 · PDFs 0/2\u001b[K')
    // Each PDF takes longer to print than the status line waits between redraws
    expect(run.stdout).toMatch(/\rCards 1\/1 · PDFs 1\/2 · leesclub\/[\w/-]+\.pdf\u001b\[K/)
    // Cleared, not drawn again: the cache's account, and the summary follow
    expect(run.stdout).toMatch(/\u001b\[K(?:Cards from the cache: [^\r]*\r\n)put the new output in place: [\d.]+ ms\r\nBuilt 1 card, 5 web pages, 2 PDFs /)
  }, 120_000)

  it('pdf --quiet prints nothing and writes the PDF; pdf --verbose names the browser', async () => {
    const quiet = await runCliInProcess(['pdf', 'leesclub', '--quiet', '--out', 'stil.pdf'], {cwd: project, env: {TMPDIR: tmp}})
    expect(quiet).toEqual({code: 0, signal: null, stdout: '', stderr: ''})
    expect(existsSync(path.join(project, 'stil.pdf'))).toBe(true)
    const verbose = await runCliInProcess(['pdf', 'leesclub', '--verbose', '--out', 'luid.pdf'], {cwd: project, env: {TMPDIR: tmp}})
    expect(verbose.code).toBe(0)
    expect(verbose.stderr).toMatch(foundBrowser)
    expect(verbose.stderr).toMatch(/^print the PDF: \d+ ms\nwrite the PDF: [\d.]+ ms\nWrote luid\.pdf \(/m)
  }, 120_000)
})
