import {PDFDocument} from 'pdf-lib'
import {loadPdf} from './load-pdf.js'

/** An A4 sheet on its side, in points (ISO 216: 297 × 210 mm). */
export const a4Landscape = {width: 841.89, height: 595.28} as const

/**
 * The pages (numbered from 1; 0 for a blank) on each side of the sheets of a
 * booklet of `pageCount` pages, left then right: the count padded with blank
 * pages to a multiple of four, the outermost pages on the first sheet. For 8
 * pages: [8, 1], [2, 7], [6, 3], [4, 5]. Printed duplex, flipped on the short
 * edge, the stack folds in the middle into the pages in reading order.
 */
export function bookletSides(pageCount: number): Array<[number, number]> {
  const padded = Math.ceil(pageCount / 4) * 4
  const real = (page: number) => (page <= pageCount ? page : 0)
  return Array.from({length: padded / 2}, (_, side): [number, number] => {
    const low = side + 1
    const high = padded - side
    // A front has the higher page on the left, its back the lower one
    return side % 2 === 0 ? [real(high), real(low)] : [real(low), real(high)]
  })
}

/**
 * A booklet of a printed PDF: its pages drawn two-up on A4 landscape sheets
 * in booklet order (see `bookletSides`), each scaled to fit its half and
 * set against the fold. The pages are drawn as embedded forms, so their
 * text and fonts stay as they were; links, the outline and the tags belong
 * to the single pages and are not carried over (a booklet is for paper).
 * The document information is left for `finishPdf`.
 */
export async function imposeBooklet(printed: Uint8Array): Promise<{bytes: Uint8Array; pageCount: number; sides: number}> {
  const source = await loadPdf(printed)
  const pageCount = source.getPageCount()
  const booklet = await PDFDocument.create({updateMetadata: false})
  const embedded = await booklet.embedPages(source.getPages())
  const half = a4Landscape.width / 2
  const sides = bookletSides(pageCount)
  for (const pair of sides) {
    const sheet = booklet.addPage([a4Landscape.width, a4Landscape.height])
    for (const [position, pageNumber] of pair.entries()) {
      const page = embedded[pageNumber - 1]
      if (!page) continue
      const scale = Math.min(half / page.width, a4Landscape.height / page.height)
      const width = page.width * scale
      const height = page.height * scale
      // Left page ends at the fold, right page starts at it; both centred top to bottom
      const x = position === 0 ? half - width : half
      sheet.drawPage(page, {x, y: (a4Landscape.height - height) / 2, width, height})
    }
  }
  return {bytes: await booklet.save({useObjectStreams: false}), pageCount, sides: sides.length}
}
