import type {VFile} from 'vfile'
import type {Card} from './card/model.js'
import {type Publication, publicationPath} from './card/publication.js'
import {loadContent} from './content/load-content.js'
import {publicationsOf} from './engine/card-step.js'
import type {OutputFile} from './output/output-file.js'
import type {PdfOptions, PrintedPublication} from './pdf/render-publications.js'
import type {Progress} from './report/progress.js'
import {renderSite, renderSitePages} from './render/site.js'

export interface BuildOptions {
  /** The content folder, with one folder per card. */
  contentDir: string
  /** Build only this card. */
  card?: string
  /** Print each card and its handouts to PDF with these options; left out or `false`, the site alone (no browser). */
  pdf?: PdfOptions | false | undefined
  /**
   * Without printing: the PDF an earlier build wrote for a publication, if
   * any. It is kept in the output and offered for download as before.
   */
  keptPdf?: ((publication: Publication) => Promise<Uint8Array | undefined>) | undefined
  /**
   * With `card`: which other cards of the content the index page lists
   * (those whose pages are in the output), so it still lists every card.
   */
  listInIndex?: ((slug: string) => boolean) | undefined
  /** Told how far the build is: cards and PDFs done, and how long each stage took. */
  progress?: Progress | undefined
  /** A visual theme for every card instead of its own. */
  visualTheme?: string | undefined
}

export interface BuildResult {
  cards: Card[]
  /** Every content file read, with the messages found in it. */
  files: VFile[]
  /** The site and PDFs, in memory; empty when the content has errors. */
  pages: OutputFile[]
  /** The PDFs among `pages`, with their page counts. */
  pdfs: PrintedPublication[]
  /** The PDFs among `pages` kept from an earlier build (see `keptPdf`). */
  keptPdfs: OutputFile[]
  /** True when any file has an error: nothing should be written then. */
  failed: boolean
}

/**
 * Build in memory: read and check the content, render every page, and print
 * the PDFs when asked. Nothing is written to disk; see `writeOutput` for that.
 * The tests' way in (it hands back the cards and printed publications
 * whole); the package's `build` is library/build.ts, through the engine,
 * which gives the files `kenniskaart build` writes.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  // The browser starts while the content is read: the two take about as long
  // (puppeteer is loaded only when printing)
  const pdfOptions = options.pdf || undefined
  const launcher = pdfOptions && (await import('./pdf/start-browser.js'))
  // A browser passed in is the caller's to close; one started here is closed here
  const launched = pdfOptions && !pdfOptions.browser ? launcher?.startBrowser(pdfOptions.browserPath) : undefined
  const browser = pdfOptions?.browser ?? launched
  const closeUnneeded = () => launcher?.closeStartedBrowser(launched)
  const {progress} = options
  let stageStarted = performance.now()
  const stageDone = (stage: string) => {
    progress?.timing(stage, performance.now() - stageStarted)
    stageStarted = performance.now()
  }
  const {cards, files} = await loadContent(options.contentDir, {...(options.card === undefined ? {} : {card: options.card}), visualTheme: options.visualTheme}).catch(async (error: unknown) => {
    await closeUnneeded()
    throw error
  })
  stageDone('read and check the content')
  progress?.start('cards', cards.length)
  const hasErrors = () => files.some((file) => file.messages.some((message) => message.fatal))
  if (hasErrors()) {
    await closeUnneeded()
    return {cards, files, pages: [], pdfs: [], keptPdfs: [], failed: true}
  }

  const allPublications = cards.flatMap(publicationsOf)
  const kept = browser ? [] : await keptPdfs(allPublications, options.keptPdf)
  const publications = browser ? allPublications : kept.map(({publication}) => publication)
  const site = await renderSite(cards, {pdfs: publications})
  if (options.card !== undefined && options.listInIndex) await listEveryCard(site, cards, options.contentDir, options.listInIndex)
  for (const card of cards) progress?.advance('cards', card.slug)
  stageDone('lay out the pages')
  let pdfs: PrintedPublication[] = []
  if (browser) {
    const {renderPublications} = await import('./pdf/render-publications.js')
    progress?.start('pdfs', publications.length)
    const onPrinted = (printed: PrintedPublication) => progress?.advance('pdfs', printed.path)
    pdfs = await renderPublications(publications, site, {...pdfOptions, browser, findingFiles: files, onPrinted}).finally(closeUnneeded)
    stageDone('print the PDFs')
  }
  const keptFiles = kept.map(({file}) => file)
  return {cards, files, pages: [...site, ...pdfs, ...keptFiles], pdfs, keptPdfs: keptFiles, failed: hasErrors()}
}

/** The earlier build's PDFs of publications that still exist, to keep when not printing. */
async function keptPdfs(
  publications: Publication[],
  keptPdf: BuildOptions['keptPdf']
): Promise<Array<{publication: Publication; file: OutputFile}>> {
  if (!keptPdf) return []
  const kept = []
  for (const publication of publications) {
    const contents = await keptPdf(publication)
    if (contents) kept.push({publication, file: {path: publicationPath(publication), contents}})
  }
  return kept
}

/**
 * A build of one card replaces the index page with one that still lists
 * the other cards: their titles, labels and theme counts come from the
 * content (read again, its findings not reported: they belong to builds
 * of those cards), and only cards `listInIndex` accepts are listed.
 */
async function listEveryCard(site: OutputFile[], built: Card[], contentDir: string, listInIndex: (slug: string) => boolean): Promise<void> {
  const {cards: everyCard} = await loadContent(contentDir)
  const builtSlugs = new Set(built.map((card) => card.slug))
  const listed = [...built, ...everyCard.filter((card) => !builtSlugs.has(card.slug) && listInIndex(card.slug))]
  listed.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  const index = renderSitePages(listed).find((file) => file.path === 'index.html')
  const position = site.findIndex((file) => file.path === 'index.html')
  if (index && position >= 0) site[position] = index
}
