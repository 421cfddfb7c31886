/**
 * How pages are printed: the browser's command-line switches and the PDF
 * options. Kept apart from the browser module (and from puppeteer) so a
 * print key can name them without loading any browser code: a change here
 * changes the bytes, so it changes every print key.
 */
export const launchArgs: readonly string[] = [
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

/** The options of every `page.pdf()` call, its time limit apart. */
export const pdfOptions = {
  preferCSSPageSize: true,
  printBackground: true,
  outline: true,
  tagged: true
} as const
