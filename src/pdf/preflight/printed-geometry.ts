import {type PdfDict, PdfName, PdfObjects, PdfRef, PdfString, type PdfValue} from '../pdf-objects.js'
import {namedDestinations, pdfPages} from '../pdf-page-tree.js'

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
  const pages = pdfPages(objects, catalog).map((page) => ({...page, height: pageHeight(objects, page.mediaBox)}))
  const pageByRef = new Map(pages.map((page, index) => [page.ref.key, index]))

  const points = new Map<string, PrintedPoint>()
  namedDestinations(objects, catalog, (name, [target, kind, , top]) => {
    const index = target instanceof PdfRef ? pageByRef.get(target.key) : undefined
    if (index === undefined || !(kind instanceof PdfName) || kind.name !== 'XYZ' || typeof top !== 'number') return
    points.set(name, {page: index + 1, fromTop: pages[index]!.height - top})
  })

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

/** A page's height in points, from its media box; throws when it has none. */
function pageHeight(objects: PdfObjects, mediaBox: PdfValue | undefined): number {
  const corners = Array.isArray(mediaBox) ? mediaBox.map((value) => objects.resolve(value)) : []
  const [, bottom, , top] = corners
  if (typeof bottom !== 'number' || typeof top !== 'number') throw new Error('a page without a media box')
  return top - bottom
}
