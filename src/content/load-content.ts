import {readdir} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {assembleCard} from '../card/assemble-card.js'
import type {Card} from '../card/model.js'
import {emitError} from '../report/emit.js'
import {suggest} from '../report/suggest.js'
import {bundledThemesDir, loadVisualTheme, type VisualTheme, type VisualThemeLoad} from '../theme/load-visual-theme.js'
import {isInvalidKey} from './frontmatter.js'
import {type ThemeDraft, loadCardFile, loadThemeFile} from './load-files.js'
import {readContent} from './read-content.js'

/** Every card of a content folder, and every file read, with its messages. */
export interface LoadedContent {
  cards: Card[]
  files: VFile[]
}

/**
 * Read and check a whole content folder: per file first (parse, validate,
 * transform), then per card (order, number, cross-check).
 */
export async function loadContent(contentDir: string, options: {card?: string} = {}): Promise<LoadedContent> {
  const content = await readContent(contentDir, options.card)
  const files: VFile[] = [...content.problems]
  const cards: Card[] = []
  // One load per visual theme: a broken theme.json is reported once, however many cards use it
  const visualThemes = new Map<string, VisualThemeLoad>()
  const visualTheme = async (name: string): Promise<VisualThemeLoad> => {
    let load = visualThemes.get(name)
    if (!load) {
      load = await loadVisualTheme(name, content.dir)
      visualThemes.set(name, load)
      if (load.kind !== 'unknown' && load.file) files.push(load.file)
    }
    return load
  }

  for (const folder of content.cards) {
    files.push(folder.index, ...folder.themeFiles)
    const [draft, ...themeResults] = await Promise.all([loadCardFile(folder.index), ...folder.themeFiles.map(loadThemeFile)])
    const themeDrafts = themeResults.filter((result): result is ThemeDraft => result !== undefined)
    // A card whose index or visual theme cannot be used is still checked as far as
    // it can be: the findings in its theme files do not wait for the index to be fixed
    let theme: VisualTheme | undefined
    if (!isInvalidKey(draft, 'theme')) {
      const load = await visualTheme(draft.meta.theme)
      if (load.kind === 'unknown') {
        const suggestion = suggest(draft.meta.theme, await visualThemeNames(content.dir))
        emitError(folder.index, 'frontmatter-invalid', load.reason, {
          place: draft.rangeAt(['theme']),
          hint: suggestion === undefined ? load.hint : `Did you mean \`theme: ${suggestion}\`?`
        })
      }
      // A broken theme has its findings on its own theme.json
      if (load.kind === 'loaded') theme = load.theme
    }
    const card = await assembleCard(folder, draft, themeDrafts, theme)
    if (theme && !isInvalidKey(draft, '*')) cards.push(card)
  }
  return {cards, files}
}

/** The names of the visual themes there are: local folders beside the content folder, and the bundled ones. */
async function visualThemeNames(contentDir: string): Promise<string[]> {
  const folders = async (dir: string) =>
    (await readdir(dir, {withFileTypes: true}).catch(() => [])).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
  return [...new Set([...(await folders(path.resolve(contentDir, '..', 'themes'))), ...(await folders(bundledThemesDir))])]
}
