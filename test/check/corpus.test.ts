import {cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {checkContent} from '../../src/commands/check.js'
import {maxFileBytes} from '../../src/content/read-content.js'
import {collectFindings} from '../../src/report/findings.js'
import {type RuleId, rules} from '../../src/report/rules.js'
import {repoRoot, runCli} from '../helpers/cli.js'

/**
 * The broken-input corpus: each folder under test/fixtures/broken/ is a tiny
 * project with a `content/` folder and `expected.json`, the exact findings
 * `kenniskaart check` must report for it. Line and column in those files
 * are worked out by hand from the inputs, not copied from the tool.
 *
 * The cases run in-process, through the function the `check` command runs
 * and the findings its `--format json` prints; a few run the real CLI too,
 * for its exit codes and output.
 */
const corpusDir = path.join(repoRoot, 'test', 'fixtures', 'broken')

interface ExpectedFinding {
  rule: string
  file: string
  line: number
  column: number
  /** Where the finding's range ends, when it has one; compared only when the expected finding gives it. */
  endLine?: number
  endColumn?: number
  severity: 'error' | 'warning'
}

/**
 * What cannot live in git: a file over the size limit, and symbolic links.
 * These cases run on a copy in the temp folder, finished by their setup.
 */
const setups: Record<string, (caseDir: string) => Promise<void>> = {
  async 'file-too-large'(caseDir) {
    const head = '---\ntitle: Groot\nsummary: Te groot.\n---\n\n'
    await writeFile(path.join(caseDir, 'content/kaart/02-groot.md'), head + 'a'.repeat(maxFileBytes + 1 - head.length))
  },
  async 'symlink-file-outside'(caseDir) {
    await symlink('../../buiten.md', path.join(caseDir, 'content/kaart/02-link.md'))
  },
  async 'symlink-card-outside'(caseDir) {
    await symlink('../elders', path.join(caseDir, 'content/elders'))
  },
  async 'symlink-broken'(caseDir) {
    await symlink('bestaat-niet.md', path.join(caseDir, 'content/kaart/02-weg.md'))
  },
  async 'table-too-large'(caseDir) {
    // 200 columns and 61 rows: few lines, but HTML would pad it to 12,200 cells
    const table = `|${'a|'.repeat(200)}\n|${'-|'.repeat(200)}\n${'b\n'.repeat(59)}`
    await writeFile(path.join(caseDir, 'content/kaart/01-thema.md'), `---\ntitle: Thema\nsummary: Over het thema.\n---\n\n${table}`)
  },
  async 'table-issue-example'(caseDir) {
    // The issue's 30 KB that HTML would pad to 25 million cells: its 5,000 lines are refused before parsing
    const table = `|${'a|'.repeat(5000)}\n|${'-|'.repeat(5000)}\n${'b\n'.repeat(5000)}`
    await writeFile(path.join(caseDir, 'content/kaart/01-thema.md'), `---\ntitle: Thema\nsummary: Over het thema.\n---\n\n${table}`)
  },
  async 'heading-too-long'(caseDir) {
    await writeFile(path.join(caseDir, 'content/kaart/01-thema.md'), `---\ntitle: Thema\nsummary: Over het thema.\n---\n\n## ${'x'.repeat(100_000)}\n`)
  },
  async 'title-too-long'(caseDir) {
    await writeFile(path.join(caseDir, 'content/kaart/01-thema.md'), `---\ntitle: ${'x'.repeat(100_000)}\nsummary: Over het thema.\n---\n\nTekst.\n`)
  },
  async 'markdown-too-deep-quotes-prescan'(caseDir) {
    await writeFile(path.join(caseDir, 'content/kaart/01-thema.md'), `---\ntitle: Thema\nsummary: Over het thema.\n---\n\n${'>'.repeat(1300)} x\n`)
  },
  async 'markdown-too-deep-many-lines'(caseDir) {
    // Each line within the limit, but together a minute of parsing (in paragraphs of 500 lines)
    await writeFile(path.join(caseDir, 'content/kaart/01-thema.md'), `---\ntitle: Thema\nsummary: Over het thema.\n---\n\n${`${`${'>'.repeat(90)} x\n`.repeat(500)}\n`.repeat(6)}`)
  },
  async 'markdown-too-deep-html-blocks'(caseDir) {
    // Each unclosed <div> holds everything after it
    await writeFile(path.join(caseDir, 'content/kaart/01-thema.md'), `---\ntitle: Thema\nsummary: Over het thema.\n---\n\n${'<div>\n\nx\n\n'.repeat(5000)}`)
  },
  async 'image-link-outside-card'(caseDir) {
    await mkdir(path.join(caseDir, 'content/kaart/figuren'), {recursive: true})
    await symlink('../../../buiten.png', path.join(caseDir, 'content/kaart/figuren/foto.png'))
  },
  async 'theme-json-symlink-escape'(caseDir) {
    await symlink('../../secret.txt', path.join(caseDir, 'themes/link/fonts.css'))
  },
  async 'yaml-too-deep'(caseDir) {
    // 10,000 nested lists, and 10,000 nested mappings: the YAML parser runs out of stack on both
    const card = path.join(caseDir, 'content/kaart')
    await writeFile(path.join(card, '01-lijsten.md'), `---\ntitle: ${'['.repeat(10_000)}${']'.repeat(10_000)}\nsummary: Diep.\n---\n\nTekst.\n`)
    await writeFile(path.join(card, '02-mappen.md'), `---\ntitle: Mappen\nsummary: ${'{a: '.repeat(10_000)}b${'}'.repeat(10_000)}\n---\n\nTekst.\n`)
  },
  // A paragraph over the marker limit, one over the line limit, and a tip over the marker limit.
  async 'markdown-too-complex'(caseDir) {
    const card = path.join(caseDir, 'content/kaart')
    const brackets = '[a] '.repeat(501)
    await writeFile(path.join(card, '01-haken.md'), `---\ntitle: Thema\nsummary: Over het thema.\n---\n\nTekst[@bron].\n\nEen alinea ${brackets}\n`)
    await writeFile(path.join(card, '02-regels.md'), `---\ntitle: Regels\nsummary: Veel regels.\n---\n\n${'> regel\n'.repeat(1001)}`)
    await writeFile(path.join(card, '03-tip.md'), `---\ntitle: Tip\nsummary: Een tip.\ntips:\n  - "Lees ${'[]'.repeat(501)}"\n---\n\nTekst[@bron].\n`)
  }
}

const caseNames = (await readdir(corpusDir, {withFileTypes: true}))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

const tempRoot = await mkdtemp(path.join(os.tmpdir(), 'kenniskaart-corpus-'))

afterAll(async () => {
  await rm(tempRoot, {recursive: true, force: true})
})

async function expectedOf(name: string): Promise<ExpectedFinding[]> {
  return JSON.parse(await readFile(path.join(corpusDir, name, 'expected.json'), 'utf8')) as ExpectedFinding[]
}

const prepared = new Map<string, Promise<string>>()

/** The folder to run a case in: the fixture itself, or a finished copy. */
function caseDir(name: string): Promise<string> {
  let dir = prepared.get(name)
  if (!dir) {
    dir = prepare(name)
    prepared.set(name, dir)
  }
  return dir
}

async function prepare(name: string): Promise<string> {
  const setup = setups[name]
  if (!setup) return path.join(corpusDir, name)
  const copy = path.join(tempRoot, name)
  await cp(path.join(corpusDir, name), copy, {recursive: true})
  await setup(copy)
  return copy
}

/** What `kenniskaart check --format json` reports for a case, run in-process. */
async function findingsOf(name: string): Promise<ExpectedFinding[]> {
  const dir = await caseDir(name)
  const {files} = await checkContent(path.join(dir, 'content'))
  return collectFindings(files, dir) as ExpectedFinding[]
}

const order = (a: ExpectedFinding, b: ExpectedFinding) =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule) ||
  (a.endLine ?? 0) - (b.endLine ?? 0) || (a.endColumn ?? 0) - (b.endColumn ?? 0)

/**
 * The found and the expected findings, sorted and reduced to what is
 * compared: rule, file, line, column and severity, and the end position
 * where the expected finding gives one (a found finding without it fails).
 */
function comparable(found: ExpectedFinding[], expected: ExpectedFinding[]): {found: ExpectedFinding[]; expected: ExpectedFinding[]} {
  const reduce = (finding: ExpectedFinding, withEnd: ExpectedFinding | undefined): ExpectedFinding => {
    const {rule, file, line, column, severity} = finding
    const end = withEnd?.endLine === undefined && withEnd?.endColumn === undefined ? {} : {endLine: finding.endLine, endColumn: finding.endColumn}
    return {rule, file, line, column, severity, ...end}
  }
  const sortedExpected = [...expected].sort(order)
  const sortedFound = [...found].sort(order)
  return {
    found: sortedFound.map((finding, index) => reduce(finding, sortedExpected[index])),
    expected: sortedExpected.map((finding) => reduce(finding, finding))
  }
}

describe('the broken-input corpus', () => {
  it('has at least 40 broken inputs', () => {
    expect(caseNames.filter((name) => name !== 'bom-and-crlf-accepted').length).toBeGreaterThanOrEqual(40)
  })

  it('covers every rule id that content can trigger', async () => {
    const covered = new Set((await Promise.all(caseNames.map(expectedOf))).flat().map((finding) => finding.rule))
    // Raised while printing a PDF, not by content checks: the print preflight's
    // rules need the layout the browser printed, so they are tested with the
    // browser in test/pdf/preflight.browser.test.ts (fonts: on a hand-made PDF).
    const notFromContent: RuleId[] = ['pdf-request-blocked', 'pdf-box-split', 'pdf-page-nearly-empty', 'pdf-text-outside-page', 'pdf-font-not-embedded']
    const missing = (Object.keys(rules) as RuleId[]).filter((rule) => !covered.has(rule) && !notFromContent.includes(rule))
    expect(missing).toEqual([])
  })

  it('names only rule ids that exist', async () => {
    const named = (await Promise.all(caseNames.map(expectedOf))).flat().map((finding) => finding.rule)
    expect(named.filter((rule) => !(rule in rules))).toEqual([])
  })
})

describe.each(caseNames)('kenniskaart check on the corpus case %s', (name) => {
  it('reports exactly the expected findings, each at its line and column', async () => {
    const [expected, found] = await Promise.all([expectedOf(name), findingsOf(name)])
    const compared = comparable(found, expected)
    expect(compared.found).toEqual(compared.expected)
  })
})

/**
 * The real CLI on a few cases: its exit code (1 only on errors; with
 * `--strict` on warnings too), its JSON on stdout, and no stack trace.
 */
const cliCases = {
  errors: 'citation-unknown',
  warningsOnly: 'unknown-key-near-miss',
  clean: 'bom-and-crlf-accepted'
}

/** Cases with warnings only, run again with `--strict`, which must make them fail. */
const strictCases = ['unknown-key-near-miss', 'source-uncited', 'heading-level-skipped']

describe.concurrent('kenniskaart check through the CLI', () => {
  it.each(Object.values(cliCases))('prints the findings of %s as JSON, and exits 1 only on errors', async (name) => {
    const [expected, cwd] = await Promise.all([expectedOf(name), caseDir(name)])
    const run = await runCli(['check', '--content', 'content', '--format', 'json'], {cwd})
    expect(run.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/)
    const compared = comparable(JSON.parse(run.stdout) as ExpectedFinding[], expected)
    expect(compared.found).toEqual(compared.expected)
    expect(run.code).toBe(expected.some((finding) => finding.severity === 'error') ? 1 : 0)
  })

  it.each(strictCases)('exits 1 with --strict on %s, whose findings are all warnings', async (name) => {
    const expected = await expectedOf(name)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.every((finding) => finding.severity === 'warning')).toBe(true)
    const run = await runCli(['check', '--content', 'content', '--format', 'json', '--strict'], {cwd: await caseDir(name)})
    expect(run.code).toBe(1)
  })

  it('exits 0 with --strict when there is nothing to report, and prints nothing on stdout', async () => {
    const run = await runCli(['check', '--content', 'content', '--strict'], {cwd: await caseDir(cliCases.clean)})
    expect(run.stdout).toBe('')
    expect(run.code).toBe(0)
  })

  it('prints the findings as text by default, each as path:line:column, and exits 1 on errors', async () => {
    const run = await runCli(['check', '--content', 'content'], {cwd: await caseDir(cliCases.errors)})
    expect(run.stdout).toMatch(/^content\/kaart\/01-thema\.md:6:17\b.*\berror\b/m)
    expect(run.stdout).toContain('citation-unknown')
    expect(run.code).toBe(1)
  })
})
