import type {VFile} from 'vfile'
import {buildSite, type EnginePdfOptions} from '../engine/build-site.js'
import type {CacheStore} from '../engine/cache-store.js'
import {CliError} from '../errors.js'
import type {PdfBrowser} from '../pdf/browser.js'

/** One print of a card: its PDFs (the whole card's and its handouts'), or why there are none. */
export interface CardPrint {
  /** The live site's generation it was printed from. */
  generation: number
  ok: boolean
  pdfs: Array<{path: string; pageCount: number}>
  /** The content files read, with their findings (the print's own among them). */
  files: VFile[]
  /** What stopped the print before it began (no browser, no such card). */
  problem?: {message: string; hint?: string | undefined} | undefined
  ms: number
}

export interface PrintServiceOptions {
  contentDir: string
  cache: CacheStore
  tool: string
  browserPath?: string | undefined
  timeoutSeconds?: number | undefined
  /** The live site's generation now: a print from an older one is out of date. */
  generation: () => number
  /** Wait this long after the last change before printing again (the default: 300 ms). */
  debounceMs?: number
  /** A print of a card begins after a change (not one asked for by a request). */
  onPrinting?: (card: string) => void
  /** A print of a card is done, or failed. */
  onPrinted?: (card: string, print: CardPrint) => void
}

/**
 * The print preview's PDFs: printed on request from the content as it
 * stands, with one browser kept warm for the whole session, through the
 * incremental engine (a card whose print inputs did not change comes from
 * the cache). A card once asked for is printed again, debounced, after
 * each change; until then, and while the content has errors, its last
 * good PDFs are served.
 */
export class PrintService {
  private readonly prints = new Map<string, CardPrint>()
  private readonly inFlight = new Map<string, Promise<CardPrint>>()
  private readonly lastGood = new Map<string, Buffer>()
  private readonly watched = new Set<string>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private browser: Promise<PdfBrowser> | undefined
  private identity: Promise<string> | undefined
  private closed = false

  constructor(private readonly options: PrintServiceOptions) {}

  /** A PDF by its output path (`card/card.pdf`, `card/handouts/h.pdf`): the current print, or the last good one. */
  async pdf(path: string): Promise<{contents: Buffer | undefined; print: CardPrint}> {
    const print = await this.current(cardOf(path))
    return {contents: this.lastGood.get(path), print}
  }

  /** A card's print as the content stands now, printed if it is out of date. */
  current(card: string): Promise<CardPrint> {
    this.watched.add(card)
    const known = this.prints.get(card)
    if (known && known.generation === this.options.generation()) return Promise.resolve(known)
    let printing = this.inFlight.get(card)
    if (!printing) {
      printing = this.print(card).finally(() => this.inFlight.delete(card))
      this.inFlight.set(card, printing)
    }
    // A print begun before the last change is awaited, then made again
    return printing.then((print) => (print.generation === this.options.generation() || this.closed ? print : this.current(card)))
  }

  /**
   * The content changed (and built): print the cards asked for so far again,
   * once the changes settle. A card no longer in the site (renamed, removed)
   * is forgotten, not printed in vain after every change.
   */
  contentChanged(isCard: (card: string) => boolean): void {
    for (const card of [...this.watched].filter((card) => !isCard(card))) this.forget(card)
    for (const card of this.watched) {
      clearTimeout(this.timers.get(card))
      const timer = setTimeout(() => {
        this.timers.delete(card)
        this.options.onPrinting?.(card)
        void this.current(card)
      }, this.options.debounceMs ?? 300)
      this.timers.set(card, timer)
    }
  }

  private forget(card: string): void {
    this.watched.delete(card)
    this.prints.delete(card)
    clearTimeout(this.timers.get(card))
    this.timers.delete(card)
    for (const path of [...this.lastGood.keys()]) if (cardOf(path) === card) this.lastGood.delete(path)
  }

  /** Stop printing, close the browser. */
  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    // A session that never printed has no browser, and loads no printing code to stop
    if (this.browser) await (await import('../pdf/start-browser.js')).closeStartedBrowser(this.browser)
    await Promise.allSettled([...this.inFlight.values()])
  }

  private async print(card: string): Promise<CardPrint> {
    const generation = this.options.generation()
    const started = performance.now()
    const made = new Map<string, Buffer>()
    try {
      const result = await buildSite({
        contentDir: this.options.contentDir,
        card,
        cache: this.options.cache,
        tool: this.options.tool,
        write: async (file) => {
          if (file.path.endsWith('.pdf')) made.set(file.path, Buffer.from(file.contents))
        },
        pdf: this.pdfOptions(),
        workers: 1
      })
      const ok = !result.failed
      if (ok) {
        for (const path of [...this.lastGood.keys()]) if (cardOf(path) === card && !made.has(path)) this.lastGood.delete(path)
        for (const [path, contents] of made) this.lastGood.set(path, contents)
      }
      return this.keep(card, {generation, ok, pdfs: result.pdfs.map(({path, pageCount}) => ({path, pageCount})), files: result.files, ms: performance.now() - started})
    } catch (error) {
      if (this.closed) return {generation, ok: false, pdfs: [], files: [], problem: {message: 'The preview stopped'}, ms: 0}
      const problem = error instanceof CliError ? {message: error.message, hint: error.hint} : {message: error instanceof Error ? error.message : String(error)}
      return this.keep(card, {generation, ok: false, pdfs: [], files: [], problem, ms: performance.now() - started})
    }
  }

  private keep(card: string, print: CardPrint): CardPrint {
    this.prints.set(card, print)
    this.options.onPrinted?.(card, print)
    return print
  }

  private pdfOptions(): EnginePdfOptions {
    return {
      browser: () => this.warmBrowser(),
      browserIdentity: () =>
        (this.identity ??= Promise.all([import('../pdf/find-browser.js'), import('../pdf/browser-identity.js')]).then(async ([{findBrowser}, {browserIdentity}]) =>
          browserIdentity((await findBrowser(this.options.browserPath)).executablePath)
        )),
      timeoutSeconds: this.options.timeoutSeconds,
      previousPdf: async (publication) => this.lastGood.get((await import('../card/publication.js')).publicationPath(publication)),
      keepBrowserOpen: true
    }
  }

  /** The one browser of the session, started at the first print and again if it went away. */
  private async warmBrowser(): Promise<PdfBrowser> {
    if (this.closed) throw new Error('The preview stopped')
    const running = await this.browser?.catch(() => undefined)
    if (!running?.usable) {
      const {startBrowser} = await import('../pdf/start-browser.js')
      this.browser = startBrowser(this.options.browserPath)
      // A failed start is tried again at the next print
      this.browser.catch(() => (this.browser = undefined))
    }
    return this.browser!
  }
}

/** The card a PDF's output path belongs to: its first segment. */
function cardOf(path: string): string {
  return path.split('/')[0]!
}
