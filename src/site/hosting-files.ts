import type {OutputFile} from '../output/output-file.js'
import {renderNotFoundPage} from '../render/not-found-page.js'
import type {SiteWideInput} from './site-wide.js'
import {notFoundPath, robotsFile, sitemapFile} from './sitemap.js'

/** The files hosting needs at the root of the output: always the 404 page; with a site URL the sitemap and robots.txt. */
export const hostingPaths: ReadonlySet<string> = new Set([notFoundPath, 'sitemap.xml', 'robots.txt'])

/**
 * `404.html` in the first card's look, and with a site URL `sitemap.xml`
 * of every page in the output and `robots.txt` pointing at it. Without a
 * site URL there is neither: a sitemap lists absolute URLs only, and
 * without one a robots.txt would say nothing a crawler does not assume.
 */
export async function hostingFiles(input: SiteWideInput): Promise<OutputFile[]> {
  const files = [renderNotFoundPage(input.cards, input.address)]
  const {siteUrl} = input.address
  if (siteUrl === undefined) return files
  const pages: string[] = []
  for await (const file of input.files()) if (file.path.endsWith('.html') && !hostingPaths.has(file.path)) pages.push(file.path)
  files.push(sitemapFile(pages, siteUrl), robotsFile(siteUrl))
  return files
}
