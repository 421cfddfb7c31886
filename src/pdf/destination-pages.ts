import type {PDFDict as PdfLibDict, PDFDocument, PDFObject} from 'pdf-lib'
import {PdfObjects, PdfRef} from './pdf-objects.js'
import {namedDestinations, pdfPages} from './pdf-page-tree.js'

/** Where the named destinations of a PDF land, and how many pages it has. */
export interface PrintedLayout {
  /** The page (from 1) of each named destination. */
  pages: Map<string, number>
  pageCount: number
  /** The PDF itself, to finish. */
  bytes: Uint8Array
  /** Its objects, when the light reader could read it: finishing then appends to it instead of rewriting it. */
  objects: PdfObjects | undefined
}

/**
 * Read the layout of a printed PDF. Chromium writes a destination for every
 * element id that a link points to, so this tells on which page each theme
 * really starts. Chromium's PDFs (and kenniskaart's finished ones) are read
 * with the light reader of pdf-objects.ts; any other PDF (with object
 * streams, say) with pdf-lib.
 */
export async function printedLayout(bytes: Uint8Array): Promise<PrintedLayout> {
  try {
    return lightLayout(bytes)
  } catch {
    return pdfLibLayout(bytes)
  }
}

function lightLayout(bytes: Uint8Array): PrintedLayout {
  const objects = new PdfObjects(bytes)
  const catalog = objects.dict(objects.trailer.get('Root'))
  if (!catalog) throw new Error('no catalog')
  const pageNumbers = new Map(pdfPages(objects, catalog).map((page, index) => [page.ref.key, index + 1]))
  const pages = new Map<string, number>()
  namedDestinations(objects, catalog, (name, [target]) => {
    const page = target instanceof PdfRef ? pageNumbers.get(target.key) : undefined
    if (page !== undefined) pages.set(decodeName(name), page)
  })
  return {pages, pageCount: pageNumbers.size, bytes, objects}
}

/** The same with pdf-lib, which reads any PDF, at the cost of parsing all of it. */
async function pdfLibLayout(bytes: Uint8Array): Promise<PrintedLayout> {
  const {PDFArray, PDFDict, PDFName, PDFRef} = await import('pdf-lib')
  const {loadPdf} = await import('./load-pdf.js')
  const document: PDFDocument = await loadPdf(bytes)
  const pageNumbers = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]))
  const pages = new Map<string, number>()
  const record = (name: string, value: PDFObject | undefined) => {
    let destination = value instanceof PDFRef ? document.context.lookup(value) : value
    if (destination instanceof PDFDict) destination = destination.lookup(PDFName.of('D'))
    if (!(destination instanceof PDFArray)) return
    const page = pageNumbers.get(destination.get(0).toString())
    if (page !== undefined) pages.set(decodeName(name), page)
  }

  const dests = document.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  for (const [name, value] of dests?.entries() ?? []) record(name.decodeText(), value)

  const walkNameTree = (node: PdfLibDict, depth: number): void => {
    if (depth > 32) return
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)
    for (let index = 0; names && index + 1 < names.size(); index += 2) {
      const key = names.lookup(index) as {decodeText?: () => string}
      if (key.decodeText) record(key.decodeText(), names.get(index + 1))
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    for (let index = 0; kids && index < kids.size(); index++) {
      const kid = kids.lookup(index)
      if (kid instanceof PDFDict) walkNameTree(kid, depth + 1)
    }
  }
  const names = document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)
  const tree = names?.lookupMaybe(PDFName.of('Dests'), PDFDict)
  if (tree) walkNameTree(tree, 0)
  return {pages, pageCount: document.getPageCount(), bytes, objects: undefined}
}

/** Destination names are the link's fragment, percent-encoded. */
function decodeName(name: string): string {
  try {
    return decodeURIComponent(name)
  } catch {
    return name
  }
}
