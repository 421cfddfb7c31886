import type {VFile} from 'vfile'
import type {Card} from './card/model.js'
import {cardPublication, handoutPublication} from './card/publication.js'
import {loadContent} from './content/load-content.js'
import type {OutputFile} from './output/output-file.js'
import type {PdfOptions, PrintedPublication} from './pdf/render-publications.js'
import {renderSite} from './render/site.js'

export interface BuildOptions {
  /** The content folder, with one folder per card. */
  contentDir: string
  /** Build only this card. */
  card?: string
  /** Print each card and its handouts to PDF; `false` builds the site alone. */
  pdf?: PdfOptions | false
}

export interface BuildResult {
  cards: Card[]
  /** Every content file read, with the messages found in it. */
  files: VFile[]
  /** The site and PDFs, in memory; empty when the content has errors. */
  pages: OutputFile[]
  /** The PDFs among `pages`, with their page counts. */
  pdfs: PrintedPublication[]
  /** True when any file has an error: nothing should be written then. */
  failed: boolean
}

/**
 * Build in memory: read and check the content, render every page, and print
 * the PDFs. Nothing is written to disk; see `writeOutput` for that.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  // The browser starts while the content is read: the two take about as long
  // (puppeteer is loaded only when printing)
  const pdfOptions = options.pdf === false ? undefined : (options.pdf ?? {})
  const launcher = pdfOptions && (await import('./pdf/start-browser.js'))
  const browser = launcher && (pdfOptions?.browser ?? launcher.startBrowser(pdfOptions?.browserPath))
  const closeUnneeded = () => launcher?.closeStartedBrowser(browser)
  const {cards, files} = await loadContent(options.contentDir, options.card === undefined ? {} : {card: options.card}).catch(async (error: unknown) => {
    await closeUnneeded()
    throw error
  })
  const hasErrors = () => files.some((file) => file.messages.some((message) => message.fatal))
  if (hasErrors()) {
    await closeUnneeded()
    return {cards, files, pages: [], pdfs: [], failed: true}
  }

  const publications = browser ? cards.flatMap((card) => [cardPublication(card), ...card.handouts.map((handout) => handoutPublication(card, handout))]) : []
  const site = await renderSite(cards, {pdfs: publications})
  let pdfs: PrintedPublication[] = []
  if (browser) {
    const {renderPublications} = await import('./pdf/render-publications.js')
    pdfs = await renderPublications(publications, site, {...pdfOptions, browser})
  }
  return {cards, files, pages: [...site, ...pdfs], pdfs, failed: hasErrors()}
}
