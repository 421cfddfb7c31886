import {PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRef} from 'pdf-lib'

/**
 * The page (from 1) each named destination of a PDF lands on. Chromium
 * writes a destination for every element id that a link points to, so
 * this tells where a theme really starts in the printed layout.
 */
export async function destinationPages(bytes: Uint8Array): Promise<Map<string, number>> {
  const document = await PDFDocument.load(bytes, {updateMetadata: false})
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
  return pages
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
