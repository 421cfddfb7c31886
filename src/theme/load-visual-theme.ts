import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {z} from 'zod'
import {CliError} from '../errors.js'

/** The themes that ship with kenniskaart. */
export const bundledThemesDir = fileURLToPath(new URL('../../themes/', import.meta.url))

const themeConfigSchema = z.object({
  name: z.string(),
  /** Theme colours, given to themes by position when a theme sets none. */
  palette: z.array(z.string()).min(1),
  /** Text colour on a theme colour (tiles, bands). */
  onColor: z.string(),
  /** `fonts` holds the @font-face rules both other stylesheets import. */
  stylesheets: z.object({site: z.string(), print: z.string(), fonts: z.string().optional()}),
  /** Font files from npm packages, copied beside the stylesheets. */
  fonts: z.array(z.string()).default([])
})

/** A visual theme: its stylesheets, palette and fonts. */
export interface VisualTheme {
  name: string
  dir: string
  palette: string[]
  onColor: string
  siteStylesheet: string
  printStylesheet: string
  /** The @font-face rules, as `fonts.css` beside the other two; empty when the theme has none. */
  fontsStylesheet: string
  /** Absolute paths of font files, copied to `assets/<theme>/fonts/`. */
  fontFiles: string[]
}

const cache = new Map<string, Promise<VisualTheme>>()

/**
 * Load a visual theme by name: a folder `themes/<name>/` beside the content
 * folder wins over the bundled theme of that name.
 */
export function loadVisualTheme(name: string, contentDir: string): Promise<VisualTheme> {
  const key = `${contentDir}\0${name}`
  let theme = cache.get(key)
  if (!theme) {
    theme = readVisualTheme(name, contentDir)
    cache.set(key, theme)
    theme.catch(() => cache.delete(key))
  }
  return theme
}

async function readVisualTheme(name: string, contentDir: string): Promise<VisualTheme> {
  const candidates = [path.resolve(contentDir, '..', 'themes', name), path.join(bundledThemesDir, name)]
  for (const dir of candidates) {
    const configPath = path.join(dir, 'theme.json')
    const text = await readFile(configPath, 'utf8').catch(() => undefined)
    if (text === undefined) continue
    const parsed = themeConfigSchema.safeParse(JSON.parse(text))
    if (!parsed.success) {
      throw new CliError(`The visual theme ${configPath} is invalid: ${parsed.error.issues[0]?.message}`)
    }
    const config = parsed.data
    const require = createRequire(configPath)
    const [siteStylesheet, printStylesheet, fontsStylesheet] = await Promise.all([
      readFile(path.join(dir, config.stylesheets.site), 'utf8'),
      readFile(path.join(dir, config.stylesheets.print), 'utf8'),
      config.stylesheets.fonts ? readFile(path.join(dir, config.stylesheets.fonts), 'utf8') : ''
    ])
    return {
      name,
      dir,
      palette: config.palette,
      onColor: config.onColor,
      siteStylesheet,
      printStylesheet,
      fontsStylesheet,
      fontFiles: config.fonts.map((font) => require.resolve(font))
    }
  }
  throw new CliError(`There is no visual theme \`${name}\``, {
    hint: `Use \`theme: kenniskaart\`, or add a folder themes/${name}/ with a theme.json beside the content folder.`
  })
}
