import type {Publication} from '../card/publication.js'
import {finishPdf} from './finish-pdf.js'
import {imposeBooklet} from './impose-booklet.js'
import {publicationMetadata} from './pdf-metadata.js'

/** A booklet to print, fold and staple: its bytes, how many pages it holds, on how many sheet sides. */
export interface BookletPdf {
  contents: Uint8Array
  pageCount: number
  sides: number
}

/**
 * The booklet of a printed publication (see `imposeBooklet`), with the same
 * document information as its single pages. Its ID hashes the printed PDF,
 * which is itself reproducible, so the booklet is too under SOURCE_DATE_EPOCH.
 */
export async function bookletPdf(publication: Publication, printed: Uint8Array): Promise<BookletPdf> {
  const imposed = await imposeBooklet(printed)
  const contents = await finishPdf({bytes: imposed.bytes, objects: undefined}, publicationMetadata(publication), ['booklet', printed])
  return {contents, pageCount: imposed.pageCount, sides: imposed.sides}
}
