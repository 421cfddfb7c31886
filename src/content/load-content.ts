import type {VFile} from 'vfile'
import type {Card} from '../card/model.js'
import {noCache} from '../engine/cache-store.js'
import {runCardStep} from '../engine/card-step.js'
import {forgetVisualThemes, visualThemeLoads} from '../engine/visual-themes.js'
import {readContent} from './read-content.js'

/** Every card of a content folder, and every file read, with its messages. */
export interface LoadedContent {
  cards: Card[]
  files: VFile[]
}

/**
 * Read and check a whole content folder, in memory: per file first (parse,
 * validate, transform), then per card (order, number, cross-check). The
 * build's engine does the same steps card by card, with a cache.
 */
export async function loadContent(contentDir: string, options: {card?: string; visualTheme?: string | undefined} = {}): Promise<LoadedContent> {
  forgetVisualThemes()
  const content = await readContent(contentDir, options.card)
  const files: VFile[] = [...content.problems]
  const cards: Card[] = []
  const cache = noCache()
  // One theme.json per visual theme: a broken one is reported once, however many cards use it
  const themeFiles = new Set<string>()
  for (const folder of content.cards) {
    files.push(folder.index, ...folder.themeFiles)
    const {result, card} = await runCardStep(folder, {contentDir: content.dir, downloads: 'all', withPrintKeys: false, tool: '', visualTheme: options.visualTheme}, cache, {keepCard: true, render: false})
    if (result.visualTheme !== undefined) {
      const load = await visualThemeLoads(content.dir, result.visualTheme)
      for (const file of load.kind === 'unknown' ? [] : [load.file, ...(load.parentFiles ?? [])]) {
        if (!file || themeFiles.has(file.path)) continue
        themeFiles.add(file.path)
        files.push(file)
      }
    }
    if (card) cards.push(card)
  }
  return {cards, files}
}
