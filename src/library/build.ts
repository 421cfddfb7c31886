import type {VFile} from 'vfile'
import {memoryCache} from '../engine/cache-store.js'
import {toolId} from '../engine/keys.js'
import type {OutputFile} from '../output/output-file.js'
import {collectFindings, type Finding} from '../report/findings.js'
import {pageSearch} from '../search/search-script.js'
import {parseSiteAddress} from '../site/address.js'
import {isPage, siteWideFiles} from '../site/site-wide.js'
import {type PdfSettings, pdfBrowserOf} from './pdf-settings.js'

export interface BuildOptions {
  /** The content folder, with one folder per card. */
  contentDir: string
  /** Build only this card (its folder name). */
  card?: string | undefined
  /**
   * Print each card and its named handouts to PDF: `true` finds and starts a
   * browser (and closes it), or give {@link PdfSettings} to reuse a browser
   * you launched. Left out or `false`: the website alone, and no browser
   * is started.
   */
  pdf?: boolean | PdfSettings | undefined
  /** A visual theme for every card instead of its own (as `--theme`). */
  visualTheme?: string | undefined
  /** The search index and the pages' search box (default: true; `false` as `--no-search`). */
  search?: boolean | undefined
  /** The path the site is served under, as `--base` (default: the path of `siteUrl`, else `/`). */
  base?: string | undefined
  /** The site's public address, as `--site-url`: canonical URLs, share tags, `sitemap.xml`, `robots.txt`. */
  siteUrl?: string | undefined
}

/** A card that was built. */
export interface BuiltCard {
  slug: string
  title: string
  /** The card's label, such as "Kenniskaart". */
  label: string
  lang: string
  /** The visual theme it was built with. */
  visualTheme: string
  themeCount: number
}

/** A PDF among the built files. */
export interface BuiltPdf {
  /** Its path in the output, such as `kaart/kaart.pdf` or `kaart/handouts/starters.pdf`. */
  path: string
  pageCount: number
}

export interface BuildResult {
  /** The cards built, by slug. */
  cards: BuiltCard[]
  /**
   * Every file of the site, in memory, by path: pages, stylesheets, fonts,
   * images and PDFs; the same files `kenniskaart build` writes to `dist/`.
   * Empty when the content has errors.
   */
  pages: OutputFile[]
  /** The PDFs among `pages`, with their page counts (none unless `pdf` was asked for). */
  pdfs: BuiltPdf[]
  /** Every finding (errors and warnings), sorted by file and position. */
  findings: Finding[]
  /** Every content file read, with its findings as vfile messages. */
  files: VFile[]
  /** True when the content has errors: `pages` is empty then. */
  failed: boolean
}

/**
 * Build the site (and, when asked, the PDFs) in memory, as `kenniskaart
 * build` does, without writing anything: write `pages` yourself, or with
 * {@link writeOutput}. Problems in the content are findings in the result,
 * not exceptions; a missing content folder or card, or a browser that
 * cannot be found or started, throws.
 *
 * @example
 * const result = await build({contentDir: 'content'})
 * if (result.failed) console.error(formatFindings(result.findings, 'text'))
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const address = parseSiteAddress({base: options.base, siteUrl: options.siteUrl})
  const {buildSite} = await import('../engine/build-site.js')
  const printing = options.pdf === true ? {} : options.pdf || undefined
  const browser = printing && pdfBrowserOf(printing)
  const written: OutputFile[] = []
  const search = await pageSearch(options.search !== false)
  const result = await buildSite({
    contentDir: options.contentDir,
    card: options.card,
    cache: memoryCache(),
    tool: await toolId(),
    write: async (file) => void written.push(file),
    pdf: printing && browser ? {browser: browser.start, browserIdentity: browser.identity, timeoutSeconds: printing.timeoutSeconds} : false,
    visualTheme: options.visualTheme,
    search,
    address
  })
  const findings = collectFindings(result.files)
  if (result.failed) return {cards: [], pages: [], pdfs: [], findings, files: result.files, failed: true}
  async function* pages() {
    yield* written.filter((file) => isPage(file.path))
  }
  // What spans every card (see site-wide.ts), made from the cards' files as the CLI makes it
  written.push(...(await siteWideFiles({cards: result.listedCards, address, search: search !== undefined, files: pages})))
  written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {
    cards: result.cards.map(({slug, title, label, lang, visualTheme, themeCount}) => ({slug, title, label, lang, visualTheme, themeCount})),
    pages: written,
    pdfs: result.pdfs.map(({path, pageCount}) => ({path, pageCount})),
    findings,
    files: result.files,
    failed: false
  }
}
