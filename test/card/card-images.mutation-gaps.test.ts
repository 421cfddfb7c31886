/**
 * The images of a card, checked in-process: the list a card publishes, and
 * a file whose bytes are not what its name says. The broken-input corpus
 * checks these through the CLI, which never runs the mutated src/; these
 * fail when src/card/assemble-card.ts breaks (found by mutation testing).
 */
import {describe, expect, it} from 'vitest'
import {cardLoader, themeMarkdown} from '../helpers/content.js'

/** The eight bytes every PNG file starts with, and a minimal GIF header. */
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000')

/** Write a card to a temp content folder and load just that card. */
const loadCard = cardLoader()

const index = '---\ntitle: Kaart\n---\n\nIntro.\n'

describe('the images a card publishes', () => {
  it('are listed once each, sorted by path, however often and in whatever order the themes use them', async () => {
    const {card, findings} = await loadCard('plaatjes', {
      'index.md': index,
      '01-een.md': themeMarkdown('Een', '![Zee](b/zee.png)\n\n![Bos](a.png)\n\n![Zee weer](b/zee.png)'),
      '02-twee.md': themeMarkdown('Twee', '![Bos](a.png)\n\n![Aap](a/aap.png)'),
      'a.png': png,
      'a/aap.png': png,
      'b/zee.png': png
    })
    expect(findings).toEqual([])
    expect(card?.images.map((image) => image.path)).toEqual(['a.png', 'a/aap.png', 'b/zee.png'])
    expect(card?.images.every((image) => image.contents instanceof Uint8Array && image.contents.length === png.length)).toBe(true)
  })
})

describe('an image whose bytes are not what its name says', () => {
  it('is an image-type error at the image, naming the type the bytes are, with the name to rename it to', async () => {
    const {findings} = await loadCard('verkeerd', {
      'index.md': index,
      '01-een.md': themeMarkdown('Een', '![Bos](bos.png)'),
      'bos.png': gif
    })
    expect(findings.map(({file, line, column, rule}) => ({file, line, column, rule}))).toEqual([{file: '01-een.md', line: 6, column: 1, rule: 'image-type'}])
    expect(findings[0]?.reason).toMatch(/bos\.png.*PNG.*GIF/)
    expect(findings[0]?.hint).toMatch(/bos\.gif/)
  })

  it('says text when a .png holds text, and gives no new name then', async () => {
    const {findings} = await loadCard('tekst', {
      'index.md': index,
      '01-een.md': themeMarkdown('Een', '![Bos](bos.png)'),
      'bos.png': '<html>not a picture</html>'
    })
    expect(findings.map(({rule}) => rule)).toEqual(['image-type'])
    expect(findings[0]?.reason).toMatch(/text/)
    expect(findings[0]?.hint).not.toMatch(/Rename/)
  })
})
