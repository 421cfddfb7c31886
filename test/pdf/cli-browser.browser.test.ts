import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {readPdf} from '../helpers/read-pdf.js'
import {type CliOptions, projectWithContent, readTree, repoRoot, runCli as runCliAs} from '../helpers/cli.js'

// Slow: the real CLI with the real browser.

describe('kenniskaart build with PDFs, through the CLI', () => {
  let project: string
  /** The runs' TMPDIR, where their browser profiles go: other runs on the machine have their own. */
  let tmp: string
  const runCli = (args: string[], options: CliOptions) => runCliAs(args, {...options, env: {TMPDIR: tmp, ...options.env}})

  /** Chromium processes started with a profile of these runs: there must be none after a run. */
  function strayBrowsers(): string[] {
    const output = execFileSync('ps', ['-eo', 'pid=,stat=,args='], {encoding: 'utf8'})
    return output.split('\n').filter((line) => line.includes(path.join(tmp, 'kenniskaart-browser-')) && !/^\s*\d+\s+Z/.test(line))
  }

  beforeAll(async () => {
    project = await projectWithContent(path.join(repoRoot, 'test/fixtures/pdf-card/content'))
    tmp = mkdtempSync(path.join(os.tmpdir(), 'kenniskaart-tmpdir-'))
    const first = await runCli(['build'], {cwd: project})
    expect(first.stderr).toContain('2 PDFs')
    expect(first.code).toBe(0)
  }, 120_000)

  it('writes the card PDF and its handout into dist', () => {
    expect(existsSync(path.join(project, 'dist/leesclub/leesclub.pdf'))).toBe(true)
    expect(existsSync(path.join(project, 'dist/leesclub/handouts/voorlezen-a5.pdf'))).toBe(true)
  })

  it('exits with 3 and says how to get a browser when the named one does not exist', async () => {
    const run = await runCli(['build', '--browser', '/nonexistent/chrome'], {cwd: project})
    expect(run.code).toBe(3)
    expect(run.stderr).toContain('/nonexistent/chrome')
    expect(run.stderr).toContain('--no-pdf')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('fails a print that takes too long with an error naming the card, and keeps the previous output', async () => {
    const before = await readTree(path.join(project, 'dist'))
    const run = await runCli(['build', '--pdf-timeout', '0.05'], {cwd: project})
    expect(run.code).toBe(4)
    expect(run.stderr).toMatch(/Printing the (card|handout) `[\w-]+` of card `leesclub` did not finish within/)
    expect(run.stderr).toContain('--pdf-timeout')
    expect(await readTree(path.join(project, 'dist'))).toEqual(before)
    expect(strayBrowsers()).toEqual([])
  }, 60_000)

  it('leaves the previous output and no browser behind when interrupted while printing', async () => {
    const before = await readTree(path.join(project, 'dist'))
    const run = await runCli(['build'], {
      cwd: project,
      onStart: (child) => {
        // Interrupt once the browser runs: its profile folder is then in the process list
        const poll = setInterval(() => {
          if (strayBrowsers().length > 0) {
            clearInterval(poll)
            child.kill('SIGINT')
          }
        }, 25)
        child.on('close', () => clearInterval(poll))
      }
    })
    expect(run.code).toBe(130)
    expect(run.stderr).toContain('previous output is unchanged')
    expect(await readTree(path.join(project, 'dist'))).toEqual(before)
    expect(readdirSync(project).filter((name) => name.includes('.tmp-'))).toEqual([])
    expect(readdirSync(tmp)).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(strayBrowsers()).toEqual([])
  }, 60_000)

  it('prints a handout of chosen themes in A5 with the pdf command', async () => {
    const run = await runCli(['pdf', 'leesclub', '--themes', 'leesclub-opzetten,leesmotivatie', '--size', 'A5', '--out', 'handout.pdf'], {cwd: project})
    expect(run.code).toBe(0)
    const pdf = await readPdf(readFileSync(path.join(project, 'handout.pdf')))
    expect(pdf.info['Page size']).toContain('(A5)')
    const text = pdf.pageTexts.join('\n')
    // card order, not the order asked for
    expect(text.indexOf('Leesmotivatie')).toBeLessThan(text.indexOf('Leesclub opzetten'))
    expect(text).toContain('Jansen')
    expect(text).not.toContain('De Vries')
  }, 60_000)

  it('prints the findings of the pdf command once, as one JSON array, and nothing else on stdout', async () => {
    const run = await runCli(['pdf', 'leesclub', '--themes', 'leesmotivatie', '--format', 'json', '--out', 'motivatie.pdf'], {cwd: project})
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual([])
  }, 60_000)

  it('refuses an unknown theme with the list of the card\'s themes', async () => {
    const run = await runCli(['pdf', 'leesclub', '--themes', 'voorlezn'], {cwd: project})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('`voorlezn`')
    expect(run.stderr).toContain('leesmotivatie, voorlezen, leesclub-opzetten')
  })
})
