import stringWidth from 'string-width'
import {escapeTerminal, hasControlCharacters} from './escape-terminal.js'

/** Where a finding is: unist lines and columns, 1-based; the end is the place just after the range. */
export interface FramePlace {
  line: number
  column: number
  endLine?: number | undefined
  endColumn?: number | undefined
}

export interface CodeFrameOptions {
  /** Terminal columns a frame line may take, gutter included; longer source lines are cut around the place. */
  width: number
  /** Colours the gutter (line number and bar). */
  paintGutter: (text: string) => string
  /** Colours the carets. */
  paintMarker: (text: string) => string
}

/** Columns a tab advances to: the next multiple of this. */
const tabSize = 4
/** What stands for the part of a line that is cut off. */
const ellipsis = '…'
/** The fewest source columns shown, however narrow the terminal. */
const minimumWidth = 20

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'})

/** One character as the terminal shows it. */
interface Cell {
  /** What is printed: the character, spaces for a tab, an escape for a control character. */
  text: string
  /** Terminal columns it takes: 2 for CJK and emoji, 0 for a byte-order mark. */
  width: number
  /** Its UTF-16 range in the line, as unist columns count. */
  start: number
  end: number
  /** Terminal column where it starts, from the start of the line. */
  x: number
}

/**
 * The lines of a code frame, as rustc, Babel and Astro print them: the
 * source line with its number in a gutter, and carets under the place
 * (`^` for a point, `^^^^` under a range on that line, to the end of the
 * line when the range goes on). Tabs are expanded, control characters are
 * shown escaped, and wide characters take two columns, so the carets stay
 * under what they point at. A line longer than `width` is cut around the
 * place, with `…` where text is left out. Colour goes on the gutter and the
 * carets only, never on the content.
 */
export function codeFrame(lineText: string, place: FramePlace, options: CodeFrameOptions): string[] {
  const number = String(place.line)
  const gutterWidth = number.length + 5
  const budget = Math.max(minimumWidth, options.width - gutterWidth - 2 * ellipsis.length)

  const start = Math.min(Math.max(place.column - 1, 0), lineText.length)
  const end =
    place.endLine === place.line && place.endColumn !== undefined ? Math.min(Math.max(place.endColumn - 1, start), lineText.length)
    : place.endLine !== undefined && place.endLine > place.line ? lineText.length
    : start

  // Only text near the place is measured (splitting text into graphemes slows down badly on long
  // strings), so a megabyte-long line costs no more than a short one
  const reach = Math.min(budget, 1000) * 2
  let windowStart = Math.max(0, start - reach)
  if (isLowSurrogate(lineText, windowStart)) windowStart++
  let windowEnd = Math.min(lineText.length, start + reach)
  if (isLowSurrogate(lineText, windowEnd)) windowEnd++
  const cells = measure(lineText.slice(windowStart, windowEnd), windowStart)
  const total = cells.length > 0 ? cells.at(-1)!.x + cells.at(-1)!.width : 0

  const markStart = columnAt(cells, start, total)
  const markEnd = end > start ? Math.max(markStart + 1, columnAfter(cells, end, total)) : markStart + 1

  let from = 0
  let to = total
  if (total > budget) {
    // The place sits a third into what is shown, so what leads up to it is visible too
    from = Math.max(0, markStart - Math.floor(budget / 3))
    to = Math.min(total, from + budget)
    from = Math.max(0, to - budget)
  }
  const shown = cells.filter((cell) => cell.x >= from && cell.x + cell.width <= to)
  const shownStart = shown[0]?.x ?? from
  const shownEnd = shown.length > 0 ? shown.at(-1)!.x + shown.at(-1)!.width : from
  const cutBefore = windowStart > 0 || shownStart > 0
  const cutAfter = windowEnd < lineText.length || shownEnd < total

  const source = `${cutBefore ? ellipsis : ''}${shown.map((cell) => cell.text).join('')}${cutAfter ? ellipsis : ''}`
  // The place is always shown (it sits a third into the budget); clamped all the same, so no caret ever lands outside
  const caretColumn = Math.min(Math.max(markStart, shownStart), shownEnd)
  const caretOffset = (cutBefore ? ellipsis.length : 0) + caretColumn - shownStart
  const caretLength = Math.max(1, Math.min(markEnd, Math.max(shownEnd, caretColumn + 1)) - caretColumn)

  const gutter = (label: string) => options.paintGutter(`  ${label.padStart(number.length)} |`)
  return [
    `${gutter(number)}${source ? ` ${source}` : ''}`,
    `${gutter('')} ${' '.repeat(caretOffset)}${options.paintMarker('^'.repeat(caretLength))}`
  ]
}

/** Split text into the cells a terminal shows, one per grapheme (a letter with its accents, an emoji with its modifiers). */
function measure(text: string, offset: number): Cell[] {
  const cells: Cell[] = []
  let x = 0
  for (const {segment, index} of graphemes.segment(text)) {
    let shown: string
    if (segment === '\t') shown = ' '.repeat(tabSize - (x % tabSize))
    else if (segment === '\uFEFF') shown = ''
    else if (hasControlCharacters(segment)) shown = escapeTerminal(segment)
    else shown = segment
    const width = segment === '\t' ? shown.length : stringWidth(shown)
    cells.push({text: shown, width, start: offset + index, end: offset + index + segment.length, x})
    x += width
  }
  return cells
}

/** The terminal column where the character at UTF-16 index `index` starts (the end of the line when it is past it). */
function columnAt(cells: Cell[], index: number, total: number): number {
  return cells.find((cell) => cell.end > index)?.x ?? total
}

/** The terminal column just after the characters before UTF-16 index `index`. */
function columnAfter(cells: Cell[], index: number, total: number): number {
  const after = cells.find((cell) => cell.start >= index)
  return after ? after.x : total
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  return code >= 0xdc00 && code <= 0xdfff
}
