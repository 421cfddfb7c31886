import {createHash} from 'node:crypto'
import type {Stats} from 'node:fs'
import {open, readdir, readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {constants, gunzipSync} from 'node:zlib'

/** A wrapper script larger than this is taken for a program: it is not read. */
const maxScriptBytes = 256 * 1024

/**
 * A string that changes when the browser at `executablePath` changes, found
 * without starting it (a few file-system calls, a few milliseconds): part of
 * the key of a cached PDF, so a browser update prints again.
 *
 * It names the real path, size and modification time of the executable,
 * and the version where a file beside it tells it cheaply: the folder named
 * after it (Chrome on Windows, puppeteer's cache), the app's Info.plist
 * (macOS), or the Debian package's changelog. When the executable is a
 * wrapper script (Debian's /usr/bin/chromium), the script's own bytes, the
 * program it `exec`s (/usr/lib/chromium/chromium) and the settings folders
 * it sources (/etc/chromium.d) are named too. The limit: a wrapper that
 * finds its program in a way the script's text does not spell out (computed
 * at run time) is known by its own bytes and the files beside it only.
 */
export async function browserIdentity(executablePath: string): Promise<string> {
  const real = await realpath(executablePath)
  const parts = [await describeFile(real)]
  const script = await wrapperScript(real)
  let program = real
  if (script !== undefined) {
    parts.push(`script ${createHash('sha256').update(script).digest('hex').slice(0, 16)}`)
    const variables = assignments(script)
    for (const folder of sourcedFolders(script, variables)) parts.push(...(await describeFolder(folder)))
    const target = await execTarget(script, variables, path.dirname(real))
    if (target) {
      program = target
      parts.push(`runs ${await describeFile(target)}`)
    }
  }
  const version = await versionBeside(program)
  if (version) parts.push(`version ${version}`)
  return parts.join('\n')
}

async function describeFile(file: string): Promise<string> {
  return `${file} ${describeStats(await stat(file))}`
}

function describeStats(stats: Stats): string {
  return `${stats.size} bytes, modified ${stats.mtimeMs}`
}

/** The text of a `#!` script small enough to read, else undefined (a program). */
async function wrapperScript(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r')
  try {
    const {size} = await handle.stat()
    if (size > maxScriptBytes) return undefined
    const head = Buffer.alloc(2)
    await handle.read(head, 0, 2, 0)
    if (head.toString('latin1') !== '#!') return undefined
    return (await handle.readFile()).toString('utf8')
  } finally {
    await handle.close()
  }
}

/** Plain `NAME=value` assignments of a shell script, values expanded with the ones before. */
function assignments(script: string): Map<string, string> {
  const variables = new Map<string, string>()
  for (const match of script.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)=("[^"\n]*"|'[^'\n]*'|[^\s;&|`]*)[ \t]*$/gm)) {
    const expanded = expand(unquote(match[2]!), variables)
    if (expanded !== undefined) variables.set(match[1]!, expanded)
  }
  return variables
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value
}

/** `$NAME` and `${NAME}` replaced by known values; undefined when one is unknown or computed. */
function expand(value: string, variables: ReadonlyMap<string, string>): string | undefined {
  if (/`|\$\(/.test(value)) return undefined
  let unknown = false
  const expanded = value.replace(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g, (_, braced?: string, bare?: string) => {
    const known = variables.get((braced ?? bare)!)
    if (known === undefined) unknown = true
    return known ?? ''
  })
  return unknown || /\$/.test(expanded) ? undefined : expanded
}

/** The program the script `exec`s, when its text names it; else a `chrome` beside the script (Google Chrome's own wrapper). */
async function execTarget(script: string, variables: ReadonlyMap<string, string>, scriptFolder: string): Promise<string | undefined> {
  for (const match of script.matchAll(/^[ \t]*exec[ \t]+(?:-a[ \t]+\S+[ \t]+)?(\S+)/gm)) {
    const named = expand(unquote(match[1]!), variables)
    if (named && path.isAbsolute(named) && (await isProgram(named))) return realpath(named)
  }
  const beside = path.join(scriptFolder, 'chrome')
  return (await isProgram(beside)) ? realpath(beside) : undefined
}

async function isProgram(file: string): Promise<boolean> {
  const stats = await stat(file).catch(() => undefined)
  return stats !== undefined && stats.isFile() && (await wrapperScript(file).catch(() => '')) === undefined
}

/** Folders whose files the script sources in a loop (`for file in /etc/chromium.d/*`): settings that may change its flags. */
function sourcedFolders(script: string, variables: ReadonlyMap<string, string>): string[] {
  const folders: string[] = []
  for (const match of script.matchAll(/^[ \t]*for[ \t]+\w+[ \t]+in[ \t]+(\S+)\/\*[ \t]*;?/gm)) {
    const folder = expand(unquote(match[1]!), variables)
    if (folder && path.isAbsolute(folder)) folders.push(folder)
  }
  return folders
}

async function describeFolder(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [])
  const described = await Promise.all(names.sort().map(async (name) => {
    const stats = await stat(path.join(folder, name)).catch(() => undefined)
    return stats ? `sources ${path.join(folder, name)} ${describeStats(stats)}` : undefined
  }))
  return described.filter((entry) => entry !== undefined)
}

/** The browser's version, where a file beside the program tells it without running it; else undefined. */
async function versionBeside(program: string): Promise<string | undefined> {
  const folder = path.dirname(program)
  // Chrome on Windows keeps its files in a folder named after its version; puppeteer's cache names its folders so
  const versionFolder = /(?:^|[-_@])(\d+\.\d+\.\d+\.\d+)$/
  for (const part of program.split(path.sep).reverse()) {
    const found = versionFolder.exec(part)?.[1]
    if (found) return found
  }
  const siblings = await readdir(folder).catch(() => [])
  const named = siblings.find((name) => /^\d+\.\d+\.\d+\.\d+$/.test(name))
  if (named) return named
  // macOS: …/Foo.app/Contents/MacOS/Foo beside …/Contents/Info.plist
  if (path.basename(folder) === 'MacOS') {
    const plist = await readFile(path.join(folder, '..', 'Info.plist'), 'utf8').catch(() => '')
    const version = /<key>CFBundleShortVersionString<\/key>\s*<string>([^<]+)<\/string>/.exec(plist)?.[1]
    if (version) return version
  }
  // Debian: /usr/lib/chromium/chromium comes with /usr/share/doc/chromium/changelog.Debian.gz, whose first line names the version
  if (path.dirname(folder) === '/usr/lib') return debianPackageVersion(path.basename(folder))
  return undefined
}

async function debianPackageVersion(packageName: string): Promise<string | undefined> {
  const handle = await open(`/usr/share/doc/${packageName}/changelog.Debian.gz`, 'r').catch(() => undefined)
  if (!handle) return undefined
  try {
    const head = Buffer.alloc(4096)
    const {bytesRead} = await handle.read(head, 0, head.length, 0)
    const text = gunzipSync(head.subarray(0, bytesRead), {finishFlush: constants.Z_SYNC_FLUSH}).toString('utf8')
    return /^\S+ \(([^)\s]+)\)/.exec(text)?.[1]
  } catch {
    return undefined
  } finally {
    await handle.close()
  }
}
