import {execFileSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'
import {build} from '../../src/build.js'
import {bundledContentDir} from '../helpers/content.js'
import {readPdf} from '../helpers/read-pdf.js'
import {sharedBrowser} from '../helpers/shared-browser.js'

const browser = sharedBrowser()

describe('the flow figure in the bundled card\'s PDF', () => {
  it('stands on the page of its theme, with its zones and axes as text, and the page count unchanged', async () => {
    const result = await build({contentDir: bundledContentDir, card: 'professionele-leercultuur', pdf: {browser: browser()}})
    expect(result.failed).toBe(false)
    const printed = result.pdfs.find((entry) => entry.path === 'professionele-leercultuur/professionele-leercultuur.pdf')!
    const pdf = await readPdf(printed.contents as Uint8Array)
    expect(pdf.pageCount).toBe(10)
    const page = pdf.pageTexts.findIndex((text) => text.includes('De basis voor professionalisering') && text.includes('Verbondenheid'))
    expect(page).toBeGreaterThan(1)
    // In content-stream order (-raw), the rotated labels read whole: the figure's text, in the order it is drawn
    const raw = execFileSync('pdftotext', ['-raw', '-f', String(page + 1), '-l', String(page + 1), '-enc', 'UTF-8', pdf.file, '-'], {encoding: 'utf8'})
    const lines = raw.split('\n').map((line) => line.trim())
    const first = lines.indexOf('Frustratie')
    expect(lines.slice(first, first + 5)).toEqual(['Frustratie', 'Flow', 'Verveling', 'Vaardigheid', 'Uitdaging'])
    expect(pdf.pageTexts[page]!.split('\n').map((line) => line.trim())).toContain('Flow: uitdaging tegenover vaardigheid — verveling, flow en frustratie')
    // The placeholder titles are printed once: by their headings
    expect(pdf.pageTexts.join('\n').split('Uitval beginnende leraren PO in %').length - 1).toBe(1)
  }, 120_000)
})
