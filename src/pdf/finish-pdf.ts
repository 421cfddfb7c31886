import {createHash} from 'node:crypto'
import {type PDFDocument, PDFHexString} from 'pdf-lib'
import type {PdfMetadata} from './pdf-metadata.js'

export type {PdfMetadata} from './pdf-metadata.js'

/**
 * Give a printed PDF its document information and make it reproducible:
 * with SOURCE_DATE_EPOCH set, dates come from it, and the document ID is a
 * hash of what was printed (`printedFrom`: the HTML and its files), so the
 * same input gives the same bytes. The outline, tags and links Chromium
 * wrote are kept as they are.
 */
export async function finishPdf(
  document: PDFDocument,
  metadata: PdfMetadata,
  printedFrom: Iterable<string | Uint8Array>,
  env: NodeJS.ProcessEnv = process.env
): Promise<Uint8Array> {
  const date = documentDate(env)
  document.setTitle(metadata.title, {showInWindowTitleBar: true})
  if (metadata.author) document.setAuthor(metadata.author)
  if (metadata.subject) document.setSubject(metadata.subject)
  if (metadata.keywords.length > 0) document.setKeywords(metadata.keywords)
  document.setLanguage(metadata.lang)
  document.setCreator(metadata.creator)
  document.setProducer('kenniskaart (Chromium, pdf-lib)')
  document.setCreationDate(date)
  document.setModificationDate(date)

  const hash = createHash('sha256').update(JSON.stringify(metadata))
  for (const part of printedFrom) hash.update(part)
  const id = hash.digest('hex').slice(0, 32)
  document.context.trailerInfo.ID = document.context.obj([PDFHexString.of(id), PDFHexString.of(id)])
  return document.save({useObjectStreams: false})
}

/** SOURCE_DATE_EPOCH (seconds) when set, as reproducible builds agree; else now. */
function documentDate(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000)
  return new Date()
}
