import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {CliError} from '../../src/errors.js'
import {findBrowser, systemBrowserPaths} from '../../src/pdf/find-browser.js'

function fakeExecutable(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kk-browser-')), 'chrome')
  writeFileSync(file, '#!/bin/sh\n')
  chmodSync(file, 0o755)
  return file
}

describe('findBrowser', () => {
  it('takes the --browser path before any variable', async () => {
    const option = fakeExecutable()
    const found = await findBrowser(option, {KENNISKAART_BROWSER: fakeExecutable(), PUPPETEER_EXECUTABLE_PATH: fakeExecutable()})
    expect(found).toEqual({executablePath: option, foundBy: 'option'})
  })

  it('takes KENNISKAART_BROWSER before PUPPETEER_EXECUTABLE_PATH', async () => {
    const ours = fakeExecutable()
    const found = await findBrowser(undefined, {KENNISKAART_BROWSER: ours, PUPPETEER_EXECUTABLE_PATH: fakeExecutable()})
    expect(found).toEqual({executablePath: ours, foundBy: 'KENNISKAART_BROWSER'})
  })

  it('takes PUPPETEER_EXECUTABLE_PATH when it is the only one named', async () => {
    const theirs = fakeExecutable()
    expect(await findBrowser(undefined, {PUPPETEER_EXECUTABLE_PATH: theirs})).toEqual({executablePath: theirs, foundBy: 'PUPPETEER_EXECUTABLE_PATH'})
  })

  it('fails with exit code 3 when a named browser does not exist, without looking further', async () => {
    const error = await findBrowser(undefined, {KENNISKAART_BROWSER: '/nowhere/chrome'}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).exitCode).toBe(3)
    expect((error as CliError).message).toContain('KENNISKAART_BROWSER')
  })

  it('knows the usual install places of each platform', () => {
    expect(systemBrowserPaths('linux')).toContain('/usr/bin/chromium')
    expect(systemBrowserPaths('darwin').some((place) => place.includes('Google Chrome.app'))).toBe(true)
    expect(systemBrowserPaths('win32', {PROGRAMFILES: 'C:\\Program Files'}).some((place) => place.endsWith('msedge.exe'))).toBe(true)
  })
})
