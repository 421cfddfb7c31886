import type {Browser} from 'puppeteer-core'
import type {PdfBrowser} from '../pdf/browser.js'

/** How the library prints: with which browser, and how long one PDF may take. */
export interface PdfSettings {
  /**
   * A browser you launched with puppeteer-core (or puppeteer), reused for
   * every PDF: kenniskaart opens and closes pages in it, and never closes
   * it. Launch it once and pass it to several calls to save the start-up.
   */
  browser?: Browser | undefined
  /**
   * The Chrome, Chromium or Edge to start when no `browser` is given;
   * otherwise it is looked for as the CLI does (`KENNISKAART_BROWSER`,
   * puppeteer's cache, the usual install places).
   */
  browserPath?: string | undefined
  /** Time limit of one PDF in seconds (default: 30 s + 5 s per theme). */
  timeoutSeconds?: number | undefined
}

/** The browser a library call prints with: the caller's (adopted, left open) or one started now (closed after). */
export function pdfBrowserOf(settings: PdfSettings): {start: () => Promise<PdfBrowser>; identity: () => Promise<string>} {
  const {browser, browserPath} = settings
  if (browser) {
    return {
      start: async () => (await import('../pdf/browser.js')).PdfBrowser.adopt(browser),
      identity: () => browser.version()
    }
  }
  let identity: Promise<string> | undefined
  return {
    start: async () => (await import('../pdf/start-browser.js')).startBrowser(browserPath),
    identity: () =>
      (identity ??= Promise.all([import('../pdf/find-browser.js'), import('../pdf/browser-identity.js')]).then(async ([{findBrowser}, {browserIdentity}]) =>
        browserIdentity((await findBrowser(browserPath)).executablePath)
      ))
  }
}
