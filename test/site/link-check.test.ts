import {cp, mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {parse, walk} from 'css-tree'
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {selectAll} from 'hast-util-select'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {encodePath} from '../../src/render/urls.js'
import {parseSiteAddress} from '../../src/site/address.js'
import {readTree, runCliInProcess, workFolder} from '../helpers/cli.js'
import {bundledContentDir, fixtureCardsDir} from '../helpers/content.js'
import {type ServedFolder, serveFolder} from '../helpers/serve-folder.js'

/** The site's address: `base` and `siteUrl` as the build normalizes them (percent-encoded). */
interface Site {
  base: string
  siteUrl: string
}

/** What the crawl found: every URL it checked, with its status, and each broken one with the page or stylesheet that named it. */
interface Crawl {
  checked: Map<string, number>
  broken: string[]
  pages: Set<string>
  stylesheets: Set<string>
  fonts: Set<string>
  /** The URLs outside the site that pages name (literature, say): not followed. */
  external: Set<string>
}

/**
 * Follow every `href` and `src` of every page, and every `url()` and
 * `@import` of every stylesheet, from `starts`; an absolute URL under the
 * site URL (canonical, og:url, the sitemap) is followed on the test host.
 * A link with a fragment must find that id on its page.
 */
async function crawl(origin: string, {base, siteUrl}: Site, starts: Array<{path: string; status: number}>): Promise<Crawl> {
  const result: Crawl = {checked: new Map(), broken: [], pages: new Set(), stylesheets: new Set(), fonts: new Set(), external: new Set()}
  const idsOf = new Map<string, Set<string>>()
  const queue: Array<{url: URL; from: string; status: number}> = starts.map((start) => ({url: new URL(start.path, origin), from: '(start)', status: start.status}))
  const onSite = (raw: string, against: string): URL | undefined => {
    if (/^(?:data|mailto|tel):/i.test(raw)) return undefined
    const url = new URL(raw.startsWith(siteUrl) ? base + raw.slice(siteUrl.length) : raw, against)
    if (url.origin !== origin) {
      result.external.add(url.href)
      return undefined
    }
    return url
  }
  const fragments: Array<{page: string; id: string; from: string}> = []
  while (queue.length > 0) {
    const {url, from, status: expected} = queue.shift()!
    const hash = decodeURIComponent(url.hash.slice(1))
    url.hash = ''
    // A folder and its index.html are one page
    const key = url.pathname.replace(/\/index\.html$/, '/') + url.search
    if (hash) fragments.push({page: key, id: hash, from})
    if (result.checked.has(key)) {
      if (result.checked.get(key) !== expected) result.broken.push(`${key} (named in ${from}): status ${result.checked.get(key)}`)
      continue
    }
    const response = await fetch(url, {redirect: 'manual'})
    result.checked.set(key, response.status)
    if (response.status !== expected) {
      result.broken.push(`${key} (named in ${from}): status ${response.status}`)
      continue
    }
    const type = response.headers.get('content-type') ?? ''
    const body = await response.text()
    if (type.startsWith('text/html')) {
      result.pages.add(key)
      const tree = fromHtml(body)
      idsOf.set(key, new Set(selectAll('[id]', tree).map((element) => String(element.properties.id))))
      const named: string[] = []
      for (const element of selectAll('[href], [src], meta[property="og:url"]', tree) as Element[]) {
        const value = element.properties.href ?? element.properties.src ?? element.properties.content
        if (typeof value === 'string') named.push(value)
        if (element.tagName === 'link' && String(element.properties.rel) === 'stylesheet' && typeof value === 'string') result.stylesheets.add(new URL(value, url).pathname)
      }
      for (const value of named) {
        const target = onSite(value, url.href)
        // A link within the page (`#main`) needs its id, not another request (the 404 page's status is 404)
        if (target && target.pathname === url.pathname && target.hash) fragments.push({page: key, id: decodeURIComponent(target.hash.slice(1)), from: key})
        else if (target) queue.push({url: target, from: key, status: 200})
      }
    } else if (type.startsWith('text/css')) {
      walk(parse(body, {parseValue: true, parseAtrulePrelude: true}), function (node) {
        const isImport = node.type === 'String' && this.atrule?.name === 'import' && this.atrulePrelude !== null
        if (node.type !== 'Url' && !isImport) return
        const target = onSite((node as {value: string}).value, url.href)
        if (!target) return
        if (/\.woff2?$/.test(target.pathname)) result.fonts.add(target.pathname)
        if (isImport || node.type === 'Url') queue.push({url: target, from: key, status: 200})
      })
    } else if (key.endsWith('sitemap.xml')) {
      for (const [, loc] of body.matchAll(/<loc>([^<]*)<\/loc>/g)) queue.push({url: onSite(loc!, url.href)!, from: key, status: 200})
    } else if (key.endsWith('robots.txt')) {
      for (const [, sitemap] of body.matchAll(/^Sitemap: (.*)$/gm)) queue.push({url: onSite(sitemap!, url.href)!, from: key, status: 200})
    }
  }
  for (const {page, id, from} of fragments) if (idsOf.has(page) && !idsOf.get(page)!.has(id)) result.broken.push(`${page}#${id} (named in ${from}): no such id`)
  return result
}

/** The bundled cards, and a card whose images have names that need escaping in URLs and in XML. */
async function contentWithOddNames(dir: string): Promise<string> {
  const content = path.join(dir, 'content')
  await cp(bundledContentDir, content, {recursive: true})
  const card = path.join(content, 'kaart')
  await mkdir(path.join(card, 'figuren'), {recursive: true})
  const image = await readFile(path.join(fixtureCardsDir, 'three-themes', 'figuren', 'twee-leraren.png'))
  for (const name of ['50% groei #1?.png', 'café & <ü>.png']) await writeFile(path.join(card, 'figuren', name), image)
  await writeFile(path.join(card, 'index.md'), '---\ntitle: Kaart & co\n---\n\nIntro.\n')
  await writeFile(path.join(card, '01-groei.md'), '---\ntitle: "50% groei #1? Één"\nsummary: Over groei.\n---\n\n![Groei](<figuren/50%25 groei %231%3F.png>)\n\n![Café](<figuren/café & <ü>.png>)\n')
  return content
}

describe.each([
  {option: '/kennis/', siteUrl: 'https://voorbeeld.nl/kennis/', content: async () => bundledContentDir},
  // A base that needs encoding: a space, a percent sign written as an escape, non-ASCII letters, an ampersand
  {option: '/mijn kaarten/50%25 & café/', siteUrl: 'https://voorbeeld.nl/mijn%20kaarten/50%25%20&%20caf%C3%A9/', content: async () => bundledContentDir},
  // Images named with %, #, ?, spaces, & and < >
  {option: '/kennis/', siteUrl: 'https://voorbeeld.nl/kennis/', content: contentWithOddNames}
])('a build with --base $option and --site-url, served under that path over HTTP ($content.name)', ({option, siteUrl, content}) => {
  const site = parseSiteAddress({base: option, siteUrl}) as Site
  const {base} = site
  let server: ServedFolder | undefined
  let origin: string
  let files: string[]
  let found: Crawl

  beforeAll(async () => {
    const {dir} = await workFolder()
    const run = await runCliInProcess(['build', '--content', await content(dir), '--out', 'dist', '--no-pdf', '--no-cache', '--base', option, '--site-url', siteUrl], {cwd: dir})
    expect(run.code, run.stderr).toBe(0)
    files = [...(await readTree(path.join(dir, 'dist'))).keys()]
    server = await serveFolder(path.join(dir, 'dist'), decodeURIComponent(site.base))
    origin = server.origin
    found = await crawl(origin, site, [
      {path: base, status: 200},
      {path: `${base}404.html`, status: 200},
      {path: `${base}no/such/deep/page`, status: 404},
      {path: `${base}sitemap.xml`, status: 200},
      {path: `${base}robots.txt`, status: 200},
      // The print stylesheet: no page links it (a build without PDFs still publishes it), its url()s must hold all the same
      ...files.filter((file) => /\/print\.[\da-f]{10}\.css$/.test(file)).map((file) => ({path: base + file, status: 200}))
    ])
  }, 120_000)

  afterAll(() => server?.close())

  it('finds no broken link, stylesheet, font or fragment', () => {
    expect(found.broken).toEqual([])
  })

  it('reaches every page of the output, and every stylesheet and font', () => {
    const servedPaths = (file: string) => base + encodePath(file).replace(/(?:^|\/)index\.html$/, (match) => (match.startsWith('/') ? '/' : ''))
    const htmlFiles = files.filter((file) => file.endsWith('.html')).map(servedPaths)
    expect([...found.pages].filter((page) => page !== `${base}no/such/deep/page`).sort()).toEqual(htmlFiles.sort())
    const assets = files.filter((file) => /\.(?:css|woff2?)$/.test(file)).map((file) => base + encodePath(file))
    expect([...found.checked.keys()].filter((key) => /\.(?:css|woff2?)$/.test(key)).sort()).toEqual(assets.sort())
    expect(found.fonts.size).toBeGreaterThan(0)
    const images = files.filter((file) => /\.(?:png|jpe?g|svg)$/.test(file)).map((file) => base + encodePath(file))
    expect(images.filter((image) => found.checked.get(image) !== 200)).toEqual([])
  })

  it('styles the 404 page the same at any depth: its stylesheet is an absolute path under the base', () => {
    expect(found.checked.get(`${base}no/such/deep/page`)).toBe(404)
    expect([...found.stylesheets].filter((sheet) => sheet.startsWith(`${base}assets/`) && /site\.[\da-f]{10}\.css$/.test(sheet))).toHaveLength(1)
    expect([...found.stylesheets].every((sheet) => sheet.startsWith(base))).toBe(true)
  })

  it('names every asset by its contents, and no page names an asset without its hash', () => {
    const assets = files.filter((file) => /\.(?:css|woff2?)$/.test(file))
    expect(assets.length).toBeGreaterThan(3)
    for (const asset of assets) expect(asset, asset).toMatch(/\.[\da-f]{10}\.(?:css|woff2?)$/)
  })
})
