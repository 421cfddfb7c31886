/**
 * What a card and a handout print: which themes, which sources with which
 * numbers, under which title and path. Found by mutation testing: nothing
 * checked the numbers a handout gives its sources.
 */
import {describe, expect, it} from 'vitest'
import type {Card} from '../../src/card/model.js'
import {cardPublication, handoutPublication, publicationPath, selectThemes} from '../../src/card/publication.js'
import {CliError, ExitCode} from '../../src/errors.js'

/** A card of four themes and four sources; only the fields publications read. */
const card = {
  slug: 'kaart',
  meta: {title: 'De kaart'},
  themes: [
    {slug: 'een', title: 'Een', cites: ['a']},
    {slug: 'twee', title: 'Twee', cites: ['c', 'b']},
    {slug: 'drie', title: 'Drie', cites: []},
    {slug: 'vier', title: 'Vier', cites: ['d']}
  ],
  sources: [{id: 'a'}, {id: 'b'}, {id: 'c'}, {id: 'd'}]
} as unknown as Card

const numbered = (sources: Array<{source: {id: string}; number: number}>) => sources.map(({source, number}) => `${number}:${source.id}`)

describe('cardPublication', () => {
  it('prints every theme and numbers every source 1…n by its place in the card', () => {
    const publication = cardPublication(card)
    expect(publication.themes.map((theme) => theme.slug)).toEqual(['een', 'twee', 'drie', 'vier'])
    expect(numbered(publication.sources)).toEqual(['1:a', '2:b', '3:c', '4:d'])
    expect([publication.kind, publication.title, publication.size]).toEqual(['card', 'De kaart', 'A4'])
    expect(publicationPath(publication)).toBe('kaart/kaart.pdf')
  })
})

describe('handoutPublication', () => {
  it('keeps only the sources its themes cite, renumbered 1…k in the card\'s order', () => {
    const publication = handoutPublication(card, {slug: 'deel', title: undefined, themes: ['vier', 'twee'], size: 'A5'})
    expect(publication.themes.map((theme) => theme.slug)).toEqual(['twee', 'vier'])
    expect(numbered(publication.sources)).toEqual(['1:b', '2:c', '3:d'])
    expect([publication.kind, publication.size]).toEqual(['handout', 'A5'])
    expect(publicationPath(publication)).toBe('kaart/handouts/deel.pdf')
  })

  it('is named after its themes when it has no title: "A", "A en B", "A, B en C"', () => {
    const title = (themes: string[], own?: string) => handoutPublication(card, {slug: 'h', title: own, themes, size: undefined}).title
    expect(title(['een'])).toBe('Een')
    expect(title(['een', 'drie'])).toBe('Een en Drie')
    expect(title(['een', 'twee', 'vier'])).toBe('Een, Twee en Vier')
    expect(title(['een', 'twee'], 'Eigen titel')).toBe('Eigen titel')
    expect(handoutPublication(card, {slug: 'h', title: undefined, themes: ['een'], size: undefined}).size).toBe('A4')
  })

  it('joins the titles in the card\'s language: "A, B, and C" in English', () => {
    const english = {...card, meta: {...card.meta, lang: 'en'}} as Card
    expect(handoutPublication(english, {slug: 'h', title: undefined, themes: ['een', 'twee', 'vier'], size: undefined}).title).toBe('Een, Twee, and Vier')
    expect(handoutPublication({...card, meta: {...card.meta, lang: 'nl-BE'}} as Card, {slug: 'h', title: undefined, themes: ['een', 'drie'], size: undefined}).title).toBe('Een en Drie')
  })
})

describe('selectThemes', () => {
  it('refuses an unknown theme as a usage error naming it and the themes there are', () => {
    let error: unknown
    try {
      selectThemes(card, ['een', 'vijf', 'zes'])
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CliError)
    expect([(error as CliError).message, (error as CliError).exitCode, (error as CliError).hint]).toEqual([
      'Card `kaart` has no theme `vijf`, `zes`',
      ExitCode.usage,
      'Its themes are: een, twee, drie, vier.'
    ])
  })
})
