import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Card} from '../../src/card/model.js'
import {loadContent} from '../../src/content/load-content.js'
import type {OutputFile} from '../../src/output/output-file.js'
import {openGraphLocale} from '../../src/render/share-tags.js'
import {renderSite} from '../../src/render/site.js'
import {fixtureCardsDir} from '../helpers/content.js'

const headOf = (files: OutputFile[], page: string) => {
  const file = files.find((each) => each.path === page)
  if (!file) throw new Error(`no ${page}`)
  return fromHtml(String(file.contents))
}
const meta = (tree: ReturnType<typeof fromHtml>, selector: string) => select(selector, tree)?.properties.content

describe('the pages\' share tags', () => {
  let card: Card
  let withUrl: OutputFile[]
  let without: OutputFile[]

  beforeAll(async () => {
    const {cards} = await loadContent(fixtureCardsDir, {card: 'three-themes'})
    card = cards[0]!
    withUrl = await renderSite(cards, {address: {base: '/k/', siteUrl: 'https://e.org/k/'}})
    without = await renderSite(cards)
  })

  it('give a theme page its canonical URL, Open Graph and Twitter tags, and its colour', () => {
    const theme = card.themes[1]!
    const tree = headOf(withUrl, `${card.slug}/${theme.slug}/index.html`)
    const url = `https://e.org/k/${card.slug}/${theme.slug}/`
    expect(select('link[rel="canonical"]', tree)?.properties.href).toBe(url)
    expect(meta(tree, 'meta[property="og:url"]')).toBe(url)
    expect(meta(tree, 'meta[property="og:type"]')).toBe('article')
    expect(meta(tree, 'meta[property="og:title"]')).toBe(`${theme.title} – ${card.meta.title}`)
    expect(meta(tree, 'meta[property="og:description"]')).toBe(theme.summary)
    expect(meta(tree, 'meta[property="og:locale"]')).toBe('nl_NL')
    expect(meta(tree, 'meta[property="og:site_name"]')).toBe(card.meta.publisher ?? 'Kenniskaarten')
    expect(meta(tree, 'meta[name="twitter:card"]')).toBe('summary')
    expect(meta(tree, 'meta[name="theme-color"]')).toBe(theme.color)
  })

  it('give the card page and the index page theirs', () => {
    const cardPage = headOf(withUrl, `${card.slug}/index.html`)
    expect(select('link[rel="canonical"]', cardPage)?.properties.href).toBe(`https://e.org/k/${card.slug}/`)
    expect(meta(cardPage, 'meta[property="og:type"]')).toBe('website')
    expect(meta(cardPage, 'meta[name="theme-color"]')).toBe(card.themes[0]!.color)
    const index = headOf(withUrl, 'index.html')
    expect(select('link[rel="canonical"]', index)?.properties.href).toBe('https://e.org/k/')
    expect(meta(index, 'meta[property="og:url"]')).toBe('https://e.org/k/')
  })

  it('are left out without a site URL, but for the theme colour: no page names an absolute URL of its own', () => {
    for (const file of without.filter((each) => each.path.endsWith('.html'))) {
      const tree = headOf(without, file.path)
      expect(selectAll('link[rel="canonical"], meta[property^="og:"], meta[name^="twitter:"]', tree), file.path).toEqual([])
    }
    expect(meta(headOf(without, `${card.slug}/index.html`), 'meta[name="theme-color"]')).toBe(card.themes[0]!.color)
  })
})

describe('openGraphLocale', () => {
  it('writes language_TERRITORY, the likely territory for a bare language', () => {
    expect(openGraphLocale('nl')).toBe('nl_NL')
    expect(openGraphLocale('nl-BE')).toBe('nl_BE')
    expect(openGraphLocale('en')).toBe('en_US')
    expect(openGraphLocale('EN-gb')).toBe('en_GB')
    expect(openGraphLocale('fy')).toBe('fy_NL')
  })
})
