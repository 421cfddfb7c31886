import {readFile, realpath, stat} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {VFile} from 'vfile'
import {emitError} from '../report/emit.js'
import type {ParsedThemeConfig} from './theme-config.js'

/** True when `target` is `root` or lies below it; both are real paths. */
export function isInside(target: string, root: string): boolean {
  return target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep)
}

/** Font files a theme may publish, by extension. */
const fontExtension = /\.(?:woff2?|ttf|otf)$/i

/** An npm package file: `name/…` or `@scope/name/…`, no `.` or `..` segments. */
const packageFile = /^(?:@[\w.-]+\/)?[\w-][\w.-]*\/[^\\]+$/

/**
 * Resolve a stylesheet path from theme.json to the real path of a file
 * inside the theme folder (symbolic links followed). An absolute path, a
 * path that climbs out, a link that leads out, or a file that is not there
 * is a finding at the value in theme.json; the result is undefined then.
 */
export async function resolveThemeFile(
  file: VFile,
  config: ParsedThemeConfig,
  keyPath: ReadonlyArray<string | number>,
  value: string,
  themeDir: string
): Promise<string | undefined> {
  const place = config.pointAt(keyPath)
  const outside = (reason: string) => {
    emitError(file, 'theme-file-outside', reason, {
      place,
      hint: 'Put the file in the theme folder, beside theme.json, and name it by a relative path such as `site.css`.'
    })
    return undefined
  }
  if (path.isAbsolute(value) || /^[a-z]:/i.test(value) || value.includes('\0')) return outside(`\`${value}\` is an absolute path; theme files stay inside the theme folder`)
  const candidate = path.resolve(themeDir, value)
  if (!isInside(candidate, themeDir) || candidate === themeDir) return outside(`\`${value}\` leads outside the theme folder`)
  const real = await realpath(candidate).catch((error: NodeJS.ErrnoException) => error)
  if (real instanceof Error) {
    emitError(file, 'theme-file-missing', `The file \`${value}\` does not exist in the theme folder`, {
      place,
      hint: 'Check the name in theme.json, or add the file beside theme.json.'
    })
    return undefined
  }
  if (!isInside(real, themeDir)) return outside(`\`${value}\` is a symbolic link that leads outside the theme folder`)
  const info = await stat(real).catch(() => undefined)
  if (!info?.isFile()) {
    emitError(file, 'theme-file-missing', `\`${value}\` is not a file`, {place, hint: 'Name a file, not a folder.'})
    return undefined
  }
  return real
}

/**
 * Resolve a font of theme.json: a font file inside the theme folder
 * (`./fonts/x.woff2`, `fonts/x.woff2`), or a font file of an installed npm
 * package (`@fontsource/source-sans-3/files/….woff2`), which must resolve
 * into a `node_modules` folder.
 */
export async function resolveThemeFont(
  file: VFile,
  config: ParsedThemeConfig,
  index: number,
  value: string,
  themeDir: string
): Promise<string | undefined> {
  const keyPath = ['fonts', index]
  const place = config.pointAt(keyPath)
  if (!fontExtension.test(value)) {
    emitError(file, 'theme-config-invalid', `\`${value}\` is not a font file (.woff2, .woff, .ttf or .otf)`, {
      place,
      hint: 'List only font files under `fonts`; stylesheets go under `stylesheets`.'
    })
    return undefined
  }
  const segments = value.split('/')
  const fromPackage = packageFile.test(value) && !segments.includes('..') && !segments.includes('.') && !segments.includes('')
  // A plain `fonts/x.woff2` that exists in the theme folder is the theme's own file
  const own = path.resolve(themeDir, value)
  const ownExists = !path.isAbsolute(value) && isInside(own, themeDir) && (await stat(own).then(() => true, () => false))
  if (!fromPackage || ownExists) return resolveThemeFile(file, config, keyPath, value, themeDir)

  let resolved: string
  try {
    resolved = await realpath(createRequire(path.join(themeDir, 'theme.json')).resolve(value))
  } catch {
    emitError(file, 'theme-file-missing', `The font \`${value}\` is neither in the theme folder nor in an installed package`, {
      place,
      hint: 'Install the font package (`npm install @fontsource/…`), or put the font file in the theme folder.'
    })
    return undefined
  }
  if (!resolved.split(path.sep).includes('node_modules')) {
    emitError(file, 'theme-file-outside', `The font \`${value}\` resolves outside the installed packages`, {
      place,
      hint: 'Put the font file in the theme folder, beside theme.json.'
    })
    return undefined
  }
  return resolved
}

/** theme.json is a small file; anything larger is not a theme's configuration. */
export const maxThemeConfigBytes = 1024 * 1024

/**
 * Read a theme.json as UTF-8 text, as carefully as a content file: a link
 * that leads out of the themes folder, something that is not a file, a file
 * too large or not UTF-8 is a finding on it. `file.value` is set only when
 * the text can be parsed.
 */
export async function readThemeConfig(file: VFile, themesRoot: string): Promise<boolean> {
  const configPath = file.path
  const real = await realpath(configPath).catch(() => undefined)
  if (!real) {
    emitError(file, 'file-unreadable', 'theme.json is a symbolic link that leads to nothing', {hint: 'Replace the link with the file itself.'})
    return false
  }
  if (!isInside(real, themesRoot)) {
    emitError(file, 'theme-file-outside', 'theme.json is a symbolic link that leads outside the themes folder', {
      hint: 'Copy the theme into themes/ instead of linking to it.'
    })
    return false
  }
  const info = await stat(real).catch(() => undefined)
  if (!info?.isFile()) {
    emitError(file, 'file-unreadable', 'theme.json is not a regular file', {hint: 'Make theme.json a file holding the theme\'s JSON.'})
    return false
  }
  if (info.size > maxThemeConfigBytes) {
    emitError(file, 'file-too-large', `theme.json is ${info.size} bytes; the limit is ${maxThemeConfigBytes / 1024 / 1024} MB`, {
      hint: 'theme.json names colours and files; keep stylesheets and fonts in files of their own.'
    })
    return false
  }
  const bytes = await readFile(real).catch((error: NodeJS.ErrnoException) => error)
  if (bytes instanceof Error) {
    emitError(file, 'file-unreadable', `theme.json cannot be read (${bytes.code ?? bytes.message})`, {hint: 'Check that you may read the file.'})
    return false
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    emitError(file, 'file-encoding', 'theme.json is not valid UTF-8 text', {hint: 'Save theme.json as UTF-8 in your editor.'})
    return false
  }
  file.value = text
  return true
}
