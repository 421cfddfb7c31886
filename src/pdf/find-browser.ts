import {existsSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {Browser, computeExecutablePath, getInstalledBrowsers} from '@puppeteer/browsers'
import {CliError, ExitCode} from '../errors.js'

/** Where a browser was found, and how: shown when `--debug` asks for it. */
export interface FoundBrowser {
  executablePath: string
  foundBy: 'option' | 'KENNISKAART_BROWSER' | 'PUPPETEER_EXECUTABLE_PATH' | 'puppeteer cache' | 'system'
}

/**
 * Find a Chrome, Chromium or Edge to print with, in this order: the
 * `--browser` option, the `KENNISKAART_BROWSER` and
 * `PUPPETEER_EXECUTABLE_PATH` variables, a browser in puppeteer's cache,
 * then the usual install places of the platform. Nothing is downloaded.
 */
export async function findBrowser(explicitPath?: string, env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const named: Array<[FoundBrowser['foundBy'], string | undefined]> = [
    ['option', explicitPath],
    ['KENNISKAART_BROWSER', env.KENNISKAART_BROWSER],
    ['PUPPETEER_EXECUTABLE_PATH', env.PUPPETEER_EXECUTABLE_PATH]
  ]
  for (const [foundBy, candidate] of named) {
    if (!candidate) continue
    if (existsSync(candidate)) return {executablePath: path.resolve(candidate), foundBy}
    throw new CliError(`The browser ${candidate} (from ${foundBy === 'option' ? '--browser' : foundBy}) does not exist`, {
      exitCode: ExitCode.noBrowser,
      hint: 'Give the path of a Chrome, Chromium or Edge executable, or leave it out to let kenniskaart look for one. To build the website alone, pass --no-pdf.'
    })
  }

  const cached = await browserInPuppeteerCache(env)
  if (cached) return {executablePath: cached, foundBy: 'puppeteer cache'}

  for (const candidate of systemBrowserPaths(process.platform, env)) {
    if (existsSync(candidate)) return {executablePath: candidate, foundBy: 'system'}
  }

  throw new CliError('No Chrome, Chromium or Edge was found to print the PDFs with', {
    exitCode: ExitCode.noBrowser,
    hint: [
      'Install one, for example on Debian or Ubuntu: `sudo apt-get install -y chromium`,',
      'or with puppeteer: `npx @puppeteer/browsers install chrome-headless-shell@stable`;',
      'or point to one with --browser <path> or KENNISKAART_BROWSER.',
      'To build the website alone, pass --no-pdf.'
    ].join(' ')
  })
}

async function browserInPuppeteerCache(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const cacheDir = env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer')
  if (!existsSync(cacheDir)) return undefined
  const installed = await getInstalledBrowsers({cacheDir}).catch(() => [])
  const preference = [Browser.CHROMEHEADLESSSHELL, Browser.CHROME, Browser.CHROMIUM]
  const usable = installed
    .filter((browser) => preference.includes(browser.browser))
    .sort((a, b) => preference.indexOf(a.browser) - preference.indexOf(b.browser))
  for (const browser of usable) {
    const executable = computeExecutablePath({cacheDir, browser: browser.browser, buildId: browser.buildId, platform: browser.platform})
    if (existsSync(executable)) return executable
  }
  return undefined
}

/** The usual install places of Chrome, Chromium and Edge. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      path.join(os.homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome')
    ]
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root))
    return roots.flatMap((root) => [
      path.join(root, 'Google/Chrome/Application/chrome.exe'),
      path.join(root, 'Chromium/Application/chrome.exe'),
      path.join(root, 'Microsoft/Edge/Application/msedge.exe')
    ])
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/usr/bin/chrome',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/opt/google/chrome/chrome'
  ]
}
