import type {VFile} from 'vfile'
import type {PageSize} from '../content/schema.js'
import {loadContent} from '../content/load-content.js'
import {CliError, ExitCode} from '../errors.js'
import {collectFindings, type Finding} from '../report/findings.js'
import {type PdfSettings, pdfBrowserOf} from './pdf-settings.js'

export interface PrintOptions extends PdfSettings {
  /** The content folder, with one folder per card. */
  contentDir: string
  /** The card to print (its folder name). */
  card: string
  /** A handout named under `handouts:` in the card's index.md (not with `themes`). */
  handout?: string | undefined
  /** The themes of an ad-hoc handout, by slug (default: the whole card). */
  themes?: string[] | undefined
  /** The title of a `themes` handout (default: its themes' titles). */
  title?: string | undefined
  /** Paper size (default: the handout's `size:`, else A4; A5 for a booklet). */
  size?: PageSize | undefined
  /** A5 pages imposed two-up on A4 landscape sheets in booklet order, to fold and staple. */
  booklet?: boolean | undefined
  /** A visual theme instead of the card's own (as `--theme`). */
  visualTheme?: string | undefined
}

export interface PrintResult {
  /** The PDF; undefined when the content has errors. */
  contents: Uint8Array | undefined
  /** Its pages (of a booklet: the A5 pages, before imposing); 0 without a PDF. */
  pageCount: number
  /** The file name `kenniskaart pdf` would give it, such as `kaart-starters.pdf`. */
  fileName: string
  /** Every finding of the card (and of printing), sorted by file and position. */
  findings: Finding[]
  /** The card's files, with their findings as vfile messages. */
  files: VFile[]
  /** True when the content has errors: nothing was printed, no browser was started. */
  failed: boolean
}

/**
 * Print a card, or a handout of some of its themes, to one PDF in memory,
 * as `kenniskaart pdf` does. The browser starts only once the content has
 * no errors. A call that cannot be right (an unknown card, handout or
 * theme, `handout` with `themes`, a booklet at A4) and a browser that cannot
 * be found or started throw a {@link CliError} with a `hint`.
 *
 * @example
 * const {contents} = await print({contentDir: 'content', card: 'kaart', handout: 'starters', size: 'A5'})
 */
export async function print(options: PrintOptions): Promise<PrintResult> {
  const themes = options.themes?.join(',')
  const choice = {handout: options.handout, themes, title: options.title, size: options.size, booklet: options.booklet}
  const {checkPdfOptions, choosePublication, unknownThemesError} = await import('../commands/pdf.js')
  checkPdfOptions(choice)
  if (options.handout !== undefined && options.themes !== undefined) {
    throw new CliError('Give a named `handout` or `themes`, not both', {exitCode: ExitCode.usage, hint: 'A named handout has its own themes, title and size.'})
  }
  const fileName = `${[options.card, ...(options.handout ? [options.handout] : (options.themes ?? [])), ...(options.booklet ? ['booklet'] : [])].join('-')}.pdf`
  const {cards, files} = await loadContent(options.contentDir, {card: options.card, visualTheme: options.visualTheme})
  const card = cards[0]
  const failed = () => collectFindings(files).some((finding) => finding.severity === 'error')
  if (!card || failed()) return {contents: undefined, pageCount: 0, fileName, findings: collectFindings(files), files, failed: true}
  const unknown = (options.themes ?? []).filter((slug) => !card.themes.some((theme) => theme.slug === slug))
  if (unknown.length > 0) throw unknownThemesError(card.slug, unknown, card.themes.map((theme) => theme.slug))
  const publication = choosePublication(card, options.themes, choice)

  const [{renderSite}, {renderPublications}, {closeStartedBrowser}] = await Promise.all([
    import('../render/site.js'),
    import('../pdf/render-publications.js'),
    import('../pdf/start-browser.js')
  ])
  const site = await renderSite([card])
  const browser = pdfBrowserOf(options).start()
  const [printed] = await renderPublications([publication], site, {browser, timeoutSeconds: options.timeoutSeconds, findingFiles: files}).finally(() => closeStartedBrowser(browser))
  if (!printed) throw new Error('Nothing was printed')
  const booklet = options.booklet ? await (await import('../pdf/booklet-pdf.js')).bookletPdf(publication, printed.contents as Uint8Array) : undefined
  return {
    contents: booklet?.contents ?? (printed.contents as Uint8Array),
    pageCount: printed.pageCount,
    fileName,
    findings: collectFindings(files),
    files,
    failed: failed()
  }
}
