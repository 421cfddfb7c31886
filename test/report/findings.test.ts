import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {emitError, emitWarning} from '../../src/report/emit.js'
import {collectFindings, collectSources, type Finding, formatFindings} from '../../src/report/findings.js'
import {ruleDocsUrl} from '../../src/report/rule-docs.js'

const cwd = '/project'
const themeText = '---\ntitle: Thema\nsummary: Over het thema.\n---\n\nTekst[@bron] en [@onbekend].\n'

function themeFile(value: string | undefined = themeText): VFile {
  return new VFile({path: '/project/content/kaart/01-thema.md', value})
}

/** The escape sequences of colour codes. */
const colourCodes = new RegExp(`${String.fromCharCode(27)}\\[[\\d;]*m`, 'g')

describe('collectFindings', () => {
  it('keeps the end of a range as endLine and endColumn', () => {
    const file = themeFile()
    emitError(file, 'citation-unknown', 'Citation of unknown source `onbekend`', {place: {start: {line: 6, column: 18}, end: {line: 6, column: 27}}})
    expect(collectFindings([file], cwd)).toEqual([
      {
        file: 'content/kaart/01-thema.md',
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 27,
        severity: 'error',
        rule: 'citation-unknown',
        message: 'Citation of unknown source `onbekend`',
        url: ruleDocsUrl('citation-unknown')
      }
    ])
  })

  it('gives no end to a point, nor to a finding about the whole file', () => {
    const file = themeFile()
    emitWarning(file, 'heading-level-skipped', 'Heading level 4 follows level 2', {place: {line: 6, column: 1}})
    emitError(file, 'file-empty', 'The file is empty')
    for (const finding of collectFindings([file], cwd)) {
      expect(finding).not.toHaveProperty('endLine')
      expect(finding).not.toHaveProperty('endColumn')
    }
  })

  it('links each finding to its rule\'s section in docs/rules.md', () => {
    const file = themeFile()
    emitWarning(file, 'source-uncited', 'Source `x` is never cited', {place: {line: 2, column: 1}})
    const [finding] = collectFindings([file], cwd)
    expect(finding!.url).toMatch(/^file:\/\/.*\/docs\/rules\.md#source-uncited$/)
  })

  it('gives no link for a message without a rule id of kenniskaart', () => {
    const file = themeFile()
    file.message('Something else', {ruleId: 'something-else'})
    file.message('No rule at all')
    expect(collectFindings([file], cwd).map((finding) => finding.url)).toEqual([undefined, undefined])
  })
})

describe('emitError and emitWarning', () => {
  it('put the rule\'s documentation link on the vfile message', () => {
    const file = themeFile()
    emitError(file, 'yaml-syntax', 'Invalid YAML', {place: {line: 2, column: 1}})
    emitWarning(file, 'directive-unknown', 'Unknown directive', {place: {line: 6, column: 1}})
    expect(file.messages.map((message) => message.url)).toEqual([ruleDocsUrl('yaml-syntax'), ruleDocsUrl('directive-unknown')])
  })
})

describe('collectSources', () => {
  it('holds the text of each file by the path findings use, and nothing for files without text', () => {
    const unreadable = new VFile({path: '/project/content/kaart/02-kapot.md'})
    const missingIndex = new VFile({path: '/project/content/kaart/index.md', value: ''})
    const folder = new VFile({path: '/project/content/Mijn Kaart'})
    expect(collectSources([themeFile(), unreadable, missingIndex, folder], cwd)).toEqual(new Map([['content/kaart/01-thema.md', themeText]]))
  })
})

describe('the text format', () => {
  const finding: Finding = {
    file: 'content/kaart/01-thema.md',
    line: 6,
    column: 18,
    endLine: 6,
    endColumn: 27,
    severity: 'error',
    rule: 'citation-unknown',
    message: 'Citation of unknown source `onbekend`',
    hint: 'Did you mean [@bron]?'
  }
  const sources = new Map([[finding.file, themeText]])

  it('follows path:line:column and the message with a code frame, then the hint', () => {
    expect(formatFindings([finding], 'text', {color: false, sources})).toBe(
      [
        'content/kaart/01-thema.md:6:18  error    Citation of unknown source `onbekend`  citation-unknown',
        '  6 | Tekst[@bron] en [@onbekend].',
        '    |                  ^^^^^^^^^',
        '  hint: Did you mean [@bron]?',
        '',
        '1 error, 0 warnings',
        ''
      ].join('\n')
    )
  })

  it('shows no frame without the file\'s text, nor for a line the file does not have', () => {
    const withoutFrame = [
      'content/kaart/01-thema.md:6:18  error    Citation of unknown source `onbekend`  citation-unknown',
      '  hint: Did you mean [@bron]?'
    ].join('\n')
    expect(formatFindings([finding], 'text', {color: false})).toContain(withoutFrame)
    expect(formatFindings([{...finding, line: 40}], 'text', {color: false, sources})).toContain(withoutFrame.replace(':6:18', ':40:18'))
  })

  it('frames text with CRLF line endings at the right line, without a carriage return', () => {
    const crlf = new Map([[finding.file, themeText.replaceAll('\n', '\r\n')]])
    const text = formatFindings([finding], 'text', {color: false, sources: crlf})
    expect(text).not.toContain('\r')
    expect(text).toContain('  6 | Tekst[@bron] en [@onbekend].\n    |                  ^^^^^^^^^\n')
  })

  it('cuts long lines to the width it is given', () => {
    const long = `${'woord '.repeat(300)}[@onbekend]`
    const text = formatFindings([{...finding, line: 1, column: 1801, endLine: 1, endColumn: 1812}], 'text', {color: false, sources: new Map([[finding.file, long]]), width: 60})
    const frame = text.split('\n').filter((line) => line.startsWith('  1 |'))
    expect(frame).toHaveLength(1)
    expect(frame[0]!.length).toBeLessThanOrEqual(60)
    expect(frame[0]).toContain('[@onbekend]')
  })

  it('colours the frame\'s gutter and carets with colour on, and is otherwise the same text', () => {
    const plain = formatFindings([finding], 'text', {color: false, sources})
    const coloured = formatFindings([finding], 'text', {color: true, sources})
    const caretLine = coloured.split('\n').find((line) => line.includes('^'))!
    expect(caretLine).toMatch(colourCodes)
    // After the gutter's own codes, the source text is as it is
    const sourceLine = coloured.split('\n').find((line) => line.includes('[@onbekend]'))!
    expect(sourceLine.slice(sourceLine.indexOf('|')).replace(colourCodes, '')).toBe(sourceLine.slice(sourceLine.indexOf('|')).replace(/^\|[^ ]*/, '|'))
    expect(coloured.replace(colourCodes, '')).toBe(plain)
  })
})

describe('the json format', () => {
  it('carries endLine, endColumn and the documentation link', () => {
    const file = themeFile()
    emitError(file, 'citation-unknown', 'Citation of unknown source `onbekend`', {place: {start: {line: 6, column: 18}, end: {line: 6, column: 27}}})
    const [finding] = JSON.parse(formatFindings(collectFindings([file], cwd), 'json', {color: false})) as Finding[]
    expect(finding).toMatchObject({line: 6, column: 18, endLine: 6, endColumn: 27, url: ruleDocsUrl('citation-unknown')})
  })
})

describe('the github format', () => {
  it('passes the end of a range as endLine and endColumn', () => {
    const finding: Finding = {file: 'a.md', line: 6, column: 18, endLine: 7, endColumn: 3, severity: 'warning', rule: 'citation-in-text', message: 'm'}
    expect(formatFindings([finding], 'github', {color: false})).toBe('::warning file=a.md,line=6,col=18,endLine=7,endColumn=3,title=citation-in-text::m (citation-in-text)\n')
  })

  it('leaves them out for a point', () => {
    const finding: Finding = {file: 'a.md', line: 6, column: 18, severity: 'warning', rule: 'citation-in-text', message: 'm'}
    expect(formatFindings([finding], 'github', {color: false})).toBe('::warning file=a.md,line=6,col=18,title=citation-in-text::m (citation-in-text)\n')
  })
})
