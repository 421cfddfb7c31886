import {createHash} from 'node:crypto'
import type {Publication} from '../card/publication.js'
import type {OutputFile} from '../output/output-file.js'
import {renderPrintDocument} from '../render/print-document.js'
import {publicationMetadata} from './pdf-metadata.js'
import {launchArgs, pdfOptions} from './print-settings.js'

/**
 * The site files a publication's print page may load: the card's own files
 * (its stylesheet, its images) and its visual theme's assets (stylesheets,
 * fonts). Web pages and PDFs are left out: a print loads neither. The page
 * is served these and nothing else, so the PDF depends on no other file.
 */
export function printInputs(publication: Publication, siteFiles: readonly OutputFile[]): OutputFile[] {
  const cardFolder = `${publication.card.slug}/`
  const themeFolder = `assets/${publication.card.visualTheme.name}/`
  return siteFiles
    .filter(({path}) => (path.startsWith(cardFolder) && !path.endsWith('.html') && !path.endsWith('.pdf')) || path.startsWith(themeFolder))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/**
 * A content hash of everything one publication's PDF depends on, browser
 * apart: its print document as rendered without page numbers, the
 * document's stylesheet (paper size, footer), the bytes of every file the
 * page may load (`printInputs`), the document information, the print
 * settings, and SOURCE_DATE_EPOCH (the PDF's dates). Equal keys and the same
 * browser (see `browserIdentity`) print the same bytes, so a cached PDF
 * can be reused without starting a browser. Costs a render of the print
 * document and a hash of the card's and theme's files: no browser, no
 * puppeteer, no pdf-lib.
 */
export function printKey(publication: Publication, siteFiles: readonly OutputFile[], env: NodeJS.ProcessEnv = process.env): string {
  const document = renderPrintDocument(publication)
  const hash = createHash('sha256')
  const add = (part: string | Uint8Array) => {
    // Length-prefixed, so no two different lists of parts hash alike
    hash.update(`${typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength}:`)
    hash.update(part)
  }
  add(JSON.stringify({
    kind: 'kenniskaart print key 1',
    size: publication.size,
    launchArgs,
    pdfOptions,
    metadata: publicationMetadata(publication),
    sourceDateEpoch: env.SOURCE_DATE_EPOCH ?? null
  }))
  add(document.path)
  add(document.html)
  add(document.stylesheet.path)
  add(document.stylesheet.contents)
  for (const file of printInputs(publication, siteFiles)) {
    add(file.path)
    add(file.contents)
  }
  return hash.digest('hex')
}
