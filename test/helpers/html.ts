import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {selectAll} from 'hast-util-select'
import {toString} from 'hast-util-to-string'
import type {OutputFile} from '../../src/output/output-file.js'

/** The HTML text of an output file, which must exist. */
export function pageText(pages: OutputFile[], pagePath: string): string {
  const page = pages.find((file) => file.path === pagePath)
  if (!page) throw new Error(`No output file ${pagePath}; there are: ${pages.map((file) => file.path).join(', ')}`)
  return typeof page.contents === 'string' ? page.contents : new TextDecoder().decode(page.contents)
}

/** An output page parsed as a whole HTML document. */
export function parsePage(pages: OutputFile[], pagePath: string): Root {
  return fromHtml(pageText(pages, pagePath))
}

/** Where a link on a page leads: the output file and the fragment, if any. */
export interface LinkTarget {
  path: string
  fragment: string | undefined
}

/**
 * Resolve an href the way a browser does from a page in the output folder.
 * A folder URL leads to its `index.html`. External URLs resolve to undefined.
 */
export function resolveHref(fromPage: string, href: string): LinkTarget | undefined {
  const base = new URL(fromPage, 'https://site.invalid/')
  const url = new URL(href, base)
  if (url.origin !== base.origin) return undefined
  let target = decodeURIComponent(url.pathname.slice(1))
  if (target === '' || target.endsWith('/')) target += 'index.html'
  return {path: target, fragment: url.hash ? decodeURIComponent(url.hash.slice(1)) : undefined}
}

/** Text of an element with runs of white space made single spaces. */
export function text(node: Element | Root | undefined): string {
  return node ? toString(node).replace(/\s+/g, ' ').trim() : ''
}

/** Every `id` in a document. */
export function idsOf(tree: Root): string[] {
  return selectAll('[id]', tree).map((element) => String(element.properties.id))
}

/** The levels of all headings in document order. */
export function headingLevels(tree: Root): number[] {
  return selectAll('h1, h2, h3, h4, h5, h6', tree).map((heading) => Number(heading.tagName.slice(1)))
}

/** Where a heading goes more than one level deeper than the one before. */
export function skippedHeadingLevels(levels: number[]): string[] {
  const skips: string[] = []
  let previous = 0
  for (const level of levels) {
    if (level > previous + 1) skips.push(`h${previous} → h${level}`)
    previous = level
  }
  return skips
}

/** The class list of an element. */
export function classesOf(element: Element | undefined): string[] {
  const value = element?.properties.className
  return Array.isArray(value) ? value.map(String) : []
}
