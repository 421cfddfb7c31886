import {execFileSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString} from 'pdf-lib'
import {tempFolderSync} from './temp-folders.js'

/** A PDF read back the way a reader's tools see it: poppler for text, fonts and info; pdf-lib for structure. */
export interface ReadPdf {
  file: string
  pageCount: number
  pageTexts: string[]
  info: Record<string, string>
  fonts: Array<{name: string; embedded: boolean}>
  outline: OutlineEntry[]
  /** Per page (from 1): the internal link targets (destination names) and external URLs. */
  links: Map<number, {dests: string[]; urls: string[]}>
  document: PDFDocument
}

export interface OutlineEntry {
  title: string
  children: OutlineEntry[]
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const file = path.join(tempFolderSync('kk-pdf-'), 'read.pdf')
  writeFileSync(file, bytes)
  const document = await PDFDocument.load(bytes, {updateMetadata: false})
  const pageCount = document.getPageCount()
  const pageTexts = Array.from({length: pageCount}, (_, index) =>
    execFileSync('pdftotext', ['-f', String(index + 1), '-l', String(index + 1), '-enc', 'UTF-8', file, '-'], {encoding: 'utf8'})
  )
  return {file, pageCount, pageTexts, info: pdfInfo(file), fonts: pdfFonts(file), outline: readOutline(document), links: readLinks(document), document}
}

function pdfInfo(file: string): Record<string, string> {
  const output = execFileSync('pdfinfo', [file], {encoding: 'utf8'})
  return Object.fromEntries(output.split('\n').filter((line) => line.includes(':')).map((line) => {
    const index = line.indexOf(':')
    return [line.slice(0, index).trim(), line.slice(index + 1).trim()]
  }))
}

function pdfFonts(file: string): Array<{name: string; embedded: boolean}> {
  const lines = execFileSync('pdffonts', [file], {encoding: 'utf8'}).split('\n').slice(2).filter(Boolean)
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/)
    // name type… encoding emb sub uni object ID: emb is the 5th column from the end
    return {name: columns[0] ?? '', embedded: columns.at(-5) === 'yes'}
  })
}

function text(value: unknown): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : ''
}

function readOutline(document: PDFDocument): OutlineEntry[] {
  const outlines = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const walk = (first: PDFDict | undefined): OutlineEntry[] => {
    const entries: OutlineEntry[] = []
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      entries.push({title: text(item.lookup(PDFName.of('Title'))), children: walk(item.lookupMaybe(PDFName.of('First'), PDFDict))})
    }
    return entries
  }
  return walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict))
}

function readLinks(document: PDFDocument): Map<number, {dests: string[]; urls: string[]}> {
  const links = new Map<number, {dests: string[]; urls: string[]}>()
  for (const [index, page] of document.getPages().entries()) {
    const found = {dests: [] as string[], urls: [] as string[]}
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    for (let i = 0; annotations && i < annotations.size(); i++) {
      const annotation = annotations.lookup(i, PDFDict)
      if (annotation.lookup(PDFName.of('Subtype'))?.toString() !== '/Link') continue
      const dest = annotation.lookup(PDFName.of('Dest'))
      if (dest instanceof PDFName) found.dests.push(decodeURIComponent(dest.decodeText()))
      else if (dest instanceof PDFString || dest instanceof PDFHexString) found.dests.push(dest.decodeText())
      const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict)
      const uri = action?.lookup(PDFName.of('URI'))
      if (uri) found.urls.push(text(uri))
    }
    links.set(index + 1, found)
  }
  return links
}

/** Where each "pagina N" on the Inhoud page says a theme starts, read in text order after the theme's title. */
export function contentsPageNumbers(contentsText: string, titles: string[]): Map<string, number> {
  const flat = contentsText.replace(/\s+/g, ' ')
  const numbers = new Map<string, number>()
  for (const title of titles) {
    const at = flat.indexOf(title)
    const match = at === -1 ? null : /pagina (\d+)/.exec(flat.slice(at))
    if (match) numbers.set(title, Number(match[1]))
  }
  return numbers
}

/** The colours drawn on one page (from 1), rendered by poppler at 50 dpi, as a set of `#rrggbb`. */
export function pageColours(pdf: ReadPdf, page: number): Set<string> {
  const ppm = execFileSync('pdftoppm', ['-r', '50', '-f', String(page), '-l', String(page), '-singlefile', pdf.file], {maxBuffer: 64 * 1024 * 1024})
  // Binary PPM: "P6\n<width> <height>\n255\n" then RGB bytes
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 64).toString('latin1'))
  if (!header) throw new Error('pdftoppm did not write a PPM image')
  const colours = new Set<string>()
  for (let offset = header[0].length; offset + 2 < ppm.length; offset += 3) {
    colours.add(`#${ppm.subarray(offset, offset + 3).toString('hex')}`)
  }
  return colours
}
