import os from 'node:os'
import pLimit, {type LimitFunction} from 'p-limit'
import type {VFile} from 'vfile'
import {type Publication, publicationPath} from '../card/publication.js'
import {CliError} from '../errors.js'
import type {OutputFile} from '../output/output-file.js'
import {type PrintDocument, renderPrintDocument, themeAnchor} from '../render/print-document.js'
import {type BlockedRequestReporter, blockedRequestReporter} from './blocked-requests.js'
import {type PdfBrowser, PrintTimeoutError, type ServedFiles} from './browser.js'
import {type PrintedLayout, printedLayout} from './destination-pages.js'
import {finishPdf} from './finish-pdf.js'
import {pageNumberEdit, pageNumberSelector} from './page-number-edit.js'
import {publicationMetadata} from './pdf-metadata.js'
import {onePerPlace, type PreflightFinding, preflight, reportPreflight} from './preflight/preflight.js'
import {checkTextOutside} from './preflight/text-outside.js'
import {printInputs} from './print-key.js'
import {closeStartedBrowser, startBrowser} from './start-browser.js'

export interface PdfOptions {
  /** A browser executable; found automatically when left out. */
  browserPath?: string | undefined
  /**
   * A browser already starting (see `startBrowser`), so launching overlaps
   * reading the content. It stays open: whoever started it closes it. Without
   * it, a browser is started, and closed, here.
   */
  browser?: Promise<PdfBrowser> | undefined
  /** Time limit of one publication in seconds; scaled by its size when left out. */
  timeoutSeconds?: number | undefined
  /** How many publications print at once; `defaultConcurrency()` when left out. */
  concurrency?: number
  /**
   * A limit shared by several calls (one per card, say), so the pages
   * printing at once across all of them stay within it; `concurrency` is
   * then not used. Make one with `printLimit()`.
   */
  limit?: LimitFunction | undefined
  /**
   * The PDF an earlier build wrote for a publication, if any. Its page
   * numbers are the first guess, so an unchanged layout prints once.
   */
  previousPdf?: ((publication: Publication) => Promise<Uint8Array | undefined>) | undefined
  /**
   * The files findings are reported from. A blocked request caused by a
   * theme stylesheet is reported on the stylesheet, whose file is added
   * here; without the list it is reported on the card's index.md.
   */
  findingFiles?: VFile[] | undefined
  /** Called as each publication is printed, in the order they finish. */
  onPrinted?: ((printed: PrintedPublication) => void) | undefined
  /**
   * Reports requests refused while printing (see blocked-requests.ts). A
   * build that reuses cached PDFs passes the one it replays their
   * `blockedRequests` through, so each is reported once per run, printed
   * or cached; made from `findingFiles` when left out.
   */
  blockedRequestReporter?: BlockedRequestReporter | undefined
}

/** A printed publication: where it goes in the output, and its bytes. */
export interface PrintedPublication extends OutputFile {
  publication: Publication
  pageCount: number
  /**
   * The URLs the print asked for and was refused, each once, in order: a
   * cached PDF keeps them, so a build that reuses it reports the same
   * warnings without printing.
   */
  blockedRequests: string[]
  /** What the print preflight found (see preflight/preflight.ts): a cached PDF keeps these too. */
  preflight: PreflightFinding[]
}

/**
 * Print publications to PDF with one browser, reused for all of them. A
 * publication's page may load only its card's own files and its visual
 * theme's assets among `siteFiles` (see `printInputs`); anything else is
 * blocked and reported as a warning where it was asked for (see
 * blocked-requests.ts). No browser is started when the list is empty.
 */
export async function renderPublications(
  publications: Publication[],
  siteFiles: readonly OutputFile[],
  options: PdfOptions = {}
): Promise<PrintedPublication[]> {
  // Nothing to print (all cached, say): no browser is started
  if (publications.length === 0) return []
  const launched = options.browser ? undefined : startBrowser(options.browserPath)
  const browser = await (options.browser ?? launched!)
  const limit = options.limit ?? printLimit(options.concurrency)
  // One reporter for all: a theme or image printed in the card and in a handout is reported once
  const reporter = options.blockedRequestReporter ?? blockedRequestReporter(options.findingFiles)
  let failed: unknown
  const jobs = publications.map((publication) =>
    limit(() => {
      // Work still waiting in a shared limit when another publication of this call failed is not started
      if (failed !== undefined) return Promise.reject(failed)
      return printPublication(browser, publication, siteFiles, options, reporter(publication)).then(
        (printed) => {
          options.onPrinted?.(printed)
          return printed
        },
        (error: unknown) => {
          failed ??= error
          throw error
        }
      )
    })
  )
  try {
    return await Promise.all(jobs)
  } catch (error) {
    // One failed: the others are not waited for; closing the browser (below, or by the caller that passed it in) stops them.
    // A shared limit is the caller's: its queue may hold the work of other calls
    if (!options.limit) limit.clearQueue()
    throw error
  } finally {
    await closeStartedBrowser(launched)
  }
}

async function printPublication(
  browser: PdfBrowser,
  publication: Publication,
  siteFiles: readonly OutputFile[],
  options: PdfOptions,
  reportBlocked: (url: string) => void
): Promise<PrintedPublication> {
  const first = renderPrintDocument(publication)
  // Sorted by path (see printInputs), so the document ID does not depend on the order of the site's files
  const files: ServedFiles = new Map([[first.stylesheet.path, first.stylesheet.contents], ...printInputs(publication, siteFiles).map((file) => [file.path, file.contents] as const)])
  const timeoutMs = options.timeoutSeconds === undefined ? defaultTimeoutMs(publication.themes.length, printedBytes(first.html, publication, files)) : options.timeoutSeconds * 1000

  const blockedRequests: string[] = []
  const onBlocked = (url: string) => {
    if (!blockedRequests.includes(url)) blockedRequests.push(url)
    reportBlocked(url)
  }
  const pdfName = publicationPath(publication).split('/').at(-1) ?? ''
  let printed: {layout: PrintedLayout; html: string; document: PrintDocument; outside: Awaited<ReturnType<typeof checkTextOutside>>}
  try {
    const guess = await previousStartPages(publication, options)
    printed = await browser.withPrintPage(files, {documentPath: first.path, timeoutMs, onBlocked}, async (page) => {
      // Print, read back where each theme landed, print again with those
      // page numbers in the "Inhoud"; repeat while the numbers still move.
      // With a guess from the previous build, the first print may be right.
      let document: PrintDocument = guess ? renderPrintDocument(publication, guess) : first
      let bytes = await page.print(document.html)
      let layout = await printedLayout(bytes)
      let pages = themeStartPages(publication, layout.pages)
      if (guess && samePages(guess, pages)) return {layout, html: document.html, document, outside: await checkTextOutside(page, document.marks, pdfName)}
      for (let pass = 0; pass < 3; pass++) {
        const next = renderPrintDocument(publication, pages)
        // Only the numbers changed: they are replaced in the page already
        // loaded, which then is exactly the new document, and printed again
        const numbers = pageNumberEdit(document.html, next.html)
        bytes = (numbers && (await page.reprint(pageNumberSelector, numbers))) ?? (await page.print(next.html))
        document = next
        layout = await printedLayout(bytes)
        const after = themeStartPages(publication, layout.pages)
        if (samePages(pages, after)) break
        pages = after
      }
      return {layout, html: document.html, document, outside: await checkTextOutside(page, document.marks, pdfName)}
    })
  } catch (error) {
    if (error instanceof PrintTimeoutError) {
      throw new CliError(`Printing the ${publication.kind} \`${publication.slug}\` of card \`${publication.card.slug}\` did not finish within ${error.ms < 10_000 ? (error.ms / 1000).toFixed(1) : Math.round(error.ms / 1000)} s`, {
        hint: 'A very large image can slow printing down; allow more time with --pdf-timeout <seconds>.',
        cause: error
      })
    }
    throw error
  }

  // The document ID hashes what was printed: the final document and the files it could load, nothing else of the site
  const bytes = await finishPdf(printed.layout, publicationMetadata(publication), [printed.html, ...files.values()])
  const path = publicationPath(publication)
  const findings = onePerPlace([...preflight(printed.layout.bytes, printed.document.marks, pdfName, printed.outside.area), ...printed.outside.findings])
  reportPreflight(publication, findings)
  return {path, contents: bytes, publication, pageCount: printed.layout.pageCount, blockedRequests, preflight: findings}
}

/** A limit of how many publications print at once, to share between calls of `renderPublications`. */
export function printLimit(concurrency = defaultConcurrency()): LimitFunction {
  return pLimit(concurrency)
}

/**
 * How many publications print at once by default: one page per core and
 * one more, between 2 and 4. A print is mostly the browser's work, but
 * each also waits on round trips to Node (requests, the PDF's bytes); the
 * extra page keeps the cores busy meanwhile. Measured with 20 handouts on
 * 2 cores: 3 pages at once beat 2 by a few per cent; more only add memory.
 */
export function defaultConcurrency(cores = os.availableParallelism()): number {
  return Math.min(4, Math.max(2, cores + 1))
}

/**
 * The time limit of one publication when none is given: 30 s, 5 s per
 * theme, and 2 s per MB of what is printed (its HTML and images).
 */
export function defaultTimeoutMs(themeCount: number, bytes: number): number {
  return Math.round((30 + 5 * themeCount + 2 * (bytes / 1_000_000)) * 1000)
}

/** Bytes of the print document and of the card's files it may load (images, stylesheets). */
function printedBytes(html: string, publication: Publication, files: ServedFiles): number {
  let bytes = Buffer.byteLength(html)
  const prefix = `${publication.card.slug}/`
  for (const [filePath, contents] of files) {
    if (filePath.startsWith(prefix) && !filePath.endsWith('.pdf') && !filePath.endsWith('.html')) bytes += typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength
  }
  return bytes
}

async function previousStartPages(publication: Publication, options: PdfOptions): Promise<Map<string, number> | undefined> {
  const previous = await options.previousPdf?.(publication).catch(() => undefined)
  if (!previous) return undefined
  const layout = await printedLayout(previous).catch(() => undefined)
  if (!layout) return undefined
  const pages = themeStartPages(publication, layout.pages)
  return [...pages.values()].every((page) => page > 0) ? pages : undefined
}

function themeStartPages(publication: Publication, found: ReadonlyMap<string, number>): Map<string, number> {
  return new Map(publication.themes.map((theme) => [themeAnchor(theme.slug), found.get(themeAnchor(theme.slug)) ?? 0]))
}

function samePages(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value)
}
