import {beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/build.js'
import type {Card} from '../../src/card/model.js'
import {cardPublication, handoutPublication, type Publication} from '../../src/card/publication.js'
import type {OutputFile} from '../../src/output/output-file.js'
import {printInputs, printKey} from '../../src/pdf/print-key.js'
import {hashedPath} from '../helpers/hashed.js'
import {fixtureCardsDir} from '../helpers/content.js'

let card: Card
let site: OutputFile[]
let publication: Publication
const env = {SOURCE_DATE_EPOCH: '1700000000'}

beforeAll(async () => {
  const result = await build({contentDir: fixtureCardsDir, card: 'three-themes', pdf: false})
  expect(result.failed).toBe(false)
  card = result.cards[0]!
  site = result.pages
  publication = cardPublication(card)
})

/** The site with one file's bytes replaced (or added). */
function withFile(filePath: string, contents: string | Uint8Array): OutputFile[] {
  return [...site.filter((file) => file.path !== filePath), {path: filePath, contents}]
}

function fileOf(filePath: string): OutputFile {
  const file = site.find((entry) => entry.path === filePath)
  expect(file, filePath).toBeDefined()
  return file!
}

/** The same bytes with one byte changed. */
function changed(contents: string | Uint8Array): Uint8Array {
  const bytes = Uint8Array.from(typeof contents === 'string' ? Buffer.from(contents) : contents)
  bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1
  return bytes
}

describe('printInputs', () => {
  it('lists the card\'s own files and its theme\'s assets, sorted, without web pages', () => {
    const paths = printInputs(publication, [...site].reverse()).map((file) => file.path)
    expect(paths).toEqual([...paths].sort())
    expect(paths).toContain(hashedPath(site, 'three-themes/card.css'))
    expect(paths).toContain('three-themes/figuren/twee-leraren.png')
    expect(paths).toContain(hashedPath(site, `assets/${card.visualTheme.name}/print.css`))
    expect(paths.some((file) => file.endsWith('.woff2'))).toBe(true)
    expect(paths.filter((file) => file.endsWith('.html'))).toEqual([])
    expect(paths.every((file) => file.startsWith('three-themes/') || file.startsWith(`assets/${card.visualTheme.name}/`))).toBe(true)
  })
})

describe('printKey', () => {
  it('is a hex SHA-256, the same for the same input in any order of the site\'s files', () => {
    const key = printKey(publication, site, env)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(printKey(cardPublication(card), [...site].reverse(), {...env})).toBe(key)
  })

  it('does not change with files the print never loads: web pages, other cards, other themes, PDFs', () => {
    const key = printKey(publication, site, env)
    expect(printKey(publication, withFile('three-themes/index.html', '<p>anders</p>'), env)).toBe(key)
    expect(printKey(publication, withFile('index.html', '<p>anders</p>'), env)).toBe(key)
    expect(printKey(publication, withFile('andere-kaart/card.css', 'p {}'), env)).toBe(key)
    expect(printKey(publication, withFile('andere-kaart/plaatje.png', new Uint8Array([1, 2, 3])), env)).toBe(key)
    expect(printKey(publication, withFile('assets/ander-thema/print.css', 'p {}'), env)).toBe(key)
    expect(printKey(publication, withFile('three-themes/three-themes.pdf', new Uint8Array([1])), env)).toBe(key)
    expect(printKey(publication, site, {...env, UNRELATED: 'x'})).toBe(key)
  })

  it('changes with every file the print may load: theme stylesheet, font, card stylesheet, image', () => {
    const key = printKey(publication, site, env)
    const font = site.find((file) => file.path.startsWith(`assets/${card.visualTheme.name}/`) && file.path.endsWith('.woff2'))!
    const hashed = [`assets/${card.visualTheme.name}/print.css`, `assets/${card.visualTheme.name}/fonts.css`, 'three-themes/card.css'].map((original) => hashedPath(site, original))
    for (const filePath of [...hashed, font.path, 'three-themes/figuren/twee-leraren.png']) {
      expect(printKey(publication, withFile(filePath, changed(fileOf(filePath).contents)), env), filePath).not.toBe(key)
    }
    // A new file in the card folder (an image the page may ask for)
    expect(printKey(publication, withFile('three-themes/figuren/nieuw.png', new Uint8Array([1])), env)).not.toBe(key)
    // A file moved: same bytes, other path
    const image = fileOf('three-themes/figuren/twee-leraren.png')
    expect(printKey(publication, [...site.filter((file) => file !== image), {path: 'three-themes/figuren/ander.png', contents: image.contents}], env)).not.toBe(key)
  })

  it('changes with the print document, the paper size, the document information and SOURCE_DATE_EPOCH', () => {
    const key = printKey(publication, site, env)
    const [first, ...rest] = card.themes
    const retitled = {...publication, themes: [{...first!, title: `${first!.title}!`}, ...rest]}
    expect(printKey(retitled, site, env)).not.toBe(key)
    expect(printKey({...publication, size: 'A5'}, site, env)).not.toBe(key)
    // The colour of a theme's page footer is written in the document's own stylesheet
    const recoloured = {...publication, themes: [{...first!, color: first!.color === '#123456' ? '#654321' : '#123456'}, ...rest]}
    expect(printKey(recoloured, site, env)).not.toBe(key)
    expect(printKey({...publication, card: {...card, meta: {...card.meta, publisher: 'Een andere uitgever'}}}, site, env)).not.toBe(key)
    expect(printKey({...publication, card: {...card, meta: {...card.meta, keywords: ['ander']}}}, site, env)).not.toBe(key)
    expect(printKey(publication, site, {SOURCE_DATE_EPOCH: '1700000001'})).not.toBe(key)
    expect(printKey(publication, site, {})).not.toBe(key)
  })

  it('tells a handout from the card and from another handout', () => {
    const key = printKey(publication, site, env)
    const handout = handoutPublication(card, {slug: 'samen', title: undefined, themes: [card.themes[0]!.slug], size: undefined})
    const other = handoutPublication(card, {slug: 'samen', title: undefined, themes: [card.themes[1]!.slug], size: undefined})
    expect(new Set([key, printKey(handout, site, env), printKey(other, site, env)]).size).toBe(3)
  })
})
