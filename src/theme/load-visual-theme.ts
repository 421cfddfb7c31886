import {readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {VFile} from 'vfile'
import {emitError} from '../report/emit.js'
import {parseThemeConfig} from './theme-config.js'
import {isInside, readThemeConfig, resolveThemeFile, resolveThemeFont} from './theme-files.js'

/** The themes that ship with kenniskaart. */
export const bundledThemesDir = fileURLToPath(new URL('../../themes/', import.meta.url))

/** A visual theme: its stylesheets, palette and fonts. */
export interface VisualTheme {
  name: string
  dir: string
  /** Hex colours (`#rrggbb`), validated. */
  palette: string[]
  onColor: string
  siteStylesheet: string
  printStylesheet: string
  /** The @font-face rules, as `fonts.css` beside the other two; empty when the theme has none. */
  fontsStylesheet: string
  /** Absolute real paths of font files, copied to `assets/<theme>/fonts/`. */
  fontFiles: string[]
  /** Absolute real paths of the stylesheets, for findings about what they load. */
  stylesheetFiles?: {site: string; print: string; fonts: string | undefined}
}

/**
 * The outcome of loading a visual theme. A local theme's theme.json comes
 * with it as a file, holding its findings (`broken` when it cannot be used).
 */
export type VisualThemeLoad =
  | {kind: 'loaded'; theme: VisualTheme; file: VFile | undefined}
  | {kind: 'broken'; file: VFile}
  | {kind: 'unknown'; reason: string; hint: string}

/**
 * Load a visual theme by name: a folder `themes/<name>/` beside the content
 * folder wins over the bundled theme of that name. A broken theme.json, a
 * path that leaves the theme folder or a missing file is a finding on
 * theme.json, never a crash. The name is a validated slug.
 */
export async function loadVisualTheme(name: string, contentDir: string): Promise<VisualThemeLoad> {
  const localRoot = path.resolve(contentDir, '..', 'themes')
  const localDir = path.join(localRoot, name)
  for (const [root, bundled] of [[localRoot, false], [bundledThemesDir, true]] as const) {
    const dir = path.join(root, name)
    const configPath = path.join(dir, 'theme.json')
    const found = await stat(configPath).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code !== 'ENOENT' && error.code !== 'ENOTDIR'
    )
    if (!found) continue
    const realRoot = await realpath(root)
    const file = new VFile({path: configPath})
    const theme = (await readThemeConfig(file, realRoot)) ? await readTheme(name, file, realRoot, dir) : undefined
    if (!theme) return {kind: 'broken', file}
    return {kind: 'loaded', theme, file: bundled ? undefined : file}
  }
  const hasFolder = await stat(localDir).then((info) => info.isDirectory(), () => false)
  return {
    kind: 'unknown',
    reason: `There is no visual theme \`${name}\``,
    hint: hasFolder
      ? `The folder ${path.join('themes', name)}/ has no theme.json: add one (see the README), or use \`theme: kenniskaart\`.`
      : `Use \`theme: kenniskaart\`, or add a folder themes/${name}/ with a theme.json beside the content folder.`
  }
}

async function readTheme(name: string, file: VFile, realRoot: string, dir: string): Promise<VisualTheme | undefined> {
  const parsed = parseThemeConfig(file)
  if (!parsed) return undefined
  const themeDir = await realpath(dir)
  if (!isInside(themeDir, realRoot)) {
    emitError(file, 'theme-file-outside', 'The theme folder is a symbolic link that leads outside the themes folder', {
      place: {line: 1, column: 1},
      hint: 'Copy the theme into themes/ instead of linking to it.'
    })
    return undefined
  }
  const {config} = parsed
  const [site, print, fonts, ...fontFiles] = await Promise.all([
    resolveThemeFile(file, parsed, ['stylesheets', 'site'], config.stylesheets.site, themeDir),
    resolveThemeFile(file, parsed, ['stylesheets', 'print'], config.stylesheets.print, themeDir),
    config.stylesheets.fonts === undefined ? '' : resolveThemeFile(file, parsed, ['stylesheets', 'fonts'], config.stylesheets.fonts, themeDir),
    ...config.fonts.map((font, index) => resolveThemeFont(file, parsed, index, font, themeDir))
  ])
  if (site === undefined || print === undefined || fonts === undefined || fontFiles.some((font) => font === undefined)) return undefined
  const read = (real: string, keyPath: string[]) =>
    readFile(real, 'utf8').catch((error: NodeJS.ErrnoException) => {
      emitError(file, 'theme-file-missing', `The stylesheet cannot be read (${error.code ?? error.message})`, {
        place: parsed.pointAt(keyPath),
        hint: 'Check that the file is readable.'
      })
      return undefined
    })
  const [siteStylesheet, printStylesheet, fontsStylesheet] = await Promise.all([
    read(site, ['stylesheets', 'site']),
    read(print, ['stylesheets', 'print']),
    fonts ? read(fonts, ['stylesheets', 'fonts']) : ''
  ])
  if (siteStylesheet === undefined || printStylesheet === undefined || fontsStylesheet === undefined) return undefined
  return {
    name,
    dir: themeDir,
    palette: config.palette,
    onColor: config.onColor,
    siteStylesheet,
    printStylesheet,
    fontsStylesheet,
    fontFiles: fontFiles as string[],
    stylesheetFiles: {site, print, fonts: fonts || undefined}
  }
}
