import {readdir, readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {VFile} from 'vfile'
import {wcagContrast} from 'culori'
import type {LabelOverrides} from '../labels.js'
import {emitError, emitWarning} from '../report/emit.js'
import {suggest} from '../report/suggest.js'
import {aaContrast, blackOrWhite, type OnColor, readableShade, textColourOn} from './text-colour.js'
import {type ParsedThemeConfig, parseThemeConfig, type ThemeConfig} from './theme-config.js'
import {isInside, readThemeConfig, resolveThemeFile, resolveThemeFont} from './theme-files.js'

/** The themes that ship with kenniskaart. */
export const bundledThemesDir = fileURLToPath(new URL('../../themes/', import.meta.url))

/** A visual theme: its stylesheets, palette and fonts, with what it inherits filled in. */
export interface VisualTheme {
  name: string
  dir: string
  /** Hex colours (`#rrggbb`), validated. */
  palette: string[]
  /** Text on a theme colour: fixed, or chosen per colour (see `textColourOn`). */
  onColor: OnColor
  siteStylesheet: string
  printStylesheet: string
  /** The @font-face rules, as `fonts.css` beside the other two; empty when the theme has none. */
  fontsStylesheet: string
  /** Absolute real paths of font files, copied to `assets/<theme>/fonts/`. */
  fontFiles: string[]
  /** Absolute real paths of the stylesheets, for findings about what they load; only for a stylesheet that is one file as it is. */
  stylesheetFiles?: {site: string | undefined; print: string | undefined; fonts: string | undefined}
  /** Label overrides per language. */
  labels: LabelOverrides
  /** The theme folders it is made of, the theme itself first, then what it extends. */
  chain?: string[]
}

/**
 * The outcome of loading a visual theme. A local theme's theme.json comes
 * with it as a file, holding its findings (`broken` when it cannot be used);
 * `parentFiles` are the theme.json files of the local themes it extends.
 */
export type VisualThemeLoad =
  | {kind: 'loaded'; theme: VisualTheme; file: VFile | undefined; parentFiles?: VFile[]}
  | {kind: 'broken'; file: VFile; parentFiles?: VFile[]}
  | {kind: 'unknown'; reason: string; hint: string}

/** How many themes one chain of `extends` may hold: the theme and seven ancestors. */
export const maxThemeChain = 8

/** A theme folder found by name. */
interface ThemeFolder {
  name: string
  root: string
  bundled: boolean
  dir: string
}

/** One theme.json of a chain, read and checked, its files resolved and read. */
interface ThemeLayer {
  folder: ThemeFolder
  file: VFile
  parsed: ParsedThemeConfig
  themeDir: string
  stylesheets: Partial<Record<StylesheetKind, {path: string; text: string; replace: boolean}>>
  fontFiles: string[]
}

type StylesheetKind = 'site' | 'print' | 'fonts'

/**
 * Load a visual theme by name: a folder `themes/<name>/` beside the content
 * folder wins over the bundled theme of that name. A broken theme.json, a
 * path that leaves the theme folder or a missing file is a finding on
 * theme.json, never a crash. The name is a validated slug.
 *
 * A theme that `extends` another inherits what it leaves out; its
 * stylesheets come after its parent's (or instead, with `replace`). The
 * parent is looked up as a card's theme is, except that a theme extending
 * its own name (a project's `kenniskaart` over the bundled one) and a
 * bundled theme look among the bundled themes only. An unknown parent, a
 * cycle or a chain longer than `maxThemeChain` is an error at `extends`.
 */
export async function loadVisualTheme(name: string, contentDir: string): Promise<VisualThemeLoad> {
  const localRoot = path.resolve(contentDir, '..', 'themes')
  const folder = await findTheme(name, [localRoot, bundledThemesDir])
  if (!folder) {
    const hasFolder = await stat(path.join(localRoot, name)).then((info) => info.isDirectory(), () => false)
    return {
      kind: 'unknown',
      reason: `There is no visual theme \`${name}\``,
      hint: hasFolder
        ? `The folder ${path.join('themes', name)}/ has no theme.json: add one (see the README), or use \`theme: kenniskaart\`.`
        : `Use \`theme: kenniskaart\`, or add a folder themes/${name}/ with a theme.json beside the content folder.`
    }
  }

  const layers: ThemeLayer[] = []
  // Every theme.json read, with whether it is bundled: only a project's own files are reported
  const files: Array<{file: VFile; bundled: boolean}> = []
  let current = folder
  for (;;) {
    const file = new VFile({path: path.join(current.dir, 'theme.json')})
    files.push({file, bundled: current.bundled})
    const layer = await readLayer(current, file)
    if (!layer) return broken(files)
    layers.push(layer)
    const parentName = layer.parsed.config.extends
    if (parentName === undefined) break
    const roots = current.bundled || parentName === current.name ? [bundledThemesDir] : [localRoot, bundledThemesDir]
    const parent = await findTheme(parentName, roots)
    const place = layer.parsed.pointAt(['extends'])
    if (!parent) {
      const known = (await Promise.all(roots.map(themeNamesIn))).flat().filter((known) => known !== current.name || roots.length === 1)
      const meant = suggest(parentName, known)
      emitError(file, 'theme-extends-unknown', `Theme \`${current.name}\` extends \`${parentName}\`, a theme that does not exist${roots.length === 1 ? ' among the bundled themes' : ''}`, {
        place,
        hint: `${meant === undefined ? '' : `Did you mean \`${meant}\`? `}The themes there are: ${[...new Set(known)].sort().join(', ') || 'none'}.`
      })
      return broken(files)
    }
    const names = layers.map((each) => each.folder.name)
    if (layers.some((each) => each.folder.dir === parent.dir)) {
      emitError(file, 'theme-extends-cycle', `Theme \`${current.name}\` extends \`${parentName}\`, which leads back to it: ${[...names, parentName].join(' → ')}`, {
        place,
        hint: 'A theme cannot inherit from itself: remove `extends` from one of these themes, or point it at a theme outside the circle, such as `kenniskaart`.'
      })
      return broken(files)
    }
    if (layers.length >= maxThemeChain) {
      emitError(file, 'theme-extends-too-deep', `Theme \`${current.name}\` extends \`${parentName}\`, making a chain of more than ${maxThemeChain} themes: ${names.join(' → ')} → …`, {
        place,
        hint: `Let a theme extend one nearer the root of the chain; ${maxThemeChain} themes in one chain is the limit.`
      })
      return broken(files)
    }
    current = parent
  }

  const theme = mergeLayers(name, layers)
  checkPaletteContrast(theme, layers)
  const [own, ...parents] = files
  return {kind: 'loaded', theme, file: own!.bundled ? undefined : own!.file, parentFiles: localFiles(parents)}
}

/** A broken chain: the theme's own theme.json (even when bundled), and the project's theme.json files it extends. */
function broken(files: ReadonlyArray<{file: VFile; bundled: boolean}>): VisualThemeLoad {
  const [own, ...parents] = files
  return {kind: 'broken', file: own!.file, parentFiles: localFiles(parents)}
}

function localFiles(files: ReadonlyArray<{file: VFile; bundled: boolean}>): VFile[] {
  return files.flatMap(({file, bundled}) => (bundled ? [] : [file]))
}

/** The first folder of this name with a theme.json, in the order of `roots`. */
async function findTheme(name: string, roots: readonly string[]): Promise<ThemeFolder | undefined> {
  for (const root of roots) {
    const dir = path.join(root, name)
    const found = await stat(path.join(dir, 'theme.json')).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code !== 'ENOENT' && error.code !== 'ENOTDIR'
    )
    if (found) return {name, root, bundled: root === bundledThemesDir, dir}
  }
  return undefined
}

/** The names of the visual themes there are: local folders beside the content folder, and the bundled ones. */
export async function visualThemeNames(contentDir: string): Promise<string[]> {
  return [...new Set([...(await themeNamesIn(path.resolve(contentDir, '..', 'themes'))), ...(await themeNamesIn(bundledThemesDir))])]
}

/** The names of the themes in a themes folder: its subfolders. */
async function themeNamesIn(root: string): Promise<string[]> {
  return (await readdir(root, {withFileTypes: true}).catch(() => [])).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
}

async function readLayer(folder: ThemeFolder, file: VFile): Promise<ThemeLayer | undefined> {
  const realRoot = await realpath(folder.root)
  if (!(await readThemeConfig(file, realRoot))) return undefined
  const parsed = parseThemeConfig(file)
  if (!parsed) return undefined
  const themeDir = await realpath(folder.dir)
  if (!isInside(themeDir, realRoot)) {
    emitError(file, 'theme-file-outside', 'The theme folder is a symbolic link that leads outside the themes folder', {
      place: {line: 1, column: 1},
      hint: 'Copy the theme into themes/ instead of linking to it.'
    })
    return undefined
  }
  const {config} = parsed
  const kinds = (['site', 'print', 'fonts'] as const).filter((kind) => config.stylesheets[kind] !== undefined)
  const entryOf = (kind: StylesheetKind) => {
    const entry = config.stylesheets[kind]!
    return typeof entry === 'string' ? {value: entry, keyPath: ['stylesheets', kind], replace: false} : {value: entry.file, keyPath: ['stylesheets', kind, 'file'], replace: entry.replace}
  }
  const [resolved, fontFiles] = await Promise.all([
    Promise.all(kinds.map((kind) => resolveThemeFile(file, parsed, entryOf(kind).keyPath, entryOf(kind).value, themeDir))),
    Promise.all((config.fonts ?? []).map((font, index) => resolveThemeFont(file, parsed, index, font, themeDir)))
  ])
  if (resolved.some((real) => real === undefined) || fontFiles.some((font) => font === undefined)) return undefined
  const texts = await Promise.all(
    kinds.map((kind, index) =>
      readFile(resolved[index]!, 'utf8').catch((error: NodeJS.ErrnoException) => {
        emitError(file, 'theme-file-missing', `The stylesheet cannot be read (${error.code ?? error.message})`, {
          place: parsed.pointAt(entryOf(kind).keyPath),
          hint: 'Check that the file is readable.'
        })
        return undefined
      })
    )
  )
  if (texts.some((text) => text === undefined)) return undefined
  const stylesheets: ThemeLayer['stylesheets'] = {}
  kinds.forEach((kind, index) => (stylesheets[kind] = {path: resolved[index]!, text: texts[index]!, replace: entryOf(kind).replace}))
  return {folder, file, parsed, themeDir, stylesheets, fontFiles: fontFiles as string[]}
}

/**
 * One theme from a chain (the theme first): the nearest palette, text
 * colour and label of each kind win; stylesheets are the ancestors' then
 * the theme's own, from the last one that replaces; fonts likewise add up,
 * and a fonts stylesheet that replaces drops the fonts before it.
 */
function mergeLayers(name: string, layers: readonly ThemeLayer[]): VisualTheme {
  const fromRoot = [...layers].reverse()
  const nearest = <T>(pick: (config: ThemeConfig) => T | undefined): T | undefined => {
    for (const layer of layers) {
      const value = pick(layer.parsed.config)
      if (value !== undefined) return value
    }
    return undefined
  }
  const sheets = {} as Record<StylesheetKind, {texts: string[]; paths: string[]}>
  let fontFiles: string[] = []
  for (const kind of ['site', 'print', 'fonts'] as const) {
    sheets[kind] = {texts: [], paths: []}
    for (const layer of fromRoot) {
      const sheet = layer.stylesheets[kind]
      if (!sheet) continue
      if (sheet.replace) sheets[kind] = {texts: [], paths: []}
      if (sheet.replace && kind === 'fonts') fontFiles = []
      sheets[kind].texts.push(sheet.text)
      sheets[kind].paths.push(sheet.path)
    }
  }
  // Fonts add up from the root, except those a replaced fonts stylesheet left behind
  for (const layer of fromRoot) {
    if (layer.stylesheets.fonts?.replace) fontFiles = []
    fontFiles.push(...layer.fontFiles.filter((font) => !fontFiles.includes(font)))
  }
  const joined = (kind: StylesheetKind) => sheets[kind].texts.join('\n')
  const onlyFile = (kind: StylesheetKind) => (sheets[kind].paths.length === 1 ? sheets[kind].paths[0] : undefined)
  const labels: Record<string, Record<string, string>> = {}
  for (const layer of fromRoot) {
    for (const [language, overrides] of Object.entries(layer.parsed.config.labels ?? {})) labels[language] = {...labels[language], ...overrides}
  }
  const onColor = nearest((config) => config.onColor)
  return {
    name,
    dir: layers[0]!.themeDir,
    // The root of a chain names a palette (the schema asks it of a theme without `extends`)
    palette: nearest((config) => config.palette) ?? [],
    onColor: onColor === undefined || onColor === 'auto' ? {...blackOrWhite} : onColor,
    siteStylesheet: joined('site'),
    printStylesheet: joined('print'),
    fontsStylesheet: joined('fonts'),
    fontFiles,
    stylesheetFiles: {site: onlyFile('site'), print: onlyFile('print'), fonts: onlyFile('fonts')},
    labels,
    chain: layers.map((layer) => layer.themeDir)
  }
}

/**
 * Each palette colour against its text: a warning at the palette entry when
 * the text does not reach WCAG AA, with a shade of the colour that does.
 * With an automatic text colour that means neither candidate reaches it.
 */
function checkPaletteContrast(theme: VisualTheme, layers: readonly ThemeLayer[]): void {
  const owner = layers.find((layer) => layer.parsed.config.palette !== undefined)
  // A bundled theme.json is not reported: a project theme that gives a bundled palette text it cannot carry hears it at its own `onColor`
  const reported = owner?.folder.bundled ? layers.find((layer) => !layer.folder.bundled) : owner
  if (!owner || !reported) return
  const placeOf = (index: number) => (reported === owner ? owner.parsed.pointAt(['palette', index]) : reported.parsed.pointAt(['onColor']))
  theme.palette.forEach((colour, index) => {
    const text = textColourOn(colour, theme.onColor)
    const ratio = wcagContrast(colour, text)
    if (ratio >= aaContrast) return
    const shade = readableShade(colour, theme.onColor)
    const against = typeof theme.onColor === 'string' ? `its text ${text}` : `either text colour (${theme.onColor.dark}, ${theme.onColor.light})`
    emitWarning(reported.file, 'color-contrast', `Palette colour ${index + 1} (${colour}) has a contrast of ${ratio.toFixed(2)}:1 with ${against}; WCAG AA needs ${aaContrast}:1`, {
      place: placeOf(index),
      hint: shade === undefined ? 'Pick a darker or lighter colour, or another text colour (`onColor`).' : `Use a ${isDarker(shade, colour) ? 'darker' : 'lighter'} shade such as \`${shade}\`, which reaches ${wcagContrast(shade, textColourOn(shade, theme.onColor)).toFixed(2)}:1.`
    })
  })
}

function isDarker(shade: string, colour: string): boolean {
  return wcagContrast(shade, '#000000') < wcagContrast(colour, '#000000')
}
