import type {Browser} from 'puppeteer-core'
import {afterAll} from 'vitest'
import type {PdfBrowser} from '../../src/pdf/browser.js'
import {closeStartedBrowser, startBrowser} from '../../src/pdf/start-browser.js'

/**
 * One browser for all tests of a file: started on first use, closed after
 * the file's last test. Pass it to `build({pdf: {browser: browser()}})`:
 * the printing code leaves a browser it was given open, for its owner (here)
 * to close. Tests of the CLI cannot share it: each run starts its own.
 */
export function sharedBrowser(): () => Promise<PdfBrowser> {
  let started: Promise<PdfBrowser> | undefined
  afterAll(() => closeStartedBrowser(started), 30_000)
  return () => (started ??= startBrowser())
}

/**
 * A headless Chromium of its own, through puppeteer-core, for tests that
 * drive pages as a reader would (clicks, typing, the page's own policy);
 * the caller closes it.
 */
export async function launchPageBrowser(): Promise<Browser> {
  const [{default: puppeteer}, {findBrowser}] = await Promise.all([import('puppeteer-core'), import('../../src/pdf/find-browser.js')])
  const {executablePath} = await findBrowser()
  return puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
}
