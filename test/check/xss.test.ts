import path from 'node:path'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {visit} from 'unist-util-visit'
import {beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/build.js'
import {repoRoot} from '../helpers/cli.js'

/**
 * The XSS payloads of the corpus (script tags, `onerror=`, `javascript:`
 * and `data:` links, SVG with a script, `<base href>`, frames, styles,
 * forms) built into a site: the pages must come out harmless.
 */
const contentDir = path.join(repoRoot, 'test', 'fixtures', 'broken', 'xss-payloads', 'content')

let pages: Array<{path: string; tree: Root; html: string}>

beforeAll(async () => {
  const result = await build({contentDir, pdf: false})
  expect(result.failed).toBe(false)
  pages = result.pages
    .filter((file) => file.path.endsWith('.html'))
    .map((file) => {
      const html = typeof file.contents === 'string' ? file.contents : new TextDecoder().decode(file.contents)
      return {path: file.path, tree: fromHtml(html), html}
    })
})

function elements(tree: Root): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (element: Element) => {
    found.push(element)
  })
  return found
}

describe('a card full of XSS payloads, built', () => {
  it('has the theme page with the payload text', () => {
    const theme = pages.find((page) => page.path.includes('thema'))
    expect(theme?.html).toContain('hoofdletters')
  })

  it('has no script, frame, object, embed, base, form or style element on any page', () => {
    for (const page of pages) {
      const forbidden = elements(page.tree).filter((element) => ['script', 'iframe', 'object', 'embed', 'base', 'form', 'style', 'svg', 'input'].includes(element.tagName))
      expect(forbidden.map((element) => `${page.path}: <${element.tagName}>`)).toEqual([])
    }
  })

  it('has no event handler and no style attribute on any element', () => {
    for (const page of pages) {
      const bad = elements(page.tree).flatMap((element) =>
        Object.keys(element.properties)
          .filter((key) => /^on/i.test(key) || key === 'style')
          .map((key) => `${page.path}: <${element.tagName} ${key}>`)
      )
      expect(bad).toEqual([])
    }
  })

  it('has no javascript: or data: address in any link or source', () => {
    for (const page of pages) {
      // The page's own `<link rel="icon" href="data:,">` is not content.
      const bad = elements(page.tree).filter((element) => element.tagName !== 'link').flatMap((element) =>
        ['href', 'src', 'action', 'formAction', 'srcSet']
          .map((key) => element.properties[key])
          .filter((value) => typeof value === 'string' && /^\s*(?:javascript|data|vbscript):/i.test(value))
          .map((value) => `${page.path}: <${element.tagName}> ${String(value)}`)
      )
      expect(bad).toEqual([])
    }
  })

  it('never writes the payloads out as markup', () => {
    for (const page of pages) {
      expect(page.html).not.toMatch(/<script|onerror=|onclick=|javascript:|<base|<iframe/i)
    }
  })
})
