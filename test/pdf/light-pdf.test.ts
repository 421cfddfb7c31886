import {PDFDocument, PDFName} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {printedLayout} from '../../src/pdf/destination-pages.js'
import {finishPdf} from '../../src/pdf/finish-pdf.js'
import type {PdfMetadata} from '../../src/pdf/pdf-metadata.js'
import {PdfObjects} from '../../src/pdf/pdf-objects.js'

/**
 * A PDF laid out as Chromium writes one: an information dictionary with
 * Chromium's dates as object 1, a page tree two levels deep, named
 * destinations in the catalog's /Dests, a cross-reference table.
 */
function chromiumLikePdf(options: {namesTree?: boolean; date?: string} = {}): Uint8Array {
  const date = options.date ?? "D:20261124001500+00'00'"
  const objects: Record<number, string> = {
    1: `<</Title (Oud)\n/Creator (HeadlessChrome)\n/Producer (Skia/PDF m156)\n/CreationDate (${date})\n/ModDate (${date})>>`,
    // Pages 3, 4 under 10; 5, 6 under 11; 10 and 11 under 12
    3: '<</Type /Page /Parent 10 0 R /MediaBox [0 0 595 842]>>',
    4: '<</Type /Page /Parent 10 0 R /MediaBox [0 0 595 842]>>',
    5: '<</Type /Page /Parent 11 0 R /MediaBox [0 0 595 842]>>',
    6: '<</Type /Page /Parent 11 0 R /MediaBox [0 0 595 842]>>',
    10: '<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R] /Parent 12 0 R>>',
    11: '<</Type /Pages /Count 2 /Kids [5 0 R 6 0 R] /Parent 12 0 R>>',
    12: '<</Type /Pages /Count 4 /Kids [10 0 R 11 0 R]>>',
    13: options.namesTree
      ? '<</Names [(thema-a) [4 0 R /XYZ 0 842 0] (thema%20b) 14 0 R]>>'
      : '<</thema-a [4 0 R /XYZ 0 842 0]\n/thema-b 14 0 R\n/thema#2Dc <</D [6 0 R /Fit]>>\n/nergens [99 0 R /Fit]>>',
    14: '[5 0 R /XYZ 0 842 0]',
    20: options.namesTree
      ? '<</Type /Catalog\n/Pages 12 0 R\n/Names <</Dests 13 0 R>>\n/Lang (en)>>'
      : '<</Type /Catalog\n/Pages 12 0 R\n/Dests 13 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>\n/ViewerPreferences <</Type /ViewerPreferences\n/DisplayDocTitle true>>\n/Lang (en)>>'
  }
  let text = '%PDF-1.4\n%\xd3\xeb\xe9\xe1\n'
  const offsets = new Map<number, number>()
  for (const [number, body] of Object.entries(objects)) {
    offsets.set(Number(number), text.length)
    text += `${number} 0 obj\n${body}\nendobj\n`
  }
  const size = 21
  const xref = text.length
  text += `xref\n0 ${size}\n0000000000 65535 f \n`
  for (let number = 1; number < size; number++) {
    const offset = offsets.get(number)
    text += offset === undefined ? '0000000000 65535 f \n' : `${String(offset).padStart(10, '0')} 00000 n \n`
  }
  text += `trailer\n<</Size ${size}\n/Root 20 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`
  return new Uint8Array(Buffer.from(text, 'latin1'))
}

const metadata: PdfMetadata = {title: 'Kenniskaart: Één (en meer)', author: 'Uitgever', subject: 'Over \\ alles', keywords: ['a', 'b'], lang: 'nl', creator: 'kenniskaart'}
const epoch = {SOURCE_DATE_EPOCH: '1700000000'}

describe('printedLayout, light reader', () => {
  it('finds each named destination\'s page through a nested page tree, as pdf-lib would', async () => {
    const layout = await printedLayout(chromiumLikePdf())
    expect(layout.objects).toBeDefined()
    expect(layout.pageCount).toBe(4)
    expect(layout.pages).toEqual(new Map([['thema-a', 2], ['thema-b', 3], ['thema-c', 4]]))
  })

  it('reads destinations from a name tree, decoding their names', async () => {
    const layout = await printedLayout(chromiumLikePdf({namesTree: true}))
    expect(layout.objects).toBeDefined()
    expect(layout.pages).toEqual(new Map([['thema-a', 2], ['thema b', 3]]))
  })

  it('falls back to pdf-lib for a PDF with object streams', async () => {
    const document = await PDFDocument.create()
    const pages = [document.addPage(), document.addPage(), document.addPage()]
    document.catalog.set(PDFName.of('Dests'), document.context.obj({'thema-a': [pages[2]!.ref, 'Fit']}))
    const layout = await printedLayout(await document.save({useObjectStreams: true}))
    expect(layout.objects).toBeUndefined()
    expect(layout.pageCount).toBe(3)
    expect(layout.pages).toEqual(new Map([['thema-a', 3]]))
  })

  it('rejects what is no PDF at all', async () => {
    await expect(printedLayout(new Uint8Array(Buffer.from('geen pdf')))).rejects.toThrow()
  })
})

describe('finishPdf on a PDF the light reader reads', () => {
  it('appends the document information, language and ID, and keeps the pages and destinations', async () => {
    const original = chromiumLikePdf()
    const finished = await finishPdf(await printedLayout(original), metadata, ['<html>'], epoch)
    // An incremental update: the printed bytes stay, but for the dates
    expect(Buffer.from(finished).subarray(0, 200).toString('latin1')).toContain("/CreationDate (D:20231114221320+00'00')")
    expect(finished.length).toBeGreaterThan(original.length)
    const document = await PDFDocument.load(finished, {updateMetadata: false})
    expect(document.getTitle()).toBe(metadata.title)
    expect(document.getAuthor()).toBe('Uitgever')
    expect(document.getSubject()).toBe('Over \\ alles')
    expect(document.getKeywords()).toBe('a b')
    expect(document.getCreator()).toBe('kenniskaart')
    expect(document.getProducer()).toMatch(/^kenniskaart/)
    expect(document.getCreationDate()?.toISOString()).toBe('2023-11-14T22:13:20.000Z')
    expect(document.getModificationDate()?.toISOString()).toBe('2023-11-14T22:13:20.000Z')
    expect(document.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(nl)')
    // The catalog is written again with one language and one set of viewer preferences
    const update = Buffer.from(finished).subarray(original.length).toString('latin1')
    expect(update.match(/\/Lang /g)).toHaveLength(1)
    expect(update.match(/\/ViewerPreferences /g)).toHaveLength(1)
    expect(document.catalog.get(PDFName.of('MarkInfo'))).toBeDefined()
    expect(String(document.catalog.lookup(PDFName.of('ViewerPreferences')))).toContain('/DisplayDocTitle true')
    expect(document.context.trailerInfo.ID?.toString()).toMatch(/^\[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]$/)
    expect(document.getPageCount()).toBe(4)
    // Read again as the previous build's PDF: through both cross-reference sections
    const again = await printedLayout(finished)
    expect(again.objects).toBeDefined()
    expect(again.pages).toEqual(new Map([['thema-a', 2], ['thema-b', 3], ['thema-c', 4]]))
    expect(new PdfObjects(finished).trailer.get('Prev')).toBe(new PdfObjects(original).startXref)
  })

  it('gives the same bytes for the same print on another day, and other bytes for another epoch or another input', async () => {
    const finish = async (date: string, env: NodeJS.ProcessEnv, printedFrom = ['<html>']) => Buffer.from(await finishPdf(await printedLayout(chromiumLikePdf({date})), metadata, printedFrom, env))
    const first = await finish("D:20261124001500+00'00'", epoch)
    expect((await finish("D:20270101120000+01'00'", epoch)).equals(first)).toBe(true)
    expect((await finish("D:20261124001500+00'00'", {SOURCE_DATE_EPOCH: '1700000001'})).equals(first)).toBe(false)
    expect((await finish("D:20261124001500+00'00'", epoch, ['<html>!'])).equals(first)).toBe(false)
  })

  it('rewrites with pdf-lib a PDF whose dates are not written as Chromium writes them', async () => {
    const odd = chromiumLikePdf({date: 'D:2026'})
    const finished = await finishPdf(await printedLayout(odd), metadata, ['<html>'], epoch)
    expect(Buffer.from(finished).toString('latin1')).not.toContain('(D:2026)')
    // Written whole: one cross-reference section, nothing appended
    expect(new PdfObjects(finished).trailer.get('Prev')).toBeUndefined()
    const document = await PDFDocument.load(finished, {updateMetadata: false})
    expect(document.getTitle()).toBe(metadata.title)
    expect(document.getCreationDate()?.toISOString()).toBe('2023-11-14T22:13:20.000Z')
  })
})
