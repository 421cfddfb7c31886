import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {visit} from 'unist-util-visit'
import {slugFromFileName} from '../content/slug.js'

/** Where references point in one kind of output (the site, a PDF). */
export interface ReferenceTargets {
  /** The number a source has in this output, if it is in it. */
  sourceNumber(id: string): number | undefined
  /** The href of a source in the literature list. */
  sourceHref(id: string): string
  /** The href of a theme (and a heading in it). */
  themeHref(slug: string, fragment: string | undefined): string | undefined
  /** The URL of an image, given its card-relative path. */
  imageSrc(cardPath: string): string
}

/**
 * Return a copy of a per-file tree with its references made concrete:
 * citations get their numbers and links, theme links and images their URLs.
 * The per-file trees stay untouched, so one card renders to many outputs.
 * Heading ids that the page itself uses (`reservedIds`) are renamed, along
 * with the in-page links to them, so every id on a page stays unique.
 */
export function resolveReferences(tree: Root, targets: ReferenceTargets, reservedIds: ReadonlySet<string> = new Set()): Root {
  const copy = structuredClone(tree)
  const renamed = renameReservedIds(copy, reservedIds)
  visit(copy, 'element', (element: Element) => {
    const href = element.properties.href
    if (typeof href === 'string' && href.startsWith('#') && renamed.has(href.slice(1))) {
      element.properties.href = `#${renamed.get(href.slice(1))}`
    }
    const {properties} = element
    if (element.tagName === 'sup' && typeof properties.dataCite === 'string') {
      element.children = citationLinks(properties, targets)
    } else if (element.tagName === 'a' && typeof properties.dataThemeLink === 'string') {
      const fragment = typeof properties.dataFragment === 'string' ? properties.dataFragment : undefined
      const href = targets.themeHref(slugFromFileName(properties.dataThemeLink), fragment)
      if (href) properties.href = href
      else delete properties.href
      delete properties.dataThemeLink
      delete properties.dataFragment
    } else if (element.tagName === 'img' && typeof properties.dataAsset === 'string') {
      properties.src = targets.imageSrc(properties.dataAsset)
      delete properties.dataAsset
    }
  })
  return copy
}

function renameReservedIds(tree: Root, reservedIds: ReadonlySet<string>): Map<string, string> {
  const renamed = new Map<string, string>()
  if (reservedIds.size === 0) return renamed
  const taken = new Set(reservedIds)
  visit(tree, 'element', (element: Element) => {
    if (typeof element.properties.id === 'string') taken.add(element.properties.id)
  })
  visit(tree, 'element', (element: Element) => {
    const id = element.properties.id
    if (typeof id !== 'string' || !reservedIds.has(id)) return
    let count = 1
    while (taken.has(`${id}-${count}`)) count++
    const unique = `${id}-${count}`
    taken.add(unique)
    renamed.set(id, unique)
    element.properties.id = unique
  })
  return renamed
}

/** One source of a citation; remark-citations writes them as JSON when one has a prefix or locator. */
interface CitedItem {
  id: string
  prefix?: string
  locator?: string
}

/**
 * The content of a citation's `sup`: one link per source, by number. A
 * prefix and a locator are shown as typed around the number (`zie ³ p. 12`),
 * so they are read aloud and printed; items with them are set apart by `;`.
 * The `data-cite` attribute is consumed.
 */
function citationLinks(properties: Element['properties'], targets: ReferenceTargets): ElementContent[] {
  const cite = String(properties.dataCite)
  const detailed = cite.startsWith('[')
  const items = detailed ? (JSON.parse(cite) as CitedItem[]) : cite.split(' ').map((id) => ({id}) as CitedItem)
  delete properties.dataCite
  const links: ElementContent[] = []
  for (const [index, item] of items.entries()) {
    if (index > 0) links.push({type: 'text', value: detailed ? '; ' : ','})
    const {id} = item
    if (item.prefix) links.push(h('span', {className: ['citation-prefix']}, `${item.prefix} `))
    const number = targets.sourceNumber(id)
    links.push(
      number === undefined
        ? h('span', {className: ['citation-unknown'], title: id}, '?')
        : h('a', {className: ['citation-link'], href: targets.sourceHref(id), 'aria-label': `bron ${number}`}, String(number))
    )
    if (item.locator) links.push(h('span', {className: ['citation-locator']}, ` ${item.locator}`))
  }
  return links
}
