import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {select, selectAll} from 'hast-util-select'
import {toHtml} from 'hast-util-to-html'
import {visit} from 'unist-util-visit'
import {beforeAll, describe, expect, it} from 'vitest'
import {build, type BuildResult} from '../../src/build.js'
import {cardPublication} from '../../src/card/publication.js'
import {renderPrintDocument} from '../../src/render/print-document.js'
import {bundledContentDir} from '../helpers/content.js'
import {parsePage, text} from '../helpers/html.js'

const flowPage = 'professionele-leercultuur/basis-voor-professionalisering/index.html'

describe('the figures of the bundled card', () => {
  let result: BuildResult
  beforeAll(async () => {
    result = await build({contentDir: bundledContentDir, pdf: false})
  }, 60_000)

  it('builds with no findings', () => {
    expect(result.files.flatMap((file) => file.messages.map((message) => `${file.basename}:${message.line}: ${message.reason}`))).toEqual([])
  })

  it('draws the flow figure on the site page: challenge against skill, boredom, flow, frustration', () => {
    const svg = select('figure.diagram-figure > svg.diagram-flow', parsePage(result.pages, flowPage))
    expect(svg?.properties.role).toBe('img')
    expect(text(select('title', svg!))).toBe('Flow: uitdaging tegenover vaardigheid — verveling, flow en frustratie')
    expect(selectAll('text', svg!).map((node) => text(node))).toEqual(['Frustratie', 'Flow', 'Verveling', 'Vaardigheid', 'Uitdaging'])
  })

  it('draws the same flow figure in the print document', () => {
    const print = fromHtml(renderPrintDocument(cardPublication(result.cards.find((card) => card.slug === 'professionele-leercultuur')!)).html)
    const printed = selectAll('svg.diagram-flow', print)
    expect(printed).toHaveLength(1)
    const onSite = select('svg.diagram-flow', parsePage(result.pages, flowPage))!
    expect(toHtml(printed[0]!)).toBe(toHtml(onSite))
  })

  it('prints a placeholder\'s title once where its caption repeated the heading above it, on the site and in print', () => {
    const print = fromHtml(renderPrintDocument(cardPublication(result.cards.find((card) => card.slug === 'professionele-leercultuur')!)).html)
    const pages = {
      'begeleiding-starters': 'Uitval beginnende leraren PO in %',
      beleidsvorming: 'Professionalisering vastleggen in beleid'
    }
    for (const [slug, title] of Object.entries(pages)) {
      const site = parsePage(result.pages, `professionele-leercultuur/${slug}/index.html`)
      for (const tree of [site, print]) {
        const figure = elementAfterHeading(tree, title)
        expect(figure?.properties.className, `${slug}: the pending figure under "${title}"`).toContain('figure-pending')
        expect(select('figcaption', figure!)).toBeUndefined()
        expect(text(tree).split(title).length - 1, `${slug}: "${title}" printed once`).toBe(1)
      }
    }
  })
})

/** The element right after the heading that reads `title` (a citation number may follow it). */
function elementAfterHeading(tree: Root, title: string): Element | undefined {
  let found: Element | undefined
  visit(tree, 'element', (element: Element, index, parent) => {
    if (found || !parent || index === undefined || !/^h[2-6]$/.test(element.tagName) || !text(element).startsWith(title)) return
    found = parent.children.slice(index + 1).find((sibling): sibling is Element => sibling.type === 'element')
  })
  return found
}
