import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {cardPublication, handoutPublication, publicationPath} from '../../src/card/publication.js'
import {cardOutputPaths, claimGeneratedPaths, OutputPaths, siteOutputPaths} from '../../src/card/reserved-paths.js'
import {reservedCardSlugs} from '../../src/content/card-slug.js'
import {loadContent} from '../../src/content/load-content.js'
import {isValidSlug} from '../../src/content/slug.js'
import {outputMarker} from '../../src/output/write-output.js'
import {renderPrintDocument} from '../../src/render/print-document.js'
import {renderSite} from '../../src/render/site.js'
import {unhashed} from '../helpers/hashed.js'
import {repoRoot} from '../helpers/cli.js'

describe('OutputPaths', () => {
  it('refuses a second claim on a path, also one that differs only in letter case or Unicode form', () => {
    const paths = new OutputPaths()
    expect(paths.claim({path: 'kaart/index.html', what: 'the card page'})).toBeUndefined()
    expect(paths.claim({path: 'kaart/index.html', what: 'image'})?.what).toBe('the card page')
    expect(paths.claim({path: 'Kaart/INDEX.html', what: 'image'})?.what).toBe('the card page')
    expect(paths.claim({path: 'kaart/café.png', what: 'first'})).toBeUndefined()
    expect(paths.claim({path: 'kaart/cafe\u0301.png', what: 'second'})?.what).toBe('first')
  })

  it('refuses a file where a folder must be, and a folder where a file is', () => {
    const paths = new OutputPaths()
    paths.claim({path: 'kaart/card.css', what: 'the card\'s stylesheet'})
    paths.claim({path: 'kaart/thema/index.html', what: 'the theme page'})
    expect(paths.claim({path: 'kaart/card.css/x.png', what: 'image'})?.what).toBe('the card\'s stylesheet')
    expect(paths.claim({path: 'kaart/thema', what: 'image'})?.what).toBe('the theme page')
    expect(paths.claim({path: 'kaart/thema/foto.png', what: 'image'})).toBeUndefined()
  })

  it('refuses anything inside a reserved folder', () => {
    const paths = new OutputPaths()
    paths.reserveFolder({path: 'assets', what: 'the assets folder'})
    expect(paths.claim({path: 'assets/kenniskaart/site.css', what: 'x'})?.what).toBe('the assets folder')
    expect(paths.claim({path: 'ASSETS', what: 'x'})?.what).toBe('the assets folder')
    expect(paths.claim({path: 'assets-kaart/index.html', what: 'x'})).toBeUndefined()
  })
})

describe('the generated paths of a card', () => {
  it('throws when two generated files would clash: that is a fault of kenniskaart, not of content', () => {
    expect(() => claimGeneratedPaths({slug: 'kaart', themes: [], handouts: [{slug: 'a'}, {slug: 'a'}]})).toThrow(/Two generated files clash/)
    expect(() => claimGeneratedPaths({slug: 'assets', themes: [], handouts: []})).toThrow(/Two generated files clash/)
  })

  it('never clash for valid, distinct slugs (a theme called `handouts` or `print-card-x` included)', () => {
    const slug = fc.oneof(fc.stringMatching(/^[a-z\d]+(?:-[a-z\d]+){0,2}$/), fc.constantFrom('handouts', 'index', 'card', 'print-card-kaart', 'kaart'))
    fc.assert(
      fc.property(slug, fc.uniqueArray(slug, {maxLength: 6}), fc.uniqueArray(slug, {maxLength: 4}), (card, themes, handouts) => {
        fc.pre(isValidSlug(card) && !reservedCardSlugs.includes(card))
        expect(() => claimGeneratedPaths({slug: card, themes: themes.map((s) => ({slug: s})), handouts: handouts.map((s) => ({slug: s}))})).not.toThrow()
      })
    )
  })

  it('knows the marker the output module writes', () => {
    expect(siteOutputPaths().files.map((claim) => claim.path)).toContain(outputMarker)
  })

  it('lists every file the site, the print documents and the PDFs of a card are written to', async () => {
    const {cards} = await loadContent(`${repoRoot}/test/fixtures/pdf-card/content`)
    const card = cards[0]!
    expect(card.handouts.length).toBeGreaterThan(0)
    const publications = [cardPublication(card), ...card.handouts.map((handout) => handoutPublication(card, handout))]
    const written = [
      ...(await renderSite(cards, {pdfs: publications})).map((file) => file.path),
      ...publications.flatMap((publication) => {
        const document = renderPrintDocument(publication)
        return [document.path, document.stylesheet.path, publicationPath(publication)]
      })
    ]
    const images = new Set(card.images.map((image) => `${card.slug}/${image.path}`))
    const generated = new Set([...siteOutputPaths().files, ...cardOutputPaths(card)].map((claim) => claim.path))
    const reservedFolders = siteOutputPaths().folders.map((claim) => `${claim.path}/`)
    // The card's stylesheet is claimed by its name before hashing: no image is a .css file
    const unknown = written.map(unhashed).filter((file) => !generated.has(file) && !images.has(file) && !reservedFolders.some((folder) => file.startsWith(folder)))
    expect(unknown).toEqual([])
  })
})
