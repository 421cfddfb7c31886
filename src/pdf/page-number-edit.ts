/** A page number in the "Inhoud" as the print document writes it (see render/parts/tiles.ts). */
const pageNumber = /(<span class="tile-page-number">)(\d+)(<\/span>)/g

/** The selector of those page numbers in the printed page, in document order. */
export const pageNumberSelector = 'span[class="tile-page-number"]'

/**
 * When the print document `after` is `before` with other page numbers in
 * its "Inhoud" and nothing else changed, the new numbers in document order:
 * then the page already loaded can be printed again with its numbers
 * replaced, and shows exactly `after`. Otherwise undefined: `after` must be
 * loaded in full.
 */
export function pageNumberEdit(before: string, after: string): string[] | undefined {
  const numbers = [...after.matchAll(pageNumber)].map((match) => match[2]!)
  if (numbers.length === 0) return undefined
  const blank = (html: string) => html.replace(pageNumber, '$1$3')
  return blank(before) === blank(after) ? numbers : undefined
}
