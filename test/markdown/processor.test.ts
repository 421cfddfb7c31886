import {select, selectAll} from 'hast-util-select'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {processMarkdown, processMarkdownFragment} from '../../src/markdown/processor.js'
import {findingsOf} from '../helpers/content.js'
import {classesOf, text} from '../helpers/html.js'

async function render(body: string, frontmatter = 'title: T\nsummary: S\n') {
  const file = new VFile({path: '/kaart/02-thema.md', value: `---\n${frontmatter}---\n\n${body}\n`})
  const {tree, frontmatter: block} = await processMarkdown(file)
  return {file, tree, block, findings: findingsOf(file)}
}

describe('processMarkdown', () => {
  it('returns the frontmatter block and the line it starts on', async () => {
    const {block} = await render('Tekst.', 'title: T\nsummary: S\n')
    expect(block).toEqual({value: 'title: T\nsummary: S', startLine: 2})
  })

  it('returns no frontmatter block for a file without one', async () => {
    const file = new VFile({path: 'x.md', value: 'Alleen tekst.\n'})
    expect((await processMarkdown(file)).frontmatter).toBeUndefined()
  })

  it('leaves the frontmatter out of the body', async () => {
    const {tree} = await render('Tekst.')
    expect(text(tree)).toBe('Tekst.')
  })

  it('renders GFM tables', async () => {
    const {tree} = await render('| Taak | Wie |\n| --- | --- |\n| Plannen | Samen |')
    expect(selectAll('table th', tree).map((cell) => text(cell))).toEqual(['Taak', 'Wie'])
    expect(selectAll('table td', tree).map((cell) => text(cell))).toEqual(['Plannen', 'Samen'])
  })

  it('renders a block quote (the pull quote) as a blockquote', async () => {
    const {tree} = await render('> Met z’n tweeën zie je meer.')
    expect(text(select('blockquote', tree))).toBe('Met z’n tweeën zie je meer.')
  })

  it('gives headings ids from their text, leaving a citation out of the id', async () => {
    const {tree} = await render('## Rollen in de klas[@bakker2020]')
    expect(select('h2', tree)?.properties.id).toBe('rollen-in-de-klas')
  })

  it('turns ::figure[Caption] into a pending figure with its caption', async () => {
    const {tree, findings} = await render('::figure[Schema: wie doet wat]')
    const figure = select('figure', tree)
    expect(classesOf(figure)).toEqual(['figure', 'figure-pending'])
    expect(text(select('figure > figcaption', tree))).toBe('Schema: wie doet wat')
    expect(select('.figure-placeholder', tree)?.properties.ariaHidden).toBe('true')
    expect(findings).toEqual([])
  })

  it('turns ::figure[Caption]{src alt} into a figure with its picture', async () => {
    const {tree, file} = await render('::figure[Het schema]{src="figuren/schema.png" alt="Een schema van de rollen"}')
    const image = select('figure img', tree)
    expect(image?.properties).toMatchObject({alt: 'Een schema van de rollen', dataAsset: 'figuren/schema.png'})
    expect(text(select('figure figcaption', tree))).toBe('Het schema')
    expect(file.data.images?.map((image_) => image_.target)).toEqual(['figuren/schema.png'])
  })

  it('warns about an unknown directive and shows its text', async () => {
    const {tree, findings} = await render('::video[Een filmpje]')
    expect(findings).toEqual([expect.objectContaining({line: 6, column: 1, severity: 'warning', rule: 'directive-unknown'})])
    expect(text(tree)).toBe('Een filmpje')
  })

  it('keeps a time such as 10:30 as text', async () => {
    const {tree, findings} = await render('De les begint om 10:30 uur.')
    expect(text(tree)).toBe('De les begint om 10:30 uur.')
    expect(findings).toEqual([])
  })

  it('makes an image alone in its paragraph a figure, its title the caption', async () => {
    const {tree} = await render('![Twee leraren](figuren/twee-leraren.png "Twee leraren, één klas")')
    const figure = select('figure', tree)
    expect(classesOf(figure)).toEqual(['figure'])
    expect(select('figure > img', tree)?.properties).toMatchObject({alt: 'Twee leraren'})
    expect(select('figure > img', tree)?.properties.title).toBeUndefined()
    expect(text(select('figure > figcaption', tree))).toBe('Twee leraren, één klas')
  })

  it('leaves an image inside running text inline', async () => {
    const {tree} = await render('Zie ![icoon](figuren/icoon.png) hier.')
    expect(select('figure', tree)).toBeUndefined()
    expect(select('p > img', tree)).toBeDefined()
  })

  it('warns where a heading skips a level, at the heading', async () => {
    const {findings} = await render('## Sectie\n\n#### Te diep')
    expect(findings).toEqual([expect.objectContaining({line: 8, column: 1, severity: 'warning', rule: 'heading-level-skipped'})])
    expect(findings[0]?.hint).toContain('###')
  })

  it('warns about a level-1 heading in a body, which belongs to the page title', async () => {
    const {findings} = await render('# Tweede titel')
    expect(findings).toEqual([expect.objectContaining({line: 6, column: 1, severity: 'warning', rule: 'heading-level-skipped'})])
    expect(findings[0]?.hint).toContain('##')
  })

  it('accepts headings that go down one level at a time and back up', async () => {
    const {findings} = await render('## Een\n\n### Twee\n\n## Drie\n\n### Vier')
    expect(findings).toEqual([])
  })
})

describe('processMarkdownFragment', () => {
  it('records a citation in a fragment at the place the fragment stands in the file', async () => {
    const file = new VFile({path: '/kaart/01-terugblikken.md', value: ''})
    const tree = await processMarkdownFragment(file, 'Vraag het [@bakker2020]', {line: 5, column: 14})
    expect(file.data.citations).toEqual([expect.objectContaining({ids: ['bakker2020'], place: expect.objectContaining({line: 5, column: 24})})])
    expect(select('sup.citation', tree)).toBeDefined()
  })

  it('copies the fragment’s findings to the file, shifted to the fragment’s place', async () => {
    const file = new VFile({path: '/kaart/01-terugblikken.md', value: ''})
    await processMarkdownFragment(file, 'Kijk ![](x.png)', {line: 7, column: 8})
    expect(findingsOf(file)).toEqual([expect.objectContaining({line: 7, column: 13, severity: 'warning', rule: 'image-alt-missing'})])
  })
})
