import {PdfDict, PdfName, type PdfObjects, PdfRef, PdfString, type PdfValue} from './pdf-objects.js'

/** A page of a PDF, in the order of the page tree, with the media box it has or inherits. */
export interface PdfPage {
  ref: PdfRef
  dict: PdfDict
  mediaBox: PdfValue | undefined
}

/** The pages of a PDF in order, read with the light reader; throws on a broken page tree. */
export function pdfPages(objects: PdfObjects, catalog: PdfDict): PdfPage[] {
  const pages: PdfPage[] = []
  collectPages(objects, catalog.get('Pages'), pages, new Set(), undefined)
  return pages
}

/**
 * Every named destination of a PDF, from the catalog's `Dests` and from the
 * `Names` tree, each with what it resolves to: the destination's array (a
 * dictionary's `D` taken), or undefined.
 */
export function namedDestinations(objects: PdfObjects, catalog: PdfDict, record: (name: string, destination: PdfValue[]) => void): void {
  const resolved = (name: string, value: PdfValue | undefined) => {
    let destination = objects.resolve(value)
    if (destination instanceof PdfDict) destination = objects.resolve(destination.get('D'))
    if (Array.isArray(destination)) record(name, destination)
  }
  for (const [name, value] of objects.dict(catalog.get('Dests'))?.entries ?? []) resolved(name, value)
  const tree = objects.dict(objects.dict(catalog.get('Names'))?.get('Dests'))
  if (tree) walkNameTree(objects, tree, resolved, 0)
}

function collectPages(objects: PdfObjects, node: PdfValue | undefined, pages: PdfPage[], visited: Set<string>, inheritedBox: PdfValue | undefined): void {
  if (!(node instanceof PdfRef) || visited.has(node.key)) throw new Error('a broken page tree')
  visited.add(node.key)
  const dict = objects.dict(node)
  if (!dict) throw new Error('a page that is no dictionary')
  const mediaBox = objects.resolve(dict.get('MediaBox')) ?? inheritedBox
  const type = dict.get('Type')
  const kids = objects.resolve(dict.get('Kids'))
  if (type instanceof PdfName && type.name === 'Pages' && Array.isArray(kids)) {
    for (const kid of kids) collectPages(objects, kid, pages, visited, mediaBox)
    return
  }
  pages.push({ref: node, dict, mediaBox})
}

function walkNameTree(objects: PdfObjects, node: PdfDict, record: (name: string, value: PdfValue | undefined) => void, depth: number): void {
  if (depth > 32) throw new Error('a name tree too deep')
  const names = objects.resolve(node.get('Names'))
  if (Array.isArray(names)) {
    for (let index = 0; index + 1 < names.length; index += 2) {
      const key = objects.resolve(names[index])
      if (key instanceof PdfString) record(key.text, names[index + 1])
    }
  }
  const kids = objects.resolve(node.get('Kids'))
  if (Array.isArray(kids)) {
    for (const kid of kids) {
      const dict = objects.dict(kid)
      if (dict) walkNameTree(objects, dict, record, depth + 1)
    }
  }
}
