import type {VFile} from 'vfile'
import {assembleCard} from '../card/assemble-card.js'
import type {Card} from '../card/model.js'
import {CliError} from '../errors.js'
import {emitError} from '../report/emit.js'
import {loadVisualTheme} from '../theme/load-visual-theme.js'
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

  for (const folder of content.cards) {
    files.push(folder.index, ...folder.themeFiles)
    const [draft, ...themeResults] = await Promise.all([loadCardFile(folder.index), ...folder.themeFiles.map(loadThemeFile)])
    if (!draft || !('intro' in draft)) continue
    const themeDrafts = themeResults.filter((result): result is ThemeDraft => result !== undefined)
    let visualTheme
    try {
      visualTheme = await loadVisualTheme(draft.meta.theme, content.dir)
    } catch (error) {
      if (!(error instanceof CliError)) throw error
      emitError(folder.index, 'frontmatter-invalid', error.message, {place: draft.pointAt(['theme']), hint: error.hint})
      continue
    }
    cards.push(await assembleCard(folder, draft, themeDrafts, visualTheme))
  }
  return {cards, files}
}
