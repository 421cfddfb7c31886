/**
 * The browsers this process has open, as close functions. Kept apart from
 * the browser module so Ctrl-C can close them without loading puppeteer.
 */
const closers = new Set<() => Promise<void>>()

export function trackBrowser(close: () => Promise<void>): () => void {
  closers.add(close)
  return () => closers.delete(close)
}

/** Close every browser still open: on Ctrl-C and on errors. */
export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...closers].map((close) => close().catch(() => undefined)))
}
