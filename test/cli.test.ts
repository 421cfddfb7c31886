import {existsSync} from 'node:fs'
import {readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {HtmlValidate} from 'html-validate'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type CliResult, canRunInTerminal, copyCard, readTree, runCli, runCliInProcess, runCliInTerminal, summaryFindings, workFolder} from './helpers/cli.js'
import {bundledContentDir, fixtureCardsDir, repoRoot} from './helpers/content.js'
import {hashedPath} from './helpers/hashed.js'
import {headingLevels, skippedHeadingLevels} from './helpers/html.js'

// These tests run the real command, which loads the compiled code in lib/:
// `npm test` compiles src/ first; after `npx vitest run` alone, lib/ may be stale.
// Every build passes --no-pdf, so no browser is needed here.

const fixtureCard = path.join(fixtureCardsDir, 'three-themes')
// eslint-disable-next-line no-control-regex
const ansiEscape = /\u001b\[/

const htmlValidate = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // hast-util-to-html writes `<!doctype html>`; the HTML standard reads the
    // doctype case-insensitively, so its case is a matter of style, not validity.
    'doctype-style': 'off',
    // Lists whose markers are styled away get role="list" on purpose: Safari
    // (VoiceOver) stops announcing them as lists otherwise. Only that role is
    // exempt; every other redundant or non-native role is still reported.
    'no-redundant-role': ['error', {exclude: ['list']}],
    'prefer-native-element': ['error', {exclude: ['list']}]
  }
})

let work: {dir: string; remove(): Promise<void>}

beforeAll(async () => {
  work = await workFolder()
})

afterAll(async () => {
  await work.remove()
})

/** A folder of its own inside the work folder, with a copy of the fixture card. */
async function project(name: string): Promise<string> {
  const dir = path.join(work.dir, name)
  await copyCard(fixtureCard, dir)
  return dir
}

/** The HTML files below a folder, relative to it. */
async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true})
  return entries.filter((entry) => entry.endsWith('.html')).map((entry) => entry.split(path.sep).join('/')).sort()
}

/** What an accessible, well-formed page must have; returns what is wrong. */
function pageProblems(html: string): string[] {
  const tree = fromHtml(html)
  const problems: string[] = []
  const lang = select('html', tree)?.properties.lang
  if (typeof lang !== 'string' || lang.trim() === '') problems.push('no <html lang>')
  const h1s = selectAll('h1', tree).length
  if (h1s !== 1) problems.push(`${h1s} <h1> elements`)
  if (selectAll('main', tree).length !== 1) problems.push('not exactly one <main>')
  // A <header> or <footer> is a landmark (banner, contentinfo) only outside
  // article, aside, main, nav and section.
  if (!select('body > header', tree)) problems.push('no page <header> (banner)')
  if (!select('body > footer', tree)) problems.push('no page <footer> (contentinfo)')
  for (const skip of skippedHeadingLevels(headingLevels(tree))) problems.push(`heading level skipped: ${skip}`)
  for (const image of selectAll('img', tree)) {
    if (typeof image.properties.alt !== 'string') problems.push(`<img src="${String(image.properties.src)}"> has no alt`)
  }
  return problems
}

describe.each([
  {name: 'the fixture card three-themes', card: 'three-themes', bundled: false, themes: ['voorbereiden', 'in-de-klas', 'terugblikken']},
  {
    name: 'the bundled card',
    card: 'professionele-leercultuur',
    bundled: true,
    themes: ['basis-voor-professionalisering', 'competentieontwikkeling', 'loopbaanontwikkeling', 'begeleiding-starters', 'leiderschap', 'beleidsvorming', 'borging-in-de-organisatie']
  },
  {
    name: 'the second bundled card',
    card: 'collectief-leren',
    bundled: true,
    themes: ['wat-is-collectief-leren', 'vijf-fasen', 'tien-principes', 'ervoor-erbij-ernaast-erbuiten', 'cyclus-van-collectief-leren', 'leren-met-externen', 'opbrengsten-en-advies']
  }
])('kenniskaart build on $name', ({card, bundled, themes}) => {
  let dir: string
  let result: CliResult
  let out: string

  beforeAll(async () => {
    dir = path.join(work.dir, `build-${card}`)
    if (bundled) await copyCard(path.join(bundledContentDir, card), dir)
    else await copyCard(fixtureCard, dir)
    result = await runCliInProcess(['build', '--content', 'content', '--out', 'dist', '--no-pdf'], {cwd: dir})
    out = path.join(dir, 'dist')
  })

  it('exits 0, reports no findings, and says what it built', () => {
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/Built 1 card/)
  })

  it('writes the site index, the card page, every theme page, stylesheets and its marker', async () => {
    expect(await htmlFiles(out)).toEqual(['404.html', 'index.html', `${card}/index.html`, ...themes.map((theme) => `${card}/${theme}/index.html`)].sort())
    const files = [...(await readTree(out)).keys()]
    expect(existsSync(path.join(out, '.kenniskaart-output'))).toBe(true)
    for (const file of [`${card}/card.css`, 'assets/kenniskaart/site.css', 'assets/kenniskaart/print.css']) expect(hashedPath(files, file)).toBeTruthy()
    expect(files.filter((file) => file.endsWith('.pdf'))).toEqual([])
    expect(files.filter((file) => file.endsWith('.md'))).toEqual([])
  })

  it('writes pages that pass html-validate', async () => {
    const problems: string[] = []
    for (const file of await htmlFiles(out)) {
      const report = await htmlValidate.validateString(await readFile(path.join(out, file), 'utf8'), file)
      for (const result_ of report.results) {
        for (const message of result_.messages) problems.push(`${file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('writes pages with a language, one h1, landmarks, no skipped heading levels and alt on every image', async () => {
    const problems: string[] = []
    for (const file of await htmlFiles(out)) {
      for (const problem of pageProblems(await readFile(path.join(out, file), 'utf8'))) problems.push(`${file}: ${problem}`)
    }
    expect(problems).toEqual([])
  })
})

describe('kenniskaart build on the fixture card: what it writes', () => {
  it('copies the card’s image beside the pages, byte for byte', async () => {
    const dir = path.join(work.dir, 'build-three-themes')
    const written = await readFile(path.join(dir, 'dist/three-themes/figuren/twee-leraren.png'))
    expect(written).toEqual(await readFile(path.join(fixtureCard, 'figuren/twee-leraren.png')))
  })

  it('leaves no staging folders behind', async () => {
    const entries = await readdir(path.join(work.dir, 'build-three-themes'))
    expect(entries.sort()).toEqual(['content', 'dist'])
  })
})

describe('kenniskaart build with an unknown citation', () => {
  let dir: string
  let before: Map<string, Buffer>
  let text: CliResult
  let json: CliResult
  let github: CliResult
  const themeFile = 'content/three-themes/02-voorbereiden.md'
  let expectedLine: number
  let expectedColumn: number

  beforeAll(async () => {
    dir = await project('unknown-citation')
    const first = await runCliInProcess(['build', '--content', 'content', '--out', 'dist', '--no-pdf'], {cwd: dir})
    expect(first.code, first.stderr).toBe(0)
    before = await readTree(path.join(dir, 'dist'))

    const original = await readFile(path.join(dir, themeFile), 'utf8')
    const broken = `${original}\nVerder lezen kan bij Pietersen[@pietersen2022].\n`
    await writeFile(path.join(dir, themeFile), broken)
    const lines = broken.split('\n')
    expectedLine = lines.findIndex((line) => line.includes('[@pietersen2022]')) + 1
    // The finding points at the unknown id itself: the `@` of `@pietersen2022`.
    expectedColumn = lines[expectedLine - 1]!.indexOf('@pietersen2022') + 1

    ;[text, json, github] = await Promise.all([
      runCliInProcess(['build', '--content', 'content', '--out', 'dist', '--no-pdf'], {cwd: dir, env: {NO_COLOR: '1'}}),
      runCliInProcess(['build', '--content', 'content', '--out', 'dist', '--no-pdf', '--format', 'json'], {cwd: dir}),
      runCliInProcess(['build', '--content', 'content', '--out', 'dist', '--no-pdf', '--format', 'github'], {cwd: dir})
    ])
  })

  it('exits 1', () => {
    expect(text.code).toBe(1)
    expect(json.code).toBe(1)
    expect(github.code).toBe(1)
  })

  it('prints the finding as path:line:column, severity, message and rule', () => {
    expect(expectedLine).toBeGreaterThan(10)
    expect(text.stdout).toContain(`${themeFile}:${expectedLine}:${expectedColumn}  error    Citation of unknown source \`pietersen2022\`  citation-unknown`)
    expect(text.stdout).toMatch(/^1 error, 0 warnings$/m)
  })

  it('says on stderr that nothing was written', () => {
    expect(text.stderr).toMatch(/Nothing was written/)
  })

  it('prints the finding as JSON with --format json', () => {
    const findings = summaryFindings(json.stdout)
    expect(findings).toEqual([
      {
        file: themeFile,
        line: expectedLine,
        column: expectedColumn,
        endLine: expectedLine,
        endColumn: expectedColumn + '@pietersen2022'.length,
        severity: 'error',
        rule: 'citation-unknown',
        message: 'Citation of unknown source `pietersen2022`',
        hint: expect.stringContaining('`sources`'),
        url: expect.stringMatching(/docs\/rules\.md#citation-unknown$/)
      }
    ])
  })

  it('prints the finding as a GitHub Actions annotation with --format github', () => {
    expect(github.stdout).toContain(`::error file=${themeFile},line=${expectedLine},col=${expectedColumn},endLine=${expectedLine},endColumn=${expectedColumn + '@pietersen2022'.length},title=citation-unknown::Citation of unknown source \`pietersen2022\``)
  })

  it('leaves the previous output byte for byte as it was', async () => {
    const after = await readTree(path.join(dir, 'dist'))
    expect([...after.keys()]).toEqual([...before.keys()])
    for (const [file, bytes] of before) expect(after.get(file)?.equals(bytes), file).toBe(true)
    expect((await readdir(dir)).sort()).toEqual(['content', 'dist'])
  })

  it('writes nothing when there was no previous output', async () => {
    const result = await runCliInProcess(['build', '--content', 'content', '--out', 'nieuw', '--no-pdf'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(existsSync(path.join(dir, 'nieuw'))).toBe(false)
  })

  it('makes check exit 1 with the same finding', async () => {
    const result = await runCliInProcess(['check', '--content', 'content', '--format', 'json'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({file: themeFile, line: expectedLine, column: expectedColumn, rule: 'citation-unknown'})])
  })
})

describe.concurrent('kenniskaart with warnings', () => {
  let dir: string

  beforeAll(async () => {
    dir = await project('warnings')
    const index = path.join(dir, 'content/three-themes/index.md')
    await writeFile(index, (await readFile(index, 'utf8')).replace('    uncited: true\n', ''))
  })

  it('builds, printing the warning, without --strict', async () => {
    const result = await runCliInProcess(['build', '--content', 'content', '--out', 'dist', '--no-pdf'], {cwd: dir})
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/content\/three-themes\/index\.md:\d+:\d+ {2}warning {2}Source `achtergrond2018` is never cited {2}source-uncited/)
    expect(existsSync(path.join(dir, 'dist/index.html'))).toBe(true)
  })

  it('exits 1 and writes nothing with --strict', async () => {
    const result = await runCliInProcess(['build', '--content', 'content', '--out', 'strict-dist', '--no-pdf', '--strict'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(existsSync(path.join(dir, 'strict-dist'))).toBe(false)
  })

  it('makes check exit 0 without --strict and 1 with it', async () => {
    expect((await runCliInProcess(['check', '--content', 'content'], {cwd: dir})).code).toBe(0)
    expect((await runCliInProcess(['check', '--content', 'content', '--strict'], {cwd: dir})).code).toBe(1)
  })
})

describe.concurrent('kenniskaart check on a valid card', () => {
  it('exits 0 and prints no findings', async () => {
    const dir = await project('check-ok')
    const result = await runCliInProcess(['check', '--content', 'content'], {cwd: dir})
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/0 errors, 0 warnings/)
  })

  it('prints an empty JSON array with --format json', async () => {
    const dir = await project('check-json')
    const result = await runCliInProcess(['check', '--content', 'content', '--format', 'json'], {cwd: dir})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([])
  })
})

describe.concurrent('usage of the kenniskaart command', () => {
  it('exits 2 on an unknown option, naming it', async () => {
    const result = await runCli(['build', '--no-such-option', '--no-pdf'], {cwd: work.dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/unknown option '--no-such-option'/)
  })

  it('exits 2 on an unknown format', async () => {
    const result = await runCli(['check', '--format', 'xml'], {cwd: work.dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/xml/)
  })

  it('exits 2 on an unknown command', async () => {
    expect((await runCli(['bouw'], {cwd: work.dir})).code).toBe(2)
  })

  it('exits 2 when the content folder does not exist, with a hint', async () => {
    const result = await runCli(['check', '--content', 'bestaat-niet'], {cwd: work.dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^hint: /m)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('prints help and exits 0 with --help', async () => {
    const result = await runCli(['--help'], {cwd: work.dir})
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: kenniskaart/m)
    expect(result.stdout).toMatch(/\bbuild\b/)
    expect(result.stdout).toMatch(/\bcheck\b/)
  })

  it('prints the options of build with build --help', async () => {
    const result = await runCli(['build', '--help'], {cwd: work.dir})
    expect(result.code).toBe(0)
    for (const option of ['--content', '--out', '--no-pdf', '--force', '--format', '--strict']) expect(result.stdout).toContain(option)
  })

  it('prints the version of package.json and exits 0 with --version', async () => {
    const {version} = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string}
    const result = await runCli(['--version'], {cwd: work.dir})
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(version)
  })

  it('refuses, with exit 2, to replace a folder it did not make, and replaces it with --force', async () => {
    const dir = await project('foreign-out')
    await writeFile(path.join(dir, 'notes.txt'), 'mine')
    const foreign = path.join(dir, 'dist')
    await copyCard(fixtureCard, foreign, 'iets')
    const result = await runCli(['build', '--content', 'content', '--out', 'dist', '--no-pdf'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/--force/)
    expect(existsSync(path.join(foreign, 'content/iets/index.md'))).toBe(true)

    const forced = await runCli(['build', '--content', 'content', '--out', 'dist', '--no-pdf', '--force'], {cwd: dir})
    expect(forced.code, forced.stderr).toBe(0)
    expect(existsSync(path.join(foreign, 'content'))).toBe(false)
    expect(existsSync(path.join(foreign, 'three-themes/index.html'))).toBe(true)
  })
})

describe.concurrent('colour in the output', () => {
  // Without NO_COLOR: a pipe alone must keep the colours out (NO_COLOR is tested on a terminal below)
  it('has no ANSI escapes when printing to a pipe', async () => {
    const dir = await project('no-color-pipe')
    await writeFile(path.join(dir, 'content/three-themes/03-in-de-klas.md'), '---\ntitle: Kapot\nsummary: Kapot.\n---\n\nTekst[@onbekend].\n')
    const result = await runCli(['check', '--content', 'content'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/error/)
    expect(result.stdout + result.stderr).not.toMatch(ansiEscape)
  })

  it.runIf(canRunInTerminal)('colours findings on a terminal, and not with NO_COLOR', async () => {
    const dir = await project('no-color-terminal')
    await writeFile(path.join(dir, 'content/three-themes/03-in-de-klas.md'), '---\ntitle: Kapot\nsummary: Kapot.\n---\n\nTekst[@onbekend].\n')
    const coloured = runCliInTerminal(['check', '--content', 'content'], {cwd: dir})
    const plain = runCliInTerminal(['check', '--content', 'content'], {cwd: dir, env: {NO_COLOR: '1'}})
    expect(coloured.stdout).toMatch(/citation-unknown/)
    expect(coloured.stdout).toMatch(ansiEscape)
    expect(plain.stdout).toMatch(/citation-unknown/)
    expect(plain.stdout).not.toMatch(ansiEscape)
  })
})
