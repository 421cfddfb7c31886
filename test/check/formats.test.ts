import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import stringWidth from 'string-width'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {useColor} from '../../src/commands/report-content.js'
import {type Finding, formatFindings} from '../../src/report/findings.js'
import {type CliResult, canRunInTerminal, repoRoot, runCliInProcess, runCliInTerminal, workFolder} from '../helpers/cli.js'

/** A corpus case with an error in index.md and a warning in a theme file. */
const twoFiles = path.join(repoRoot, 'test', 'fixtures', 'broken', 'card-all-themes-unlisted')
const indexFile = 'content/kaart/index.md'
const themeFile = 'content/kaart/01-thema.md'
/** The start of an ANSI escape sequence (ESC `[`). */
const ansi = new RegExp(`${String.fromCharCode(27)}\\[`)
/** Colour codes (ESC `[` … `m`). */
const colourCodes = new RegExp(`${String.fromCharCode(27)}\\[[\\d;]*m`, 'g')
/** The rules' documentation shipped beside the program. */
const rulesDoc = pathToFileURL(path.join(repoRoot, 'docs', 'rules.md')).href

describe('kenniskaart check --format text', () => {
  let run: CliResult

  beforeAll(async () => {
    run = await runCliInProcess(['check', '--content', 'content'], {cwd: twoFiles, env: {NO_COLOR: '1'}})
  })

  it('exits 1 because there is an error', () => {
    expect(run.code).toBe(1)
  })

  it('prints each finding as path:line:column  severity  message  rule-id, with paths relative to the working folder', () => {
    expect(run.stdout).toMatch(/^content\/kaart\/index\.md:3:1 {2}error {2,}The card has no themes to show[^\n]* {2}card-empty$/m)
    expect(run.stdout).toMatch(/^content\/kaart\/01-thema\.md:1:1 {2}warning {2}Theme `thema` is not in the card's `themes` list[^\n]* {2}theme-unlisted$/m)
  })

  it('shows the source line with its number and a caret under the column, then the hint', () => {
    expect(run.stdout).toContain(
      [
        'card-empty',
        '  3 | themes: []',
        '    | ^^^^^^',
        '  hint: List the slugs of the theme files under `themes` in index.md.'
      ].join('\n')
    )
  })

  it('frames a file with a byte-order mark and CRLF line endings without either in the frame, at the same columns', async () => {
    const bom = await runCliInProcess(['check', '--content', 'content'], {cwd: path.join(repoRoot, 'test', 'fixtures', 'broken', 'bom-and-crlf-positions')})
    expect(bom.stdout).toContain('  4 | kleur: "#0e6591"\n    | ^^^^^\n')
    expect(bom.stdout).toContain('  8 | Tekst[@bron] en [@onbekend].\n    |                  ^^^^^^^^^\n')
    expect(bom.stdout).not.toMatch(/[\r\uFEFF]/)
  })

  it('groups the findings per file, separated by an empty line, and ends with the summary count', () => {
    const blocks = run.stdout.trimEnd().split('\n\n')
    expect(blocks).toHaveLength(3)
    const ownLine = (file: string) => (line: string) => line.startsWith(file) || /^ {2}\d* +\|/.test(line) || line.startsWith('  hint:')
    expect(blocks[0]!.split('\n').every(ownLine(themeFile))).toBe(true)
    expect(blocks[1]!.split('\n').every(ownLine(indexFile))).toBe(true)
    expect(blocks[2]).toBe('1 error, 1 warning')
  })

  it('prints no colour codes with NO_COLOR', () => {
    expect(run.stdout).not.toMatch(ansi)
    expect(run.stderr).not.toMatch(ansi)
  })
})

describe('colour in text findings', () => {
  const finding: Finding = {file: 'a.md', line: 2, column: 3, severity: 'error', rule: 'citation-unknown', message: 'Citation of unknown source `x`'}

  it('is used on a terminal, and not when NO_COLOR is set or output is not a terminal', () => {
    const saved = process.env.NO_COLOR
    try {
      delete process.env.NO_COLOR
      expect(useColor({isTTY: true} as NodeJS.WriteStream)).toBe(true)
      expect(useColor({isTTY: false} as NodeJS.WriteStream)).toBe(false)
      process.env.NO_COLOR = '1'
      expect(useColor({isTTY: true} as NodeJS.WriteStream)).toBe(false)
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR
      else process.env.NO_COLOR = saved
    }
  })

  it('leaves the text itself the same', () => {
    const plain = formatFindings([finding], 'text', {color: false})
    const coloured = formatFindings([finding], 'text', {color: true})
    expect(plain).not.toMatch(ansi)
    expect(coloured.replaceAll(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(plain)
  })

  it('prints nothing at all when there are no findings', () => {
    expect(formatFindings([], 'text', {color: false})).toBe('')
  })
})

describe('kenniskaart check --format json', () => {
  let run: CliResult

  beforeAll(async () => {
    run = await runCliInProcess(['check', '--content', 'content', '--format', 'json'], {cwd: twoFiles})
  })

  it('prints one JSON array of findings with file, line, column, severity, rule, message, hint and documentation link', () => {
    const findings = JSON.parse(run.stdout) as Finding[]
    expect(findings).toEqual([
      {
        file: themeFile,
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'theme-unlisted',
        message: "Theme `thema` is not in the card's `themes` list, so it is left out",
        hint: 'Add `thema` to `themes` in index.md, or remove the file.',
        url: `${rulesDoc}#theme-unlisted`
      },
      {
        file: indexFile,
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 7,
        severity: 'error',
        rule: 'card-empty',
        message: 'The card has no themes to show: none of its theme files is in `themes`',
        hint: 'List the slugs of the theme files under `themes` in index.md.',
        url: `${rulesDoc}#card-empty`
      }
    ])
  })

  it('prints nothing but the JSON on stdout, and exits 1', () => {
    expect(run.stdout.trim().startsWith('[')).toBe(true)
    expect(run.code).toBe(1)
  })

  it('prints an empty array when there is nothing to report', async () => {
    const clean = await runCliInProcess(['check', '--content', 'content', '--format', 'json'], {cwd: path.join(repoRoot, 'test', 'fixtures', 'broken', 'bom-and-crlf-accepted')})
    expect(JSON.parse(clean.stdout)).toEqual([])
    expect(clean.code).toBe(0)
  })
})

describe('kenniskaart check --format github', () => {
  let run: CliResult

  beforeAll(async () => {
    run = await runCliInProcess(['check', '--content', 'content', '--format', 'github'], {cwd: twoFiles})
  })

  it('prints one workflow command per finding, with file, line, col and the rule as title', () => {
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      `::warning file=${themeFile},line=1,col=1,title=theme-unlisted::Theme \`thema\` is not in the card's \`themes\` list, so it is left out (theme-unlisted). Add \`thema\` to \`themes\` in index.md, or remove the file.`,
      `::error file=${indexFile},line=3,col=1,endLine=3,endColumn=7,title=card-empty::The card has no themes to show: none of its theme files is in \`themes\` (card-empty). List the slugs of the theme files under \`themes\` in index.md.`
    ])
    expect(run.code).toBe(1)
  })

  it('passes the end of a range as endLine and endColumn', async () => {
    const malformed = await runCliInProcess(['check', '--content', 'content', '--format', 'github'], {cwd: path.join(repoRoot, 'test', 'fixtures', 'broken', 'citation-malformed')})
    // `Een fout [@ bron] hier.`: the brackets from column 10 up to column 18, just after `]`
    expect(malformed.stdout).toContain('::error file=content/kaart/01-thema.md,line=10,col=10,endLine=10,endColumn=18,title=citation-malformed::')
  })

  it('escapes what would end a property or the message early', () => {
    const finding: Finding = {file: 'kaart, deel 1/a:b.md', line: 1, column: 1, severity: 'error', rule: 'yaml-syntax', message: '100% fout\nop twee regels'}
    expect(formatFindings([finding], 'github', {color: false})).toBe(
      '::error file=kaart%2C deel 1/a%3Ab.md,line=1,col=1,title=yaml-syntax::100%25 fout%0Aop twee regels (yaml-syntax)\n'
    )
  })
})

describe.runIf(canRunInTerminal)('code frames on a terminal', () => {
  const theme = [
    '---',
    'title: Thema',
    'summary: Over het thema.',
    '---',
    '',
    'Tab\tvoor\tde[@tab].',
    '',
    'Emoji 🎉 en 中文 dan[@emoji].',
    '',
    'Bel \u0007 en escape \u001b[31m rood[@ctrl].',
    '',
    `${'woord '.repeat(300)}[@lang]${' meer'.repeat(100)}`,
    ''
  ].join('\n')
  const index = '---\ntitle: Kaart\nsources:\n  - id: bron\n    text: Een bron.\n    uncited: true\n---\n\nIntro.\n'
  let project: {dir: string; remove(): Promise<void>}
  let coloured: CliResult
  let plain: CliResult

  beforeAll(async () => {
    project = await workFolder()
    await mkdir(path.join(project.dir, 'content', 'kaart'), {recursive: true})
    await writeFile(path.join(project.dir, 'content', 'kaart', 'index.md'), index)
    await writeFile(path.join(project.dir, 'content', 'kaart', '01-thema.md'), theme)
    coloured = runCliInTerminal(['check', '--content', 'content'], {cwd: project.dir})
    plain = runCliInTerminal(['check', '--content', 'content'], {cwd: project.dir, env: {NO_COLOR: '1'}})
  })

  afterAll(async () => {
    await project.remove()
  })

  /** The frames of the output: each source line with the text its carets stand under, as the terminal shows it. */
  function framed(output: string): Array<{source: string; underlined: string}> {
    const lines = output.replace(/\r\n/g, '\n').replace(colourCodes, '').split('\n')
    const frames = []
    for (let index = 1; index < lines.length; index++) {
      const carets = lines[index]!
      if (!/^ {2} +\| +\^+$/.test(carets)) continue
      const source = lines[index - 1]!
      // Walk the source line as a terminal does, one grapheme at a time, each as wide as string-width says
      let column = 0
      let underlined = ''
      for (const {segment} of new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(source)) {
        if (column >= carets.indexOf('^') && column <= carets.lastIndexOf('^')) underlined += segment
        column += stringWidth(segment)
      }
      frames.push({source, underlined})
    }
    return frames
  }

  it('puts the carets under the citation, past tabs, emoji, CJK and escaped control characters', () => {
    expect(framed(plain.stdout).map((frame) => frame.underlined)).toEqual(['@tab', '@emoji', '@ctrl', '@lang'])
    expect(plain.stdout).not.toContain('\u0007')
    expect(plain.stdout).not.toContain('\u001b')
    expect(plain.stdout).toContain('  10 | Bel \\u0007 en escape \\u001b[31m rood[@ctrl].')
    // Tab stops every four columns: `Tab` then one space, `voor` then four
    expect(plain.stdout).toContain('  6 | Tab voor    de[@tab].')
  })

  it('cuts the 2,000-character line around the citation, within the 100 columns of an unknown terminal width', () => {
    const long = framed(plain.stdout).find((frame) => frame.underlined === '@lang')!
    expect(long.source).toMatch(/^ {2}12 \| …[a-z ]{20,}\[@lang\][a-z ]{40,}…$/)
    expect(stringWidth(long.source)).toBeLessThanOrEqual(100)
  })

  it('colours the frames, and shows the same text and alignment without colour', () => {
    expect(coloured.stdout).toMatch(ansi)
    expect(coloured.stdout.replace(colourCodes, '')).toBe(plain.stdout)
    expect(framed(coloured.stdout)).toEqual(framed(plain.stdout))
  })
})

describe('kenniskaart check usage errors', () => {
  it('exits 2 on an unknown format', async () => {
    const run = await runCliInProcess(['check', '--content', 'content', '--format', 'xml'], {cwd: twoFiles})
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
  })

  it('exits 2 when the content folder does not exist, with a hint', async () => {
    const run = await runCliInProcess(['check', '--content', 'bestaat-niet'], {cwd: twoFiles})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/hint: /)
  })
})
