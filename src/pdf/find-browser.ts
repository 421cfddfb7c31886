import {constants, existsSync} from 'node:fs'
import {access, readdir, readFile, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {CliError, ExitCode} from '../errors.js'

/** Where a browser was found, and how: shown when `--debug` asks for it. */
export interface FoundBrowser {
  executablePath: string
  foundBy: 'option' | 'KENNISKAART_BROWSER' | 'PUPPETEER_EXECUTABLE_PATH' | 'puppeteer cache' | 'system'
}

const namedBrowserHint =
  'Give the path of a Chrome, Chromium or Edge executable (on macOS the .app bundle will do), or leave it out to let kenniskaart look for one. To build the website alone, pass --no-pdf.'

/**
 * Find a Chrome, Chromium or Edge to print with, in this order: the
 * `--browser` option, the `KENNISKAART_BROWSER` and
 * `PUPPETEER_EXECUTABLE_PATH` variables, a browser in puppeteer's cache,
 * then the usual install places of the platform. Nothing is downloaded.
 * A named browser must be an executable file, or a macOS `.app` bundle
 * (the program inside it is used).
 */
export async function findBrowser(explicitPath?: string, env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const named: Array<[FoundBrowser['foundBy'], string | undefined]> = [
    ['option', explicitPath],
    ['KENNISKAART_BROWSER', env.KENNISKAART_BROWSER],
    ['PUPPETEER_EXECUTABLE_PATH', env.PUPPETEER_EXECUTABLE_PATH]
  ]
  for (const [foundBy, candidate] of named) {
    if (!candidate) continue
    return {executablePath: await namedExecutable(candidate, foundBy === 'option' ? '--browser' : foundBy), foundBy}
  }

  const cached = await browserInPuppeteerCache(env)
  if (cached) return {executablePath: cached, foundBy: 'puppeteer cache'}

  for (const candidate of systemBrowserPaths(process.platform, env)) {
    if (existsSync(candidate)) return {executablePath: candidate, foundBy: 'system'}
  }

  throw new CliError('No Chrome, Chromium or Edge was found to print the PDFs with', {
    exitCode: ExitCode.noBrowser,
    hint: missingBrowserHint(process.platform, env)
  })
}

/**
 * What to do when no browser is found: install one the platform's way, or
 * download one into the very folder kenniskaart searches (puppeteer's
 * cache; `@puppeteer/browsers install` puts it in the current folder unless
 * `--path` names another), or name one.
 */
export function missingBrowserHint(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): string {
  const install =
    platform === 'linux'
      ? 'Install one, for example on Debian or Ubuntu: `sudo apt-get install -y chromium`;'
      : 'Install Google Chrome or Microsoft Edge (found where their installers put them);'
  return [
    install,
    `or download one where kenniskaart looks: \`npx @puppeteer/browsers install chrome-headless-shell@stable --path "${puppeteerCacheDir(env)}"\`;`,
    'or point to one with --browser <path> or KENNISKAART_BROWSER.',
    'To build the website alone, pass --no-pdf.'
  ].join(' ')
}

/** The folder of downloaded browsers kenniskaart searches: puppeteer's cache, `PUPPETEER_CACHE_DIR` or ~/.cache/puppeteer. */
export function puppeteerCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer'))
}

/** The program a named browser path stands for, or a `CliError` (exit 3) saying why it cannot be one. */
async function namedExecutable(candidate: string, source: string): Promise<string> {
  const resolved = path.resolve(candidate)
  const refuse = (why: string, hint = namedBrowserHint) =>
    new CliError(`The browser ${candidate} (from ${source}) ${why}`, {exitCode: ExitCode.noBrowser, hint})
  const stats = await stat(resolved).catch(() => undefined)
  if (!stats) throw refuse('does not exist')
  if (stats.isDirectory()) {
    if (!isAppBundle(resolved)) throw refuse('is a folder, not a program')
    const inside = await appBundleExecutable(resolved)
    if (!inside) {
      throw refuse('is an app bundle without a program in Contents/MacOS', `Name the program inside it, such as "${path.join(resolved, 'Contents/MacOS', path.basename(resolved, '.app'))}".`)
    }
    return namedExecutable(inside, source)
  }
  if (!stats.isFile()) throw refuse('is not a file')
  // Windows has no execute permission to check; a file that is no program fails at start-up there
  if (process.platform !== 'win32' && !(await access(resolved, constants.X_OK).then(() => true, () => false))) {
    throw refuse('is not executable', `Make it executable (chmod +x) if it is a browser, or name the browser program itself. ${namedBrowserHint}`)
  }
  return resolved
}

function isAppBundle(folder: string): boolean {
  return folder.endsWith('.app') || existsSync(path.join(folder, 'Contents', 'MacOS'))
}

/**
 * The program inside a macOS `.app` bundle: the one `CFBundleExecutable`
 * in its Info.plist names, else the only file in Contents/MacOS.
 */
export async function appBundleExecutable(bundle: string): Promise<string | undefined> {
  const programs = path.join(bundle, 'Contents', 'MacOS')
  const plist = await readFile(path.join(bundle, 'Contents', 'Info.plist'), 'utf8').catch(() => '')
  // An XML property list; one key is read, so a match is enough (a binary plist falls through to the listing)
  const named = /<key>\s*CFBundleExecutable\s*<\/key>\s*<string>([^<]+)<\/string>/.exec(plist)?.[1]?.trim()
  if (named && !named.includes('/') && existsSync(path.join(programs, named))) return path.join(programs, named)
  const entries = await readdir(programs).catch(() => [])
  const files = entries.filter((name) => !name.startsWith('.'))
  return files.length === 1 && files[0] ? path.join(programs, files[0]) : undefined
}

async function browserInPuppeteerCache(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const cacheDir = puppeteerCacheDir(env)
  if (!existsSync(cacheDir)) return undefined
  // Loaded only when there is a cache to look in: finding a browser (for a cache key, say) then costs a few file checks
  const {Browser, computeExecutablePath, getInstalledBrowsers} = await import('@puppeteer/browsers')
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
