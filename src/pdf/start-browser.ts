import {PdfBrowser} from './browser.js'
import {findBrowser} from './find-browser.js'

/**
 * Find and start the browser, and open its first page, without waiting:
 * Chromium starts in its own process while Node loads and checks the
 * content. This module imports only what launching needs, so it can run
 * before the rest of the pipeline is loaded.
 */
export function startBrowser(browserPath?: string): Promise<PdfBrowser> {
  const started = findBrowser(browserPath).then(async (found) => {
    const browser = await PdfBrowser.launch(found)
    browser.openSparePage()
    return browser
  })
  // Awaited later (or closed unused); an early failure must not count as unhandled meanwhile
  started.catch(() => undefined)
  return started
}

/** Close a browser that was started ahead but is not needed (the content had errors). */
export async function closeStartedBrowser(browser: Promise<PdfBrowser> | undefined): Promise<void> {
  await browser?.then((started) => started.close()).catch(() => undefined)
}
