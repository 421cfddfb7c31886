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
