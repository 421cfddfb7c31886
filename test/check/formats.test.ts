import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {useColor} from '../../src/commands/report-content.js'
import {type Finding, formatFindings} from '../../src/report/findings.js'
import {type CliResult, repoRoot, runCliInProcess} from '../helpers/cli.js'

/** A corpus case with an error in index.md and a warning in a theme file. */
const twoFiles = path.join(repoRoot, 'test', 'fixtures', 'broken', 'card-all-themes-unlisted')
const indexFile = 'content/kaart/index.md'
const themeFile = 'content/kaart/01-thema.md'
/** The start of an ANSI escape sequence (ESC `[`). */
const ansi = new RegExp(`${String.fromCharCode(27)}\\[`)

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

  it('follows a finding with its hint', () => {
    expect(run.stdout).toMatch(/card-empty\n {2}hint: List the slugs of the theme files under `themes` in index\.md\./)
  })

  it('groups the findings per file, separated by an empty line, and ends with the summary count', () => {
    const blocks = run.stdout.trimEnd().split('\n\n')
    expect(blocks).toHaveLength(3)
    expect(blocks[0]!.split('\n').every((line) => line.startsWith(themeFile) || line.startsWith('  hint:'))).toBe(true)
    expect(blocks[1]!.split('\n').every((line) => line.startsWith(indexFile) || line.startsWith('  hint:'))).toBe(true)
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

  it('prints one JSON array of findings with file, line, column, severity, rule, message and hint', () => {
    const findings = JSON.parse(run.stdout) as Finding[]
    expect(findings).toEqual([
      {
        file: themeFile,
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'theme-unlisted',
        message: "Theme `thema` is not in the card's `themes` list, so it is left out",
        hint: 'Add `thema` to `themes` in index.md, or remove the file.'
      },
      {
        file: indexFile,
        line: 3,
        column: 1,
        severity: 'error',
        rule: 'card-empty',
        message: 'The card has no themes to show: none of its theme files is in `themes`',
        hint: 'List the slugs of the theme files under `themes` in index.md.'
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
      `::error file=${indexFile},line=3,col=1,title=card-empty::The card has no themes to show: none of its theme files is in \`themes\` (card-empty). List the slugs of the theme files under \`themes\` in index.md.`
    ])
    expect(run.code).toBe(1)
  })

  it('escapes what would end a property or the message early', () => {
    const finding: Finding = {file: 'kaart, deel 1/a:b.md', line: 1, column: 1, severity: 'error', rule: 'yaml-syntax', message: '100% fout\nop twee regels'}
    expect(formatFindings([finding], 'github', {color: false})).toBe(
      '::error file=kaart%2C deel 1/a%3Ab.md,line=1,col=1,title=yaml-syntax::100%25 fout%0Aop twee regels (yaml-syntax)\n'
    )
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
