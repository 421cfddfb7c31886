import {PDFArray, PDFDict, type PDFDocument, PDFName, type PDFObject, PDFRef} from 'pdf-lib'
import {loadPdf} from './load-pdf.js'

/** Where the named destinations of a PDF land, and how many pages it has. */
export interface PrintedLayout {
  /** The page (from 1) of each named destination. */
  pages: Map<string, number>
  pageCount: number
  /** The parsed PDF, to finish without parsing it again. */
  document: PDFDocument
}

/**
 * Read the layout of a printed PDF. Chromium writes a destination for every
 * element id that a link points to, so this tells on which page each theme
 * really starts.
 */
export async function printedLayout(bytes: Uint8Array): Promise<PrintedLayout> {
  const document = await loadPdf(bytes)
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

  const names = document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)
  const tree = names?.lookupMaybe(PDFName.of('Dests'), PDFDict)
  if (tree) walkNameTree(tree, record)
  return {pages, pageCount: document.getPageCount(), document}
}

function walkNameTree(node: PDFDict, record: (name: string, value: PDFObject | undefined) => void): void {
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)
  for (let index = 0; names && index + 1 < names.size(); index += 2) {
    const key = names.lookup(index) as {decodeText?: () => string}
    if (key.decodeText) record(key.decodeText(), names.get(index + 1))
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
  for (let index = 0; kids && index < kids.size(); index++) {
    const kid = kids.lookup(index)
    if (kid instanceof PDFDict) walkNameTree(kid, record)
  }
}

/** Destination names are the link's fragment, percent-encoded. */
function decodeName(name: string): string {
  try {
    return decodeURIComponent(name)
  } catch {
    return name
  }
}
