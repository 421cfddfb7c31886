/**
 * The browsers this process has open or is starting, as close functions.
 * Kept apart from the browser module so Ctrl-C can close them without
 * loading puppeteer. A launch is tracked from the moment its profile
 * folder is asked for, so closing it stops the launch and removes the
 * folder.
 */
const closers = new Set<() => Promise<void>>()

export function trackBrowser(close: () => Promise<void>): () => void {
  closers.add(close)
  return () => closers.delete(close)
}

/** Close every browser still open or starting, and remove its profile folder: on Ctrl-C and on errors. */
export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...closers].map((close) => close().catch(() => undefined)))
}
