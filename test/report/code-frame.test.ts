import stringWidth from 'string-width'
import {describe, expect, it} from 'vitest'
import {codeFrame, type CodeFrameOptions} from '../../src/report/code-frame.js'

const plain: CodeFrameOptions = {width: 40, paintGutter: (text) => text, paintMarker: (text) => text}

/** What the carets stand under, for frames of single-column characters only. */
function underlined([source, carets]: string[]): string {
  const first = carets!.indexOf('^')
  const last = carets!.lastIndexOf('^')
  return source!.slice(first, last + 1).padEnd(last + 1 - first, '␤')
}

describe('codeFrame', () => {
  it('shows the line with its number in a gutter and a caret under the column', () => {
    expect(codeFrame('title: 1984', {line: 2, column: 8}, plain)).toEqual([
      '  2 | title: 1984',
      '    |        ^'
    ])
  })

  it('underlines a range on the line, its end column being the place after it', () => {
    const frame = codeFrame('Tekst [@onbekend] hier.', {line: 12, column: 7, endLine: 12, endColumn: 18}, plain)
    expect(frame).toEqual([
      '  12 | Tekst [@onbekend] hier.',
      '     |       ^^^^^^^^^^^'
    ])
    expect(underlined(frame)).toBe('[@onbekend]')
  })

  it('underlines to the end of the line when the range goes on below', () => {
    expect(underlined(codeFrame('Een [lange link', {line: 1, column: 5, endLine: 3, endColumn: 2}, plain))).toBe('[lange link')
  })

  it('puts a caret just after the line when the column is at its end or past it', () => {
    expect(codeFrame('abc', {line: 1, column: 4}, plain)[1]).toBe('    |    ^')
    expect(codeFrame('abc', {line: 1, column: 40}, plain)[1]).toBe('    |    ^')
  })

  it('expands tabs to the next multiple of four columns, so the caret stays under its character', () => {
    expect(codeFrame('a\tb\tc', {line: 1, column: 5}, plain)).toEqual([
      '  1 | a   b   c',
      '    |         ^'
    ])
  })

  it('shows control characters escaped and counts the escape in the caret position', () => {
    const frame = codeFrame('a\u001b[2Jb [@x]', {line: 1, column: 8, endLine: 1, endColumn: 12}, plain)
    expect(frame[0]).toBe('  1 | a\\u001b[2Jb [@x]')
    expect(underlined(frame)).toBe('[@x]')
  })

  it('underlines the whole escape when the place is a control character', () => {
    expect(underlined(codeFrame('ab\u0007cd', {line: 1, column: 3, endLine: 1, endColumn: 4}, plain))).toBe('\\u0007')
  })

  it('counts CJK characters and emoji as two columns', () => {
    expect(codeFrame('中文 🎉 [@x]', {line: 1, column: 7, endLine: 1, endColumn: 11}, plain)).toEqual([
      '  1 | 中文 🎉 [@x]',
      '    |         ^^^^'
    ])
  })

  it('shows nothing for a byte-order mark, and keeps the caret aligned after it', () => {
    expect(codeFrame('\uFEFFtitle: x', {line: 1, column: 9}, plain)).toEqual([
      '  1 | title: x',
      '    |        ^'
    ])
  })

  describe('on a 2,000-character line', () => {
    const line = `${'x'.repeat(1000)}[@y]${'z'.repeat(996)}`

    it('cuts the line around the place, marks both cuts with …, and stays within the width', () => {
      const frame = codeFrame(line, {line: 14, column: 1001, endLine: 14, endColumn: 1005}, plain)
      expect(frame[0]).toMatch(/^ {2}14 \| …x+\[@y\]z+…$/)
      expect(frame[0]!.length).toBeLessThanOrEqual(40)
      expect(underlined(frame)).toBe('[@y]')
    })

    it('shows the place a third of the way in, so what leads up to it is visible', () => {
      const [source] = codeFrame(line, {line: 14, column: 1001}, plain)
      const before = source!.indexOf('[') - source!.indexOf('…') - 1
      expect(before).toBeGreaterThanOrEqual(8)
      expect(before).toBeLessThanOrEqual(12)
    })

    it('does not cut before a place near the start, nor after one near the end', () => {
      const start = codeFrame(line, {line: 14, column: 1}, plain)
      expect(start[0]).toMatch(/^ {2}14 \| x+…$/)
      expect(underlined(start)).toBe('x')
      const end = codeFrame(line, {line: 14, column: 2001}, plain)
      expect(end[0]).toMatch(/^ {2}14 \| …z+$/)
      expect(underlined(end)).toBe('␤')
    })

    it('uses the width it is given', () => {
      const [wide] = codeFrame(line, {line: 14, column: 1001}, {...plain, width: 120})
      expect(wide!.length).toBeGreaterThan(100)
      expect(wide!.length).toBeLessThanOrEqual(120)
    })

    it('keeps wide characters whole at the cut', () => {
      // The cut falls in the middle of a 中 for one of these two columns
      for (const column of [101, 102]) {
        const frame = codeFrame(`${'中'.repeat(100)}x[@x]${'b'.repeat(100)}`, {line: 1, column}, plain)
        expect(frame[0]).toMatch(/^ {2}1 \| …中+x\[@x\]b+…$/)
        expect(stringWidth(frame[0]!)).toBeLessThanOrEqual(40)
      }
    })
  })

  it('measures only the text near the place, so a long line costs no more than a short one', () => {
    const line = `${'a'.repeat(15_000)}[@x]${'b'.repeat(15_000)}`
    const started = performance.now()
    for (let index = 0; index < 10; index++) codeFrame(line, {line: 1, column: 15_001, endLine: 1, endColumn: 30_005}, plain)
    expect(performance.now() - started).toBeLessThan(200)
  })

  it('colours the gutter and the carets, never the source text', () => {
    const frame = codeFrame('Tekst [@x]', {line: 1, column: 7}, {width: 40, paintGutter: (text) => `<g>${text}</g>`, paintMarker: (text) => `<m>${text}</m>`})
    expect(frame).toEqual(['<g>  1 |</g> Tekst [@x]', '<g>    |</g>       <m>^</m>'])
  })
})
