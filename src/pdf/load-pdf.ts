import {ParseSpeeds, PDFDocument} from 'pdf-lib'

/**
 * Load a PDF for reading or finishing. pdf-lib yields to the event loop
 * every 100 objects by default; a whole kenniskaart is small enough to parse
 * in one go, which is several times faster.
 */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, {updateMetadata: false, parseSpeed: ParseSpeeds.Fastest})
}
