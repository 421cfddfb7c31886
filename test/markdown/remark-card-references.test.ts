import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import remarkCardReferences from '../../src/markdown/remark-card-references.js'
import {findingsOf} from '../helpers/content.js'

async function references(markdown: string) {
  const file = new VFile({path: '03-in-de-klas.md', value: markdown})
  const processor = unified().use(remarkParse).use(remarkCardReferences)
  const tree = (await processor.run(processor.parse(file), file)) as Root
  return {file, tree, themeLinks: file.data.themeLinks ?? [], images: file.data.images ?? [], findings: findingsOf(file)}
}

describe('remark-card-references', () => {
  it('records links to theme files, with or without number prefix, ./ and #heading', async () => {
    const {themeLinks} = await references(
      'Zie [een](02-voorbereiden.md), [twee](voorbereiden.md#taken-verdelen) en\n[drie](./01-terugblikken.md).'
    )
    expect(themeLinks).toEqual([
      {target: '02-voorbereiden.md', fragment: undefined, place: expect.objectContaining({line: 1, column: 5})},
      {target: 'voorbereiden.md', fragment: 'taken-verdelen', place: expect.objectContaining({line: 1, column: 32})},
      {target: '01-terugblikken.md', fragment: undefined, place: expect.objectContaining({line: 2, column: 1})}
    ])
  })

  it('leaves external links, mail links and in-page anchors alone', async () => {
    const {themeLinks} = await references('[a](https://example.org/x.md) [b](mailto:a@b.nl) [c](#kop) [d](//cdn.example/y.md) [e](plaatje.png)')
    expect(themeLinks).toEqual([])
  })

  it('marks a theme link for the per-card step', async () => {
    const {tree} = await references('[Terugblikken](01-terugblikken.md#feedback-geven)')
    const paragraph = tree.children[0]
    const link = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined
    expect(link?.data?.hProperties).toMatchObject({dataThemeLink: '01-terugblikken.md', dataFragment: 'feedback-geven'})
  })

  it('records card images with their place, decoded and normalised', async () => {
    const {images, findings} = await references('Tekst.\n\n![Twee leraren](./figuren/twee%20leraren.png)')
    expect(images).toEqual([{target: 'figuren/twee leraren.png', fragment: undefined, place: expect.objectContaining({line: 3, column: 1})}])
    expect(findings).toEqual([])
  })

  it('warns about an image without alt text at the image', async () => {
    const {findings} = await references('Tekst.\n\n![](figuren/x.png)')
    expect(findings).toEqual([expect.objectContaining({line: 3, column: 1, severity: 'warning', rule: 'image-alt-missing'})])
  })

  it('refuses an image outside the card folder with an error at the image', async () => {
    const {images, findings} = await references('Zie ![Logo](../andere-kaart/logo.png).')
    expect(images).toEqual([])
    expect(findings).toEqual([expect.objectContaining({line: 1, column: 5, severity: 'error', rule: 'image-outside-card'})])
  })

  it('refuses a remote image with an error at the image, and copies nothing', async () => {
    const {images, findings} = await references('![Logo](https://example.org/logo.png)\n\nEn ![Pixel](//example.org/p.gif) of ![Oud](HTTP://example.org/x.png).')
    expect(images).toEqual([])
    expect(findings).toEqual([
      expect.objectContaining({line: 1, column: 1, severity: 'error', rule: 'image-remote'}),
      expect.objectContaining({line: 3, column: 4, severity: 'error', rule: 'image-remote'}),
      expect.objectContaining({line: 3, column: 37, severity: 'error', rule: 'image-remote'})
    ])
  })

  it('checks an image by reference like any other image, at the image', async () => {
    const {images, findings} = await references('![Logo][logo] en ![Foto][FOTO]\n\n[logo]: https://example.org/logo.png\n[foto]: figuren/foto.png')
    expect(images).toEqual([{target: 'figuren/foto.png', fragment: undefined, place: expect.objectContaining({line: 1, column: 18})}])
    expect(findings).toEqual([expect.objectContaining({line: 1, column: 1, severity: 'error', rule: 'image-remote'})])
  })

  it('leaves links to other sites alone: only images must stay inside the card', async () => {
    const {findings} = await references('[Een site](https://example.org/)')
    expect(findings).toEqual([])
  })
})
