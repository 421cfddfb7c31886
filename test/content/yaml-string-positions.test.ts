import fc from 'fast-check'
import type {Point} from 'unist'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {stringify} from 'yaml'
import {parseFrontmatter} from '../../src/content/frontmatter.js'
import {loadCardFile, loadThemeFile} from '../../src/content/load-files.js'
import {type StringPositions, stringPoint} from '../../src/content/yaml-string-positions.js'
import {contentFile} from '../helpers/content.js'

/** The table of the string at `path` in a frontmatter block that starts on line 2 (after `---`). */
function positionsIn(yaml: string, path: PropertyKey[]): StringPositions {
  const file = new VFile({path: 'x.md'})
  const parsed = parseFrontmatter(file, {value: yaml, startLine: 2})
  expect(file.messages.map((message) => message.reason)).toEqual([])
  return parsed!.stringPositionsAt(path)
}

/** Start of the character at `offset` and end of the `length` characters from it. */
function range(positions: StringPositions, text: string): {start: Point; end: Point} {
  const offset = positions.value.indexOf(text)
  expect(offset, `${JSON.stringify(text)} in ${JSON.stringify(positions.value)}`).toBeGreaterThanOrEqual(0)
  return {start: stringPoint(positions, offset, 'start'), end: stringPoint(positions, offset + text.length, 'end')}
}

const at = (line: number, column: number): Point => ({line, column})

describe('where the characters of a YAML string stand in the file', () => {
  // Each expected point is counted by hand in the YAML shown; line 1 is the `---` before it.
  it('finds a citation on the second line of a folded tip (>) on that line', () => {
    const positions = positionsIn('title: Thema\ntips:\n  - >\n    Lees eerst\n    meer[@onbekend].\n', ['tips', 0])
    expect(positions.value).toBe('Lees eerst meer[@onbekend].\n')
    expect(range(positions, '@onbekend')).toEqual({start: at(6, 10), end: at(6, 19)})
    expect(range(positions, 'Lees')).toEqual({start: at(5, 5), end: at(5, 9)})
  })

  it('puts a space YAML folded from a line break at the end of the line it ended', () => {
    const positions = positionsIn('title: Thema\ntips:\n  - >\n    Lees eerst\n    meer[@onbekend].\n', ['tips', 0])
    expect(stringPoint(positions, 'Lees eerst'.length, 'start')).toEqual(at(5, 15))
    // A range that ends just after the folded space ends there too, not on the next line
    expect(stringPoint(positions, 'Lees eerst '.length, 'end')).toEqual(at(5, 15))
  })

  it('follows `>-` with an empty line (which stays a line break)', () => {
    const positions = positionsIn('title: Thema\ntips:\n  - >-\n    Eerst\n\n    dan [@x].\n', ['tips', 0])
    expect(positions.value).toBe('Eerst\ndan [@x].')
    expect(range(positions, '@x')).toEqual({start: at(7, 10), end: at(7, 12)})
  })

  it('follows `>+` and more-indented lines of a folded block', () => {
    const positions = positionsIn('title: Thema\nsummary: >+\n  Een\n    ingesprongen [@y]\n  twee\n\n', ['summary'])
    expect(positions.value).toBe('Een\n  ingesprongen [@y]\ntwee\n\n')
    expect(range(positions, '@y')).toEqual({start: at(5, 19), end: at(5, 21)})
    expect(range(positions, 'twee')).toEqual({start: at(6, 3), end: at(6, 7)})
  })

  it('follows a literal block (|) with an indentation indicator, keeping the extra indentation', () => {
    const positions = positionsIn('title: Thema\nsummary: |2\n     Voor [@a].\n   Na [@b].\n', ['summary'])
    expect(positions.value).toBe('   Voor [@a].\n Na [@b].\n')
    expect(range(positions, '@a')).toEqual({start: at(4, 12), end: at(4, 14)})
    expect(range(positions, '@b')).toEqual({start: at(5, 8), end: at(5, 10)})
  })

  it('follows a plain scalar over several lines', () => {
    const positions = positionsIn('title: Thema\ntips:\n  - Lees meer\n    over dit [@x]\n', ['tips', 0])
    expect(positions.value).toBe('Lees meer over dit [@x]')
    expect(range(positions, '@x')).toEqual({start: at(5, 15), end: at(5, 17)})
  })

  it('counts each escape of a double-quoted string as the characters written', () => {
    const positions = positionsIn('title: Thema\ntips:\n  - "Zeg \\"ja\\" en caf\\u00e9 [@x]"\n', ['tips', 0])
    expect(positions.value).toBe('Zeg "ja" en café [@x]')
    expect(range(positions, '@x')).toEqual({start: at(4, 31), end: at(4, 33)})
    // `\u00e9` is six characters in the file, one in the string
    expect(range(positions, 'é')).toEqual({start: at(4, 23), end: at(4, 29)})
    expect(range(positions, '"ja"')).toEqual({start: at(4, 10), end: at(4, 16)})
  })

  it('follows line folding and an escaped line break in a double-quoted string', () => {
    const positions = positionsIn('title: Thema\ntips:\n  - "Eerst \\\n    samen\n    dan [@x]"\n', ['tips', 0])
    expect(positions.value).toBe('Eerst samen dan [@x]')
    expect(range(positions, '@x')).toEqual({start: at(6, 10), end: at(6, 12)})
    expect(range(positions, 'samen')).toEqual({start: at(5, 5), end: at(5, 10)})
  })

  it('counts `\'\'` in a single-quoted string as two characters of the file', () => {
    const positions = positionsIn("title: Thema\ntips:\n  - 'Het ''beste'' [@x]'\n", ['tips', 0])
    expect(positions.value).toBe("Het 'beste' [@x]")
    expect(range(positions, '@x')).toEqual({start: at(4, 21), end: at(4, 23)})
    expect(range(positions, "'beste'")).toEqual({start: at(4, 10), end: at(4, 19)})
  })

  it('gives the same points with CRLF line endings', () => {
    const positions = positionsIn('title: Thema\r\ntips:\r\n  - >\r\n    Lees eerst\r\n    meer[@onbekend].\r\n', ['tips', 0])
    expect(positions.value).toBe('Lees eerst meer[@onbekend].\n')
    expect(range(positions, '@onbekend')).toEqual({start: at(6, 10), end: at(6, 19)})
    const literal = positionsIn('title: Thema\r\nsummary: |\r\n  een\r\n  twee [@b]\r\n', ['summary'])
    expect(literal.value).toBe('een\ntwee [@b]\n')
    expect(range(literal, '@b')).toEqual({start: at(5, 9), end: at(5, 11)})
    // White space before the break is dropped; the folded space stands on the line break, which starts at the `\r`
    const quoted = positionsIn('title: Thema\r\ntips:\r\n  - "een  \r\n    twee"\r\n', ['tips', 0])
    expect(quoted.value).toBe('een twee')
    expect(stringPoint(quoted, 3, 'start')).toEqual(at(4, 11))
    expect(stringPoint(quoted, 3, 'end')).toEqual(at(4, 9))
    expect(range(quoted, 'twee')).toEqual({start: at(5, 5), end: at(5, 9)})
  })

  it('maps every character it copies to that same character of the file, in every form', () => {
    const cases: Array<[string, PropertyKey[]]> = [
      ['a: >\n  een twee\n  drie\n\n  vier\n', ['a']],
      ['a: >-\n  een\n    meer\n  twee\n', ['a']],
      ['a: |+\n  een\n   twee\n\n', ['a']],
      ['a: |1-\n   een\n  twee\n', ['a']],
      ['a:\n  - |\n    x\n\n    y\n', ['a', 0]],
      ['a: een\n  twee\n\n  drie  \n  vier', ['a']],
      ['a: "een\\ttwee \\x41\\U0001F600 \n\n  drie \\\n   vier\\\\"', ['a']],
      ["a: 'een ''twee''\n\n  drie  \n  vier'", ['a']],
      ['a: {b: "x\\ny", c: \'z\'}', ['a', 'b']],
      ['a: [een, "twee\\"drie"]', ['a', 1]]
    ]
    for (const [yaml, path] of cases) {
      const positions = positionsIn(yaml, path)
      expect(positions.exact, yaml).toBe(true)
      const lines = `---\n${yaml}`.split('\n')
      for (const run of positions.runs) {
        if (run.width !== run.length) continue
        const written = lines[run.line - 1]!.slice(run.column - 1, run.column - 1 + run.length)
        expect(written, yaml).toBe(positions.value.slice(run.offset, run.offset + run.length))
      }
      // Runs cover the whole string, in order
      expect(positions.runs.reduce((offset, run) => (run.offset === offset ? offset + run.length : -1), 0), yaml).toBe(positions.value.length)
    }
  })

  it('follows whatever string YAML writes, in each style, folded at a short line width', () => {
    const styles = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_FOLDED', 'BLOCK_LITERAL'] as const
    const text = fc.string({unit: fc.constantFrom('a', 'b', ' ', '  ', '\n', '\t', '"', "'", '\\', 'é', '😀', '#', ':', '-', '\u0007', '\u00a0', 'x y z')})
    fc.assert(
      fc.property(text, fc.constantFrom(...styles), fc.boolean(), (value, style, crlf) => {
        let yaml = stringify({title: 'T', tips: [value]}, {defaultStringType: style, lineWidth: 20, minContentWidth: 5})
        if (crlf) yaml = yaml.replace(/\n/g, '\r\n')
        const file = new VFile({path: 'x.md'})
        const parsed = parseFrontmatter(file, {value: yaml, startLine: 2})!
        const positions = parsed.stringPositionsAt(['tips', 0])
        // What YAML reads back (its writer does not always round-trip, e.g. a literal block of spaces)
        value = (parsed.data as {tips: string[]}).tips[0]!
        expect(positions.value).toBe(value)
        expect(positions.exact).toBe(true)
        const lines = `---\n${yaml}`.split(/\r?\n/)
        let covered = 0
        for (const run of positions.runs) {
          expect(run.offset).toBe(covered)
          covered += run.length
          if (run.width === run.length) expect(lines[run.line - 1]!.slice(run.column - 1, run.column - 1 + run.length)).toBe(value.slice(run.offset, run.offset + run.length))
        }
        expect(covered).toBe(value.length)
      }),
      {numRuns: 500}
    )
  })

  it('points at an alias and its end when the value is written elsewhere', () => {
    const positions = positionsIn('title: &t Thema\nsummary: *t\n', ['summary'])
    expect(positions.exact).toBe(false)
    expect(stringPoint(positions, 2, 'start')).toEqual(at(3, 10))
    expect(stringPoint(positions, 4, 'end')).toEqual(at(3, 12))
  })
})

describe('findings in frontmatter strings, through the per-file step', () => {
  const ends = (file: VFile) => (file.data.citations ?? []).map((use) => ({ids: use.ids, start: use.idPlaces?.[0], end: use.idEnds?.[0], from: use.place, to: use.end}))

  it('records a citation in a folded tip of a `{heading, items}` box at its own line, start and end', async () => {
    const file = contentFile('01-thema.md', '---\ntitle: Thema\nsummary: Over.\ntips:\n  heading: "Tips \\"nu\\" [@kop]"\n  items:\n    - >\n      Lees\n      meer [@een], p. 3.\n---\n\nTekst.\n')
    await loadThemeFile(file)
    expect(ends(file)).toEqual([
      {ids: ['kop'], start: at(5, 26), end: at(5, 30), from: at(5, 25), to: at(5, 31)},
      {ids: ['een'], start: at(9, 13), end: at(9, 17), from: at(9, 12), to: at(9, 18)}
    ])
  })

  it('reports a finding made inside a source text with its start and end', async () => {
    const file = contentFile('index.md', "---\ntitle: Kaart\nsources:\n  - id: a\n    text: 'Jansen ''t Hart\n      (2020), [@a;]'\n---\n\nIntro[@a].\n")
    await loadCardFile(file)
    const malformed = file.messages.find((message) => message.ruleId === 'citation-malformed')
    // `[@a;]` on line 6: 6 spaces, then `(2020), ` puts `[` in column 15 and after `]` column 20
    expect(malformed?.place).toEqual({start: at(6, 15), end: at(6, 20)})
  })

  it('ends a citation before an escaped line break on its own line, and skips white space the schema trims', async () => {
    const file = contentFile('01-thema.md', '---\ntitle: Thema\nsummary: Over.\ntips:\n  - "  Lees [@een]\\\n      meer."\n---\n\nTekst.\n')
    await loadThemeFile(file)
    // Line 5 is `  - "  Lees [@een]\`: `"` in column 5, `[` in 13, `@` in 14, `]` in 18
    expect(ends(file)).toEqual([{ids: ['een'], start: at(5, 14), end: at(5, 18), from: at(5, 13), to: at(5, 19)}])
  })
})
