import type {VFile} from 'vfile'
import type {Card} from './card/model.js'
import {loadContent} from './content/load-content.js'
import type {OutputFile} from './output/output-file.js'
import {copyCardImages, renderSitePages, renderThemeAssets} from './render/site.js'

export interface BuildOptions {
  /** The content folder, with one folder per card. */
  contentDir: string
  /** Build only this card. */
  card?: string
}

export interface BuildResult {
  cards: Card[]
  /** Every content file read, with the messages found in it. */
  files: VFile[]
  /** The site, in memory; empty when the content has errors. */
  pages: OutputFile[]
  /** True when any file has an error: nothing should be written then. */
  failed: boolean
}

/**
 * Build the website in memory: read and check the content, then render
 * every page. Nothing is written to disk; see `writeOutput` for that.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const {cards, files} = await loadContent(options.contentDir, options.card === undefined ? {} : {card: options.card})
  const failed = files.some((file) => file.messages.some((message) => message.fatal))
  if (failed) return {cards, files, pages: [], failed}
  const pages = [...renderSitePages(cards), ...(await renderThemeAssets(cards)), ...(await copyCardImages(cards))]
  return {cards, files, pages, failed}
}
