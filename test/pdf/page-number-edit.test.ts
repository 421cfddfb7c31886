import {beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../src/build.js'
import {cardPublication, type Publication} from '../../src/card/publication.js'
import {pageNumberEdit} from '../../src/pdf/page-number-edit.js'
import {renderPrintDocument, themeAnchor} from '../../src/render/print-document.js'
import {fixtureCardsDir} from '../helpers/content.js'

let publication: Publication

beforeAll(async () => {
  const result = await build({contentDir: fixtureCardsDir, card: 'three-themes', pdf: false})
  publication = cardPublication(result.cards[0]!)
})

function pagesOf(numbers: number[]): Map<string, number> {
  return new Map(publication.themes.map((theme, index) => [themeAnchor(theme.slug), numbers[index]!]))
}

describe('pageNumberEdit', () => {
  it('gives the new numbers in the Inhoud\'s order when the print document differs in them alone', () => {
    const before = renderPrintDocument(publication).html
    const after = renderPrintDocument(publication, pagesOf([3, 12, 7])).html
    expect(pageNumberEdit(before, after)).toEqual(['3', '12', '7'])
    expect(pageNumberEdit(after, renderPrintDocument(publication, pagesOf([4, 13, 8])).html)).toEqual(['4', '13', '8'])
  })

  it('refuses documents that differ anywhere else, so they are loaded in full', () => {
    const before = renderPrintDocument(publication).html
    const retitled = {...publication, title: `${publication.title} (herzien)`}
    expect(pageNumberEdit(before, renderPrintDocument(retitled, pagesOf([3, 5, 7])).html)).toBeUndefined()
    // A digit changed outside the Inhoud
    expect(pageNumberEdit(before, before.replace('</body>', '<p>1</p></body>'))).toBeUndefined()
    // One page number fewer
    const after = renderPrintDocument(publication, pagesOf([3, 5, 7])).html
    expect(pageNumberEdit(before, after.replace(/<span class="tile-page-number">\d+<\/span>/, ''))).toBeUndefined()
  })

  it('refuses documents without page numbers', () => {
    expect(pageNumberEdit('<p>a</p>', '<p>a</p>')).toBeUndefined()
  })
})
