/* eslint-disable no-control-regex -- these tests are about control characters */
import {cp, mkdir, readFile, rename, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {escapeTerminal} from '../../src/report/escape-terminal.js'
import {type Finding, formatFindings} from '../../src/report/findings.js'
import {hashedPath} from '../helpers/hashed.js'
import {canRunInTerminal, readTree, repoRoot, runCliInProcess, runCliInTerminal, summaryFindings, workFolder} from '../helpers/cli.js'

/**
 * Text from content that reaches the terminal, CSS or the page: keys with
 * escape sequences, folder names with newlines, mapping keys that name
 * members of Object.prototype, and a local theme that points outside itself.
 */
const corpusDir = path.join(repoRoot, 'test', 'fixtures', 'broken')
const folders: Array<{remove(): Promise<void>}> = []

afterAll(async () => {
  await Promise.all(folders.map((folder) => folder.remove()))
})

async function project(files: Record<string, string>): Promise<string> {
  const folder = await workFolder()
  folders.push(folder)
  for (const [name, contents] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder.dir, name)), {recursive: true})
    await writeFile(path.join(folder.dir, name), contents)
  }
  return folder.dir
}

const theme = '---\ntitle: Thema\nsummary: Over het thema.\n---\n\nTekst.\n'

/** A line that starts like a finding: `file:line:column`. */
const findingLine = /^\S.*:\d+:\d+ {2}(?:error|warning)/

describe('escapeTerminal', () => {
  it.each([
    ['\u001b[31mrood', '\\u001b[31mrood'],
    ['twee\nregels', 'twee\\nregels'],
    ['cr\rterug', 'cr\\rterug'],
    ['tab\there', 'tab\\there'],
    ['csi\u009b31m', 'csi\\u009b31m'],
    ['bel\u0007', 'bel\\u0007'],
    ['del\u007f', 'del\\u007f'],
    ['rtl\u202egnp.exe', 'rtl\\u202egnp.exe'],
    ['nul\u0000', 'nul\\u0000'],
    ['gewoon ë 🎉', 'gewoon ë 🎉']
  ])('shows %j as %j', (text, shown) => {
    expect(escapeTerminal(text)).toBe(shown)
  })

  it('leaves no control character in text findings, from any field', () => {
    const nasty = 'a\u001b[2J\nb\rc\u009b0m\u0007'
    const finding: Finding = {file: `kaart${nasty}/index.md`, line: 1, column: 1, severity: 'error', rule: 'yaml-syntax', message: `bericht ${nasty}`, hint: `hint ${nasty}`}
    const text = formatFindings([finding], 'text', {color: false})
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(text.split('\n').filter((line) => findingLine.test(line))).toHaveLength(1)
    const github = formatFindings([finding], 'github', {color: false})
    expect(github).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(github.split('\n').filter(Boolean)).toHaveLength(1)
  })
})

describe('kenniskaart check with control characters in content', () => {
  const caseDir = path.join(corpusDir, 'yaml-key-with-escape-sequence')

  it('shows a YAML key with an escape sequence or a newline escaped, and forges no finding line', async () => {
    const run = await runCliInProcess(['check', '--content', 'content'], {cwd: caseDir})
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/\u001b/)
    expect(run.stdout).toContain('Unknown key `\\u001b[31mrood\\u001b[0m` is ignored')
    expect(run.stdout).toContain('Unknown key `nep\\ncontent/kaart/index.md:1:1  error    Vervalst  yaml-syntax` is ignored')
    const lines = run.stdout.split('\n').filter((line) => findingLine.test(line))
    expect(lines.map((line) => line.slice(0, line.indexOf('  ')))).toEqual(['content/kaart/index.md:3:1', 'content/kaart/index.md:4:1'])
  })

  it.runIf(canRunInTerminal)('colours only its own words on a terminal, never the content', () => {
    const run = runCliInTerminal(['check', '--content', 'content'], {cwd: caseDir})
    expect(run.stdout).toMatch(/\u001b\[/)
    expect(run.stdout).not.toContain('\u001b[31mrood')
    expect(run.stdout).toContain('\\u001b[31mrood')
  })

  it('escapes a folder name with an escape sequence and a newline in findings and in the build summary', async () => {
    // Such a folder is no valid card slug: the finding that says so must show its name escaped
    const folder = 'kaart\u001b[31m\nnep.md:1:1  error'
    const dir = await project({[`content/${folder}/index.md`]: '---\ntitle: Kaart\n---\n\nIntro.\n', [`content/${folder}/01-thema.md`]: theme})
    const check = await runCliInProcess(['check', '--content', 'content'], {cwd: dir})
    expect(check.code).toBe(1)
    expect(check.stdout + check.stderr).not.toMatch(/\u001b/)
    expect(check.stdout).toContain('content/kaart\\u001b[31m\\nnep.md:1:1  error/index.md:1:1  error')
    expect(check.stdout).toContain('card-slug-invalid')
    await rename(path.join(dir, 'content', folder), path.join(dir, 'content', 'kaart'))
    const build = await runCliInProcess(['build', '--content', 'content', '--out', 'site\u001b[31m', '--no-pdf'], {cwd: dir})
    expect(build.code).toBe(0)
    expect(build.stderr).not.toMatch(/[\u001b\r]/)
    expect(build.stderr).toContain('→ site\\u001b[31m')
  })

  it('escapes a path with an escape sequence in an environment error', async () => {
    const run = await runCliInProcess(['check', '--content', 'weg\u001b[31m\nkaart/index.md:1:1  error  nep'], {cwd: repoRoot})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('weg\\u001b[31m\\nkaart')
    expect(run.stderr).not.toMatch(/\u001b/)
  })
})

describe('contact keys that name members of Object.prototype', () => {
  it('builds a card whose contact has `constructor`, `toString` and `hasOwnProperty`, each shown as written', async () => {
    const dir = await project({
      'content/kaart/index.md': '---\ntitle: Kaart\ncontact:\n  constructor: Bouwer\n  toString: Tekst\n  hasOwnProperty: Eigen\n  email: info@example.org\n---\n\nIntro.\n',
      'content/kaart/01-thema.md': theme
    })
    const run = await runCliInProcess(['build', '--content', 'content', '--out', 'site', '--no-pdf'], {cwd: dir})
    expect(run.stderr).not.toMatch(/unexpected error/)
    expect(run.code).toBe(0)
    const page = await readFile(path.join(dir, 'site', 'kaart', 'index.html'), 'utf8')
    for (const [label, value] of [['constructor', 'Bouwer'], ['toString', 'Tekst'], ['hasOwnProperty', 'Eigen'], ['E-mail', 'info@example.org']]) {
      expect(page).toMatch(new RegExp(`<span class="contact-label">${label}</span><span class="contact-value">(?:<a [^>]*>)?${value}`))
    }
  })

  it('reports a `__proto__` contact key at its place, without a crash', async () => {
    const run = await runCliInProcess(['check', '--content', 'content', '--format', 'json'], {cwd: path.join(corpusDir, 'contact-constructor')})
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject([{rule: 'frontmatter-invalid', line: 5, message: 'Invalid `contact.__proto__`: a contact key cannot be `__proto__`'}])
  })
})

describe('kenniskaart build with a local theme that points outside its folder', () => {
  it('stops with findings on theme.json, copies nothing and prints no stack trace', async () => {
    const folder = await workFolder()
    folders.push(folder)
    await cp(path.join(corpusDir, 'theme-json-path-escape'), folder.dir, {recursive: true})
    const run = await runCliInProcess(['build', '--content', 'content', '--out', 'site', '--no-pdf', '--format', 'json'], {cwd: folder.dir})
    expect(run.code).toBe(1)
    expect(run.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/)
    const rules = summaryFindings<Finding>(run.stdout).map((finding) => `${finding.file} ${finding.rule}`)
    expect(new Set(rules)).toEqual(new Set(['themes/lek/theme.json theme-file-outside']))
    expect(await stat(path.join(folder.dir, 'site')).catch(() => undefined)).toBeUndefined()
  })

  it('publishes a valid local theme\'s own files, and its colours in card.css as hex', async () => {
    const dir = await project({
      'content/kaart/index.md': '---\ntitle: Kaart\ntheme: eigen\n---\n\nIntro.\n',
      'content/kaart/01-thema.md': theme,
      'themes/eigen/theme.json': JSON.stringify({name: 'eigen', palette: ['teal'], onColor: 'white', stylesheets: {site: 'site.css', print: 'print.css'}, fonts: ['fonts/letter.woff2']}),
      'themes/eigen/site.css': '.eigen-site {}',
      'themes/eigen/print.css': '.eigen-print {}',
      'themes/eigen/fonts/letter.woff2': 'wOF2'
    })
    const run = await runCliInProcess(['build', '--content', 'content', '--out', 'site', '--no-pdf'], {cwd: dir})
    expect(run.stdout + run.stderr).not.toMatch(/error/)
    expect(run.code).toBe(0)
    const files = await readTree(path.join(dir, 'site'))
    const paths = [...files.keys()]
    expect(files.get(hashedPath(paths, 'assets/eigen/site.css'))?.toString()).toBe('.eigen-site {}')
    expect(hashedPath(paths, 'assets/eigen/fonts/letter.woff2')).toBeTruthy()
    expect(files.get(hashedPath(paths, 'kaart/card.css'))?.toString()).toContain('--theme-color: #008080;')
  })
})
