import type {VFile} from 'vfile'
import type {Card} from './card/model.js'
import {cardPublication, handoutPublication} from './card/publication.js'
import {loadContent} from './content/load-content.js'
import type {OutputFile} from './output/output-file.js'
import type {PdfOptions, PrintedPublication} from './pdf/render-publications.js'
import {copyCardImages, renderSitePages, renderThemeAssets} from './render/site.js'

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
  const browser =
    options.pdf === false ? undefined : (options.pdf?.browser ?? (await import('./pdf/start-browser.js')).startBrowser(options.pdf?.browserPath))
  const {cards, files} = await loadContent(options.contentDir, options.card === undefined ? {} : {card: options.card}).catch(async (error: unknown) => {
    await closeQuietly(browser)
    throw error
  })
  const hasErrors = () => files.some((file) => file.messages.some((message) => message.fatal))
  if (hasErrors()) {
    await closeQuietly(browser)
    return {cards, files, pages: [], pdfs: [], failed: true}
  }

  const publications = browser ? cards.flatMap((card) => [cardPublication(card), ...card.handouts.map((handout) => handoutPublication(card, handout))]) : []
  const site = [...renderSitePages(cards, {pdfs: publications}), ...(await renderThemeAssets(cards)), ...(await copyCardImages(cards))]
  let pdfs: PrintedPublication[] = []
  if (browser) {
    const {renderPublications} = await import('./pdf/render-publications.js')
    pdfs = await renderPublications(publications, site, {...options.pdf, browser})
  }
  return {cards, files, pages: [...site, ...pdfs], pdfs, failed: hasErrors()}
}

async function closeQuietly(browser: Promise<{close(): Promise<void>}> | undefined): Promise<void> {
  await browser?.then((started) => started.close()).catch(() => undefined)
}
