import type {Root} from 'hast'
import {selectAll, select} from 'hast-util-select'
import {toHtml} from 'hast-util-to-html'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {processMarkdown, processMarkdownFragment} from '../../src/markdown/processor.js'

const frontmatter = '---\ntitle: T\nsummary: S\n---\n\n'

/** Run a theme file's body (from line 6) through the real per-file pipeline. */
async function run(body: string): Promise<{tree: Root; html: string; findings: Array<{rule: string; line: number; column: number; reason: string}>}> {
  const file = new VFile({path: '01-thema.md', value: `${frontmatter}${body}\n`})
  const {tree} = await processMarkdown(file)
  return {
    tree,
    html: toHtml(tree),
    findings: file.messages.map((message) => ({rule: message.ruleId ?? '', line: message.line ?? 0, column: message.column ?? 0, reason: message.reason}))
  }
}

describe('rehype-safe-html on what kenniskaart itself makes', () => {
  it('keeps citations, theme links, images, figures and placeholders with their attributes, and reports nothing', async () => {
    const {tree, findings} = await run(
      ['Tekst[@bron; @ander].', '', 'Zie [het thema](02-ander.md#aanpak).', '', '![Twee leraren](figuren/foto.png "Samen")', '', '::figure[Volgt nog]'].join('\n')
    )
    expect(findings).toEqual([])
    expect(select('sup.citation', tree)?.properties.dataCite).toBe('bron ander')
    expect(select('a', tree)?.properties).toMatchObject({dataThemeLink: '02-ander.md', dataFragment: 'aanpak'})
    expect(select('figure.figure img', tree)?.properties).toMatchObject({dataAsset: 'figuren/foto.png', alt: 'Twee leraren'})
    expect(select('figure.figure > figcaption', tree)).toBeDefined()
    expect(select('figure.figure-pending div.figure-placeholder', tree)?.properties.ariaHidden).toBe('true')
  })

  it('gives headings their ids without a prefix', async () => {
    const {tree} = await run('## Samen leren\n\nTekst.')
    expect(select('h2', tree)?.properties.id).toBe('samen-leren')
  })

  it('keeps GFM tables, task lists, strikethrough and footnotes working', async () => {
    const {tree, findings} = await run(['| a | b |', '| :- | -: |', '| 1 | 2 |', '', '- [x] klaar', '', '~~weg~~ en een voetnoot[^1].', '', '[^1]: De noot.'].join('\n'))
    expect(findings).toEqual([])
    expect(selectAll('td', tree)).toHaveLength(2)
    expect(select('input', tree)?.properties).toMatchObject({type: 'checkbox', checked: true, disabled: true})
    expect(select('del', tree)).toBeDefined()
    const reference = select('sup a', tree)
    const note = select('section li', tree)
    expect(reference?.properties.href).toBe(`#${String(note?.properties.id)}`)
  })
})

describe('rehype-safe-html on raw HTML', () => {
  it('keeps plain HTML and the Markdown inside it', async () => {
    const {html, findings} = await run('Een <b>vet</b> woord en <sub>2</sub>.\n\n<details>\n<summary>Meer</summary>\n\n**Binnen** [@bron]\n\n</details>')
    expect(findings).toEqual([])
    expect(html).toContain('<b>vet</b>')
    expect(html).toContain('<details>')
    expect(html).toContain('<strong>Binnen</strong>')
    expect(html).toContain('class="citation"')
  })

  it('does not let raw HTML forge kenniskaart’s own attributes', async () => {
    const {tree, findings} = await run('<sup class="citation" data-cite="x">1</sup> <img src="a.png" alt="a" data-asset="../../geheim.png"> <a href="#" data-theme-link="x.md">x</a>')
    expect(select('[data-cite], [data-theme-link]', tree)).toBeUndefined()
    // The image is claimed from its own src (a card file), never from the forged attribute
    expect(select('img', tree)?.properties.dataAsset).toBe('a.png')
    expect(findings.map((finding) => [finding.column, finding.reason])).toEqual([
      [1, 'Removed the attribute `class` from `<sup>`'],
      [1, 'Removed the attribute `data-cite` from `<sup>`'],
      [45, 'Removed the attribute `data-asset` from `<img>`'],
      [101, 'Removed the attribute `data-theme-link` from `<a>`']
    ])
  })

  it('prefixes ids written in raw HTML, so they cannot clobber the page’s own', async () => {
    const {tree, findings} = await run('<span id="inhoud">x</span>')
    expect(select('span', tree)?.properties.id).toBe('user-content-inhoud')
    expect(findings).toEqual([])
  })

  it('drops comments without a finding', async () => {
    const {html, findings} = await run('Tekst <!-- notitie voor de redactie --> verder.\n\n<!--\nblok\n-->')
    expect(html).not.toContain('notitie')
    expect(findings).toEqual([])
  })

  it('reports each removal at the line and column of its tag in the file', async () => {
    const {findings} = await run('Eerste regel.\n\nTwee <i onclick="x()">tags</i> en <script>x()</script>.')
    expect(findings).toEqual([
      {rule: 'html-removed', line: 8, column: 6, reason: 'Removed the event handler `onclick` from `<i>`'},
      {rule: 'html-removed', line: 8, column: 35, reason: 'Removed the HTML element `<script>` and its content'}
    ])
  })

  it('removes a `data:` image written in Markdown', async () => {
    const {tree, findings} = await run('![Pixel](data:image/png;base64,AAAA)')
    expect(select('img', tree)?.properties.src).toBeUndefined()
    expect(findings).toContainEqual({rule: 'link-unsafe', line: 6, column: 1, reason: 'Removed the `data:` address from the `src` of `<img>`'})
  })

  it('reports raw HTML in a tip at its place in the frontmatter', async () => {
    const file = new VFile({path: '01-thema.md', value: 'x'})
    const tree = await processMarkdownFragment(file, 'Tip <script>x()</script> en <b onmouseover="x()">b</b>', {line: 5, column: 6})
    expect(toHtml(tree)).not.toMatch(/script|onmouseover/)
    expect(file.messages.map((message) => [message.line, message.column, message.ruleId])).toEqual([
      [5, 10, 'html-removed'],
      [5, 34, 'html-removed']
    ])
  })
})
