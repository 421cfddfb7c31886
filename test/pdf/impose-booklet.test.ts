import {PDFDocument, PDFName, StandardFonts} from 'pdf-lib'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {cardPublication} from '../../src/card/publication.js'
import type {Card} from '../../src/card/model.js'
import {bookletPdf} from '../../src/pdf/booklet-pdf.js'
import {bookletSides, imposeBooklet} from '../../src/pdf/impose-booklet.js'
import {bookletHalves} from '../helpers/booklet-halves.js'
import {readPdf} from '../helpers/read-pdf.js'

/** A PDF of `count` A5 pages, each saying which it is: "Pagina 1" … */
async function a5Pages(count: number): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const font = await document.embedFont(StandardFonts.Helvetica)
  for (let page = 1; page <= count; page++) {
    document.addPage([419.53, 595.28]).drawText(`Pagina ${page}`, {x: 60, y: 300, size: 24, font})
  }
  return document.save()
}

/** What a sheet side should hold: "Pagina n" per half, '' for a blank. */
const expectedHalves = (sides: Array<[number, number]>) => sides.map((pair) => pair.map((page) => (page === 0 ? '' : `Pagina ${page}`)))

describe('the order of a booklet\'s pages', () => {
  it('puts the outer pages on the first sheet and the middle ones on the last, for 8 pages', () => {
    expect(bookletSides(8)).toEqual([[8, 1], [2, 7], [6, 3], [4, 5]])
  })

  it('pads to a multiple of four with blank pages (0) at the end of the booklet', () => {
    expect(bookletSides(1)).toEqual([[0, 1], [0, 0]])
    expect(bookletSides(5)).toEqual([[0, 1], [2, 0], [0, 3], [4, 5]])
    expect(bookletSides(6)).toEqual([[0, 1], [2, 0], [6, 3], [4, 5]])
  })

  it('has 2 × ⌈n/4⌉ sides, each page once', () => {
    for (let count = 1; count <= 13; count++) {
      const sides = bookletSides(count)
      expect(sides).toHaveLength(2 * Math.ceil(count / 4))
      expect(sides.flat().filter((page) => page > 0).sort((a, b) => a - b)).toEqual(Array.from({length: count}, (_, index) => index + 1))
    }
  })
})

describe('a booklet imposed from A5 pages', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('draws 5 pages on 4 A4 landscape sides, in booklet order, read back from each half', async () => {
    const imposed = await imposeBooklet(await a5Pages(5))
    expect(imposed.pageCount).toBe(5)
    const pdf = await readPdf(imposed.bytes)
    expect(pdf.pageCount).toBe(4)
    for (const page of pdf.document.getPages()) {
      expect(Math.round(page.getWidth())).toBe(842)
      expect(Math.round(page.getHeight())).toBe(595)
    }
    expect(bookletHalves(pdf)).toEqual(expectedHalves([[0, 1], [2, 0], [0, 3], [4, 5]]))
  })

  it('draws 4 pages on 2 sides with no blank, on sheets of exactly A4', async () => {
    const imposed = await imposeBooklet(await a5Pages(4))
    const pdf = await readPdf(imposed.bytes)
    expect(pdf.info['Page size']).toBe('841.89 x 595.28 pts (A4)')
    expect(bookletHalves(pdf)).toEqual(expectedHalves([[4, 1], [2, 3]]))
  })

  it('carries the publication\'s document information and is the same bytes twice under SOURCE_DATE_EPOCH', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000')
    const card = {
      slug: 'kaart',
      meta: {title: 'Samen lezen', label: 'Kenniskaart', lang: 'nl', publisher: 'Stichting Leesplezier'},
      themes: [],
      sources: []
    } as unknown as Card
    const printed = await a5Pages(6)
    const [first, second] = await Promise.all([bookletPdf(cardPublication(card, 'A5'), printed), bookletPdf(cardPublication(card, 'A5'), printed)])
    expect(Buffer.from(first.contents).equals(Buffer.from(second.contents))).toBe(true)
    expect(first.sides).toBe(4)
    const pdf = await readPdf(first.contents)
    expect(pdf.info.Title).toBe('Kenniskaart: Samen lezen')
    expect(pdf.info.Producer).toBe('kenniskaart (Chromium, pdf-lib)')
    expect(pdf.info.CreationDate).toContain('2023')
    expect(pdf.document.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(nl)')
  })
})
