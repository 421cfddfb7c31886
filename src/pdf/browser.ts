import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import puppeteer, {type Browser, type HTTPRequest, type Page, type PDFOptions} from 'puppeteer-core'
import {CliError, ExitCode} from '../errors.js'
import type {FoundBrowser} from './find-browser.js'
import {trackBrowser} from './open-browsers.js'

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
  print(html: string): Promise<Uint8Array>
}

const launchArgs = [
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--mute-audio',
  '--font-render-hinting=none'
]

/** One browser for a whole run, reused for every PDF. */
export class PdfBrowser {
  private readonly untrack: () => void

  private constructor(
    private readonly browser: Browser,
    private readonly profileDir: string
  ) {
    this.untrack = trackBrowser(() => this.close())
  }

  /**
   * Start the browser. The sandbox is turned off only where it cannot work:
   * as root, or when starting with it failed (containers without user
   * namespaces).
   */
  static async launch(found: FoundBrowser): Promise<PdfBrowser> {
    const isRoot = process.getuid?.() === 0
    try {
      return await PdfBrowser.start(found, isRoot)
    } catch (error) {
      if (isRoot) throw launchError(found, error)
      try {
        return await PdfBrowser.start(found, true)
      } catch {
        throw launchError(found, error)
      }
    }
  }

  private static async start(found: FoundBrowser, noSandbox: boolean): Promise<PdfBrowser> {
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'kenniskaart-browser-'))
    try {
      const browser = await puppeteer.launch({
        executablePath: found.executablePath,
        headless: true,
        pipe: true,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: 30_000,
        protocolTimeout: 120_000,
        userDataDir: profileDir,
        args: noSandbox ? [...launchArgs, '--no-sandbox', '--disable-setuid-sandbox'] : launchArgs
      })
      return new PdfBrowser(browser, profileDir)
    } catch (error) {
      await rm(profileDir, {recursive: true, force: true})
      throw error
    }
  }

  private sparePage: Promise<Page> | undefined

  /** Open a page now, while there is nothing to print yet; the first print takes it. */
  openSparePage(): void {
    this.sparePage ??= this.browser.newPage()
    this.sparePage.catch(() => undefined)
  }

  /** Open a page that serves `files`, run `work` with it, and close it in any case. */
  async withPrintPage<T>(files: ServedFiles, options: PrintOptions, work: (page: PrintPage) => Promise<T>): Promise<T> {
    const spare = this.sparePage
    this.sparePage = undefined
    const page = await (spare ?? this.browser.newPage())
    try {
      let documentHtml = ''
      // Content never runs code while printing; requests are answered below or refused
      await page.setJavaScriptEnabled(false)
      await page.setRequestInterception(true)
      page.on('request', (request: HTTPRequest) => {
        if (request.isInterceptResolutionHandled()) return
        // Answering can fail once the page is closing; that request no longer matters
        answer(request, files, options, () => documentHtml).catch(() => undefined)
      })
      const url = `${printOrigin}/${options.documentPath}`
      return await work({
        print: async (html) => {
          documentHtml = html
          return withTimeout(options.timeoutMs, async () => {
            await page.goto(url, {waitUntil: 'load', timeout: options.timeoutMs})
            // A string, because this project is typed for Node, not the DOM
            await page.evaluate('document.fonts.ready.then(() => true)')
            const pdfOptions: PDFOptions = {
              preferCSSPageSize: true,
              printBackground: true,
              outline: true,
              tagged: true,
              timeout: options.timeoutMs
            }
            return page.pdf(pdfOptions)
          })
        }
      })
    } finally {
      // A page stuck in a print can take its time to close; the browser is closed (or killed) after this anyway
      await settleWithin(2000, page.close())
    }
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
    const child = this.browser.process()
    const inTime = await settleWithin(5000, this.browser.close())
    if (!inTime && child && child.exitCode === null) child.kill('SIGKILL')
    // Chromium may still be writing its profile for a moment after it closed
    await rm(this.profileDir, {recursive: true, force: true, maxRetries: 5, retryDelay: 100}).catch(() => undefined)
  }
}

async function answer(request: HTTPRequest, files: ServedFiles, options: PrintOptions, documentHtml: () => string): Promise<void> {
  const url = request.url()
  if (url.startsWith('data:')) return request.continue()
  if (!url.startsWith(`${printOrigin}/`)) {
    options.onBlocked(url)
    return request.abort('blockedbyclient')
  }
  const filePath = servedPath(url)
  const body = filePath === undefined ? undefined : filePath === options.documentPath ? documentHtml() : files.get(filePath)
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

function contentType(filePath: string): string {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
    '.webp': 'image/webp',
    '.avif': 'image/avif'
  }
  return types[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream'
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

function launchError(found: FoundBrowser, error: unknown): CliError {
  return new CliError(`Cannot start the browser ${found.executablePath}: ${(error as Error).message.split('\n')[0]}`, {
    exitCode: ExitCode.noBrowser,
    hint: 'Check that it is a working Chrome, Chromium or Edge (try it with --version), or name another with --browser <path>. To build the website alone, pass --no-pdf.',
    cause: error
  })
}
