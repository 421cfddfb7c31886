import {describe, expect, it} from 'vitest'
import {addToThemeList} from '../../src/scaffold/add-to-theme-list.js'

const card = (frontmatter: string, body = '\nInleiding.\n') => `---\n${frontmatter}---\n${body}`

describe('addToThemeList', () => {
  it('adds a block list item with the indentation and comments of the list kept', () => {
    const before = card('title: Kaart\nthemes:  # volgorde\n  - een   # eerst\n  - twee\n\n# los commentaar\nsources: []\n')
    expect(addToThemeList(before, 'drie')).toEqual({kind: 'edited', text: card('title: Kaart\nthemes:  # volgorde\n  - een   # eerst\n  - twee\n  - drie\n\n# los commentaar\nsources: []\n')})
  })

  it('adds after a last item that has a comment, and to a list without indentation', () => {
    expect(addToThemeList(card('themes:\n- een # laatste\ntitle: Kaart\n'), 'twee')).toEqual({kind: 'edited', text: card('themes:\n- een # laatste\n- twee\ntitle: Kaart\n')})
  })

  it('adds to a list at the very end of the frontmatter', () => {
    expect(addToThemeList(card('title: Kaart\nthemes:\n  - "een"\n'), 'twee')).toEqual({kind: 'edited', text: card('title: Kaart\nthemes:\n  - "een"\n  - twee\n')})
  })

  it('adds to a flow list, also an empty one and one over several lines', () => {
    expect(addToThemeList(card('themes: [een, "twee"] # kort\n'), 'drie')).toEqual({kind: 'edited', text: card('themes: [een, "twee", drie] # kort\n')})
    expect(addToThemeList(card('themes: []\n'), 'een')).toEqual({kind: 'edited', text: card('themes: [een]\n')})
    expect(addToThemeList(card('themes: [\n  een,\n  twee,\n]\n'), 'drie')).toEqual({kind: 'edited', text: card('themes: [\n  een,\n  twee, drie,\n]\n')})
  })

  it('keeps CRLF line endings and a byte-order mark', () => {
    const before = '\uFEFF---\r\ntitle: Kaart\r\nthemes:\r\n  - een\r\nsources: []\r\n---\r\n\r\nTekst.\r\n'
    expect(addToThemeList(before, 'twee')).toEqual({kind: 'edited', text: '\uFEFF---\r\ntitle: Kaart\r\nthemes:\r\n  - een\r\n  - twee\r\nsources: []\r\n---\r\n\r\nTekst.\r\n'})
  })

  it('quotes a slug YAML would read as another type', () => {
    expect(addToThemeList(card('themes: [een]\n'), '2024')).toEqual({kind: 'edited', text: card('themes: [een, "2024"]\n')})
    expect(addToThemeList(card('themes:\n  - een\n'), 'true')).toEqual({kind: 'edited', text: card('themes:\n  - een\n  - "true"\n')})
  })

  it('changes nothing when there is no list, or the slug is in it', () => {
    expect(addToThemeList(card('title: Kaart\n# themes:\n#   - een\n'), 'twee')).toEqual({kind: 'no-list'})
    expect(addToThemeList(card('themes: [een, twee]\n'), 'twee')).toEqual({kind: 'listed'})
  })

  it('refuses what it cannot edit safely', () => {
    expect(addToThemeList('Geen frontmatter.\n', 'een')).toMatchObject({kind: 'unreadable', reason: expect.stringContaining('no frontmatter')})
    expect(addToThemeList(card('themes: [een\n'), 'twee')).toMatchObject({kind: 'unreadable', reason: expect.stringContaining('not valid YAML')})
    expect(addToThemeList(card('themes: een\n'), 'twee')).toMatchObject({kind: 'unreadable', reason: expect.stringContaining('not a list')})
    expect(addToThemeList(card('themes:\n  - {a: 1}\n'), 'twee')).toMatchObject({kind: 'unreadable', reason: expect.stringContaining('other than slugs')})
    expect(addToThemeList(card('themes:\n  -\n    een\n'), 'twee')).toMatchObject({kind: 'unreadable', reason: expect.stringContaining('cannot add to')})
    // The list is also a handout's (an alias): adding to one would change the other
    expect(addToThemeList(card('themes: &alle\n  - een\nhandouts:\n  - slug: alles\n    themes: *alle\n'), 'twee')).toMatchObject({kind: 'unreadable', reason: expect.stringContaining('cannot add to')})
  })
})
