import type {Parent} from 'mdast'
import {toString} from 'mdast-util-to-string'

/**
 * Whether a figure's caption says what the heading right above it says
 * (ignoring case, spacing, citations and closing punctuation): then the
 * heading already names the figure, and a caption would print it twice.
 */
export function repeatsHeadingAbove(parent: Parent, index: number, caption: string): boolean {
  const previous = parent.children[index - 1]
  if (previous?.type !== 'heading') return false
  return comparable(toString(previous)) === comparable(caption)
}

function comparable(text: string): string {
  return text
    .replace(/\[-?@[^\]]*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s:.;,]+$/, '')
    .toLowerCase()
}
