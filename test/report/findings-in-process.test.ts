/**
 * collectFindings, formatFindings and emit, called in-process. The CLI tests
 * check the same output end to end, but they run the compiled lib/, so these
 * are the tests that fail when src/report/ breaks (found by mutation testing).
 */
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {emitError, emitWarning} from '../../src/report/emit.js'
import {collectFindings, type Finding, formatFindings, summary} from '../../src/report/findings.js'

const error: Finding = {file: 'content/kaart/index.md', line: 3, column: 1, severity: 'error', rule: 'card-empty', message: 'The card is empty', hint: 'List the themes.'}
const warning: Finding = {file: 'content/kaart/01-thema.md', line: 1, column: 2, severity: 'warning', rule: 'theme-unlisted', message: 'Theme is unlisted'}

describe('emitError and emitWarning', () => {
  it('record an error as fatal and a warning as not, with rule id, source, place and hint', () => {
    const file = new VFile({path: 'a.md'})
    emitError(file, 'card-empty', 'Broken', {place: {line: 2, column: 5}, hint: 'Fix it.'})
    emitWarning(file, 'theme-unlisted', 'Odd')
    const [first, second] = file.messages
    expect(first).toMatchObject({reason: 'Broken', ruleId: 'card-empty', source: 'kenniskaart', fatal: true, line: 2, column: 5, note: 'Fix it.'})
    expect(second).toMatchObject({reason: 'Odd', ruleId: 'theme-unlisted', fatal: false, line: undefined})
    expect(second!.note).toBeUndefined()
  })
})

describe('collectFindings', () => {
  it('turns messages into findings relative to the working folder, with severity and hint', () => {
    const file = new VFile({path: '/project/content/kaart/index.md'})
    emitError(file, 'card-empty', 'Broken', {place: {line: 4, column: 2}, hint: 'Fix it.'})
    emitWarning(file, 'theme-unlisted', 'Odd', {place: {line: 9, column: 1}})
    expect(collectFindings([file], '/project')).toEqual([
      {file: 'content/kaart/index.md', line: 4, column: 2, severity: 'error', rule: 'card-empty', message: 'Broken', hint: 'Fix it.', url: expect.stringMatching(/docs\/rules\.md#card-empty$/)},
      {file: 'content/kaart/index.md', line: 9, column: 1, severity: 'warning', rule: 'theme-unlisted', message: 'Odd', url: expect.stringMatching(/docs\/rules\.md#theme-unlisted$/)}
    ])
  })

  it('places a message without a place at 1:1, and one without a rule id under `unknown`', () => {
    const file = new VFile({path: '/project/a.md'})
    file.message('No place, no rule')
    expect(collectFindings([file], '/project')).toEqual([{file: 'a.md', line: 1, column: 1, severity: 'warning', rule: 'unknown', message: 'No place, no rule'}])
  })

  it('sorts by file, then line, then column, whatever the order they were found in', () => {
    const b = new VFile({path: '/p/b.md'})
    const a = new VFile({path: '/p/a.md'})
    for (const [line, column] of [[10, 1], [2, 7], [2, 3], [1, 9]] as const) emitWarning(b, 'theme-unlisted', `${line}:${column}`, {place: {line, column}})
    emitWarning(a, 'theme-unlisted', 'later file name first', {place: {line: 50, column: 1}})
    const places = collectFindings([b, a], '/p').map((finding) => `${finding.file}:${finding.message}`)
    expect(places).toEqual(['a.md:later file name first', 'b.md:1:9', 'b.md:2:3', 'b.md:2:7', 'b.md:10:1'])
  })
})

describe('formatFindings', () => {
  it('prints JSON as an indented array ending in a newline', () => {
    expect(formatFindings([error], 'json', {color: false})).toBe(`${JSON.stringify([error], null, 2)}\n`)
    expect(formatFindings([], 'json', {color: false})).toBe('[]\n')
  })

  it('prints text with the place first, the severity, message and rule, the hint below, files apart and the count last', () => {
    const text = formatFindings([warning, {...warning, line: 5, severity: 'error', message: 'Second'}, error], 'text', {color: false})
    const lines = text.split('\n')
    expect(lines).toContain('content/kaart/01-thema.md:1:2  warning  Theme is unlisted  theme-unlisted')
    expect(lines).toContain('content/kaart/01-thema.md:5:2  error    Second  theme-unlisted')
    expect(lines).toContain('content/kaart/index.md:3:1  error    The card is empty  card-empty')
    expect(text).toMatch(/card-empty\n {2}hint: List the themes\.\n/)
    expect(text.match(/hint:/g)).toHaveLength(1)
    // one empty line between the two files, none between findings of one file
    const blocks = text.trimEnd().split('\n\n')
    expect(blocks).toHaveLength(3)
    expect(blocks[0]).toContain('01-thema.md:1:2')
    expect(blocks[0]).toContain('01-thema.md:5:2')
    expect(blocks[1]).toContain('index.md:3:1')
    expect(blocks[2]).toBe('2 errors, 1 warning')
    expect(text.endsWith('2 errors, 1 warning\n')).toBe(true)
    expect(text.startsWith('content/kaart/01-thema.md:1:2  warning')).toBe(true)
  })

  it('escapes control characters in the file, message, rule and hint of a text finding', () => {
    const hostile: Finding = {file: 'a\u001b[31m.md', line: 1, column: 1, severity: 'warning', rule: 'x\ny', message: 'm\r\tn\u009b', hint: 'h\u202e'}
    const text = formatFindings([hostile], 'text', {color: false})
    expect(text).toContain('a\\u001b[31m.md:1:1  warning  m\\r\\tn\\u009b  x\\ny\n  hint: h\\u202e\n')
  })

  it('counts in singular and plural', () => {
    expect(summary(1, 0)).toBe('1 error, 0 warnings')
    expect(summary(0, 1)).toBe('0 errors, 1 warning')
    expect(summary(2, 3)).toBe('2 errors, 3 warnings')
  })

  it('prints one GitHub workflow command per finding, with the hint after the rule', () => {
    expect(formatFindings([error, warning], 'github', {color: false})).toBe(
      '::error file=content/kaart/index.md,line=3,col=1,title=card-empty::The card is empty (card-empty). List the themes.\n' +
        '::warning file=content/kaart/01-thema.md,line=1,col=2,title=theme-unlisted::Theme is unlisted (theme-unlisted)\n'
    )
    expect(formatFindings([], 'github', {color: false})).toBe('')
  })

  it('escapes %, CR, LF, colon and comma in GitHub properties, and %, CR, LF in the message', () => {
    const finding: Finding = {file: 'a%b\r\n:c,d.md', line: 1, column: 1, severity: 'warning', rule: 'r:1,2', message: '50%\r\nx: y, z', hint: 'h\u001b'}
    expect(formatFindings([finding], 'github', {color: false})).toBe('::warning file=a%25b%0D%0A%3Ac%2Cd.md,line=1,col=1,title=r%3A1%2C2::50%25%0D%0Ax: y, z (r:1,2). h\\u001b\n')
  })
})
