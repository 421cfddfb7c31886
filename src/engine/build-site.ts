import os from 'node:os'
import pLimit, {type LimitFunction} from 'p-limit'
import type Tinypool from 'tinypool'
import type {VFile} from 'vfile'
import type {Card} from '../card/model.js'
import type {Publication} from '../card/publication.js'
import {type CardFolder, type CardFolderEntry, listContent} from '../content/read-content.js'
import type {OutputFile} from '../output/output-file.js'
import type {BlockedRequestReporter} from '../pdf/blocked-requests.js'
import type {PreflightFinding} from '../pdf/preflight/preflight.js'
import type {PdfBrowser} from '../pdf/browser.js'
import {type IndexEntry, type PageSearch, renderIndexPage, renderVisualThemeAssets} from '../render/site.js'
import type {SiteAddress} from '../site/address.js'
import {cardsOfShard, type Shard} from '../site/shard.js'
import type {VisualTheme, VisualThemeLoad} from '../theme/load-visual-theme.js'
import type {CacheStore} from './cache-store.js'
import {type CardStepContext, type CardStepResult, cardStepInput, publicationsOf, runCardStep} from './card-step.js'
import type {CardTask, CardTaskResult} from './card-worker.js'
import {applyStoredMessages} from './stored-message.js'
import {forgetVisualThemes, visualThemeLoads} from './visual-themes.js'
import {hashText} from './hash.js'
import {cardKey, imagesKey, visualThemeKey} from './keys.js'
import type {CardSignature} from './unchanged-output.js'

/** How the engine prints, when it prints. */
export interface EnginePdfOptions {
  /** Starts the browser; called at most once, and only when a PDF is not in the cache. */
  browser: () => Promise<PdfBrowser>
  /** What identifies the browser's build, without starting it: part of each PDF's key. */
  browserIdentity: () => Promise<string>
  timeoutSeconds?: number | undefined
  /** The PDF the previous build wrote for a publication: its page numbers are the first guess. */
  previousPdf?: ((publication: Publication) => Promise<Uint8Array | undefined>) | undefined
  /** The browser is the caller's, kept open after the build (the dev server keeps one warm); by default the engine closes the one it started. */
  keepBrowserOpen?: boolean | undefined
}

/** What the engine reports as it goes; all optional. */
export interface EngineEvents {
  cardsFound?(total: number): void
  cardDone?(slug: string, fromCache: boolean): void
  /** A card's publications are known: this many more PDFs to make or copy. */
  pdfsFound?(count: number): void
  pdfDone?(path: string, fromCache: boolean): void
}

export interface SiteBuildOptions {
  contentDir: string
  /** Build only this card. */
  card?: string | undefined
  /** Build only this share of the cards (`--shard i/n`). */
  shard?: Shard | undefined
  cache: CacheStore
  /** Where the cache is on disk, for the worker threads to open it too. */
  cacheDir?: string | undefined
  /** The tool build (see `toolId`). */
  tool: string
  /** Receives every file of the output as soon as it is made. */
  write: (file: OutputFile) => Promise<void>
  /** Print each card and its handouts; `false` builds the site alone. */
  pdf: EnginePdfOptions | false
  /**
   * Without printing: the PDFs an earlier build wrote for a card, by output
   * path. They are offered on the card page and written again as they are.
   */
  keptPdfs?: ((slug: string) => Promise<Map<string, Uint8Array>>) | undefined
  /**
   * Without printing: link every publication's PDF from the card pages all
   * the same, with their print keys known (the dev server prints them when
   * asked). The cards' keys are then those of a build that prints.
   */
  linkAllPdfs?: boolean | undefined
  /** With `card`: the other cards the index page lists (see `build --card`). */
  otherIndexEntries?: (() => Promise<IndexEntry[]>) | undefined
  /**
   * Threads for the per-card step, this one included: `auto` (the default)
   * uses one per core when there are enough cards to pay for starting them;
   * 1 (or `false`) does everything in this thread.
   */
  workers?: 'auto' | number | false
  /** A visual theme for every card instead of its own (`--theme`); checked to exist by the caller. */
  visualTheme?: string | undefined
  /** The site has search: its pages get the search box (the index itself is made over the whole output, see src/site/site-wide.ts). */
  search?: PageSearch | undefined
  /** Where the site is published (`--base`, `--site-url`); the default address when left out. */
  address?: SiteAddress | undefined
  events?: EngineEvents
}

export interface SiteBuildResult {
  /** Every content file read, with its findings. */
  files: VFile[]
  /** True when any file has an error: the output written must then be thrown away. */
  failed: boolean
  cards: IndexEntry[]
  /** The cards the index page lists, by slug: those built and, with `card`, the others it still lists (`otherIndexEntries`). */
  listedCards: IndexEntry[]
  /** Every card of the content by slug, also those another shard builds (`shard`). */
  allCards: string[]
  pages: number
  pdfs: Array<{path: string; pageCount: number; fromCache: boolean}>
  keptPdfs: string[]
  /** How long the browser was printing, in ms (cards may be made meanwhile). */
  printMs: number
  /** What each built card depended on, to tell next time that nothing changed; undefined when a card cannot be cached. */
  signatures: CardSignature[] | undefined
  /** What the cache did, for `--verbose`. */
  cacheWarnings: string[]
  fileResults: {hits: number; misses: number}
  cardResults: {hits: number; misses: number}
}

/** A card's entry in the cache: its step's result, and what it depended on besides its files. */
interface CardEntry {
  result: CardStepResult
  visualThemeKey: string | undefined
  imagesKey: string
}

/** A printed PDF in the cache, with the requests its print refused (reported again when it is reused). */
interface PdfEntry {
  contents: Uint8Array
  pageCount: number
  blockedRequests: string[]
  /** The print preflight's findings, reported again when it is reused (none in an entry of an older cache). */
  preflight?: PreflightFinding[]
}

/** Below this many cards, the worker threads cost more to start than they save. */
const workerThreshold = 8

/**
 * The incremental engine: builds the site card by card, each card written
 * out (and released) before the next is held in memory. A card whose files,
 * visual theme and images are as in a build before is taken from the cache
 * whole; a changed card redoes only its changed files (the others come from
 * the cache by their text) and its per-card step. A PDF is keyed by what it
 * prints and the browser: an unchanged card prints nothing, and no browser
 * starts. Nothing here decides whether the output is kept: the caller
 * commits it, or throws it away when `failed`.
 */
export async function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  forgetVisualThemes()
  const listed = await listContent(options.contentDir, options.card)
  const listing = {...listed, cards: cardsOfShard(listed.cards, options.shard)}
  options.events?.cardsFound?.(listing.cards.length)
  const files: VFile[] = [...listing.problems]
  const cardFiles: VFile[][] = listing.cards.map(() => [])
  // Each theme.json by path (one a chain shares is reported once), and the first card that uses it
  const themeFileAt = new Map<string, {file: VFile; position: number}>()
  const signatures: Array<CardSignature | undefined> = listing.cards.map(() => undefined)
  const entries: IndexEntry[] = []
  const themes = new Map<string, {load: VisualThemeLoad; key: string}>()
  const pdfs: SiteBuildResult['pdfs'] = []
  const keptPdfs: string[] = []
  const cacheWarnings: string[] = []
  const fileResults = {hits: 0, misses: 0}
  const cardResults = {hits: 0, misses: 0}
  let pages = 0
  let printMs = 0
  let failed = listing.problems.some(hasError)

  const visualTheme = async (name: string) => {
    let known = themes.get(name)
    if (!known) {
      const load = await visualThemeLoads(listing.dir, name)
      known = {load, key: await visualThemeKey(load)}
      themes.set(name, known)
    }
    return known
  }
  const write = async (file: OutputFile) => {
    pages += file.path.endsWith('.html') ? 1 : 0
    await options.write(file)
  }
  const pool = workerPool(options, listing.cards.length)
  // This thread does one card at a time itself; the others go to the worker threads
  let mainLaneBusy = false
  let browser: Promise<PdfBrowser> | undefined
  const startBrowser = () => (browser ??= options.pdf ? options.pdf.browser() : Promise.reject(new Error('no PDFs asked for')))

  const buildCard = async (entry: CardFolderEntry, position: number) => {
    const folder = await entry.read()
    try {
      await makeCard(folder, position)
    } finally {
      // Only the findings are held until the report (and a file's text, to show where they are)
      for (const file of [folder.index, ...folder.themeFiles]) {
        if (file.messages.length === 0) file.value = ''
        file.data = {readable: file.data.readable}
      }
    }
    await options.cache.keepUp()
  }

  const makeCard = async (folder: CardFolder, position: number) => {
    const ownFiles = [folder.index, ...folder.themeFiles]
    cardFiles[position] = ownFiles
    const linksAll = options.pdf !== false || options.linkAllPdfs === true
    const kept = linksAll ? new Map<string, Uint8Array>() : ((await options.keptPdfs?.(folder.slug)) ?? new Map<string, Uint8Array>())
    const context: CardStepContext = {contentDir: listing.dir, downloads: linksAll ? 'all' : [...kept.keys()].sort(), withPrintKeys: linksAll, tool: options.tool, visualTheme: options.visualTheme, search: options.search, address: options.address}
    const key = cardKey(folder, context)

    // The whole card from the cache, if what it depended on is unchanged (and, when printing, its PDFs are there too)
    let result: CardStepResult | undefined
    let card: Card | undefined
    let fromCache = false
    let cachedPdfs = new Map<string, PdfEntry>()
    const cached = key === undefined ? undefined : ((await options.cache.get('cards', key)) as CardEntry | undefined)
    if (cached && (await stillValid(cached, folder, visualTheme))) {
      cachedPdfs = await lookUpPdfs(cached.result, cached.visualThemeKey)
      // A PDF whose print refused requests is reported again where they were asked for: that needs the card
      const complete = cachedPdfs.size === cached.result.built?.publications.length && [...cachedPdfs.values()].every((pdf) => pdf.blockedRequests.length === 0 && (pdf.preflight?.length ?? 0) === 0)
      if (!options.pdf || complete) {
        result = cached.result
        ownFiles.forEach((file, index) => applyStoredMessages(file, result!.messages[index] ?? []))
        cardResults.hits++
        fromCache = true
        signatures[position] = signatureOf(folder.slug, key!, context, result, cached.visualThemeKey, cached.imagesKey)
      }
    }
    if (!result) {
      cardResults.misses++
      // A card to print needs its trees here; the site alone can be made in a worker while this thread does another card
      const inWorker = pool !== undefined && !options.pdf && mainLaneBusy
      if (!inWorker) mainLaneBusy = true
      if (inWorker) {
        const task: CardTask = {input: cardStepInput(folder, context), cacheDir: options.cacheDir}
        const done = (await pool.run(task)) as CardTaskResult
        result = done.result
        ownFiles.forEach((file, index) => applyStoredMessages(file, result!.messages[index] ?? []))
        cacheWarnings.push(...done.warnings)
        fileResults.hits += done.fileHits
        fileResults.misses += done.fileMisses
      } else {
        const hits = options.cache.stats.hits.files
        const misses = options.cache.stats.misses.files
        ;({result, card} = await runCardStep(folder, context, options.cache, {keepCard: options.pdf !== false}).finally(() => (mainLaneBusy = false)))
        fileResults.hits += options.cache.stats.hits.files - hits
        fileResults.misses += options.cache.stats.misses.files - misses
      }
      if (key !== undefined) {
        const themeKey = result.visualTheme === undefined ? undefined : (await visualTheme(result.visualTheme)).key
        const images = await imagesKey(folder.dir, result.imageTargets)
        options.cache.set('cards', key, {result, visualThemeKey: themeKey, imagesKey: images} satisfies CardEntry)
        signatures[position] = signatureOf(folder.slug, key, context, result, themeKey, images)
      }
    }

    // The visual theme: its theme.json's findings once (after the first card in content order that uses it), its files in the output
    const theme = result.visualTheme === undefined ? undefined : await visualTheme(result.visualTheme)
    if (theme && theme.load.kind !== 'unknown') {
      for (const file of [theme.load.file, ...(theme.load.parentFiles ?? [])]) {
        const first = file && themeFileAt.get(file.path)
        if (file && (first === undefined || position < first.position)) themeFileAt.set(file.path, {file: first?.file ?? file, position})
      }
    }
    if (ownFiles.some(hasError)) failed = true
    options.events?.cardDone?.(folder.slug, fromCache)
    const built = result.built
    if (!built || failed) return

    entries.push(built.entry)
    for (const page of built.pages) await write(page)
    if (!options.pdf) {
      // Only the PDFs of publications the card still has
      for (const {path} of built.publications) {
        const contents = kept.get(path)
        if (!contents) continue
        await write({path, contents})
        keptPdfs.push(path)
      }
      return
    }
    // PDFs: from the cache, or printed now with the card's files and its theme's served to the browser
    const themeKey = theme?.key ?? ''
    const toPrint: Publication[] = []
    const publications = card ? publicationsOf(card) : []
    options.events?.pdfsFound?.(built.publications.length)
    const reporter = await blockedRequests()
    for (const [index, publication] of built.publications.entries()) {
      const hit = cachedPdfs.get(publication.path)
      if (hit) {
        if (hit.blockedRequests.length > 0 && publications[index]) for (const url of hit.blockedRequests) reporter(publications[index])(url)
        if (hit.preflight?.length && publications[index]) {
          ;(await import('../pdf/preflight/preflight.js')).reportPreflight(publications[index], hit.preflight)
          // The preflight's findings are not among the card's stored ones: a later build may not skip this card as unchanged
          signatures[position] = undefined
        }
        await write({path: publication.path, contents: hit.contents})
        pdfs.push({path: publication.path, pageCount: hit.pageCount, fromCache: true})
        options.events?.pdfDone?.(publication.path, true)
      } else {
        toPrint.push(publications[index]!)
      }
    }
    if (toPrint.length === 0) return
    const loadedTheme = theme?.load.kind === 'loaded' ? theme.load.theme : undefined
    const served = [...built.pages, ...(loadedTheme ? await themeAssets(loadedTheme) : [])]
    const {renderPublications} = await import('../pdf/render-publications.js')
    const printing = performance.now()
    const printed = await renderPublications(toPrint, served, {
      browser: startBrowser(),
      timeoutSeconds: options.pdf.timeoutSeconds,
      previousPdf: options.pdf.previousPdf,
      findingFiles: files,
      blockedRequestReporter: reporter,
      limit: await sharedPrintLimit(),
      onPrinted: (pdf) => options.events?.pdfDone?.(pdf.path, false)
    })
    printMs += performance.now() - printing
    const identity = await options.pdf.browserIdentity()
    for (const pdf of printed) {
      const printKeyOf = built.publications.find((publication) => publication.path === pdf.path)?.printKey
      const entry: PdfEntry = {contents: pdf.contents as Uint8Array, pageCount: pdf.pageCount, blockedRequests: pdf.blockedRequests, preflight: pdf.preflight}
      if (printKeyOf) options.cache.set('pdfs', pdfKey(printKeyOf, themeKey, identity, options.tool), entry)
      if (pdf.preflight.length > 0) signatures[position] = undefined
      await write({path: pdf.path, contents: pdf.contents})
      pdfs.push({path: pdf.path, pageCount: pdf.pageCount, fromCache: false})
    }
  }

  const lookUpPdfs = async (result: CardStepResult, themeKey: string | undefined) => {
    const found = new Map<string, PdfEntry>()
    if (!options.pdf || !result.built) return found
    const identity = await options.pdf.browserIdentity()
    for (const publication of result.built.publications) {
      if (!publication.printKey) continue
      const entry = (await options.cache.get('pdfs', pdfKey(publication.printKey, themeKey ?? '', identity, options.tool))) as PdfEntry | undefined
      if (entry) found.set(publication.path, entry)
    }
    return found
  }
  // One reporter and one limit for the whole build: a request refused in two cards' prints is reported once, and the browser prints a few pages at once across cards
  let sharedReporter: Promise<BlockedRequestReporter> | undefined
  const blockedRequests = () => (sharedReporter ??= import('../pdf/blocked-requests.js').then(({blockedRequestReporter}) => blockedRequestReporter(files)))
  let printLimitShared: Promise<LimitFunction> | undefined
  const sharedPrintLimit = () => (printLimitShared ??= import('../pdf/render-publications.js').then(({printLimit}) => printLimit()))
  const themeAssetFiles = new Map<string, Promise<OutputFile[]>>()
  const themeAssets = (theme: VisualTheme) => {
    let assets = themeAssetFiles.get(theme.name)
    if (!assets) {
      assets = renderVisualThemeAssets([theme])
      themeAssetFiles.set(theme.name, assets)
    }
    return assets
  }

  // A few cards at once: while one waits for a worker or the browser, the next is read and made
  let listedEntries: IndexEntry[] = []
  const limit = pLimit(pool ? pool.threads * 2 : options.pdf ? 2 : 1)
  try {
    await Promise.all(listing.cards.map((entry, position) => limit(() => buildCard(entry, position))))
    if (!failed) {
      const others = options.otherIndexEntries ? await options.otherIndexEntries() : []
      listedEntries = [...entries, ...others.filter((other) => !entries.some((entry) => entry.slug === other.slug))]
      listedEntries.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
      await write(renderIndexPage(listedEntries, {search: options.search, address: options.address}))
      // The themes of the cards listed, also those a `--card` build kept: the index page links their stylesheets by their hashes now
      for (const name of [...new Set(listedEntries.map((entry) => entry.visualTheme))].sort()) {
        const theme = entries.some((entry) => entry.visualTheme === name) ? themes.get(name) : await visualTheme(name)
        if (theme?.load.kind === 'loaded') for (const asset of await themeAssets(theme.load.theme)) await write(asset)
      }
    }
  } finally {
    await pool?.destroy()
    if (browser && !(options.pdf && options.pdf.keepBrowserOpen)) await (await import('../pdf/start-browser.js')).closeStartedBrowser(browser)
    await options.cache.flush()
  }

  // The files in content order: the folder's problems, then card by card (a theme.json after the first card that uses it)
  const ordered = [...files]
  cardFiles.forEach((own, position) => ordered.push(...own, ...[...themeFileAt.values()].filter((at) => at.position === position).map(({file}) => file)))
  entries.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  return {
    files: ordered,
    failed: failed || ordered.some(hasError),
    cards: entries,
    listedCards: listedEntries,
    allCards: listed.cards.map((entry) => entry.slug),
    pages,
    pdfs: pdfs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    keptPdfs,
    printMs,
    signatures: signatures.every((signature) => signature !== undefined) ? signatures : undefined,
    cacheWarnings: [...new Set([...options.cache.warnings, ...cacheWarnings])],
    fileResults,
    cardResults
  }
}

function signatureOf(slug: string, key: string, context: CardStepContext, result: CardStepResult, themeKey: string | undefined, images: string): CardSignature {
  return {
    slug,
    key,
    downloads: context.downloads,
    visualTheme: result.visualTheme,
    themeKey,
    imageTargets: result.imageTargets,
    imagesKey: images,
    findings: result.messages.reduce((count, messages) => count + messages.length, 0)
  }
}

/** Whether what a cached card read besides its files (its visual theme, its images) is as it was. */
async function stillValid(entry: CardEntry, folder: CardFolder, visualTheme: (name: string) => Promise<{key: string}>): Promise<boolean> {
  const name = entry.result.visualTheme
  if (name !== undefined && (await visualTheme(name)).key !== entry.visualThemeKey) return false
  return (await imagesKey(folder.dir, entry.result.imageTargets)) === entry.imagesKey
}

/** A PDF's key: what it prints, the visual theme, the browser, the tool, and the date it carries (SOURCE_DATE_EPOCH). */
function pdfKey(printKey: string, themeKey: string, browserIdentity: string, tool: string): string {
  return hashText([printKey, themeKey, browserIdentity, tool, process.env.SOURCE_DATE_EPOCH ?? ''])
}

function hasError(file: VFile): boolean {
  return file.messages.some((message) => message.fatal)
}

/** Worker threads for the per-card step, started only for builds with enough cards. */
function workerPool(options: SiteBuildOptions, cards: number): {threads: number; run(task: CardTask): Promise<unknown>; destroy(): Promise<void>} | undefined {
  const threads = options.workers === undefined || options.workers === 'auto' ? (cards < workerThreshold ? 1 : os.availableParallelism()) : Number(options.workers)
  if (threads < 2) return undefined
  let pool: Promise<Tinypool> | undefined
  const start = () =>
    (pool ??= import('tinypool').then(
      ({default: Pool}) =>
        new Pool({filename: new URL('./card-worker.js', import.meta.url).href, minThreads: 1, maxThreads: threads - 1, idleTimeout: 1000})
    ))
  return {
    threads,
    run: async (task) => (await start()).run(task),
    destroy: async () => {
      if (pool) await (await pool).destroy()
    }
  }
}
