import type {OutputFile} from '../output/output-file.js'
import type {IndexEntry} from '../render/site.js'
import {isSearchPath} from '../search/search-index.js'
import type {SiteAddress} from './address.js'
import {hostingFiles, hostingPaths} from './hosting-files.js'

/** What the files that span every card are made from. */
export interface SiteWideInput {
  /** The cards the site lists, sorted by slug. */
  cards: readonly IndexEntry[]
  address: SiteAddress
  /**
   * Every HTML page already in the output (also those kept from an earlier
   * build or joined from shards; other files may come too, and are passed
   * over), read one at a time: the sitemap and the search index are made
   * from them. See `isPage`.
   */
  files: () => AsyncIterable<OutputFile>
  /** Make the search index and the search client (off with `build --no-search`). */
  search?: boolean | undefined
}

/** Whether a path of the output is a page, what `SiteWideInput.files` must give: the PDFs, images and assets need not be read back. */
export function isPage(filePath: string): boolean {
  return filePath.endsWith('.html')
}

/**
 * Whether a path of the output is one of the files `siteWideFiles` makes:
 * a build of one card does not keep these from the earlier output, it makes
 * them again.
 */
export function isSiteWidePath(filePath: string): boolean {
  return isSearchPath(filePath) || hostingPaths.has(filePath)
}

/**
 * The files that span all cards, made once every card is in the output:
 * by `build` after its cards (and the cards it kept), and by `merge` after
 * joining shards, so both give the same bytes. The index page is the
 * engine's (`renderIndexPage`); `merge` renders it again from the shards'
 * cards.
 */
export async function siteWideFiles(input: SiteWideInput): Promise<OutputFile[]> {
  const files: OutputFile[] = []
  files.push(...(await hostingFiles(input)))
  if (input.search) {
    const [{searchIndexFiles}, {searchScript}] = await Promise.all([import('../search/search-index.js'), import('../search/search-script.js')])
    files.push(await searchScript(), ...(await searchIndexFiles(input.files())))
  }
  return files
}
