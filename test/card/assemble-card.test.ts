import {beforeAll, describe, expect, it} from 'vitest'
import type {Card} from '../../src/card/model.js'
import {loadContent} from '../../src/content/load-content.js'
import {cardLoader, findingsOf, fixtureCardsDir, themeMarkdown} from '../helpers/content.js'

/** Write a card to a temp content folder and load just that card. */
const loadCard = cardLoader()

function index(frontmatter: string, body = 'Intro.'): string {
  return `---\ntitle: Kaart\n${frontmatter}---\n\n${body}\n`
}

describe('the fixture card three-themes', () => {
  let card: Card
  let findings: ReturnType<typeof findingsOf>

  beforeAll(async () => {
    const loaded = await loadContent(fixtureCardsDir, {card: 'three-themes'})
    card = loaded.cards[0]!
    findings = findingsOf(...loaded.files)
  })

  it('loads without findings', () => {
    expect(findings).toEqual([])
  })

  it('orders its themes by the `themes` list, not by file name', () => {
    expect(card.themes.map((theme) => theme.file.basename)).toEqual(['02-voorbereiden.md', '03-in-de-klas.md', '01-terugblikken.md'])
    expect(card.themes.map((theme) => theme.slug)).toEqual(['voorbereiden', 'in-de-klas', 'terugblikken'])
  })

  it('numbers the themes by their place in the list', () => {
    expect(card.themes.map((theme) => [theme.slug, theme.number])).toEqual([
      ['voorbereiden', 1],
      ['in-de-klas', 2],
      ['terugblikken', 3]
    ])
  })

  it('gives themes without a colour the palette colour of their position, and keeps a custom colour', () => {
    const {palette} = card.visualTheme
    expect(card.themes.map((theme) => theme.color)).toEqual([palette[0], '#8b2252', palette[2]])
    expect(palette[1]).not.toBe('#8b2252')
    expect(card.themes.every((theme) => theme.textColor === card.visualTheme.onColor)).toBe(true)
  })

  it('keeps the sources in the order of the frontmatter', () => {
    expect(card.sources.map((source) => source.id)).toEqual(['devries2019', 'jansen2021', 'bakker2020', 'achtergrond2018'])
    expect(card.sources[1]?.url).toBe('https://example.org/jansen2021')
    expect(card.sources[3]?.uncited).toBe(true)
  })

  it('records which sources each theme cites, in reading order: body first, then tips', () => {
    expect(Object.fromEntries(card.themes.map((theme) => [theme.slug, theme.cites]))).toEqual({
      voorbereiden: ['devries2019', 'jansen2021'],
      'in-de-klas': ['bakker2020'],
      terugblikken: ['jansen2021', 'devries2019', 'bakker2020']
    })
  })

  it('splits multi-line contact values into lines', () => {
    expect(card.contact).toEqual([
      {key: 'email', lines: ['info@samenleren.example']},
      {key: 'website', lines: ['https://samenleren.example']},
      {key: 'visit', lines: ['Schoolstraat 12', '3511 AB Utrecht']}
    ])
  })

  it('lists the images the card uses', () => {
    expect(card.images.map((image) => image.path)).toEqual(['figuren/twee-leraren.png'])
  })

  it('keeps the tips of the theme that has them', () => {
    expect(card.themes.map((theme) => theme.tips?.items.length)).toEqual([undefined, undefined, 3])
    expect(card.themes[2]?.tips?.heading).toBeDefined()
  })
})

describe('theme order', () => {
  it('follows file-name order when the card has no `themes` list', async () => {
    const {card, findings} = await loadCard('zonder-lijst', {
      'index.md': index(''),
      '02-b.md': themeMarkdown('B'),
      '10-d.md': themeMarkdown('D'),
      '01-c.md': themeMarkdown('C'),
      '03-a.md': themeMarkdown('A')
    })
    expect(findings).toEqual([])
    expect(card?.themes.map((theme) => theme.slug)).toEqual(['c', 'b', 'a', 'd'])
    expect(card?.themes.map((theme) => theme.number)).toEqual([1, 2, 3, 4])
  })

  it('reports a listed theme without a file at its list item', async () => {
    const {findings} = await loadCard('ontbrekend-thema', {
      'index.md': index('themes:\n  - een\n  - twee\n'),
      '01-een.md': themeMarkdown('Een')
    })
    expect(findings).toEqual([expect.objectContaining({file: 'index.md', line: 5, column: 5, severity: 'error', rule: 'theme-missing', reason: expect.stringContaining('`twee`')})])
  })

  it('leaves out a theme file that is not listed, with a warning on that file', async () => {
    const {card, findings} = await loadCard('niet-genoemd', {
      'index.md': index('themes:\n  - een\n'),
      '01-een.md': themeMarkdown('Een'),
      '02-extra.md': themeMarkdown('Extra')
    })
    expect(card?.themes.map((theme) => theme.slug)).toEqual(['een'])
    expect(findings).toEqual([expect.objectContaining({file: '02-extra.md', severity: 'warning', rule: 'theme-unlisted'})])
  })

  it('reports two files with the same slug', async () => {
    const {findings} = await loadCard('dubbel', {
      'index.md': index(''),
      '01-een.md': themeMarkdown('Een'),
      '02-een.md': themeMarkdown('Nog een')
    })
    expect(findings).toEqual([expect.objectContaining({file: '02-een.md', severity: 'error', rule: 'theme-duplicate'})])
  })

  it('reports a card without themes', async () => {
    const {findings} = await loadCard('leeg', {'index.md': index('')})
    expect(findings).toEqual([expect.objectContaining({file: 'index.md', severity: 'error', rule: 'card-empty'})])
  })
})

describe('theme colours', () => {
  it('start again at the first palette colour after the last', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
    const files: Record<string, string> = {'index.md': index('')}
    for (const [position, name] of names.entries()) files[`0${position + 1}-${name}.md`] = themeMarkdown(name.toUpperCase())
    const {card} = await loadCard('veel-themas', files)
    const {palette} = card!.visualTheme
    expect(card?.themes.map((theme) => theme.color)).toEqual(names.map((_, position) => palette[position % palette.length]))
  })

  it('warns at the colour when a custom colour has too little contrast with its text', async () => {
    const {findings} = await loadCard('licht', {
      'index.md': index(''),
      '01-licht.md': themeMarkdown('Licht', 'Tekst.', 'color: "#ffdd00"\n')
    })
    expect(findings).toEqual([expect.objectContaining({file: '01-licht.md', line: 4, column: 8, severity: 'warning', rule: 'color-contrast'})])
  })
})

describe('citations against the literature list', () => {
  const sources = 'sources:\n  - id: devries2019\n    text: De Vries (2019)\n  - id: jansen2021\n    text: Jansen (2021)\n'

  it('reports a citation of an unknown source at that id, suggesting the nearest id', async () => {
    const {findings} = await loadCard('onbekende-bron', {
      'index.md': index(sources),
      '01-een.md': themeMarkdown('Een', 'Tekst[@devries2019; @jansen2012].\n\nMeer[@jansen2021].')
    })
    expect(findings).toEqual([
      // Line 6 is `Tekst[@devries2019; @jansen2012].`: `@jansen2012` starts in column 21.
      expect.objectContaining({file: '01-een.md', line: 6, column: 21, severity: 'error', rule: 'citation-unknown', reason: expect.stringContaining('`jansen2012`')})
    ])
    expect(findings[0]?.hint).toContain('[@jansen2021]')
  })

  it('warns at the id of a source that is never cited', async () => {
    const {findings} = await loadCard('ongeciteerd', {
      'index.md': index(sources),
      '01-een.md': themeMarkdown('Een', 'Tekst[@devries2019].')
    })
    expect(findings).toEqual([
      expect.objectContaining({file: 'index.md', line: 6, column: 9, severity: 'warning', rule: 'source-uncited', reason: expect.stringContaining('`jansen2021`')})
    ])
  })

  it('does not warn about a source marked uncited: true', async () => {
    const {findings} = await loadCard('bewust-ongeciteerd', {
      'index.md': index(`${sources}    uncited: true\n`),
      '01-een.md': themeMarkdown('Een', 'Tekst[@devries2019].')
    })
    expect(findings).toEqual([])
  })

  it('counts a citation in a tip as a use of the source', async () => {
    const {findings} = await loadCard('bron-in-tip', {
      'index.md': index(sources),
      '01-een.md': themeMarkdown('Een', 'Tekst[@devries2019].', 'tips:\n  - "Lees [@jansen2021]"\n')
    })
    expect(findings).toEqual([])
  })

  it('counts a citation in the introduction as a use of the source', async () => {
    const {findings} = await loadCard('bron-in-intro', {
      'index.md': index(sources, 'Deze kaart bouwt voort op Jansen[@jansen2021].'),
      '01-een.md': themeMarkdown('Een', 'Tekst[@devries2019].')
    })
    expect(findings).toEqual([])
  })

  it('reports an unknown citation in a tip at its place in the YAML', async () => {
    const {findings} = await loadCard('onbekend-in-tip', {
      'index.md': index(sources),
      '01-een.md': themeMarkdown('Een', 'Tekst[@devries2019][@jansen2021].', 'tips:\n  - "Lees [@smit2020]"\n')
    })
    // Line 5 is `  - "Lees [@smit2020]"`: the id's `@` is in column 12.
    expect(findings).toEqual([expect.objectContaining({file: '01-een.md', line: 5, column: 12, severity: 'error', rule: 'citation-unknown'})])
  })

  it('reports an unknown citation in the introduction', async () => {
    const {findings} = await loadCard('onbekend-in-intro', {
      'index.md': index(sources, 'Zie [@nergens].'),
      '01-een.md': themeMarkdown('Een', 'Tekst[@devries2019][@jansen2021].')
    })
    expect(findings).toEqual([expect.objectContaining({file: 'index.md', line: 10, column: 6, severity: 'error', rule: 'citation-unknown'})])
  })

  it('reports a source id used twice at the second one', async () => {
    const {findings} = await loadCard('dubbele-bron', {
      'index.md': index(`${sources}  - id: devries2019\n    text: Nog eens\n`),
      '01-een.md': themeMarkdown('Een', 'Tekst[@devries2019][@jansen2021].')
    })
    expect(findings).toEqual([expect.objectContaining({file: 'index.md', line: 8, column: 9, severity: 'error', rule: 'source-duplicate'})])
  })
})

describe('Pandoc citation forms against the literature list', () => {
  const sources = 'sources:\n  - id: devries2019\n    text: De Vries (2019)\n  - id: jansen2021\n    text: Jansen (2021)\n'

  it('counts citations with a prefix, a locator and a suppressed author as uses of their sources', async () => {
    const {card, findings} = await loadCard('pandoc-vormen', {
      'index.md': index(sources),
      '01-een.md': themeMarkdown('Een', 'Tekst [zie @jansen2021, p. 12] en [-@devries2019; @jansen2021 hfst. 2].')
    })
    expect(findings).toEqual([])
    expect(card?.themes[0]?.cites).toEqual(['jansen2021', 'devries2019'])
  })

  it('reports an unknown id with the end of the id, also after a prefix', async () => {
    const {files} = await loadCard('onbekend-na-prefix', {
      'index.md': index(sources),
      '01-een.md': themeMarkdown('Een', 'Tekst [@devries2019; zie @jansen2012, p. 3] en [@jansen2021].')
    })
    // Line 6: `@jansen2012` runs from column 26 up to column 37.
    expect(findingsOf(...files)).toEqual([expect.objectContaining({file: '01-een.md', line: 6, column: 26, rule: 'citation-unknown'})])
    const message = files.flatMap((file) => file.messages)[0]
    expect(message?.place).toEqual({start: expect.objectContaining({line: 6, column: 26}), end: expect.objectContaining({line: 6, column: 37})})
  })

  it('warns about an in-text @id that names a source, at the @id, and does not call the source uncited', async () => {
    const {findings} = await loadCard('in-tekst', {
      'index.md': index(sources),
      '01-een.md': themeMarkdown('Een', 'Zoals @jansen2021 laat zien [@devries2019]. Mail info@school.nl of volg @iemand.')
    })
    expect(findings).toEqual([
      expect.objectContaining({file: '01-een.md', line: 6, column: 7, severity: 'warning', rule: 'citation-in-text', reason: expect.stringContaining('`@jansen2021`')})
    ])
    expect(findings[0]?.hint).toContain('[@jansen2021]')
  })

  it('reports a malformed citation in a tip at its place in the YAML', async () => {
    const {findings} = await loadCard('kapot-in-tip', {
      'index.md': index(sources),
      '01-een.md': themeMarkdown('Een', 'Tekst[@devries2019][@jansen2021].', 'tips:\n  - "Lees [@ jansen2021]"\n')
    })
    // Line 5 is `  - "Lees [@ jansen2021]"`: the `[` is in column 11.
    expect(findings).toEqual([expect.objectContaining({file: '01-een.md', line: 5, column: 11, severity: 'error', rule: 'citation-malformed'})])
  })
})

describe('links between themes', () => {
  it('accepts links to a theme by its file name, its slug, and a heading in it', async () => {
    const {findings} = await loadCard('goede-links', {
      'index.md': index('', 'Begin bij [Twee](02-twee.md).'),
      '01-een.md': themeMarkdown('Een', 'Zie [twee](02-twee.md), [ook twee](twee.md) en [een kop](twee.md#een-kop).'),
      '02-twee.md': themeMarkdown('Twee', '## Een kop\n\nTerug naar [een](./01-een.md).')
    })
    expect(findings).toEqual([])
  })

  it('reports a link to a file that is no theme of the card, at the link', async () => {
    const {findings} = await loadCard('kapotte-link', {
      'index.md': index(''),
      '01-een.md': themeMarkdown('Een', 'Zie [drie](03-drie.md).')
    })
    expect(findings).toEqual([expect.objectContaining({file: '01-een.md', line: 6, column: 5, severity: 'error', rule: 'link-theme-unknown'})])
  })

  it('reports a link to a heading the theme does not have, at the link', async () => {
    const {findings} = await loadCard('kapotte-kop', {
      'index.md': index(''),
      '01-een.md': themeMarkdown('Een', 'Zie [twee](02-twee.md#geen-kop).'),
      '02-twee.md': themeMarkdown('Twee', '## Een kop')
    })
    expect(findings).toEqual([expect.objectContaining({file: '01-een.md', line: 6, column: 5, severity: 'error', rule: 'link-heading-unknown'})])
    expect(findings[0]?.hint).toContain('#een-kop')
  })
})

describe('images', () => {
  it('reports an image that does not exist at the image', async () => {
    const {findings} = await loadCard('geen-plaatje', {
      'index.md': index(''),
      '01-een.md': themeMarkdown('Een', 'Tekst.\n\n![Een schema](figuren/schema.png)')
    })
    expect(findings).toEqual([expect.objectContaining({file: '01-een.md', line: 8, column: 1, severity: 'error', rule: 'image-missing'})])
  })
})

describe('handouts', () => {
  it('reports a handout naming an unknown theme at that name', async () => {
    const {findings} = await loadCard('handout', {
      'index.md': index('handouts:\n  - slug: starters\n    themes:\n      - een\n      - drie\n'),
      '01-een.md': themeMarkdown('Een')
    })
    expect(findings).toEqual([expect.objectContaining({file: 'index.md', line: 7, column: 9, severity: 'error', rule: 'handout-theme-unknown'})])
  })
})
