import type {VFile} from 'vfile'
import {assembleCard} from '../card/assemble-card.js'
import type {Card} from '../card/model.js'
import {emitError} from '../report/emit.js'
import {loadVisualTheme, type VisualThemeLoad} from '../theme/load-visual-theme.js'
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
    if (!draft || !('intro' in draft)) continue
    const themeDrafts = themeResults.filter((result): result is ThemeDraft => result !== undefined)
    const theme = await visualTheme(draft.meta.theme)
    if (theme.kind === 'unknown') {
      emitError(folder.index, 'frontmatter-invalid', theme.reason, {place: draft.pointAt(['theme']), hint: theme.hint})
      continue
    }
    // A broken theme has its findings on its own theme.json
    if (theme.kind === 'broken') continue
    cards.push(await assembleCard(folder, draft, themeDrafts, theme.theme))
  }
  return {cards, files}
}
