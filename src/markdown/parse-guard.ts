import type {VFile} from 'vfile'
import {emitError} from '../report/emit.js'

/*
 * A linear look at the raw Markdown before it is parsed, refusing paragraphs
 * that the parser would take super-linear time on.
 *
 * micromark parses the inline content of each paragraph (and of each heading
 * and table cell) with a tokenizer of its own. Several of its steps do work for
 * each inline marker that grows with the length of that paragraph: the text
 * resolver splices the event list once per group of plain text that a failed
 * marker split (`[a] ` × 50,000 took 28 s); emphasis and strikethrough closers
 * walk back through all events looking for an opener (`a* `, `a~ `); an HTML
 * comment or code span that never closes scans to the end of the paragraph
 * (`<!--`, backticks of growing lengths); directive labels and attributes do
 * the same. None of that is more than one walk over the paragraph per marker.
 *
 * Each line ending does the same (the text resolver splices once per line
 * whose text a marker or a word start split: 16,000 lines of `a|b` took 3 s).
 *
 * So the number of these markers, and of lines, in one paragraph is bounded:
 * then the work is at most the bound times the paragraph's length, linear in
 * the file. The bounds are far above a real card (a paragraph with fifty
 * citations and ten links has about 150 markers, and a few dozen lines).
 *
 * A paragraph here is a run of lines without a blank line (a line of only
 * spaces and tabs, or of only `>` markers, ends every paragraph); a line that
 * starts a bullet list item, a list item `1.` or an ATX heading starts a new
 * one, as each of those interrupts a paragraph. Anything else stays in the run
 * (code, HTML, tables too), so the count is never lower than the parser's own.
 */

/** At most this many inline markers (`[ ] * _ ~ < ` { `, unescaped) in one paragraph. */
export const maxInlineMarkersPerParagraph = 1000

/** At most this many lines in one paragraph (or other run of lines without a blank line). */
export const maxLinesPerParagraph = 1000

const markers = new Set(['[', ']', '*', '_', '~', '<', '`', '{'])
const asciiPunctuation = /[!-/:-@[-`{-~]/
// Only spaces and tabs, or only block quote markers (a `>` after four spaces is text)
const blankLine = /^[ \t]*$|^ {0,3}>(?: {0,4}>)*[ \t]*$/
const listItemStart = /^ {0,3}(?:[-+*]|1[.)])(?=[ \t]+\S)/
const atxHeading = /^ {0,3}#{1,6}(?:[ \t]|$)/
const frontmatterFence = /^---[ \t]*$/

interface Paragraph {
  line: number
  column: number
  markers: number
  lines: number
}

/**
 * Check the Markdown of `file` against the parse limits. Each paragraph over a
 * limit is an error at its first character. Returns whether the file may be
 * parsed.
 */
export function withinParseLimits(file: VFile): boolean {
  const text = String(file.value)
  // CommonMark's line endings: a lone CR ends a line too.
  const lines = text.split(/\r\n|\r|\n/)
  let within = true
  let paragraph: Paragraph | undefined

  const close = () => {
    if (paragraph) {
      const {line, column, markers, lines} = paragraph
      if (markers > maxInlineMarkersPerParagraph) {
        refuse(
          {line, column},
          `This paragraph has ${markers} brackets, emphasis marks and other inline markers; the limit is ${maxInlineMarkersPerParagraph}`,
          'Split the paragraph with blank lines, or escape characters that are meant literally with a backslash (`\\[`, `\\*`, `\\_`).'
        )
      } else if (lines > maxLinesPerParagraph) {
        refuse({line, column}, `This paragraph has ${lines} lines; the limit is ${maxLinesPerParagraph}`, 'Split the paragraph with blank lines.')
      }
    }
    paragraph = undefined
  }
  const refuse = (place: {line: number; column: number}, reason: string, hint: string) => {
    within = false
    emitError(file, 'markdown-too-complex', reason, {place, hint})
  }

  for (let index = frontmatterEnd(lines); index < lines.length; index++) {
    const line = lines[index]!
    if (blankLine.test(line)) {
      close()
      continue
    }
    const listItem = listItemStart.exec(line)
    const heading = atxHeading.test(line)
    if (listItem || heading) close()
    paragraph ??= {line: index + 1, column: line.search(/\S/) + 1, markers: 0, lines: 0}
    paragraph.markers += countMarkers(line, listItem ? listItem[0].length : 0)
    paragraph.lines++
    if (heading) close()
  }
  close()
  return within
}

/** The index of the first line after a closed YAML frontmatter block, or 0. */
function frontmatterEnd(lines: string[]): number {
  if (!frontmatterFence.test(lines[0] ?? '')) return 0
  for (let index = 1; index < lines.length; index++) {
    if (frontmatterFence.test(lines[index]!)) return index + 1
  }
  return 0
}

/** Inline markers in `line` from `from` on; a backslash escape hides the punctuation after it (not a backtick). */
function countMarkers(line: string, from: number): number {
  let count = 0
  for (let index = from; index < line.length; index++) {
    const character = line[index]!
    if (character === '\\') {
      const next = line[index + 1]
      if (next !== undefined && next !== '`' && asciiPunctuation.test(next)) index++
      continue
    }
    if (markers.has(character)) count++
  }
  return count
}
