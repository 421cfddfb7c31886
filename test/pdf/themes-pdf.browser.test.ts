import {execFileSync} from 'node:child_process'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/build.js'
import {labelTables} from '../../src/labels.js'
import {bundledContentDir, tempContent, type TempContent, themeMarkdown} from '../helpers/content.js'
import {type ReadPdf, readPdf} from '../helpers/read-pdf.js'
import {sharedBrowser} from '../helpers/shared-browser.js'

// Slow: these print with the real browser, one for the whole file.
const browser = sharedBrowser()

/** How much of each page is ink, in greyscale (0 white … 1 black), from poppler at 20 dpi. */
function inkPerPage(pdf: ReadPdf): number[] {
  return Array.from({length: pdf.pageCount}, (_, index) => {
    const page = String(index + 1)
    const pgm = execFileSync('pdftoppm', ['-gray', '-r', '20', '-f', page, '-l', page, '-singlefile', pdf.file], {maxBuffer: 16 * 1024 * 1024})
    // Binary PGM: "P5\n<width> <height>\n255\n" then one byte per pixel
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'))!
    const pixels = pgm.subarray(header[0].length)
    let sum = 0
    for (const value of pixels) sum += 255 - value
    return sum / pixels.length / 255
  })
}

describe('the bundled card printed in the handout theme', () => {
  let handout: ReadPdf
  let kenniskaart: ReadPdf

  beforeAll(async () => {
    const [inHandout, inKenniskaart] = await Promise.all([
      build({contentDir: bundledContentDir, pdf: {browser: browser()}, visualTheme: 'handout'}),
      build({contentDir: bundledContentDir, pdf: {browser: browser()}})
    ])
    const cardPdf = (result: typeof inHandout) => result.pdfs.find((entry) => entry.path === 'professionele-leercultuur/professionele-leercultuur.pdf')!.contents as Uint8Array
    ;[handout, kenniskaart] = await Promise.all([readPdf(cardPdf(inHandout)), readPdf(cardPdf(inKenniskaart))])
  }, 180_000)

  it('holds the same text on as many pages as in the kenniskaart theme', () => {
    expect(handout.pageCount).toBe(kenniskaart.pageCount)
    expect(handout.pageTexts[1]).toContain('Inhoud')
    expect(handout.pageTexts.at(-1)).toContain('Gebruikte literatuur')
  })

  it('is economical with ink: no page more than a tenth ink, where the kenniskaart cover is mostly ink', () => {
    const ink = inkPerPage(handout)
    expect(Math.max(...ink)).toBeLessThan(0.1)
    expect(inkPerPage(kenniskaart)[0]).toBeGreaterThan(0.5)
  })
})

describe('a card in English, printed', () => {
  let temp: TempContent
  let pdf: ReadPdf

  beforeAll(async () => {
    temp = await tempContent()
    await temp.writeCard('card', {
      'index.md': '---\ntitle: Learning together\nlang: en\nsources:\n  - id: smith2020\n    text: Smith (2020). A book.\n---\n\nWhat this card is about [@smith2020].\n',
      '01-first.md': themeMarkdown('First', 'Some text.', 'tips:\n  - A tip.\n'),
      '02-second.md': themeMarkdown('Second')
    })
    const result = await build({contentDir: temp.dir, pdf: {browser: browser()}})
    expect(result.failed).toBe(false)
    pdf = await readPdf(result.pdfs[0]!.contents as Uint8Array)
  }, 120_000)

  afterAll(async () => {
    await temp.remove()
  })

  it('has the English labels, the page footer too, and no Dutch ones', () => {
    const all = pdf.pageTexts.join('\n')
    // Some labels are set in capitals by the stylesheet: compared without regard to case
    const lower = all.toLowerCase()
    for (const label of ['Knowledge card', 'Contents', 'page 3', 'Theme 1', 'Tips', 'References', `page 2 of ${pdf.pageCount}`]) expect(lower).toContain(label.toLowerCase())
    for (const dutch of [labelTables.nl!.cardLabel, labelTables.nl!.contents, labelTables.nl!.literature, labelTables.nl!.page, labelTables.nl!.theme]) expect(lower).not.toContain(dutch.toLowerCase())
  })
})
