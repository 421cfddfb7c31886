import {PDFDocument, PDFName, type PDFRef} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/build.js'
import type {Publication} from '../../src/card/publication.js'
import type {PrintedPublication} from '../../src/pdf/render-publications.js'
import {printedLayout} from '../../src/pdf/destination-pages.js'
import {themeAnchor} from '../../src/render/print-document.js'
import {contentsPageNumbers, pageColours, type ReadPdf, readPdf} from '../helpers/read-pdf.js'
import {sharedBrowser} from '../helpers/shared-browser.js'

// Slow: these tests print with the real browser, one for the whole file. They share one build per card where they can.
const browser = sharedBrowser()

const bundledThemeTitles = [
  'De basis voor professionalisering',
  'Instrumenten voor competentieontwikkeling',
  'Loopbaanontwikkeling',
  'Begeleiding starters',
  'Leiderschap',
  'Beleidsvorming',
  'Borging in de organisatie'
]

/** The first page after the Inhoud on which a line is exactly the theme's title. */
function pageWhereTitleStands(pdf: ReadPdf, title: string): number {
  const index = pdf.pageTexts.findIndex((text, page) => page >= 2 && text.split('\n').some((line) => line.trim() === title))
  return index + 1
}

describe('the card PDF of the bundled kenniskaart', () => {
  let printed: PrintedPublication
  let pdf: ReadPdf

  beforeAll(async () => {
    const result = await build({contentDir: 'content', card: 'professionele-leercultuur', pdf: {browser: browser()}})
    expect(result.failed).toBe(false)
    printed = result.pdfs.find((entry) => entry.path === 'professionele-leercultuur/professionele-leercultuur.pdf')!
    pdf = await readPdf(printed.contents as Uint8Array)
  }, 120_000)

  it('is an A4 document with a cover, the Inhoud, the themes and the literature', () => {
    expect(pdf.info['Page size']).toContain('(A4)')
    expect(pdf.pageTexts[0]).toMatch(/Professionele leercultuur/i)
    expect(pdf.pageTexts[1]).toContain('Inhoud')
    expect(pdf.pageTexts.at(-1)).toContain('Gebruikte literatuur')
    expect(pdf.pageCount).toBe(printed.pageCount)
  })

  it('shows in the Inhoud the page on which each theme really starts', () => {
    const numbers = contentsPageNumbers(pdf.pageTexts[1]!, bundledThemeTitles)
    expect(numbers.size).toBe(7)
    for (const title of bundledThemeTitles) {
      expect(numbers.get(title), title).toBe(pageWhereTitleStands(pdf, title))
    }
  })

  it('starts every theme on a new page, in the card\'s order', () => {
    const starts = bundledThemeTitles.map((title) => pageWhereTitleStands(pdf, title))
    expect(starts.every((page) => page > 2)).toBe(true)
    expect([...starts].sort((a, b) => a - b)).toEqual(starts)
    expect(new Set(starts).size).toBe(7)
  })

  it('has a footer with the card title and "pagina X van Y" on every page but the cover', () => {
    expect(pdf.pageTexts[0]).not.toMatch(/pagina \d+ van/)
    for (let page = 2; page <= pdf.pageCount; page++) {
      expect(pdf.pageTexts[page - 1], `page ${page}`).toContain(`pagina ${page} van ${pdf.pageCount}`)
      expect(pdf.pageTexts[page - 1], `page ${page}`).toContain('Professionele leercultuur')
    }
  })

  it('links each tile to its theme and each citation to its source', async () => {
    const destinations = (await printedLayout(printed.contents as Uint8Array)).pages
    const tileTargets = pdf.links.get(2)!.dests
    expect(tileTargets).toHaveLength(7)
    for (const [index, title] of bundledThemeTitles.entries()) {
      expect(destinations.get(tileTargets[index]!)).toBe(pageWhereTitleStands(pdf, title))
    }
    const citationTargets = [...pdf.links.values()].flatMap((links) => links.dests).filter((dest) => dest.startsWith('bron-'))
    expect(citationTargets.length).toBeGreaterThanOrEqual(28)
    const literaturePage = pdf.pageTexts.findIndex((text) => text.includes('Gebruikte literatuur')) + 1
    for (const dest of citationTargets) expect(destinations.get(dest), dest).toBeGreaterThanOrEqual(literaturePage)
  })

  it('opens external links as URLs', () => {
    const urls = [...pdf.links.values()].flatMap((links) => links.urls)
    expect(urls).toContain('https://www.arbeidsmarktplatformpo.nl/')
  })

  it('lists all 15 sources, numbered 1 to 15', () => {
    const literature = pdf.pageTexts.slice(pdf.pageTexts.findIndex((text) => text.includes('Gebruikte literatuur'))).join('\n')
    const numbers = [...literature.matchAll(/^(\d+)\. \S/gm)].map((match) => Number(match[1]))
    expect(numbers).toEqual(Array.from({length: 15}, (_, index) => index + 1))
    expect(literature).toMatch(/^1\. Commissie Meurs/m)
    expect(literature).toContain('VOION (2016)')
    expect(literature).toContain('Symposium: Een professionele leercultuur in vo-scholen')
  })

  it('has an outline entry for every theme', () => {
    const titles: string[] = []
    const walk = (entries: ReadPdf['outline']) => entries.forEach((entry) => (titles.push(entry.title), walk(entry.children)))
    walk(pdf.outline)
    for (const title of bundledThemeTitles) expect(titles).toContain(title)
  })

  it('is tagged, carries its metadata and embeds every font', () => {
    expect(pdf.info.Tagged).toBe('yes')
    expect(pdf.info.Title).toBe('Kenniskaart: Professionele leercultuur')
    expect(pdf.info.Author).toBe('Arbeidsmarktplatform PO')
    expect(pdf.info.Subject).toContain('Begeleiding starters')
    expect(pdf.info.Keywords).toContain('Kenniskaart')
    expect(pdf.document.catalog.get(PDFNameOf('Lang'))?.toString()).toContain('nl')
    expect(pdf.fonts.length).toBeGreaterThan(0)
    for (const font of pdf.fonts) expect(font.embedded, font.name).toBe(true)
    expect(pdf.fonts.some((font) => font.name.includes('SourceSans3'))).toBe(true)
  })
})

/** Builds the leesclub card with SOURCE_DATE_EPOCH set, so its PDFs can be compared byte for byte. */
const leesclubContent = 'test/fixtures/pdf-card/content'
const leesclubCardPdf = (result: Awaited<ReturnType<typeof build>>) => Buffer.from(result.pdfs.find((pdf) => pdf.path === 'leesclub/leesclub.pdf')!.contents)
let previousEpoch: string | undefined
let leesclub: Awaited<ReturnType<typeof build>>

beforeAll(async () => {
  previousEpoch = process.env.SOURCE_DATE_EPOCH
  process.env.SOURCE_DATE_EPOCH = '1700000000'
  leesclub = await build({contentDir: leesclubContent, pdf: {browser: browser()}})
}, 120_000)

afterAll(() => {
  if (previousEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH
  else process.env.SOURCE_DATE_EPOCH = previousEpoch
})

describe('a card with a handout and an outside image', () => {
  let result: Awaited<ReturnType<typeof build>>

  beforeAll(() => {
    result = leesclub
  })

  it('writes the card PDF and the named handout', () => {
    expect(result.failed).toBe(false)
    expect(result.pdfs.map((pdf) => pdf.path).sort()).toEqual(['leesclub/handouts/voorlezen-a5.pdf', 'leesclub/leesclub.pdf'])
  })

  it('makes the handout A5 with its two themes, and only their sources renumbered 1…k', async () => {
    const handout = await readPdf(result.pdfs.find((pdf) => pdf.path.endsWith('voorlezen-a5.pdf'))!.contents as Uint8Array)
    expect(handout.info['Page size']).toContain('(A5)')
    const all = handout.pageTexts.join('\n')
    expect(all).toContain('Voorlezen en leesclubs')
    expect(all).toContain('Interactief voorlezen')
    expect(all).toContain('Rollen')
    expect(all).not.toContain('Keuzevrijheid')
    const literature = handout.pageTexts.at(-1)!
    // voorlezen cites devries2020 and bakker2018: in the card's order they are 2 and 3, here 1 and 2
    expect(literature).toMatch(/^1\. De Vries, B\. \(2020\)/m)
    expect(literature).toMatch(/^2\. Bakker, C\. \(2018\)/m)
    expect(literature).not.toMatch(/^\d+\. (Jansen|Peters)/m)
    expect(literature).not.toMatch(/^3\./m)
    // and the citations on the pages carry the new numbers: [@devries2020; @bakker2018], [@devries2020], [@bakker2018]
    expect(all).toMatch(/zinvol\s*1\s*,\s*2\s*\./)
    expect(all).toMatch(/kwartier voor\s*1\s*\./)
    expect(all).toMatch(/tot zes kinderen\s*2\s*\./)
    const citationTargets = [...handout.links.values()].flatMap((links) => links.dests).filter((dest) => dest.startsWith('bron-'))
    expect(new Set(citationTargets)).toEqual(new Set(['bron-devries2020', 'bron-bakker2018']))
    const numbers = contentsPageNumbers(handout.pageTexts.slice(0, 2).join('\n'), ['Voorlezen', 'Leesclub opzetten'])
    expect(numbers.size).toBe(2)
  })

  it('prints an image written as raw HTML from the card folder, with no blocked request', () => {
    const theme = result.files.find((file) => file.basename === '01-leesmotivatie.md')!
    expect(theme.messages.filter((message) => message.ruleId === 'pdf-request-blocked')).toEqual([])
    const site = result.pages.find((page) => page.path === 'leesclub/leesmotivatie/index.html')!
    expect(String(site.contents)).toContain('src="../figuren/kring.svg"')
  })

  // The three circles of figuren/kring.svg; the page's theme colour can be at most one of them
  const circleColours = ['#0b6e8a', '#b0356a', '#4d7a1f']

  it('prints the card\'s own image, as a Markdown figure and as raw HTML', async () => {
    const card = await readPdf(result.pdfs.find((pdf) => pdf.path === 'leesclub/leesclub.pdf')!.contents as Uint8Array)
    for (const caption of ['Voorlezen in de kring', 'Keuzevrijheid']) {
      const page = card.pageTexts.findIndex((text) => text.includes(caption)) + 1
      expect(page, caption).toBeGreaterThan(0)
      const colours = pageColours(card, page)
      expect(circleColours.filter((colour) => colours.has(colour)), caption).toEqual(circleColours)
    }
  })
})

// Content can no longer ask for outside files (remote images are findings),
// so the printer's own isolation is tested on a document of its own.
describe('the printer', () => {
  it('loads only the files it serves: every other request, even one it cannot decode, is answered, blocked and reported', async () => {
    const printer = await browser()
    const blocked: string[] = []
    const html = [
      '<!doctype html><html><head><link rel="icon" href="data:,"><link rel="stylesheet" href="https://example.com/x.css"><link rel="stylesheet" href="eigen.css"></head>',
      '<body><p>Tekst</p><img alt="" src="https://example.com/logo.png"><img alt="" src="//example.org/p.gif"><img alt="" src="weg.png"><img alt="" src="kapot%zz.png"></body></html>'
    ].join('')
    const bytes = await printer.withPrintPage(new Map([['kaart/eigen.css', 'p { color: red; }']]), {documentPath: 'kaart/print.html', timeoutMs: 30_000, onBlocked: (url) => blocked.push(url)}, (page) => page.print(html))
    expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-')
    expect(new Set(blocked)).toEqual(new Set(['https://example.com/x.css', 'https://example.com/logo.png', 'http://example.org/p.gif', 'http://kenniskaart.invalid/kaart/weg.png', 'http://kenniskaart.invalid/kaart/kapot%zz.png']))
  }, 60_000)
})

/**
 * A PDF whose named destinations put the card's themes on the given pages,
 * as a previous build's PDF of another layout would.
 */
async function pdfWithThemesOn(pages: Record<string, number>): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const pageRefs: PDFRef[] = Array.from({length: Math.max(...Object.values(pages)) + 1}, () => document.addPage().ref)
  const dests = document.context.obj({})
  for (const [slug, page] of Object.entries(pages)) dests.set(PDFName.of(themeAnchor(slug)), document.context.obj([pageRefs[page - 1]!, PDFName.of('Fit')]))
  document.catalog.set(PDFName.of('Dests'), dests)
  return document.save()
}

describe('page numbers guessed from a previous build', () => {
  const titles = {leesmotivatie: 'Leesmotivatie', voorlezen: 'Voorlezen', 'leesclub-opzetten': 'Leesclub opzetten'}

  it('are corrected when the previous PDF put the themes on other pages', async () => {
    // Each theme two pages later than it lands: every guessed number is wrong
    const actual = await readPdf(leesclubCardPdf(leesclub))
    const truth = new Map(Object.entries(titles).map(([slug, title]) => [slug, pageWhereTitleStands(actual, title)]))
    expect([...truth.values()].every((page) => page > 2)).toBe(true)
    const guess = await pdfWithThemesOn(Object.fromEntries([...truth].map(([slug, page]) => [slug, page + 2])))
    // The guess is read as the layout of this card, so the correction path runs on it
    expect((await printedLayout(guess)).pages.get(themeAnchor('voorlezen'))).toBe(truth.get('voorlezen')! + 2)
    const asked: Publication[] = []
    const result = await build({contentDir: leesclubContent, pdf: {browser: browser(), previousPdf: async (publication) => (asked.push(publication), publication.kind === 'card' ? guess : undefined)}})
    expect(asked.map((publication) => publication.kind).sort()).toEqual(['card', 'handout'])
    const pdf = await readPdf(leesclubCardPdf(result))
    const numbers = contentsPageNumbers(pdf.pageTexts[1]!, Object.values(titles))
    for (const [slug, title] of Object.entries(titles)) {
      expect(pageWhereTitleStands(pdf, title), title).toBe(truth.get(slug))
      expect(numbers.get(title), title).toBe(truth.get(slug))
    }
    expect(leesclubCardPdf(result).equals(leesclubCardPdf(leesclub))).toBe(true)
  }, 120_000)

  it('give the same bytes as a build without a guess when the guess is right', async () => {
    const guessed = await build({contentDir: leesclubContent, pdf: {browser: browser(), previousPdf: async () => leesclubCardPdf(leesclub)}})
    expect(leesclubCardPdf(guessed).equals(leesclubCardPdf(leesclub))).toBe(true)
  }, 120_000)
})

describe('reproducible PDFs', () => {
  it('are byte-identical for the same input when SOURCE_DATE_EPOCH is set', async () => {
    const second = await build({contentDir: leesclubContent, pdf: {browser: browser()}})
    expect(leesclubCardPdf(second).equals(leesclubCardPdf(leesclub))).toBe(true)
    const info = await readPdf(leesclubCardPdf(leesclub))
    expect(info.info.CreationDate).toContain('2023')
  }, 120_000)
})

function PDFNameOf(name: string) {
  return PDFName.of(name)
}
