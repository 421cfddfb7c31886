/**
 * The width of a character as a share of the font size, set high on
 * purpose: no browser measures the text, so a label is wrapped as if every
 * letter were wide (bold Source Sans averages about 0.53).
 */
export const charWidth = 0.6

/** How many characters fit in `width` at `fontSize`, estimated conservatively. */
export function charsThatFit(width: number, fontSize: number): number {
  return Math.max(4, Math.floor(width / (fontSize * charWidth)))
}

/**
 * Break a label into lines of at most `maxChars` characters, at spaces
 * (and after hyphens and slashes); a word longer than a line is cut with a
 * hyphen. Past `maxLines` the last line ends in an ellipsis: the whole
 * label is in the diagram's description for screen readers.
 */
export function wrapLabel(text: string, maxChars: number, maxLines = 4): string[] {
  // Only the start can be shown: a huge label costs no more than a long one
  const limit = (maxLines + 1) * maxChars
  const shown = [...text.slice(0, 4 * limit).replace(/\s+/g, ' ').trim()].slice(0, limit).join('')
  const words = shown.split(' ').flatMap((word) => splitLongWord(word, maxChars))
  const lines: string[] = []
  let current = ''
  for (const word of words) {
    const joined = current === '' ? word : current.endsWith('-') || current.endsWith('/') ? current + word : `${current} ${word}`
    if (current !== '' && [...joined].length > maxChars) {
      lines.push(current)
      current = word
    } else {
      current = joined
    }
  }
  if (current !== '') lines.push(current)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  const last = [...kept[maxLines - 1]!]
  kept[maxLines - 1] = (last.length >= maxChars ? last.slice(0, maxChars - 1).join('') : last.join('')) + '…'
  return kept
}

/** Hyphenated and slashed words may break after the mark; a too long word is cut. */
function splitLongWord(word: string, maxChars: number): string[] {
  const parts = word.split(/(?<=[-/])/)
  const pieces: string[] = []
  for (const part of parts) {
    let rest = [...part]
    while (rest.length > maxChars) {
      pieces.push(rest.slice(0, maxChars - 1).join('') + '-')
      rest = rest.slice(maxChars - 1)
    }
    pieces.push(rest.join(''))
  }
  return pieces
}
