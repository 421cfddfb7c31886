import {mkdtemp, readlink, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import puppeteer, {type Browser, type HTTPRequest, type Page} from 'puppeteer-core'
import {CliError, ExitCode} from '../errors.js'
import {contentType} from '../output/content-type.js'
import type {FoundBrowser} from './find-browser.js'
import {trackBrowser} from './open-browsers.js'
import {launchArgs, pdfOptions} from './print-settings.js'
import {profilePrefix} from './stale-profiles.js'

/**
 * The origin the print pages are served from. Nothing is listening there:
 * every request is answered from the build in memory, or blocked.
 */
export const printOrigin = 'http://kenniskaart.invalid'

/** Files the print page may load, by path below the origin. */
export type ServedFiles = ReadonlyMap<string, string | Uint8Array>

export interface PrintOptions {
  /** Path below the origin the document is served at; relative URLs resolve from it. */
  documentPath: string
  /** How long one print may take before it counts as hung. */
  timeoutMs: number
  /** Called for each request that was refused: it left the build. */
  onBlocked: (url: string) => void
}

/** A page that prints HTML documents to PDF bytes. */
export interface PrintPage {
  /** Load `html` (with the files it asks for) and print it. */
  print(html: string): Promise<Uint8Array>
  /**
   * Print the document loaded last again, with the text of the elements
   * matching `selector` replaced by `texts` (in document order), without
   * loading it again; undefined, and nothing printed, when the number of
   * elements is not the number of texts.
   */
  reprint(selector: string, texts: readonly string[]): Promise<Uint8Array | undefined>
  /**
   * Look at the document loaded last as it is laid out for print: the
   * viewport is made as large as `areaExpression` says (evaluated in the
   * page first: `{width, height}` of the page's text area in CSS pixels),
   * with the print media type; `expression` is evaluated, and the page is
   * set back. Undefined when the area is no size.
   */
  inspectPrintLayout?(areaExpression: string, expression: string): Promise<{area: TextArea; value: unknown} | undefined>
}

/** The size of a page's text area (inside its margins), in CSS pixels. */
export interface TextArea {
  width: number
  height: number
}

/** A page set up for printing, and the print it is used for now. */
interface PreparedPage {
  page: Page
  use: PageUse | undefined
}

interface PageUse {
  files: ServedFiles
  options: PrintOptions
  /** The document the page loads at `options.documentPath`. */
  documentHtml: string
}


/**
 * The oldest Chrome, Chromium or Edge (by major version) that prints CSS
 * page-margin boxes (`@bottom-left` and friends, which carry the page
 * numbers and running titles): they shipped in Chrome 131.
 */
export const minimumBrowserVersion = 131

/** How long a browser may take to start and answer before it counts as broken. */
const launchTimeoutMs = 30_000

export interface LaunchOptions {
  /** Aborting stops a launch still under way: the browser process is killed and its profile folder removed. */
  signal?: AbortSignal
}

/** One browser for a whole run, reused for every PDF. */
export class PdfBrowser {
  private readonly untrack: () => void

  private constructor(
    private readonly browser: Browser,
    /** The profile folder of a browser started here; undefined for one adopted from the caller. */
    private readonly profileDir: string | undefined
  ) {
    // A browser of the caller's is theirs to close, on Ctrl-C too
    this.untrack = profileDir === undefined ? () => {} : trackBrowser(() => this.close())
  }

  /**
   * Print with a browser the caller launched (puppeteer-core's `Browser`):
   * it is checked to be new enough, and closing the result closes only the
   * pages opened here, never the browser, which stays the caller's.
   */
  static async adopt(browser: Browser): Promise<PdfBrowser> {
    const adopted = new PdfBrowser(browser, undefined)
    await adopted.refuseIfTooOld({executablePath: browser.process()?.spawnfile ?? 'passed in', foundBy: 'option'})
    return adopted
  }

  /**
   * Start the browser and check that it is new enough. The sandbox is
   * turned off only where it cannot work: as root, or when starting with it
   * failed (containers without user namespaces).
   */
  static async launch(found: FoundBrowser, options: LaunchOptions = {}): Promise<PdfBrowser> {
    const isRoot = process.getuid?.() === 0
    let started: PdfBrowser
    try {
      started = await PdfBrowser.start(found, isRoot, options.signal)
    } catch (error) {
      if (isRoot || options.signal?.aborted || error instanceof LaunchTimeoutError) throw launchError(found, error)
      try {
        started = await PdfBrowser.start(found, true, options.signal)
      } catch {
        throw launchError(found, error)
      }
    }
    await started.refuseIfTooOld(found)
    return started
  }

  private static async start(found: FoundBrowser, noSandbox: boolean, signal: AbortSignal | undefined): Promise<PdfBrowser> {
    signal?.throwIfAborted()
    // Stopped by the caller, by the start-up deadline, or by Ctrl-C (closeAllBrowsers)
    const stop = new AbortController()
    const onAbort = () => stop.abort(signal?.reason)
    signal?.addEventListener('abort', onAbort, {once: true})
    const deadline = setTimeout(() => stop.abort(new LaunchTimeoutError(launchTimeoutMs)), launchTimeoutMs)
    const profile = mkdtemp(path.join(os.tmpdir(), profilePrefix()))
    // Tracked from the moment the profile folder is asked for, so an interrupt during start-up removes it too
    const untrackLaunch = trackBrowser(async () => {
      stop.abort(new Error('interrupted'))
      await profile.then(removeProfile, () => undefined)
    })
    try {
      const profileDir = await profile
      stop.signal.throwIfAborted()
      const launching = puppeteer.launch({
        executablePath: found.executablePath,
        headless: true,
        pipe: true,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: launchTimeoutMs,
        protocolTimeout: 120_000,
        userDataDir: profileDir,
        // puppeteer kills the browser's whole process group when this aborts
        signal: stop.signal,
        args: noSandbox ? [...launchArgs, '--no-sandbox', '--disable-setuid-sandbox'] : [...launchArgs]
      })
      const browser = await untilAborted(launching, stop.signal)
      return new PdfBrowser(browser, profileDir)
    } catch (error) {
      await profile.then(removeProfile, () => undefined)
      throw stop.signal.aborted ? stop.signal.reason : error
    } finally {
      clearTimeout(deadline)
      signal?.removeEventListener('abort', onAbort)
      untrackLaunch()
    }
  }

  /** Close and refuse a browser older than `minimumBrowserVersion`; one whose version cannot be read is given the benefit of the doubt. */
  private async refuseIfTooOld(found: FoundBrowser): Promise<void> {
    const version = await this.browser.version().catch(() => '')
    const major = Number(/\/(\d+)\./.exec(version)?.[1])
    if (!major || major >= minimumBrowserVersion) return
    await this.close()
    throw new CliError(`The browser ${found.executablePath} is too old to print: it is version ${major}, and kenniskaart needs ${minimumBrowserVersion} or newer`, {
      exitCode: ExitCode.noBrowser,
      hint: `Page numbers and running titles are CSS page-margin boxes, which Chrome, Chromium and Edge print from version ${minimumBrowserVersion}. Update the browser, or name a newer one with --browser <path>. To build the website alone, pass --no-pdf.`
    })
  }

  /** Pages ready to print (set up, answering requests), not in use. */
  private readonly idlePages: Array<Promise<PreparedPage>> = []

  /** Prepare a page now, while there is nothing to print yet; the first print takes it. */
  openSparePage(): void {
    if (this.idlePages.length > 0) return
    const page = this.preparePage()
    page.catch(() => undefined)
    this.idlePages.push(page)
  }

  /**
   * A new page that runs no code of its content and answers each request
   * from the files of the print it is used for (`PreparedPage.use`), or
   * refuses it.
   */
  private async preparePage(): Promise<PreparedPage> {
    const page = await this.browser.newPage()
    const prepared: PreparedPage = {page, use: undefined}
    try {
      // Content never runs code while printing; requests are answered below or refused
      await page.setJavaScriptEnabled(false)
      await page.setRequestInterception(true)
    } catch (error) {
      await settleWithin(2000, page.close())
      throw error
    }
    page.on('request', (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return
      // Answering can fail once the page is closing; that request no longer matters
      answer(request, prepared.use).catch(() => undefined)
    })
    return prepared
  }

  /**
   * Run `work` with a page that serves `files`. Pages are reused: one that
   * printed without trouble goes back to the pool for the next
   * publication (setting up a page costs more than loading the next
   * document); one whose work failed is closed.
   */
  async withPrintPage<T>(files: ServedFiles, options: PrintOptions, work: (page: PrintPage) => Promise<T>): Promise<T> {
    const prepared = await (this.idlePages.pop() ?? this.preparePage()).catch((error: unknown) => {
      throw this.stoppedError(error)
    })
    const {page} = prepared
    const use: PageUse = {files, options, documentHtml: ''}
    prepared.use = use
    let reusable = false
    try {
      const url = `${printOrigin}/${options.documentPath}`
      const print = () => page.pdf({...pdfOptions, timeout: options.timeoutMs})
      const result = await work({
        print: (html) => {
          use.documentHtml = html
          return withTimeout(options.timeoutMs, async () => {
            await page.goto(url, {waitUntil: 'load', timeout: options.timeoutMs})
            // A string, because this project is typed for Node, not the DOM
            await page.evaluate('document.fonts.ready.then(() => true)')
            return print()
          })
        },
        reprint: (selector, texts) =>
          withTimeout(options.timeoutMs, async () => {
            const edit = `(() => {
              const found = document.querySelectorAll(${JSON.stringify(selector)})
              const texts = ${JSON.stringify(texts)}
              if (found.length !== texts.length) return false
              found.forEach((element, index) => { element.textContent = texts[index] })
              return true
            })()`
            if ((await page.evaluate(edit)) !== true) return undefined
            await page.evaluate('document.fonts.ready.then(() => true)')
            return print()
          }),
        inspectPrintLayout: (areaExpression, expression) =>
          withTimeout(options.timeoutMs, async () => {
            const area = (await page.evaluate(areaExpression)) as TextArea | undefined
            const fits = (size: unknown) => typeof size === 'number' && Number.isFinite(size) && size >= 1 && size < 100_000
            if (!area || !fits(area.width) || !fits(area.height)) return undefined
            const viewport = page.viewport()
            await page.setViewport({width: Math.round(area.width), height: Math.round(area.height)})
            await page.emulateMediaType('print')
            try {
              return {area, value: await page.evaluate(expression)}
            } finally {
              await page.emulateMediaType()
              await page.setViewport(viewport)
            }
          })
      })
      reusable = true
      return result
    } catch (error) {
      throw this.stoppedError(error)
    } finally {
      prepared.use = undefined
      if (reusable && !this.closing) this.idlePages.push(Promise.resolve(prepared))
      // A page stuck in a print can take its time to close; the browser is closed (or killed) after this anyway
      else await settleWithin(2000, page.close())
    }
  }

  /** Whether the browser is still there to print (not closed, not crashed). */
  get usable(): boolean {
    return this.closing === undefined && this.browser.connected
  }

  /**
   * Close the browser: politely first, then by force, so that no Chromium
   * process (and no pipe keeping Node alive) outlives the run.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  private closing: Promise<void> | undefined

  private async shutDown(): Promise<void> {
    this.untrack()
    if (this.profileDir === undefined) {
      // The caller's browser: only the pages opened here are closed
      await Promise.all(this.idlePages.splice(0).map((page) => page.then(({page: open}) => settleWithin(2000, open.close()), () => undefined)))
      return
    }
    const child = this.browser.process()
    const inTime = await settleWithin(5000, this.browser.close())
    if (!inTime && child && child.exitCode === null) child.kill('SIGKILL')
    await removeProfile(this.profileDir)
  }

  /**
   * A browser that went away while it was not being closed (it crashed, ran
   * out of memory or was killed) is an environment error, exit 4; any other
   * error is passed on as it is.
   */
  private stoppedError(error: unknown): unknown {
    if (this.closing || this.browser.connected) return error
    return new CliError('The browser stopped while printing the PDFs', {
      exitCode: ExitCode.environment,
      hint: 'It crashed, ran out of memory or was ended by another program; nothing was written. Run the command again; if it keeps happening, name another browser with --browser <path>, or build the website alone with --no-pdf.',
      cause: error
    })
  }
}

/**
 * Remove a browser profile folder; Chromium may still be writing to it for
 * a moment after it closed. A Chromium that was killed also leaves the
 * folder of its singleton socket in the temp folder, which the profile
 * links to: that goes too.
 */
async function removeProfile(profileDir: string): Promise<void> {
  const socket = await readlink(path.join(profileDir, 'SingletonSocket')).catch(() => undefined)
  await rm(profileDir, {recursive: true, force: true, maxRetries: 5, retryDelay: 100}).catch(() => undefined)
  const socketDir = socket === undefined ? undefined : path.dirname(socket)
  const isChromiumsOwn =
    socketDir !== undefined &&
    path.basename(socket ?? '') === 'SingletonSocket' &&
    path.dirname(socketDir) === path.resolve(os.tmpdir()) &&
    /^\.?(org\.chromium|com\.google|com\.microsoft)\./.test(path.basename(socketDir))
  if (isChromiumsOwn) await rm(socketDir, {recursive: true, force: true}).catch(() => undefined)
}

/**
 * The launched browser, or a rejection as soon as `signal` aborts (puppeteer
 * may otherwise wait out its own time limit); a browser that arrives after
 * that is closed.
 */
function untilAborted(launching: Promise<Browser>, signal: AbortSignal): Promise<Browser> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason)
      launching.then((late) => late.close()).catch(() => undefined)
    }
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, {once: true})
    launching.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

async function answer(request: HTTPRequest, use: PageUse | undefined): Promise<void> {
  const url = request.url()
  if (url.startsWith('data:')) return request.continue()
  // A page between two prints loads nothing
  if (!use) return request.abort('blockedbyclient')
  const {files, options} = use
  if (!url.startsWith(`${printOrigin}/`)) {
    options.onBlocked(url)
    return request.abort('blockedbyclient')
  }
  const filePath = servedPath(url)
  const body = filePath === undefined ? undefined : filePath === options.documentPath ? use.documentHtml : files.get(filePath)
  if (body === undefined) {
    options.onBlocked(url)
    return request.respond({status: 404, contentType: 'text/plain', body: 'Not part of the build'})
  }
  return request.respond({status: 200, contentType: contentType(filePath!), body: typeof body === 'string' ? body : Buffer.from(body)})
}

/** The file path a request asks for, or undefined when its URL cannot be decoded (a stray `%`). */
function servedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1))
  } catch {
    return undefined
  }
}

/** Wait for a promise to settle, but no longer than `ms`; true when it fulfilled in time. */
async function settleWithin(ms: number, promise: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false)
  })
  try {
    return await Promise.race([promise.then(() => true, () => false), deadline])
  } finally {
    clearTimeout(timer)
  }
}

async function withTimeout<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PrintTimeoutError(ms)), ms)
  })
  try {
    return await Promise.race([work(), timeout])
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw new PrintTimeoutError(ms)
    throw error
  } finally {
    clearTimeout(timer)
  }
}

/** A print that did not finish in time. */
export class PrintTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`printing took longer than ${Math.round(ms / 1000)} s`)
    this.name = 'PrintTimeoutError'
  }
}

/** A browser that did not start and answer in time. */
class LaunchTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`it did not answer within ${Math.round(ms / 1000)} s`)
    this.name = 'LaunchTimeoutError'
  }
}

function launchError(found: FoundBrowser, error: unknown): CliError {
  const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)
  // A program that is no browser exits (or closes the pipe) before it answers
  const why = /Target closed|Connection closed|has been closed/i.test(message) ? 'it stopped before it answered; is it Chrome, Chromium or Edge?' : message
  return new CliError(`Cannot start the browser ${found.executablePath}: ${why}`, {
    exitCode: ExitCode.noBrowser,
    hint: 'Check that it is a working Chrome, Chromium or Edge (try it with --version), or name another with --browser <path>. To build the website alone, pass --no-pdf.',
    cause: error
  })
}
