import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest'
import {build} from '../../src/build.js'
import {cardPublication, handoutPublication} from '../../src/card/publication.js'
import type {OutputFile} from '../../src/output/output-file.js'
import {PdfBrowser, type PrintPage} from '../../src/pdf/browser.js'
import {printedLayout} from '../../src/pdf/destination-pages.js'
import {printKey} from '../../src/pdf/print-key.js'
import {printLimit, renderPublications} from '../../src/pdf/render-publications.js'
import type * as startBrowserModule from '../../src/pdf/start-browser.js'
import {startBrowser} from '../../src/pdf/start-browser.js'
import {contentsPageNumbers, readPdf} from '../helpers/read-pdf.js'
import {hashedPath} from '../helpers/hashed.js'
import {sharedBrowser} from '../helpers/shared-browser.js'

type StartBrowserModule = typeof startBrowserModule

// startBrowser, counted: printing nothing must start no browser
vi.mock('../../src/pdf/start-browser.js', async (importOriginal) => {
  const real = await importOriginal<StartBrowserModule>()
  return {...real, startBrowser: vi.fn(real.startBrowser)}
})

const browser = sharedBrowser()
const contentDir = 'test/fixtures/pdf-card/content'
let previousEpoch: string | undefined

beforeAll(() => {
  previousEpoch = process.env.SOURCE_DATE_EPOCH
  process.env.SOURCE_DATE_EPOCH = '1700000000'
})

afterAll(() => {
  if (previousEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH
  else process.env.SOURCE_DATE_EPOCH = previousEpoch
})

afterEach(() => {
  vi.restoreAllMocks()
})

/** Counts the loads (`print`) and in-place reprints of every print page, and the pages set up. */
function countPrints() {
  const counts = {loads: 0, reprints: 0, reprintsRefused: 0, pagesSetUp: 0}
  const withPrintPage = PdfBrowser.prototype.withPrintPage
  vi.spyOn(PdfBrowser.prototype, 'withPrintPage').mockImplementation(function (this: PdfBrowser, files, options, work) {
    return withPrintPage.call(this, files, options, (page) => {
      const counted: PrintPage = {
        print: (html) => (counts.loads++, page.print(html)),
        reprint: async (selector, texts) => {
          const bytes = await page.reprint(selector, texts)
          if (bytes) counts.reprints++
          else counts.reprintsRefused++
          return bytes
        }
      }
      return work(counted)
    })
  })
  const prototype = PdfBrowser.prototype as unknown as {preparePage: () => Promise<unknown>}
  const preparePage = prototype.preparePage
  vi.spyOn(prototype, 'preparePage').mockImplementation(function (this: unknown) {
    counts.pagesSetUp++
    return preparePage.call(this)
  })
  return counts
}

describe('printing a publication', () => {
  it('loads the document once and prints its page numbers in place: the Inhoud shows where each theme starts', async () => {
    const counts = countPrints()
    const result = await build({contentDir, pdf: {browser: browser(), concurrency: 1}})
    expect(result.failed).toBe(false)
    // Two publications, each loaded once and reprinted once with its numbers
    expect(counts).toMatchObject({loads: 2, reprints: 2, reprintsRefused: 0})
    const card = result.pdfs.find((pdf) => pdf.publication.kind === 'card')!
    const pdf = await readPdf(card.contents as Uint8Array)
    // Chromium's PDF, and the finished one, are read by the light reader: pdf-lib parses neither
    const layout = await printedLayout(card.contents as Uint8Array)
    expect(layout.objects).toBeDefined()
    expect(layout.pageCount).toBe(pdf.pageCount)
    const titles = card.publication.themes.map((theme) => theme.title)
    const numbers = contentsPageNumbers(pdf.pageTexts[1]!, titles)
    for (const theme of card.publication.themes) {
      const startsOn = pdf.pageTexts.findIndex((text, index) => index >= 2 && text.split('\n').some((line) => line.trim() === theme.title)) + 1
      expect(numbers.get(theme.title), theme.title).toBe(startsOn)
    }
  }, 120_000)

  it('reuses its pages for the next publications instead of setting up new ones', async () => {
    // One print at a time: after the first build the browser keeps a page ready
    await build({contentDir, pdf: {browser: browser(), concurrency: 1}})
    const counts = countPrints()
    const result = await build({contentDir, pdf: {browser: browser(), concurrency: 1}})
    expect(result.pdfs).toHaveLength(2)
    expect(counts.pagesSetUp).toBe(0)
  }, 120_000)

  it('prints several publications at once, each on a page of its own', async () => {
    let printing = 0
    let most = 0
    const withPrintPage = PdfBrowser.prototype.withPrintPage
    vi.spyOn(PdfBrowser.prototype, 'withPrintPage').mockImplementation(async function (this: PdfBrowser, files, options, work) {
      printing++
      most = Math.max(most, printing)
      try {
        return await withPrintPage.call(this, files, options, work)
      } finally {
        printing--
      }
    })
    const result = await build({contentDir, pdf: {browser: browser()}})
    expect(result.pdfs).toHaveLength(2)
    expect(most).toBe(2)

    // Two calls (two cards, say) sharing one limit of one page: one print at a time across both
    most = 0
    const site = await build({contentDir, pdf: false})
    const card = site.cards[0]!
    const limit = printLimit(1)
    const both = await Promise.all([
      renderPublications([cardPublication(card)], site.pages, {browser: browser(), limit}),
      renderPublications([handoutPublication(card, card.handouts[0]!)], site.pages, {browser: browser(), limit})
    ])
    expect(both.flat()).toHaveLength(2)
    expect(most).toBe(1)
  }, 120_000)

  it('starts no more of a call\'s publications, waiting in a shared limit, once one of them failed', async () => {
    const started: string[] = []
    const withPrintPage = PdfBrowser.prototype.withPrintPage
    vi.spyOn(PdfBrowser.prototype, 'withPrintPage').mockImplementation(function (this: PdfBrowser, files, options, work) {
      started.push(options.documentPath)
      return withPrintPage.call(this, files, options, work)
    })
    const site = await build({contentDir, pdf: false})
    const card = site.cards[0]!
    // A time limit no print keeps: the first publication fails, the second waits behind it
    const printing = renderPublications([cardPublication(card), handoutPublication(card, card.handouts[0]!)], site.pages, {browser: browser(), limit: printLimit(1), timeoutSeconds: 0.001})
    await expect(printing).rejects.toThrow(/did not finish within/)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(started).toHaveLength(1)
  }, 120_000)

  it('refuses to reprint in place when the page has another number of elements to fill, and prints nothing then', async () => {
    const printer = await browser()
    const html = '<!doctype html><html><body><p><span class="n">1</span> <span class="n">2</span></p></body></html>'
    const result = await printer.withPrintPage(new Map(), {documentPath: 'kaart/print.html', timeoutMs: 30_000, onBlocked: () => undefined}, async (page) => {
      await page.print(html)
      return {tooMany: await page.reprint('span.n', ['3', '4', '5']), fitting: await page.reprint('span.n', ['3', '4'])}
    })
    expect(result.tooMany).toBeUndefined()
    expect(Buffer.from(result.fitting!).subarray(0, 5).toString()).toBe('%PDF-')
  }, 60_000)
})

describe('the bytes of a printed PDF', () => {
  it('depend on what its print key covers only: not on web pages, other cards or other themes', async () => {
    const site = await build({contentDir, pdf: false})
    const card = site.cards[0]!
    const publication = cardPublication(card)
    const handout = handoutPublication(card, card.handouts[0]!)
    const others: OutputFile[] = [
      ...site.pages.map((file) => (file.path.endsWith('.html') ? {path: file.path, contents: `${String(file.contents)}<!-- anders -->`} : file)),
      {path: 'andere-kaart/card.css', contents: 'p { color: red; }'},
      {path: 'assets/ander-thema/print.css', contents: 'p { color: red; }'}
    ]
    expect(printKey(publication, others)).toBe(printKey(publication, site.pages))
    const [first, second] = await Promise.all([
      renderPublications([publication, handout], site.pages, {browser: browser()}),
      renderPublications([publication, handout], others, {browser: browser()})
    ])
    expect(Buffer.from(second[0]!.contents).equals(Buffer.from(first[0]!.contents))).toBe(true)
    expect(Buffer.from(second[1]!.contents).equals(Buffer.from(first[1]!.contents))).toBe(true)
    // The theme's print stylesheet is a print input: another one gives another PDF
    const theme = site.pages.find((file) => file.path === hashedPath(site.pages, `assets/${card.visualTheme.name}/print.css`))!
    const restyled = site.pages.map((file) => (file === theme ? {path: file.path, contents: `${String(file.contents)}\nbody { font-size: 14pt; }`} : file))
    expect(printKey(publication, restyled)).not.toBe(printKey(publication, site.pages))
    const [third] = await renderPublications([publication], restyled, {browser: browser()})
    expect(Buffer.from(third!.contents).equals(Buffer.from(first[0]!.contents))).toBe(false)
  }, 120_000)

  it('are printed without a browser when there is nothing to print', async () => {
    vi.mocked(startBrowser).mockClear()
    expect(await renderPublications([], [])).toEqual([])
    expect(startBrowser).not.toHaveBeenCalled()
  })
})
