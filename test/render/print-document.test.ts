import path from 'node:path'
import * as csstree from 'css-tree'
import {describe, expect, it} from 'vitest'
import {cardPublication, handoutPublication, type Publication} from '../../src/card/publication.js'
import {loadContent} from '../../src/content/load-content.js'
import {cardStylesheet} from '../../src/render/card-stylesheet.js'
import {renderPrintDocument} from '../../src/render/print-document.js'
import {repoRoot} from '../helpers/content.js'

/**
 * Corpus cases whose titles try to break out of the print stylesheet: the
 * stylesheet of each publication must parse to exactly the rules of the
 * same publication with a plain title.
 */
const cases = ['title-with-cr', 'title-with-ff', 'title-with-style-close']

function parse(css: string): {errors: string[]; rules: string[]; strings: string[]} {
  const errors: string[] = []
  const tree = csstree.parse(css, {onParseError: (error) => errors.push(error.message)})
  const rules: string[] = []
  const strings: string[] = []
  csstree.walk(tree, (node) => {
    if (node.type === 'Atrule') rules.push(`@${node.name} ${node.prelude ? csstree.generate(node.prelude) : ''}`)
    if (node.type === 'Rule') rules.push(csstree.generate(node.prelude))
    if (node.type === 'Declaration') rules.push(`  ${node.property}`)
    if (node.type === 'String') strings.push(node.value)
  })
  return {errors, rules, strings}
}

async function publicationsOf(name: string): Promise<Publication[]> {
  const {cards, files} = await loadContent(path.join(repoRoot, 'test', 'fixtures', 'broken', name, 'content'))
  expect(files.flatMap((file) => file.messages)).toEqual([])
  const card = cards[0]!
  return [cardPublication(card), ...(card.meta.handouts ?? []).map((handout) => handoutPublication(card, handout))]
}

describe.each(cases)('the print document of %s', (name) => {
  it('has a stylesheet with exactly the intended rules, and the title as the footer text', async () => {
    for (const publication of await publicationsOf(name)) {
      expect(publication.title).toMatch(/[\r\f<"]/)
      const hostile = parse(renderPrintDocument(publication).stylesheet.contents)
      const plain = parse(renderPrintDocument({...publication, title: 'Titel'}).stylesheet.contents)
      expect(hostile.errors).toEqual([])
      expect(hostile.rules).toEqual(plain.rules)
      expect(hostile.rules.filter((rule) => rule.startsWith('@'))).toEqual(['@page ', '@bottom-left ', '@bottom-right ', '@page :first', '@bottom-left ', '@bottom-right ', ...publication.themes.flatMap((theme) => [`@page theme-${theme.slug}`, '@bottom-left ', '@bottom-right '])])
      expect(hostile.strings[0]).toBe(publication.title)
    }
  })

  it('keeps the title out of the markup as markup', async () => {
    for (const publication of await publicationsOf(name)) {
      const {html} = renderPrintDocument(publication)
      expect(html).not.toContain('<script>')
      expect(html.match(/<\/style>/g) ?? []).toEqual([])
    }
  })

  it('has a card stylesheet with one rule per theme', async () => {
    const [publication] = await publicationsOf(name)
    const {errors, rules} = parse(cardStylesheet(publication!.card))
    expect(errors).toEqual([])
    expect(rules).toEqual(['.theme-een', '  --theme-color', '  --on-theme-color', '.theme-twee', '  --theme-color', '  --on-theme-color'])
  })
})
