import {readFile} from 'node:fs/promises'
import {gunzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import type {Card} from '../../src/card/model.js'
import type {OutputFile} from '../../src/output/output-file.js'
import {indexEntry, renderCardPages, renderIndexPage} from '../../src/render/site.js'
import {isSearchPath, searchIndexFiles} from '../../src/search/search-index.js'
import {searchScript} from '../../src/search/search-script.js'
import {isSiteWidePath, siteWideFiles} from '../../src/site/site-wide.js'
import {parseSiteAddress} from '../../src/site/address.js'
import {excerptParts} from '../../client/search.js'
import {cardLoader, themeMarkdown} from '../helpers/content.js'

const search = {script: 'assets/search.0123456789.js'}

async function* asFiles(files: readonly OutputFile[]): AsyncIterable<OutputFile> {
  yield* files
}

/** A fragment of the index (one per page): what Pagefind keeps of the page. */
interface Fragment {
  url: string
  content: string
  filters: Record<string, string[]>
  meta: Record<string, string>
}

function fragments(index: readonly OutputFile[]): Fragment[] {
  return index
    .filter((file) => file.path.includes('/fragment/'))
    .map((file) => JSON.parse(gunzipSync(file.contents).toString('utf8').replace(/^pagefind_dcd/, '')) as Fragment)
    .sort((a, b) => (a.url < b.url ? -1 : 1))
}

describe('the search index', () => {
  const load = cardLoader()
  let dutch: Card
  let english: Card

  const pagesOf = (card: Card) => renderCardPages(card, [], {search})

  it('is made from the card and theme pages only, each one\'s main content, with its title, card and filters', async () => {
    dutch = (
      await load('kaart', {
        'index.md': '---\ntitle: "Kaart <b> & \\"q\\" 50% #1"\nlang: nl\nsources: []\n---\n\nDe inleiding over leerkrachten.\n',
        '01-starters.md': themeMarkdown('Starters & co', 'Startende leerkrachten krijgen begeleiding.'),
        '02-leiding.md': themeMarkdown('Leiding', 'Een schoolleider leidt.')
      })
    ).card!
    const pages = [renderIndexPage([indexEntry(dutch)], {search}), ...pagesOf(dutch), {path: '404.html', contents: '<!doctype html><html lang="nl"><body><main>Niet gevonden</main></body></html>'}]
    const index = await searchIndexFiles(asFiles(pages))
    const found = fragments(index)
    expect(found.map((fragment) => fragment.url)).toEqual(['/kaart/', '/kaart/leiding/', '/kaart/starters/'])
    const starters = found.find((fragment) => fragment.url === '/kaart/starters/')!
    expect(starters.meta).toEqual({title: 'Starters & co', card: 'Kaart <b> & "q" 50% #1'})
    expect(starters.filters).toEqual({card: ['kaart'], theme: ['kaart/starters']})
    expect(found.find((fragment) => fragment.url === '/kaart/')!.filters).toEqual({card: ['kaart']})
    // The theme's own text, not the header, the navigation to the next theme, nor the footer
    expect(starters.content).toContain('Startende leerkrachten krijgen begeleiding.')
    expect(starters.content).not.toMatch(/Alle kenniskaarten|Volgende|Leiding|Gemaakt met kenniskaart/)
    // One Dutch index, with the Dutch stemmer; only the files the search client uses
    const entry = JSON.parse(String(index.find((file) => file.path === 'pagefind/pagefind-entry.json')!.contents)) as {languages: Record<string, {wasm: string; page_count: number}>}
    expect(Object.entries(entry.languages).map(([lang, {wasm, page_count}]) => [lang, wasm, page_count])).toEqual([['nl', 'nl', 3]])
    const names = index.map((file) => file.path.replace(/_[\da-f]+\./, '_#.'))
    expect(names.filter((name) => !/\/(fragment|filter|index)\//.test(name))).toEqual(['pagefind/pagefind-entry.json', 'pagefind/pagefind.js', 'pagefind/pagefind.nl_#.pf_meta', 'pagefind/wasm.nl.pagefind'])
    expect(index.every((file) => isSearchPath(file.path) && isSiteWidePath(file.path))).toBe(true)
  })

  it('gives each language its own index and stemmer; a regional variant (en-GB) shares its language\'s', async () => {
    english = (
      await load('english-card', {
        'index.md': '---\ntitle: English card\nlang: en-GB\nsources: []\n---\n\nIntroduction.\n',
        '01-teaching.md': themeMarkdown('Teaching', 'Teachers learn.')
      })
    ).card!
    const index = await searchIndexFiles(asFiles([...pagesOf(dutch), ...pagesOf(english)]))
    const entry = JSON.parse(String(index.find((file) => file.path === 'pagefind/pagefind-entry.json')!.contents)) as {languages: Record<string, {wasm: string; page_count: number}>}
    expect(Object.fromEntries(Object.entries(entry.languages).map(([lang, {wasm, page_count}]) => [lang, [wasm, page_count]]))).toEqual({en: ['en', 2], nl: ['nl', 3]})
    expect(index.filter((file) => file.path.startsWith('pagefind/wasm.')).map((file) => file.path).sort()).toEqual(['pagefind/wasm.en.pagefind', 'pagefind/wasm.nl.pagefind'])
  })

  it('indexes a language Pagefind has no stemmer for (Frisian) with its stemmer-less WebAssembly', async () => {
    const frisian = (
      await load('fryske-kaart', {
        'index.md': '---\ntitle: Fryske kaart\nlang: fy\nsources: []\n---\n\nYnlieding.\n',
        '01-learen.md': themeMarkdown('Learen', 'Learkrêften leare mei-inoar.')
      })
    ).card!
    const index = await searchIndexFiles(asFiles([...pagesOf(dutch), ...pagesOf(frisian)]))
    const entry = JSON.parse(String(index.find((file) => file.path === 'pagefind/pagefind-entry.json')!.contents)) as {languages: Record<string, {wasm: string | null}>}
    expect(entry.languages.fy?.wasm).toBeNull()
    expect(index.filter((file) => file.path.startsWith('pagefind/wasm.')).map((file) => file.path).sort()).toEqual(['pagefind/wasm.nl.pagefind', 'pagefind/wasm.unknown.pagefind'])
  })

  it('is the same bytes for the same pages, in whatever order they come', async () => {
    const pages = [...pagesOf(dutch), ...pagesOf(english)]
    const first = await searchIndexFiles(asFiles(pages))
    const second = await searchIndexFiles(asFiles([...pages].reverse()))
    expect(second.map((file) => file.path)).toEqual(first.map((file) => file.path))
    second.forEach((file, position) => expect(Buffer.from(file.contents).equals(Buffer.from(first[position]!.contents)), file.path).toBe(true))
  })

  it('is nothing for a site without pages to search', async () => {
    expect(await searchIndexFiles(asFiles([renderIndexPage([indexEntry(dutch)])]))).toEqual([])
    expect(await searchIndexFiles(asFiles(renderCardPages(dutch, [])))).toEqual([])
  })

  it('is made with the search client by the site-wide step, unless search is off', async () => {
    const pages = pagesOf(dutch)
    const made = (await siteWideFiles({cards: [indexEntry(dutch)], address: parseSiteAddress({}), search: true, files: () => asFiles(pages)})).filter((file) => file.path !== '404.html')
    const script = await searchScript()
    expect(made[0]).toEqual(script)
    expect(script.path).toMatch(/^assets\/search\.[\da-f]{10}\.js$/)
    expect(Buffer.from(script.contents).equals(await readFile(new URL('../../client/search.js', import.meta.url)))).toBe(true)
    expect(made.slice(1).every((file) => file.path.startsWith('pagefind/'))).toBe(true)
    expect((await siteWideFiles({cards: [indexEntry(dutch)], address: parseSiteAddress({}), search: false, files: () => asFiles(pages)})).map((file) => file.path)).toEqual(['404.html'])
  })

  it('indexes a huge page', async () => {
    const words = Array.from({length: 50_000}, (_, position) => `woord${position % 5000}`).join(' ')
    const huge = (
      await load('groot', {
        'index.md': '---\ntitle: Groot\nsources: []\n---\n\nInleiding.\n',
        '01-alles.md': themeMarkdown('Alles', `${words}\n\nHet laatste woord is slotwoord.`)
      })
    ).card!
    const index = await searchIndexFiles(asFiles(pagesOf(huge)))
    const theme = fragments(index).find((fragment) => fragment.url === '/groot/alles/')!
    expect(theme.content.endsWith('Het laatste woord is slotwoord.')).toBe(true)
  }, 60_000)
})

describe('the pages with search', () => {
  const load = cardLoader()

  it('have the search box, the client script and the policy that lets it run; without search, none of it', async () => {
    const card = (await load('kaart', {'index.md': '---\ntitle: Kaart\nsources: []\n---\n\nTekst.\n', '01-thema.md': themeMarkdown('Thema')})).card!
    const withSearch = renderCardPages(card, [], {search}).find((file) => file.path === 'kaart/thema/index.html')!
    const html = String(withSearch.contents)
    expect(html).toContain('<script type="module" src="../../assets/search.0123456789.js"></script>')
    expect(html).toContain('script-src &#x27;self&#x27; &#x27;wasm-unsafe-eval&#x27;; connect-src &#x27;self&#x27;"')
    expect(html).toMatch(/<div class="site-search" role="search" hidden data-search-root="..\/..\/"/)
    expect(html).toContain('<main id="main" data-pagefind-body')
    const index = String(renderIndexPage([indexEntry(card)], {search}).contents)
    expect(index).toContain('<script type="module" src="assets/search.0123456789.js"></script>')
    expect(index).toContain('data-search-root="./"')
    for (const page of [...renderCardPages(card, []), renderIndexPage([indexEntry(card)])].filter((file) => file.path.endsWith('.html'))) {
      expect(String(page.contents), page.path).not.toMatch(/<script|site-search|pagefind|wasm-unsafe-eval|connect-src/)
    }
  })
})

describe('the search client', () => {
  it('reads an excerpt as text, with only Pagefind\'s <mark> tags as highlights', () => {
    expect(excerptParts('Startende <mark>leerkrachten</mark> en een &lt;img src=x onerror=alert(1)&gt; &amp; <b>vet</b>')).toEqual([
      {text: 'Startende ', marked: false},
      {text: 'leerkrachten', marked: true},
      {text: ' en een <img src=x onerror=alert(1)> &amp; <b>vet</b>', marked: false}
    ])
    expect(excerptParts('<mark>a &lt;/mark&gt; b</mark>')).toEqual([{text: 'a </mark> b', marked: true}])
    expect(excerptParts('')).toEqual([])
  })

  it('builds the page with DOM calls and text, never by parsing HTML', async () => {
    const source = await readFile(new URL('../../client/search.js', import.meta.url), 'utf8')
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|setHTML/)
  })
})
