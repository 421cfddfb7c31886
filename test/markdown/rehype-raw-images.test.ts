import type {Root} from 'hast'
import {select} from 'hast-util-select'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {processMarkdown, processMarkdownFragment} from '../../src/markdown/processor.js'

const frontmatter = '---\ntitle: T\nsummary: S\n---\n\n'

/** Run a theme file's body (from line 6) through the real per-file pipeline. */
async function run(body: string): Promise<{tree: Root; file: VFile; findings: Array<{rule: string; line: number; column: number}>}> {
  const file = new VFile({path: '01-thema.md', value: `${frontmatter}${body}\n`})
  const {tree} = await processMarkdown(file)
  return {tree, file, findings: file.messages.map((message) => ({rule: message.ruleId ?? '', line: message.line ?? 0, column: message.column ?? 0}))}
}

describe('rehype-raw-images: images written as raw HTML', () => {
  it('claims a card file, so it is checked and copied like a Markdown image', async () => {
    const {tree, file, findings} = await run('Tekst.\n\n<img alt="Logo" src="figuren/logo.png" width="80">')
    expect(findings).toEqual([])
    expect(select('img', tree)?.properties).toMatchObject({dataAsset: 'figuren/logo.png', width: 80})
    expect(file.data.images).toEqual([{target: 'figuren/logo.png', fragment: undefined, place: expect.objectContaining({line: 8, column: 1})}])
  })

  it('refuses an image from another site at its place, and drops its address', async () => {
    const {tree, findings} = await run('Tekst.\n\nZie <img alt="Logo" src="https://example.com/logo.png">.')
    expect(findings).toEqual([{rule: 'image-remote', line: 8, column: 5}])
    expect(select('img', tree)?.properties.src).toBeUndefined()
  })

  it('refuses a protocol-relative address and a path out of the card folder', async () => {
    const {findings} = await run('<img alt="a" src="//example.com/a.png">\n\n<img alt="b" src="../../b.png">')
    expect(findings).toEqual([
      {rule: 'image-remote', line: 6, column: 1},
      {rule: 'image-outside-card', line: 8, column: 1}
    ])
  })

  it('warns about a raw image without alt text', async () => {
    const {findings} = await run('<img src="figuren/logo.png">')
    expect(findings).toEqual([{rule: 'image-alt-missing', line: 6, column: 1}])
  })

  it('leaves Markdown images to the Markdown plugin: one claim each', async () => {
    const {file, findings} = await run('![Foto](figuren/foto.png)')
    expect(findings).toEqual([])
    expect(file.data.images?.map((image) => image.target)).toEqual(['figuren/foto.png'])
  })

  it('reports a remote raw image in a tip at its place in the frontmatter', async () => {
    const file = new VFile({path: '01-thema.md', value: ''})
    await processMarkdownFragment(file, 'Zie <img alt="x" src="https://example.com/x.png">', {line: 4, column: 5})
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['image-remote', 4, 9]])
  })
})
