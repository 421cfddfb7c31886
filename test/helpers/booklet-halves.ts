import {execFileSync} from 'node:child_process'
import type {ReadPdf} from './read-pdf.js'

/**
 * The text of the left and right half of each sheet side of a booklet, read
 * by poppler cropped to that half (at 72 dpi a pixel is a point), whitespace
 * collapsed; a blank half reads as ''.
 */
export function bookletHalves(pdf: ReadPdf): Array<[string, string]> {
  return pdf.document.getPages().map((page, index) => {
    const {width, height} = page.getSize()
    const half = (x: number) => execFileSync('pdftotext', [
      '-f', String(index + 1), '-l', String(index + 1),
      '-x', String(Math.round(x)), '-y', '0', '-W', String(Math.floor(width / 2)), '-H', String(Math.ceil(height)),
      '-enc', 'UTF-8', pdf.file, '-'
    ], {encoding: 'utf8'}).replace(/\s+/g, ' ').trim()
    return [half(0), half(width / 2)]
  })
}
