import {PdfBrowser} from './browser.js'
import {findBrowser, type FoundBrowser} from './find-browser.js'
import {removeStaleProfiles} from './stale-profiles.js'

/** The launches `startBrowser` began, so closing one that is still starting can stop it. */
const launches = new WeakMap<Promise<PdfBrowser>, AbortController>()

/**
 * Find and start the browser, and open its first page, without waiting:
 * Chromium starts in its own process while Node loads and checks the
 * content. This module imports only what launching needs, so it can run
 * before the rest of the pipeline is loaded.
 */
export function startBrowser(browserPath?: string, options: {onFound?: (found: FoundBrowser) => void} = {}): Promise<PdfBrowser> {
  // Profiles left by runs that were killed outright; in the background, it never fails
  void removeStaleProfiles()
  const launch = new AbortController()
  const started = findBrowser(browserPath).then(async (found) => {
    options.onFound?.(found)
    const browser = await PdfBrowser.launch(found, {signal: launch.signal})
    browser.openSparePage()
    return browser
  })
  launches.set(started, launch)
  // Awaited later (or closed unused); an early failure must not count as unhandled meanwhile
  started.catch(() => undefined)
  return started
}

/**
 * Close a browser that was started ahead but is not needed (the content had
 * errors). One still starting is stopped at once rather than awaited.
 */
export async function closeStartedBrowser(browser: Promise<PdfBrowser> | undefined): Promise<void> {
  if (!browser) return
  launches.get(browser)?.abort(new Error('not needed'))
  await browser.then((started) => started.close()).catch(() => undefined)
}
