import {chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
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

/** A macOS app bundle: `programs` are the files in Contents/MacOS, `plistName` the CFBundleExecutable its Info.plist names. */
function fakeAppBundle(name: string, programs: string[], plistName?: string): string {
  const bundle = path.join(mkdtempSync(path.join(os.tmpdir(), 'kk-browser-')), `${name}.app`)
  mkdirSync(path.join(bundle, 'Contents', 'MacOS'), {recursive: true})
  for (const program of programs) {
    writeFileSync(path.join(bundle, 'Contents', 'MacOS', program), '#!/bin/sh\n')
    chmodSync(path.join(bundle, 'Contents', 'MacOS', program), 0o755)
  }
  if (plistName) {
    writeFileSync(
      path.join(bundle, 'Contents', 'Info.plist'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>CFBundleName</key>\n\t<string>${name}</string>\n\t<key>CFBundleExecutable</key>\n\t<string>${plistName}</string>\n</dict>\n</plist>\n`
    )
  }
  return bundle
}

async function refusal(explicitPath: string | undefined, env: NodeJS.ProcessEnv = {}): Promise<CliError> {
  const error = await findBrowser(explicitPath, env).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(CliError)
  expect((error as CliError).exitCode).toBe(3)
  expect((error as CliError).hint).toBeTruthy()
  return error as CliError
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
    const error = await refusal(undefined, {KENNISKAART_BROWSER: '/nowhere/chrome'})
    expect(error.message).toContain('KENNISKAART_BROWSER')
    expect(error.message).toContain('does not exist')
  })

  it('refuses a folder that is not an app bundle with exit code 3', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'kk-browser-'))
    const error = await refusal(folder)
    expect(error.message).toBe(`The browser ${folder} (from --browser) is a folder, not a program`)
  })

  it('refuses a file that is not executable with exit code 3 and says how to fix it', async () => {
    const file = fakeExecutable()
    chmodSync(file, 0o644)
    const error = await refusal(undefined, {PUPPETEER_EXECUTABLE_PATH: file})
    expect(error.message).toBe(`The browser ${file} (from PUPPETEER_EXECUTABLE_PATH) is not executable`)
    expect(error.hint).toContain('chmod +x')
  })

  it('resolves a macOS app bundle to the program its Info.plist names', async () => {
    const bundle = fakeAppBundle('Google Chrome', ['Google Chrome', 'chrome_crashpad_handler'], 'Google Chrome')
    expect(await findBrowser(bundle, {})).toEqual({executablePath: path.join(bundle, 'Contents/MacOS/Google Chrome'), foundBy: 'option'})
  })

  it('resolves an app bundle without Info.plist to the only program in Contents/MacOS, through a symlink', async () => {
    const bundle = fakeAppBundle('Chromium', [])
    symlinkSync(fakeExecutable(), path.join(bundle, 'Contents/MacOS/Chromium'))
    expect(await findBrowser(undefined, {KENNISKAART_BROWSER: bundle})).toEqual({executablePath: path.join(bundle, 'Contents/MacOS/Chromium'), foundBy: 'KENNISKAART_BROWSER'})
  })

  it('refuses an app bundle whose program cannot be told, naming the path to give instead', async () => {
    const bundle = fakeAppBundle('Edge', ['one', 'two'])
    const error = await refusal(bundle)
    expect(error.message).toContain('is an app bundle without a program in Contents/MacOS')
    expect(error.hint).toContain(path.join(bundle, 'Contents/MacOS/Edge'))
  })

  it('knows the usual install places of each platform', () => {
    expect(systemBrowserPaths('linux')).toContain('/usr/bin/chromium')
    expect(systemBrowserPaths('darwin').some((place) => place.includes('Google Chrome.app'))).toBe(true)
    expect(systemBrowserPaths('win32', {PROGRAMFILES: 'C:\\Program Files'}).some((place) => place.endsWith('msedge.exe'))).toBe(true)
  })
})
