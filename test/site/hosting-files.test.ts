import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {fromXml} from 'xast-util-from-xml'
import {describe, expect, it} from 'vitest'
import {contentSecurityPolicy} from '../../src/render/document.js'
import type {IndexEntry} from '../../src/render/site.js'
import type {OutputFile} from '../../src/output/output-file.js'
import {hostingFiles} from '../../src/site/hosting-files.js'
import {isSiteWidePath, siteWideFiles} from '../../src/site/site-wide.js'
import {robotsFile, sitemapFile} from '../../src/site/sitemap.js'

const entry = (slug: string, lang = 'nl'): IndexEntry => ({
  slug,
  label: 'Kenniskaart',
  title: slug,
  themeCount: 2,
  lang,
  visualTheme: 'kenniskaart',
  siteStylesheet: 'assets/kenniskaart/site.0123456789.css'
})

const output = (paths: string[]) => async function* (): AsyncIterable<OutputFile> {
  for (const path of paths) yield {path, contents: ''}
}

const text = (file: OutputFile) => String(file.contents)

describe('sitemap.xml', () => {
  it('lists every page once by its absolute folder URL, sorted, without the 404 page and without dates', () => {
    const sitemap = text(sitemapFile(['kaart/thema/index.html', 'index.html', '404.html', 'kaart/index.html', 'a-kaart/index.html', 'kaart/index.html'], 'https://e.org/k/'))
    expect(sitemap).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '  <url><loc>https://e.org/k/</loc></url>\n' +
        '  <url><loc>https://e.org/k/a-kaart/</loc></url>\n' +
        '  <url><loc>https://e.org/k/kaart/</loc></url>\n' +
        '  <url><loc>https://e.org/k/kaart/thema/</loc></url>\n' +
        '</urlset>\n'
    )
  })

  it('percent-encodes paths and escapes what XML needs, so every <loc> reads back as the URL', () => {
    const siteUrl = 'https://e.org/a%26b/'
    const sitemap = text(sitemapFile(['x&y<z>/"ü é"/index.html', "it's/index.html"], siteUrl))
    const locs = (fromXml(sitemap).children.find((node) => node.type === 'element')!.children)
      .filter((node) => node.type === 'element')
      .map((url) => (url.children[0] as {children: Array<{value: string}>}).children[0]!.value)
    expect(locs).toEqual(['https://e.org/a%26b/it\'s/', 'https://e.org/a%26b/x%26y%3Cz%3E/%22%C3%BC%20%C3%A9%22/'])
    for (const loc of locs) expect(new URL(loc).href).toBe(loc)
    expect(sitemap).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/)
  })
})

describe('robots.txt', () => {
  it('lets every crawler read everything and names the sitemap', () => {
    expect(text(robotsFile('https://e.org/k/'))).toBe('User-agent: *\nAllow: /\n\nSitemap: https://e.org/k/sitemap.xml\n')
  })
})

describe('the site-wide files of hosting', () => {
  it('are 404.html alone without a site URL', async () => {
    const files = await siteWideFiles({cards: [entry('kaart')], address: {base: '/'}, files: output(['index.html', 'kaart/index.html'])})
    expect(files.map((file) => file.path)).toEqual(['404.html'])
  })

  it('are 404.html, sitemap.xml of the pages in the output, and robots.txt with a site URL', async () => {
    const files = await hostingFiles({
      cards: [entry('kaart')],
      address: {base: '/k/', siteUrl: 'https://e.org/k/'},
      files: output(['index.html', 'kaart/index.html', 'kaart/card.0123456789.css', 'kaart/kaart.pdf', '404.html', 'sitemap.xml'])
    })
    expect(files.map((file) => file.path)).toEqual(['404.html', 'sitemap.xml', 'robots.txt'])
    expect(text(files[1]!).match(/<loc>[^<]*<\/loc>/g)).toEqual(['<loc>https://e.org/k/</loc>', '<loc>https://e.org/k/kaart/</loc>'])
  })

  it('are made anew by a build of one card, not carried over', () => {
    expect(['404.html', 'sitemap.xml', 'robots.txt'].every(isSiteWidePath)).toBe(true)
    expect(['index.html', 'kaart/404.html', 'assets/kenniskaart/site.0123456789.css'].some(isSiteWidePath)).toBe(false)
  })
})

describe('404.html', () => {
  it('is in the first card\'s language and look, every URL absolute from the base, with the pages\' CSP', async () => {
    const [page] = await hostingFiles({cards: [entry('b-kaart', 'en'), entry('c-kaart')], address: {base: '/mijn%20kaarten/'}, files: output([])})
    const tree = fromHtml(text(page!))
    expect(select('html', tree)?.properties.lang).toBe('en')
    expect(select('h1', tree)?.children).toEqual([expect.objectContaining({value: 'Page not found'})])
    expect(select('meta[http-equiv="Content-Security-Policy"]', tree)?.properties.content).toBe(contentSecurityPolicy)
    expect(select('meta[name="robots"]', tree)?.properties.content).toBe('noindex')
    expect(selectAll('link[rel="stylesheet"]', tree).map((link) => link.properties.href)).toEqual(['/mijn%20kaarten/assets/kenniskaart/site.0123456789.css'])
    const hrefs = selectAll('a[href]', tree).map((link) => String(link.properties.href))
    expect(hrefs).toContain('/mijn%20kaarten/')
    expect(hrefs.every((href) => href.startsWith('/mijn%20kaarten/') || href.startsWith('#'))).toBe(true)
  })

  it('is there, in Dutch and unstyled, for a site without cards', async () => {
    const [page] = await hostingFiles({cards: [], address: {base: '/'}, files: output([])})
    const tree = fromHtml(text(page!))
    expect(select('html', tree)?.properties.lang).toBe('nl')
    expect(select('h1', tree)?.children).toEqual([expect.objectContaining({value: 'Pagina niet gevonden'})])
    expect(selectAll('link[rel="stylesheet"]', tree)).toEqual([])
  })
})
