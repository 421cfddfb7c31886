import {createHash} from 'node:crypto'
import type {PrintedLayout} from './destination-pages.js'
import type {PdfMetadata} from './pdf-metadata.js'
import {PdfDict, type PdfObjects, PdfRef} from './pdf-objects.js'
import {renumberStructureIds} from './structure-ids.js'

export type {PdfMetadata} from './pdf-metadata.js'

/**
 * Give a printed PDF its document information and make it reproducible:
 * with SOURCE_DATE_EPOCH set, dates come from it, and the document ID is a
 * hash of what was printed (`printedFrom`: the HTML and its files), so the
 * same input gives the same bytes. The outline, tags and links Chromium
 * wrote are kept as they are, but for the tags' IDs, which are renumbered
 * (see `renumberStructureIds`).
 *
 * A PDF the light reader could read (Chromium's own) keeps its bytes, but
 * for its dates, overwritten in place; the information, the catalog's
 * language and the ID are appended as an incremental update (ISO 32000-1,
 * 7.5.6). Any other PDF is rewritten whole with pdf-lib.
 */
export async function finishPdf(
  layout: Pick<PrintedLayout, 'bytes' | 'objects'>,
  metadata: PdfMetadata,
  printedFrom: Iterable<string | Uint8Array>,
  env: NodeJS.ProcessEnv = process.env
): Promise<Uint8Array> {
  const date = documentDate(env)
  const hash = createHash('sha256').update(JSON.stringify(metadata))
  for (const part of printedFrom) hash.update(part)
  const id = hash.digest('hex').slice(0, 32)
  if (layout.objects) {
    const appended = appendInformation(layout.objects, metadata, date, id)
    if (appended) return appended
  }
  return finishWithPdfLib(layout.bytes, metadata, date, id)
}

const producer = 'kenniskaart (Chromium, pdf-lib)'

/**
 * The PDF with an incremental update that replaces its information
 * dictionary and catalog and sets its ID; undefined when it is not laid out
 * as Chromium writes it (then pdf-lib rewrites it).
 */
function appendInformation(objects: PdfObjects, metadata: PdfMetadata, date: Date, id: string): Uint8Array | undefined {
  const {trailer, text} = objects
  const root = trailer.get('Root')
  const info = trailer.get('Info')
  if (!(root instanceof PdfRef) || !(info instanceof PdfRef)) return undefined
  const catalog = objects.object(root.number)
  const oldInfo = objects.object(info.number)
  if (!(catalog.value instanceof PdfDict) || !(oldInfo.value instanceof PdfDict)) return undefined

  // The dates Chromium wrote stay in the file: they are overwritten in place, same length, with the build's date
  const bytes = Buffer.from(text, 'latin1')
  renumberStructureIds(bytes)
  const chromiumDate = /^\(D:\d{14}[+-]\d\d'\d\d'\)$/
  for (const key of ['CreationDate', 'ModDate']) {
    const span = oldInfo.value.spans.get(key)
    if (!span) continue
    const written = text.slice(span.start, span.end)
    const value = written.slice(written.indexOf('('))
    if (!chromiumDate.test(value)) return undefined
    bytes.write(`(${chromiumStyleDate(date)})`, span.end - value.length, 'latin1')
  }

  const entries: Array<[string, string]> = [
    ['Title', textString(metadata.title)],
    ...(metadata.author ? [['Author', textString(metadata.author)] as [string, string]] : []),
    ...(metadata.subject ? [['Subject', textString(metadata.subject)] as [string, string]] : []),
    ...(metadata.keywords.length > 0 ? [['Keywords', textString(metadata.keywords.join(' '))] as [string, string]] : []),
    ['Creator', textString(metadata.creator)],
    ['Producer', textString(producer)],
    ['CreationDate', `(${pdfDate(date)})`],
    ['ModDate', `(${pdfDate(date)})`]
  ]
  const newInfo = `<<${entries.map(([key, value]) => `/${key} ${value}`).join('\n')}>>`

  // The catalog as Chromium wrote it, with the card's language and the title shown in the window's title bar
  let catalogText = text.slice(catalog.value.start, catalog.value.end)
  const replaced = ['Lang', 'ViewerPreferences']
    .map((key) => catalog.value instanceof PdfDict ? catalog.value.spans.get(key) : undefined)
    .filter((span) => span !== undefined)
    .sort((a, b) => b.start - a.start)
  for (const span of replaced) catalogText = catalogText.slice(0, span.start - catalog.value.start) + catalogText.slice(span.end - catalog.value.start)
  catalogText = `${catalogText.slice(0, -2).trimEnd()}\n/Lang ${asciiString(metadata.lang)}\n/ViewerPreferences <</DisplayDocTitle true>>>>`

  let update = '\n'
  const start = bytes.length
  const offsets: Array<[number, number]> = []
  for (const [number, body] of [[info.number, newInfo], [root.number, catalogText]] as const) {
    offsets.push([number, start + update.length])
    update += `${number} 0 obj\n${body}\nendobj\n`
  }
  const xrefAt = start + update.length
  update += 'xref\n'
  for (const [number, offset] of offsets.sort((a, b) => a[0] - b[0])) update += `${number} 1\n${String(offset).padStart(10, '0')} 00000 n \n`
  update += `trailer\n<</Size ${objects.size}\n/Root ${root.number} 0 R\n/Info ${info.number} 0 R\n/ID [<${id}> <${id}>]\n/Prev ${objects.startXref}>>\nstartxref\n${xrefAt}\n%%EOF\n`
  return new Uint8Array(Buffer.concat([bytes, Buffer.from(update, 'latin1')]))
}

/** A PDF text string: hex, UTF-16BE with its byte order mark (any language, no escaping). */
function textString(value: string): string {
  return `<FEFF${Buffer.from(value, 'utf16le').swap16().toString('hex').toUpperCase()}>`
}

/** A literal string for plain ASCII (a language tag), as pdf-lib writes one; else a text string. */
function asciiString(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? `(${value.replace(/[\\()]/g, '\\$&')})` : textString(value)
}

/** `D:YYYYMMDDHHmmSSZ`, in UTC. */
function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`
}

/** The same date as Chromium writes its own: `D:YYYYMMDDHHmmSS+00'00'`, just as long. */
function chromiumStyleDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+00'00'`
}

/** Any PDF: parsed and written again whole by pdf-lib. */
async function finishWithPdfLib(bytes: Uint8Array, metadata: PdfMetadata, date: Date, id: string): Promise<Uint8Array> {
  const {PDFHexString} = await import('pdf-lib')
  const {loadPdf} = await import('./load-pdf.js')
  const copy = Buffer.from(bytes)
  renumberStructureIds(copy)
  const document = await loadPdf(copy)
  document.setTitle(metadata.title, {showInWindowTitleBar: true})
  if (metadata.author) document.setAuthor(metadata.author)
  if (metadata.subject) document.setSubject(metadata.subject)
  if (metadata.keywords.length > 0) document.setKeywords(metadata.keywords)
  document.setLanguage(metadata.lang)
  document.setCreator(metadata.creator)
  document.setProducer(producer)
  document.setCreationDate(date)
  document.setModificationDate(date)
  document.context.trailerInfo.ID = document.context.obj([PDFHexString.of(id), PDFHexString.of(id)])
  return document.save({useObjectStreams: false})
}

/** SOURCE_DATE_EPOCH (seconds) when set, as reproducible builds agree; else now. */
function documentDate(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000)
  return new Date()
}
