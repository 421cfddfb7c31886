import type {Root as HastRoot} from 'hast'
import {selectAll} from 'hast-util-select'
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import remarkCitations from '../../src/markdown/remark-citations.js'
import type {Citation} from '../../src/markdown/types.js'

const frontmatter = ['---', 'title: "Samen lesgeven"', 'summary: >', '  Een samenvatting die', '  over drie regels loopt.', 'color: "#8b2252"', '---', ''].join('\n')

/** Run remark-citations on a file whose body follows a seven-line frontmatter. */
async function cite(body: string) {
  const file = new VFile({path: '02-voorbereiden.md', value: `${frontmatter}\n${body}\n`})
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkCitations)
  const tree = (await processor.run(processor.parse(file), file)) as Root
  const nodes: Citation[] = []
  visit(tree, 'citation', (node: Citation) => {
    nodes.push(node)
  })
  return {file, tree, nodes, uses: file.data.citations ?? []}
}

/** Line and column (1-based) of the n-th `[@` in the file's text. */
function placeOf(file: VFile, needle = '[@', nth = 0): {line: number; column: number} {
  const value = String(file.value)
  let offset = -1
  for (let index = 0; index <= nth; index++) offset = value.indexOf(needle, offset + 1)
  if (offset < 0) throw new Error(`${needle} not in file`)
  const before = value.slice(0, offset).split('\n')
  return {line: before.length, column: before.at(-1)!.length + 1}
}

describe('remark-citations', () => {
  it('turns a citation into a citation node with its id', async () => {
    const {nodes} = await cite('Samen voorbereiden werkt[@devries2019].')
    expect(nodes.map((node) => node.ids)).toEqual([['devries2019']])
  })

  it('reads every id of a multi-citation, in order', async () => {
    const {nodes, uses} = await cite('Zie het onderzoek [@devries2019; @jansen2021;@bakker2020].')
    expect(nodes.map((node) => node.ids)).toEqual([['devries2019', 'jansen2021', 'bakker2020']])
    expect(uses.map((use) => use.ids)).toEqual([['devries2019', 'jansen2021', 'bakker2020']])
  })

  it('records each use at the line and column of its opening bracket, counted in the whole file', async () => {
    const {file, uses} = await cite('Eerste alinea.\n\nTweede alinea met een bron[@devries2019] en nog een [@jansen2021; @bakker2020].')
    // The body starts on line 9, after seven lines of frontmatter and a blank line.
    expect(uses).toEqual([
      expect.objectContaining({ids: ['devries2019'], place: {line: 11, column: 27, offset: expect.any(Number)}}),
      expect.objectContaining({ids: ['jansen2021', 'bakker2020'], place: {line: 11, column: 53, offset: expect.any(Number)}})
    ])
    expect(uses[0]?.place).toMatchObject(placeOf(file, '[@devries2019]'))
    expect(uses[1]?.place).toMatchObject(placeOf(file, '[@jansen2021'))
  })

  it('records where the `@` of each id of a multi-citation stands', async () => {
    const {file, uses} = await cite('Zie het onderzoek [@devries2019; @jansen2021].')
    expect(uses[0]?.idPlaces?.map((point) => ({line: point.line, column: point.column}))).toEqual([
      placeOf(file, '@devries2019'),
      placeOf(file, '@jansen2021')
    ])
  })

  it('gives the citation node the position of its brackets', async () => {
    const {file, nodes} = await cite('Tekst [@devries2019] verder.')
    const start = placeOf(file, '[@devries2019]')
    expect(nodes[0]?.position?.start).toMatchObject(start)
    expect(nodes[0]?.position?.end).toMatchObject({line: start.line, column: start.column + '[@devries2019]'.length})
  })

  it('finds citations in headings, list items, emphasis, block quotes and table cells', async () => {
    const body = [
      '## Rollen in de klas[@bakker2020]',
      '',
      '- Een punt[@jansen2021]',
      '',
      '*Nadruk [@devries2019]*',
      '',
      '> Een citaat[@achtergrond2018]',
      '',
      '| Taak | Bron |',
      '| --- | --- |',
      '| Plannen | [@devries2019] |'
    ].join('\n')
    const {file, uses} = await cite(body)
    expect(uses.map((use) => use.ids[0])).toEqual(['bakker2020', 'jansen2021', 'devries2019', 'achtergrond2018', 'devries2019'])
    expect(uses.map((use) => ({line: use.place.line, column: use.place.column}))).toEqual([
      placeOf(file, '[@', 0),
      placeOf(file, '[@', 1),
      placeOf(file, '[@', 2),
      placeOf(file, '[@', 3),
      placeOf(file, '[@', 4)
    ])
  })

  it('places a citation on a continuation line of a block quote at its own column', async () => {
    const {file, uses} = await cite('> Met z’n tweeën\n> zie je meer[@bakker2020].')
    expect(uses[0]?.place).toMatchObject(placeOf(file, '[@bakker2020]'))
  })

  it('places a citation on a continuation line of a list item at its own column', async () => {
    const {file, uses} = await cite('- Een lang punt dat\n  doorloopt[@bakker2020].')
    expect(uses[0]?.place).toMatchObject(placeOf(file, '[@bakker2020]'))
  })

  it('places a citation after a character reference at its own column', async () => {
    const {file, uses} = await cite('Leraar &amp; leerling[@bakker2020].')
    expect(uses[0]?.place).toMatchObject(placeOf(file, '[@bakker2020]'))
  })

  it('places a citation after an escaped character at its own column', async () => {
    const {file, uses} = await cite('Een \\*sterretje[@bakker2020].')
    expect(uses[0]?.place).toMatchObject(placeOf(file, '[@bakker2020]'))
  })

  it('keeps the text around a citation', async () => {
    const {tree} = await cite('Voor[@devries2019]na.')
    const paragraph = tree.children.find((node) => node.type === 'paragraph')
    expect(paragraph?.type === 'paragraph' && paragraph.children.map((node) => node.type)).toEqual(['text', 'citation', 'text'])
    expect(paragraph?.type === 'paragraph' && paragraph.children.map((node) => ('value' in node ? node.value : '|'))).toEqual(['Voor', '|', 'na.'])
  })

  it('leaves text that only looks like a citation alone', async () => {
    const {uses, file} = await cite('Mail info@school.nl, schrijf `[@code]` of [tekst](https://example.org/@x) of [mail](mailto:a@b.nl).')
    expect(uses).toEqual([])
    expect(file.messages).toEqual([])
  })

  it('renders a citation as a sup with class citation that remembers its ids', async () => {
    const file = new VFile({path: 'x.md', value: 'Tekst[@devries2019; @jansen2021].'})
    const processor = unified().use(remarkParse).use(remarkCitations).use(remarkRehype)
    const hast = (await processor.run(processor.parse(file), file)) as HastRoot
    const sups = selectAll('sup.citation', hast)
    expect(sups).toHaveLength(1)
    expect(sups[0]?.properties.dataCite).toBe('devries2019 jansen2021')
  })
})
