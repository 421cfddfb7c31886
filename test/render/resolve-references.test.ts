import type {Root} from 'hast'
import {h} from 'hastscript'
import {select, selectAll} from 'hast-util-select'
import {toHtml} from 'hast-util-to-html'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {processMarkdown} from '../../src/markdown/processor.js'
import {type ReferenceTargets, resolveReferences} from '../../src/render/resolve-references.js'
import {text} from '../helpers/html.js'

const numbers = new Map([
  ['devries2019', 1],
  ['jansen2021', 2]
])

const targets: ReferenceTargets = {
  sourceNumber: (id) => numbers.get(id),
  sourceHref: (id) => `../#bron-${id}`,
  themeHref: (slug, fragment) => (['voorbereiden', 'terugblikken'].includes(slug) ? `../${slug}/${fragment ? `#${fragment}` : ''}` : undefined),
  imageSrc: (cardPath) => `../${cardPath}`
}

function tree(...children: Root['children']): Root {
  return {type: 'root', children}
}

describe('resolveReferences', () => {
  it('turns a citation into numbered links to the sources', () => {
    const resolved = resolveReferences(tree(h('p', ['Tekst', h('sup', {className: ['citation'], dataCite: 'jansen2021 devries2019'})])), targets)
    const links = selectAll('sup.citation > a.citation-link', resolved)
    expect(links.map((link) => [text(link), link.properties.href])).toEqual([
      ['2', '../#bron-jansen2021'],
      ['1', '../#bron-devries2019']
    ])
    expect(text(select('sup', resolved))).toBe('2,1')
    expect(select('sup', resolved)?.properties.dataCite).toBeUndefined()
  })

  it('gives each citation link an accessible name with its number', () => {
    const resolved = resolveReferences(tree(h('sup', {dataCite: 'devries2019'})), targets)
    expect(select('a', resolved)?.properties.ariaLabel).toBe('bron 1')
  })

  it('shows a question mark for a source that has no number here', () => {
    const resolved = resolveReferences(tree(h('sup', {dataCite: 'onbekend'})), targets)
    expect(select('a', resolved)).toBeUndefined()
    expect(text(select('span.citation-unknown', resolved))).toBe('?')
  })

  it('points a theme link at the theme’s page, keeping the heading', () => {
    const resolved = resolveReferences(
      tree(h('a', {href: '02-voorbereiden.md', dataThemeLink: '02-voorbereiden.md'}, 'een'), h('a', {href: 'terugblikken.md#feedback', dataThemeLink: 'terugblikken.md', dataFragment: 'feedback'}, 'twee')),
      targets
    )
    expect(selectAll('a', resolved).map((link) => link.properties)).toEqual([{href: '../voorbereiden/'}, {href: '../terugblikken/#feedback'}])
  })

  it('removes the href of a theme link whose theme has no page, so no link leads to a .md file', () => {
    const resolved = resolveReferences(tree(h('a', {href: '09-weg.md', dataThemeLink: '09-weg.md'}, 'weg')), targets)
    expect(select('a', resolved)?.properties.href).toBeUndefined()
  })

  it('points a card image at its copy beside the pages', () => {
    const resolved = resolveReferences(tree(h('img', {src: 'figuren/x.png', alt: 'X', dataAsset: 'figuren/x.png'})), targets)
    expect(select('img', resolved)?.properties).toEqual({src: '../figuren/x.png', alt: 'X'})
  })

  it('leaves the tree it was given untouched, so one card renders to many outputs', () => {
    const original = tree(h('p', [h('sup', {dataCite: 'devries2019'}), h('a', {dataThemeLink: 'voorbereiden.md'}, 'x')]))
    const before = structuredClone(original)
    resolveReferences(original, targets)
    expect(original).toEqual(before)
  })
})

describe('citations with prefixes and locators, from Markdown to HTML', () => {
  /** The HTML of the first citation in `markdown`, through the per-file pipeline (sanitizer included) and resolved. */
  async function citationHtml(markdown: string): Promise<string> {
    const file = new VFile({path: 'x.md', value: markdown})
    const {tree: processed} = await processMarkdown(file)
    expect(file.messages).toEqual([])
    return toHtml(select('sup', resolveReferences(processed, targets))!)
  }

  it('renders a plain citation exactly as before: numbers separated by commas', async () => {
    expect(await citationHtml('Tekst [@jansen2021; -@devries2019].')).toBe(
      '<sup class="citation"><a class="citation-link" href="../#bron-jansen2021" aria-label="bron 2">2</a>,<a class="citation-link" href="../#bron-devries2019" aria-label="bron 1">1</a></sup>'
    )
  })

  it('shows a locator after the number, so it is read aloud and printed', async () => {
    expect(await citationHtml('Tekst [@devries2019, p. 12].')).toBe(
      '<sup class="citation"><a class="citation-link" href="../#bron-devries2019" aria-label="bron 1">1</a><span class="citation-locator"> p. 12</span></sup>'
    )
  })

  it('shows a prefix before the number, and sets items apart by `;` when one has a prefix or locator', async () => {
    expect(await citationHtml('Tekst [zie @devries2019, hfst. 2; @jansen2021].')).toBe(
      '<sup class="citation"><span class="citation-prefix">zie </span><a class="citation-link" href="../#bron-devries2019" aria-label="bron 1">1</a><span class="citation-locator"> hfst. 2</span>; <a class="citation-link" href="../#bron-jansen2021" aria-label="bron 2">2</a></sup>'
    )
  })

  it('keeps the locator of a source that has no number here', async () => {
    expect(await citationHtml('Tekst [@onbekend p. 3].')).toBe(
      '<sup class="citation"><span class="citation-unknown" title="onbekend">?</span><span class="citation-locator"> p. 3</span></sup>'
    )
  })

  it('escapes markup in a prefix or locator: it is text', async () => {
    expect(await citationHtml('Tekst [@devries2019, p. <b>3</b> "x"].')).toContain('<span class="citation-locator"> p. &#x3C;b>3&#x3C;/b> "x"</span>')
  })
})
