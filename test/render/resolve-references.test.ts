import type {Root} from 'hast'
import {h} from 'hastscript'
import {select, selectAll} from 'hast-util-select'
import {describe, expect, it} from 'vitest'
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
