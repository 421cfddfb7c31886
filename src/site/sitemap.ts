import type {Root} from 'xast'
import {toXml} from 'xast-util-to-xml'
import type {OutputFile} from '../output/output-file.js'
import {absoluteUrl} from './address.js'

/**
 * `sitemap.xml`: the absolute URL of every page, sorted, one `<url>` each.
 * No `<lastmod>`: the output of a build depends on its input only, never on
 * when it ran. `pages` are output paths of HTML pages (`kaart/index.html`
 * is listed as `…/kaart/`); the 404 page is not a page to list.
 */
export function sitemapFile(pages: readonly string[], siteUrl: string): OutputFile {
  const urls = [...new Set(pages.filter((page) => page !== notFoundPath).map((page) => absoluteUrl(siteUrl, page)))].sort()
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'},
      {type: 'text', value: '\n'},
      {
        type: 'element',
        name: 'urlset',
        attributes: {xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9'},
        children: [
          ...urls.flatMap((url) => [
            {type: 'text' as const, value: '\n  '},
            {type: 'element' as const, name: 'url', attributes: {}, children: [{type: 'element' as const, name: 'loc', attributes: {}, children: [{type: 'text' as const, value: url}]}]}
          ]),
          {type: 'text', value: '\n'}
        ]
      },
      {type: 'text', value: '\n'}
    ]
  }
  return {path: 'sitemap.xml', contents: toXml(tree)}
}

/**
 * `robots.txt`: every crawler may read everything, and the sitemap is
 * there. Crawlers read it only at the root of a host: under a subfolder it
 * is there to copy its `Sitemap:` line into the host's own.
 */
export function robotsFile(siteUrl: string): OutputFile {
  return {path: 'robots.txt', contents: `User-agent: *\nAllow: /\n\nSitemap: ${siteUrl}sitemap.xml\n`}
}

/** Where the host looks for the page it shows when an address leads nowhere. */
export const notFoundPath = '404.html'
