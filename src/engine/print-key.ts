import type {Publication} from '../card/publication.js'
import type {OutputFile} from '../output/output-file.js'
import {renderPrintDocument} from '../render/print-document.js'
import {hashText} from './hash.js'

/**
 * What printing a publication depends on, as a hash: its print document
 * (without the page numbers, which the print itself finds), the document's
 * stylesheet, and the card's files the page may load (its images and
 * stylesheet). The visual theme's stylesheets and fonts are part of the
 * card's key (see the engine); the browser's identity is added there too.
 */
export function printKey(publication: Publication, cardFiles: readonly OutputFile[]): string {
  const document = renderPrintDocument(publication)
  const parts: Array<string | Uint8Array> = [publication.size, document.path, document.html, document.stylesheet.path, document.stylesheet.contents]
  const prefix = `${publication.card.slug}/`
  for (const file of [...cardFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (!file.path.startsWith(prefix) || file.path.endsWith('.html')) continue
    parts.push(file.path, file.contents)
  }
  return hashText(parts)
}
