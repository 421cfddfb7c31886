import type {Root} from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {processMarkdownFragment} from '../../src/markdown/processor.js'
import remarkCitations from '../../src/markdown/remark-citations.js'
import type {Citation} from '../../src/markdown/types.js'

/** Parse Markdown with remark-citations; return the citation nodes, the uses, the findings and the tree. */
async function parse(value: string) {
  const file = new VFile({path: 'x.md', value})
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkCitations)
  const tree = (await processor.run(processor.parse(file), file)) as Root
  const citations: Citation[] = []
  visit(tree, 'citation', (node: Citation) => {
    citations.push(node)
  })
  const findings = file.messages.map((message) => ({rule: message.ruleId, at: span(message.place as Position), reason: message.reason}))
  return {file, tree, citations, findings, uses: file.data.citations ?? [], inText: file.data.inTextCitations ?? []}
}

/** `line:column-line:column` of a position, to compare start and end at a glance. */
function span(position: Position | undefined): string {
  if (!position) return 'none'
  return `${position.start.line}:${position.start.column}-${position.end.line}:${position.end.column}`
}

/** Each item of the one citation in `value`, with where its id stands. */
async function items(value: string) {
  const {citations, findings} = await parse(value)
  expect(findings).toEqual([])
  expect(citations).toHaveLength(1)
  return {
    at: span(citations[0]!.position),
    items: citations[0]!.items.map(({id, prefix, locator, suppressAuthor, idPosition, position}) => ({
      id,
      prefix,
      locator,
      suppressAuthor,
      id_at: span(idPosition),
      item_at: span(position)
    }))
  }
}

describe('citation syntax: every Pandoc form, with exact positions', () => {
  it('reads one id', async () => {
    expect(await items('Tekst [@a] verder.')).toEqual({
      at: '1:7-1:11',
      items: [{id: 'a', prefix: undefined, locator: undefined, suppressAuthor: false, id_at: '1:8-1:10', item_at: '1:8-1:10'}]
    })
  })

  it('reads several ids separated by `;`', async () => {
    const {at, items: found} = await items('[@a; @bb;@c]')
    expect(at).toBe('1:1-1:13')
    expect(found.map((item) => [item.id, item.id_at])).toEqual([
      ['a', '1:2-1:4'],
      ['bb', '1:6-1:9'],
      ['c', '1:10-1:12']
    ])
  })

  it('reads a prefix and a locator after a comma', async () => {
    expect(await items('[zie @a, p. 12]')).toEqual({
      at: '1:1-1:16',
      items: [{id: 'a', prefix: 'zie', locator: 'p. 12', suppressAuthor: false, id_at: '1:6-1:8', item_at: '1:2-1:15'}]
    })
  })

  it('reads a locator on one item of several', async () => {
    const {items: found} = await items('[@a, hfst. 2; @b]')
    expect(found.map(({id, locator, item_at}) => ({id, locator, item_at}))).toEqual([
      {id: 'a', locator: 'hfst. 2', item_at: '1:2-1:13'},
      {id: 'b', locator: undefined, item_at: '1:15-1:17'}
    ])
  })

  it('reads a locator without a comma', async () => {
    const {items: found} = await items('[@a p. 33]')
    expect(found[0]).toMatchObject({id: 'a', locator: 'p. 33', id_at: '1:2-1:4'})
  })

  it('reads a suppressed author, alone and after a prefix', async () => {
    expect((await items('[-@a]')).items[0]).toMatchObject({id: 'a', suppressAuthor: true, id_at: '1:3-1:5', item_at: '1:2-1:5'})
    expect((await items('[zie -@a]')).items[0]).toMatchObject({id: 'a', prefix: 'zie', suppressAuthor: true, id_at: '1:7-1:9'})
  })

  it('reads ids with Pandoc’s characters: digits and `_` first, punctuation inside, letters beyond ASCII', async () => {
    for (const id of ['1abc', '_x', 'doe:2020.a-b+c?d<e>f~g/h#i$j%k&l', 'müller2020', 'http://x.org/y']) {
      expect((await items(`[@${id}]`)).items[0]).toMatchObject({id, id_at: `1:2-1:${3 + id.length}`})
    }
  })

  it('leaves punctuation at the end of an id out of it', async () => {
    expect((await items('[@smith2020.]')).items[0]).toMatchObject({id: 'smith2020', locator: '.'})
    expect((await items('[@smith-, p. 1]')).items[0]).toMatchObject({id: 'smith', locator: '-, p. 1'})
  })

  it('decodes escapes in a prefix and locator and collapses their white space', async () => {
    expect((await items('[zie \\*ook\\*   @a,  p.\n12]')).items[0]).toMatchObject({prefix: 'zie *ook*', locator: 'p. 12'})
  })

  it('places a citation over several lines of a block quote at the parser’s own positions', async () => {
    const {at, items: found} = await items('> Zie [@a;\n> @b, p.\n> 3]')
    expect(at).toBe('1:7-3:5')
    expect(found.map((item) => [item.id, item.id_at, item.item_at])).toEqual([
      ['a', '1:8-1:10', '1:8-1:10'],
      ['b', '2:3-2:5', '2:3-3:4']
    ])
  })

  it('places a citation in a list item, a heading and a table cell', async () => {
    const {uses} = await parse('# Kop [@a]\n\n- punt\n  met [@b]\n\n| x |\n| - |\n| [@c] |')
    expect(uses.map((use) => `${use.ids[0]} ${use.place.line}:${use.place.column}-${use.end?.line}:${use.end?.column}`)).toEqual(['a 1:7-1:11', 'b 4:7-4:11', 'c 8:3-8:7'])
  })

  it('records every id’s start and end in file.data.citations', async () => {
    const {uses} = await parse('Tekst\n[@a; zie @bb, p. 3]')
    expect(uses).toHaveLength(1)
    const [use] = uses
    expect(span({start: use!.place, end: use!.end!})).toBe('2:1-2:20')
    expect(use!.idPlaces!.map((start, index) => span({start, end: use!.idEnds![index]!}))).toEqual(['2:2-2:4', '2:10-2:13'])
  })

  it('hangs the citation on the word before it: the white space before `[` goes', async () => {
    const {tree} = await parse('Tekst  [@a] en\n[@b].')
    const paragraph = tree.children[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children.map((node) => (node.type === 'text' ? node.value : node.type))).toEqual(['Tekst', 'citation', ' en', 'citation', '.'])
  })

  it('lets two citations stand side by side', async () => {
    const {uses} = await parse('Tekst[@a][@b].')
    expect(uses.map((use) => use.ids)).toEqual([['a'], ['b']])
  })
})

describe('citation syntax: what is not a citation', () => {
  it('keeps escaped brackets and an escaped `@` as literal text, without a finding', async () => {
    for (const value of ['\\[@x]', '[\\@x]', '\\[-@x]']) {
      const {citations, findings, tree} = await parse(value)
      expect(citations).toEqual([])
      expect(findings).toEqual([])
      const paragraph = tree.children[0]
      expect(paragraph?.type === 'paragraph' && paragraph.children).toEqual([expect.objectContaining({type: 'text', value: value.replace('\\', '')})])
    }
  })

  it('never finds a citation in inline code, fenced code or indented code', async () => {
    const {citations, findings, uses} = await parse('Schrijf `[@x]` of `[@ x]`.\n\n```\n[@y] [@ z]\n```\n\n    [@w]\n')
    expect(citations).toEqual([])
    expect(uses).toEqual([])
    expect(findings).toEqual([])
  })

  it('reads `[@a](url)` as a link, as CommonMark says', async () => {
    const {citations, findings, tree} = await parse('[@a](https://example.org)')
    expect(citations).toEqual([])
    expect(findings).toEqual([])
    expect(tree.children[0]).toMatchObject({type: 'paragraph', children: [{type: 'link', url: 'https://example.org'}]})
  })

  it('reads `[@x]` as a reference link when `[@x]: url` defines it, and `[@a][ref]` when `ref` is defined', async () => {
    const {citations, findings, tree} = await parse('[@x] en [@a][ref]\n\n[@x]: https://example.org/x\n[ref]: https://example.org/r')
    expect(citations).toEqual([])
    expect(findings).toEqual([])
    const paragraph = tree.children[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children.filter((node) => node.type === 'linkReference').length).toBe(2)
  })
})

describe('citation syntax: malformed citations are findings at their exact place', () => {
  const malformed: Array<[string, string, RegExp]> = [
    ['Zie [@] hier.', '1:5-1:8', /`@` must be followed by a source id/],
    ['Zie [@ a] hier.', '1:5-1:10', /`@` must be followed by a source id/],
    ['[-@]', '1:1-1:5', /`@` must be followed by a source id/],
    ['[@a @b]', '1:1-1:8', /two ids need a `;`/],
    ['[@a;]', '1:1-1:6', /empty part/],
    ['[@a; zie]', '1:1-1:10', /the part `zie` names no source/],
    ['Tekst [@a, p. 3', '1:7-1:11', /no `]` closes it/],
    ['Tekst [zie @a, p. 3', '1:7-1:20', /no `]` closes it/],
    ['[;@0', '1:1-1:5', /no `]` closes it/],
    ['![@a]', '1:2-1:6', /image/],
    ['[@a](', '1:1-1:5', /the `\(` after it makes it a link/],
    ['> regel\n> en [@a;\n> ; @b]', '2:6-3:8', /`\[@a; ; @b\]`: it has an empty part/]
  ]
  for (const [value, at, reason] of malformed) {
    it(`reports ${JSON.stringify(value)} as citation-malformed at ${at}`, async () => {
      const {findings, citations} = await parse(value)
      expect(citations).toEqual([])
      expect(findings).toEqual([{rule: 'citation-malformed', at, reason: expect.stringMatching(reason)}])
    })
  }

  it('reports a bracketed `@` at the right column on a continuation line of a list item', async () => {
    const {findings} = await parse('- een punt\n  dat [@ x] heeft')
    expect(findings).toEqual([expect.objectContaining({rule: 'citation-malformed', at: '2:7-2:12'})])
  })

  it('reports a malformed citation in link text, but not one in code', async () => {
    const {findings} = await parse('[zie [@ x]](https://example.org) en `[@ y]`')
    expect(findings).toEqual([expect.objectContaining({rule: 'citation-malformed', at: '1:6-1:11'})])
  })
})

describe('in-text @id', () => {
  it('records a bare @id with its start and end, for the card to check against its sources', async () => {
    const {inText, findings} = await parse('Volgens @devries2019 werkt het.\n(@jansen:2021)')
    expect(findings).toEqual([])
    expect(inText.map((use) => `${use.ids[0]} ${span({start: use.place, end: use.end!})}`)).toEqual(['devries2019 1:9-1:21', 'jansen:2021 2:2-2:14'])
  })

  it('skips mail addresses, escaped `\\@`, link text and text inside a malformed citation', async () => {
    const {inText} = await parse('Mail info@school.nl of naam@x of \\@a of [tekst @b](https://example.org) of [@c @d]')
    expect(inText).toEqual([])
  })
})

describe('citations in frontmatter fragments', () => {
  it('shifts every point of a citation by the place of its YAML value', async () => {
    const file = new VFile({path: '01-een.md', value: ''})
    await processMarkdownFragment(file, 'Lees [zie @a, p. 3; @bb]', {line: 5, column: 8})
    const [use] = file.data.citations ?? []
    // Column 6 of the fragment is column 8 + 5 in the file.
    expect(span({start: use!.place, end: use!.end!})).toBe('5:13-5:32')
    expect(use!.idPlaces!.map((start, index) => span({start, end: use!.idEnds![index]!}))).toEqual(['5:18-5:20', '5:28-5:31'])
  })

  it('shifts a malformed citation and an in-text @id on a later line of the fragment', async () => {
    const file = new VFile({path: '01-een.md', value: ''})
    await processMarkdownFragment(file, 'Eerste regel\nmet [@ x] en @bron', {line: 7, column: 5})
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['citation-malformed', 8, 5]])
    const [use] = file.data.inTextCitations ?? []
    expect(span({start: use!.place, end: use!.end!})).toBe('8:14-8:19')
  })
})
