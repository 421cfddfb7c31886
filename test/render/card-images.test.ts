import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/build.js'
import {loadContent} from '../../src/content/load-content.js'
import {copyCardImages} from '../../src/render/site.js'
import {findingsOf, type TempContent, tempContent, themeMarkdown} from '../helpers/content.js'

const index = '---\ntitle: Kaart\n---\n\nIntro.\n'
const hostileSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" onload="alert(1)"><script>alert(2)</script>' +
  '<circle cx="10" cy="10" r="8" fill="#0b6e8a"/></svg>'
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

let temp: TempContent
let cardDir: string

beforeAll(async () => {
  temp = await tempContent()
  cardDir = await temp.writeCard('kaart', {
    'index.md': index,
    '01-thema.md': themeMarkdown('Thema', '![Een cirkel](figuren/cirkel.svg)\n\n![Een foto](figuren/foto.png)'),
    'figuren/cirkel.svg': hostileSvg,
    'figuren/foto.png': png
  })
})

afterAll(async () => {
  await temp.remove()
})

describe('the images a build publishes', () => {
  it('publishes the sanitized SVG, not the file as it is, and warns at the image', async () => {
    const result = await build({contentDir: temp.dir, pdf: false})
    expect(result.failed).toBe(false)
    const svg = result.pages.find((page) => page.path === 'kaart/figuren/cirkel.svg')
    expect(String(svg?.contents)).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><circle cx="10" cy="10" r="8" fill="#0b6e8a"></circle></svg>')
    expect(findingsOf(...result.files)).toEqual([expect.objectContaining({rule: 'image-svg-sanitized', line: 6, column: 1, severity: 'warning'})])
    const photo = result.pages.find((page) => page.path === 'kaart/figuren/foto.png')
    expect(new Uint8Array(photo?.contents as Uint8Array)).toEqual(png)
  })

  it('copies the bytes that were checked, even if the file changes on disk afterwards', async () => {
    const {cards} = await loadContent(temp.dir)
    await writeFile(path.join(cardDir, 'figuren/foto.png'), '<script>alert(1)</script>')
    await writeFile(path.join(cardDir, 'figuren/cirkel.svg'), '<html><script>alert(1)</script></html>')
    try {
      const copied = copyCardImages(cards)
      expect(copied.map((file) => file.path)).toEqual(['kaart/figuren/cirkel.svg', 'kaart/figuren/foto.png'])
      expect(copied.every((file) => !String(file.contents).includes('script'))).toBe(true)
    } finally {
      await writeFile(path.join(cardDir, 'figuren/foto.png'), png)
      await writeFile(path.join(cardDir, 'figuren/cirkel.svg'), hostileSvg)
    }
  })

  it('writes nothing when an image is refused', async () => {
    await temp.writeCard('kapot', {'index.md': index, '01-thema.md': themeMarkdown('Thema', '![Pagina](index.html)'), 'index.html': '<script>alert(1)</script>'})
    const result = await build({contentDir: temp.dir, card: 'kapot', pdf: false})
    expect(result.failed).toBe(true)
    expect(result.pages).toEqual([])
    expect(findingsOf(...result.files).map((finding) => finding.rule)).toEqual(['image-path-reserved'])
  })
})
