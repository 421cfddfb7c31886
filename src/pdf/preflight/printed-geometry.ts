import {PdfDict, PdfName, PdfObjects, PdfRef, PdfString, type PdfValue} from '../pdf-objects.js'

/** Where a named destination landed: its page (from 1) and its top, in points from the top of the page. */
export interface PrintedPoint {
  page: number
  fromTop: number
}

/** What the preflight reads back from a printed PDF. */
export interface PrintedGeometry {
  /** Height of each page in points, by page number - 1. */
  pageHeights: number[]
  /** Every named destination (Chromium writes one per element id a link points to). */
  points: Map<string, PrintedPoint>
  /** The base names of the fonts the pages use that are not embedded, each once, sorted. */
  unembeddedFonts: string[]
}

/**
 * Read the pages, destinations and fonts of a PDF as Chromium writes it,
 * with the light reader; undefined when it cannot read it.
 * A destination is `[page /XYZ left top zoom]`, `top` in PDF space (up
 * from the bottom of the media box), turned here into points down from the
 * page's top. A font is embedded when its descriptor (a composite font's:
 * its descendant's) has a FontFile, FontFile2 or FontFile3; a Type3 font
 * draws its glyphs itself.
 */
export function printedGeometry(bytes: Uint8Array): PrintedGeometry | undefined {
  try {
    return readGeometry(new PdfObjects(bytes))
  } catch {
    return undefined
  }
}

function readGeometry(objects: PdfObjects): PrintedGeometry {
  const catalog = objects.dict(objects.trailer.get('Root'))
  if (!catalog) throw new Error('no catalog')
  const pages: Array<{ref: PdfRef; dict: PdfDict; height: number}> = []
  collectPages(objects, catalog.get('Pages'), pages, new Set(), undefined)
  const pageByRef = new Map(pages.map((page, index) => [page.ref.key, index]))

  const points = new Map<string, PrintedPoint>()
  const record = (name: string, value: PdfValue | undefined) => {
    let destination = objects.resolve(value)
    if (destination instanceof PdfDict) destination = objects.resolve(destination.get('D'))
    if (!Array.isArray(destination)) return
    const [target, kind, , top] = destination
    const index = target instanceof PdfRef ? pageByRef.get(target.key) : undefined
    if (index === undefined || !(kind instanceof PdfName) || kind.name !== 'XYZ' || typeof top !== 'number') return
    points.set(name, {page: index + 1, fromTop: pages[index]!.height - top})
  }
  for (const [name, value] of objects.dict(catalog.get('Dests'))?.entries ?? []) record(name, value)
  const tree = objects.dict(objects.dict(catalog.get('Names'))?.get('Dests'))
  if (tree) walkNameTree(objects, tree, record, 0)

  const unembedded = new Set<string>()
  const seenFonts = new Set<string>()
  for (const page of pages) {
    const fonts = objects.dict(objects.dict(inherited(objects, page.dict, 'Resources'))?.get('Font'))
    for (const [, value] of fonts?.entries ?? []) {
      if (value instanceof PdfRef) {
        if (seenFonts.has(value.key)) continue
        seenFonts.add(value.key)
      }
      const font = objects.dict(value)
      if (font && !isEmbedded(objects, font)) unembedded.add(fontName(font))
    }
  }
  return {pageHeights: pages.map((page) => page.height), points, unembeddedFonts: [...unembedded].sort()}
}

function isEmbedded(objects: PdfObjects, font: PdfDict): boolean {
  const subtype = font.get('Subtype')
  if (subtype instanceof PdfName && subtype.name === 'Type3') return true
  let described = font
  if (subtype instanceof PdfName && subtype.name === 'Type0') {
    const descendants = objects.resolve(font.get('DescendantFonts'))
    const first = Array.isArray(descendants) ? objects.dict(descendants[0]) : undefined
    if (!first) return false
    described = first
  }
  const descriptor = objects.dict(described.get('FontDescriptor'))
  return descriptor !== undefined && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.get(key) !== undefined)
}

/** A font's name without the subset prefix (`ABCDEF+`). */
function fontName(font: PdfDict): string {
  const base = font.get('BaseFont')
  const name = base instanceof PdfName ? base.name : base instanceof PdfString ? base.text : 'unnamed font'
  return name.replace(/^[A-Z]{6}\+/, '')
}

function inherited(objects: PdfObjects, dict: PdfDict, key: string): PdfValue | undefined {
  let node: PdfDict | undefined = dict
  for (let depth = 0; node && depth < 32; depth++) {
    const value = node.get(key)
    if (value !== undefined) return value
    node = objects.dict(node.get('Parent'))
  }
  return undefined
}

function collectPages(objects: PdfObjects, node: PdfValue | undefined, pages: Array<{ref: PdfRef; dict: PdfDict; height: number}>, visited: Set<string>, box: PdfValue | undefined): void {
  if (!(node instanceof PdfRef) || visited.has(node.key)) throw new Error('a broken page tree')
  visited.add(node.key)
  const dict = objects.dict(node)
  if (!dict) throw new Error('a page that is no dictionary')
  const mediaBox = objects.resolve(dict.get('MediaBox')) ?? box
  const type = dict.get('Type')
  const kids = objects.resolve(dict.get('Kids'))
  if (type instanceof PdfName && type.name === 'Pages' && Array.isArray(kids)) {
    for (const kid of kids) collectPages(objects, kid, pages, visited, mediaBox)
    return
  }
  const corners = Array.isArray(mediaBox) ? mediaBox.map((value) => objects.resolve(value)) : []
  const [, bottom, , top] = corners
  if (typeof bottom !== 'number' || typeof top !== 'number') throw new Error('a page without a media box')
  pages.push({ref: node, dict, height: top - bottom})
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
