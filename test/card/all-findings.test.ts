import {describe, expect, it} from 'vitest'
import {cardLoader, themeMarkdown} from '../helpers/content.js'

// All findings at once, root causes first: what each finding's hint says, and which consequences are folded.
// The exact places of these cases are in the broken-input corpus (all-findings-*, theme-slug-typo, …).

/** Write a card to a temp content folder and load just that card. */
const loadCard = cardLoader()

const sources = 'sources:\n  - id: bron\n    text: Een bron.\n'
const index = (frontmatter: string, body = 'Intro.') => `---\ntitle: Kaart\n${frontmatter}---\n\n${body}\n`

describe('a frontmatter error hides no other finding', () => {
  it('reports an invalid colour and unknown citations in the same theme\'s tips and body together', async () => {
    const {findings} = await loadCard('kleur-en-bron', {
      'index.md': index(sources, 'Intro[@bron].'),
      '01-thema.md': themeMarkdown('Thema', 'Tekst[@onbekend].', 'color: rood\ntips:\n  - "Lees [@bronn]."\n')
    })
    expect(findings.map((finding) => [finding.file, finding.line, finding.rule])).toEqual([
      ['01-thema.md', 4, 'frontmatter-invalid'],
      ['01-thema.md', 9, 'citation-unknown'],
      ['01-thema.md', 6, 'citation-unknown']
    ])
  })

  it('still checks the theme files of a card whose index does not parse, without claims about its sources', async () => {
    const {card, findings} = await loadCard('kapotte-index', {
      'index.md': '---\ntitle: "Kaart\n---\n\nIntro.\n',
      '01-thema.md': themeMarkdown('Thema', 'Tekst[@wie].\n\n![Foto](weg.png)'),
      '02-kapot.md': '---\ntitle: [Kapot\n---\n\n![Foto](ook-weg.png)\n'
    })
    // No citation-unknown for `wie`: whether the card lists it cannot be known
    expect(findings.map((finding) => [finding.file, finding.rule])).toEqual([
      ['index.md', 'yaml-syntax'],
      ['01-thema.md', 'image-missing'],
      ['02-kapot.md', 'yaml-syntax'],
      ['02-kapot.md', 'image-missing']
    ])
    // A card whose index is not known is checked, never built
    expect(card).toBeUndefined()
  })

  it('keeps a required text written as a number, so the card still has the theme', async () => {
    const {card, findings} = await loadCard('getal-als-titel', {
      'index.md': index(sources, 'Intro[@bron].'),
      '01-thema.md': '---\ntitle: 1984\nsummary: Over het jaar.\n---\n\nTekst.\n'
    })
    expect(findings).toEqual([expect.objectContaining({file: '01-thema.md', line: 2, column: 8, rule: 'frontmatter-invalid'})])
    expect(card?.themes.map((theme) => [theme.title, theme.summary])).toEqual([['1984', 'Over het jaar.']])
  })

  it('does not call a source uncited when the tips that may cite it are invalid', async () => {
    const {findings} = await loadCard('kapotte-tips', {
      'index.md': index(sources),
      '01-thema.md': themeMarkdown('Thema', 'Tekst.', 'tips: 12\n')
    })
    expect(findings.map((finding) => finding.rule)).toEqual(['frontmatter-invalid'])
  })
})

describe('what is kept of a frontmatter with many mistakes', () => {
  it('keeps every valid source and handout, in order, and still checks the citations', async () => {
    const {card, findings} = await loadCard('veel-fouten', {
      'index.md': index(
        'title: [Kaart]\nsources:\n  - 12\n  - id: 2020smith\n    text: 1999\n  - id: bron\n    text: Een bron.\n    url: geen-adres\nhandouts:\n  - slug: A\n    themes: []\n  - slug: goed\n    themes: [thema]\n',
        'Intro[@2020smith].'
      ).replace('title: Kaart\n', ''),
      '01-thema.md': themeMarkdown('Thema', 'Tekst[@bron] en [@onbekend].')
    })
    expect(card?.meta.sources.map(({id, text, url}) => ({id, text, url}))).toEqual([
      {id: '2020smith', text: '1999', url: undefined},
      {id: 'bron', text: 'Een bron.', url: undefined}
    ])
    expect(card?.meta.handouts).toEqual([{slug: 'goed', themes: ['thema']}])
    // A source left out (the `12`) may be the one `onbekend` meant: citations are not checked then
    expect(findings.filter((finding) => finding.rule === 'citation-unknown')).toEqual([])
    expect(findings.every((finding) => finding.file === 'index.md' && finding.rule?.startsWith('frontmatter-'))).toBe(true)
  })

  it('points at a value where it is written, also after a list item before it was left out', async () => {
    const {findings} = await loadCard('bron-na-fout', {
      'index.md': index('sources:\n  - 12\n  - id: a\n    text: A\n  - id: a\n    text: "B [@x"\n', 'Intro[@a].'),
      '01-thema.md': themeMarkdown('Thema')
    })
    expect(findings.map((finding) => [finding.line, finding.column, finding.rule])).toEqual([
      [4, 5, 'frontmatter-invalid'],
      // The second `a` is on line 7, and its text's citation on line 8, though the list kept starts one later
      [8, 14, 'citation-malformed'],
      [7, 9, 'source-duplicate']
    ])
  })

  it('checks citations when only the title is wrong, even a title that is a list', async () => {
    const {findings} = await loadCard('titel-lijst', {
      'index.md': `---\ntitle: [Kaart]\n${sources}---\n\nIntro[@bron].\n`,
      '01-thema.md': themeMarkdown('Thema', 'Tekst[@onbekend].')
    })
    expect(findings.map((finding) => [finding.file, finding.rule])).toEqual([
      ['index.md', 'frontmatter-invalid'],
      ['01-thema.md', 'citation-unknown']
    ])
  })
})

describe('hints that name the likely fix', () => {
  it('says to quote a colour that YAML read as a comment', async () => {
    const {findings} = await loadCard('kleur-commentaar', {
      'index.md': index(sources, 'Intro[@bron].'),
      '01-thema.md': themeMarkdown('Thema', 'Tekst.', 'color: #b8461b\n')
    })
    expect(findings).toEqual([expect.objectContaining({line: 4, column: 1, rule: 'frontmatter-required'})])
    expect(findings[0]?.hint).toContain('`color: "#b8461b"`')
    expect(findings[0]?.hint).toContain('comment')
  })

  it('says to quote a title that YAML read as a number or a true/false value', async () => {
    const number = await loadCard('titel-getal', {'index.md': index(sources, 'Intro[@bron].'), '01-thema.md': '---\ntitle: 1984\nsummary: S.\n---\n\nT.\n'})
    expect(number.findings[0]?.hint).toContain('`title: "1984"`')
    // Quoting is the fix only when the text would be valid: `lang: 12` gets no such hint
    const lang = await loadCard('taal-getal', {'index.md': index(`lang: 12\n${sources}`, 'Intro[@bron].'), '01-thema.md': themeMarkdown('T')})
    expect(lang.findings[0]?.hint).not.toContain('quotes')
    const boolean = await loadCard('titel-ja', {'index.md': index(sources, 'Intro[@bron].'), '01-thema.md': '---\ntitle: true # ja\nsummary: S.\n---\n\nT.\n'})
    expect(boolean.findings[0]?.hint).toContain('`title: "true"`')
  })

  it('says a value nested thousands of levels deep is too deep, never that the stack ran out', async () => {
    const {findings} = await loadCard('diep', {
      'index.md': index(sources, 'Intro[@bron].'),
      '01-thema.md': `---\ntitle: ${'['.repeat(10_000)}${']'.repeat(10_000)}\nsummary: S.\n---\n\nT.\n`,
      '02-maps.md': `---\ntitle: M\nsummary: ${'{a: '.repeat(10_000)}b${'}'.repeat(10_000)}\n---\n\nT.\n`,
      // Indented mappings: YAML indentation is not Markdown nesting
      '03-blok.md': `---\ntitle: B\nsummary:\n${Array.from({length: 2000}, (_, depth) => `${' '.repeat(depth + 1)}a:`).join('\n')} b\n---\n\nT.\n`
    })
    expect(findings.map((finding) => [finding.file, finding.line, finding.column, finding.rule])).toEqual([
      ['01-thema.md', 2, 1, 'yaml-syntax'],
      ['02-maps.md', 3, 1, 'yaml-syntax'],
      ['03-blok.md', 3, 1, 'yaml-syntax']
    ])
    for (const finding of findings) {
      expect(finding.reason).toContain('nests too deeply')
      expect(finding.reason).not.toMatch(/stack/i)
    }
  })

  it('names the image file whose name differs only in letter case', async () => {
    const {findings} = await loadCard('hoofdletters', {
      'index.md': index(sources, 'Intro[@bron].'),
      '01-thema.md': themeMarkdown('Thema', '![Een foto](figuren/Foto.PNG)'),
      'figuren/foto.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    })
    expect(findings).toEqual([expect.objectContaining({rule: 'image-missing', line: 6, column: 1})])
    expect(findings[0]?.hint).toContain('`figuren/foto.png`')
  })

  it('suggests a source only when its id is close: an unrelated id misleads', async () => {
    const {findings} = await loadCard('verre-bron', {
      'index.md': index('sources:\n  - id: snoek2017\n    text: Snoek (2017)\n  - id: smith2021\n    text: Smith (2021)\n'),
      '01-thema.md': themeMarkdown('Thema', 'Tekst[@snoek2017] en [@smith2020] en [@jansen2019].')
    })
    const unknown = findings.filter((finding) => finding.rule === 'citation-unknown')
    expect(unknown.map((finding) => finding.hint)).toEqual([
      expect.stringContaining('Did you mean [@smith2021]?'),
      expect.not.stringContaining('Did you mean')
    ])
  })

  it('suggests the theme file and the heading a link most likely meant', async () => {
    const {findings} = await loadCard('bijna-links', {
      'index.md': index(sources),
      '01-een.md': themeMarkdown('Een', 'Tekst[@bron]. Zie [twee](02-twe.md) en [kop](02-twee.md#aanpak).'),
      '02-twee.md': themeMarkdown('Twee', '## Aanpakken\n\nTekst.')
    })
    expect(findings.map((finding) => [finding.rule, finding.hint])).toEqual([
      ['link-theme-unknown', 'Did you mean `02-twee.md`?'],
      ['link-heading-unknown', 'Did you mean `#aanpakken`?']
    ])
  })
})

describe('root causes first', () => {
  it('reports a misspelt theme slug once, suggesting the file, and folds its consequences', async () => {
    const {card, findings} = await loadCard('slug-typo', {
      'index.md': index(`themes:\n  - basis\n  - inleidng\n${sources}  - id: alleen\n    text: Alleen hier.\nhandouts:\n  - slug: start\n    themes: [inleiding]\n`),
      '01-basis.md': themeMarkdown('Basis', 'Tekst[@bron]. Zie [inleiding](02-inleiding.md).'),
      '02-inleiding.md': themeMarkdown('Inleiding', 'Tekst[@alleen].')
    })
    // No theme-unlisted for 02-inleiding.md, no source-uncited for `alleen`, no link or handout error
    expect(findings).toEqual([expect.objectContaining({file: 'index.md', line: 5, column: 5, rule: 'theme-missing'})])
    expect(findings[0]?.hint).toContain('Did you mean `inleiding` (02-inleiding.md)?')
    expect(findings[0]?.hint).toContain('left out of the card')
    expect(card?.themes.map((theme) => theme.slug)).toEqual(['basis', 'inleiding'])
  })

  it('suggests no file for a listed slug that is not close to any', async () => {
    const {findings} = await loadCard('slug-ver-weg', {
      'index.md': index(`themes:\n  - basis\n  - iets-anders\n${sources}`),
      '01-basis.md': themeMarkdown('Basis', 'Tekst[@bron].'),
      '02-inleiding.md': themeMarkdown('Inleiding', 'Tekst.')
    })
    expect(findings.map((finding) => finding.rule).sort()).toEqual(['theme-missing', 'theme-unlisted'])
    expect(findings.find((finding) => finding.rule === 'theme-missing')?.hint).not.toContain('Did you mean')
  })

  it('names the sources only an unlisted theme cites in its warning, instead of calling them uncited', async () => {
    const {findings} = await loadCard('niet-genoemd', {
      'index.md': index(`themes:\n  - basis\n${sources}  - id: alleen\n    text: Alleen hier.\n`),
      '01-basis.md': themeMarkdown('Basis', 'Tekst[@bron].'),
      '02-extra.md': themeMarkdown('Extra', 'Tekst[@alleen].')
    })
    expect(findings).toEqual([expect.objectContaining({file: '02-extra.md', rule: 'theme-unlisted'})])
    expect(findings[0]?.hint).toContain('`alleen`')
  })

  it('reports a file named with capitals once, not also as a missing theme, and its sources not as uncited', async () => {
    const {findings} = await loadCard('hoofdletter-bestand', {
      'index.md': index(`themes:\n  - basis\n  - inleiding\n${sources}  - id: alleen\n    text: Alleen hier.\n`),
      '01-basis.md': themeMarkdown('Basis', 'Tekst[@bron].'),
      '02-Inleiding.md': themeMarkdown('Inleiding', 'Tekst[@alleen].')
    })
    expect(findings.map((finding) => [finding.file, finding.rule])).toEqual([['02-Inleiding.md', 'theme-slug-invalid']])
  })

  it('checks the rest of a card whose visual theme is unknown, and suggests the near theme', async () => {
    const {findings} = await loadCard('thema-typo', {
      'index.md': index(`theme: kenniskart\n${sources}`),
      '01-thema.md': themeMarkdown('Thema', 'Tekst[@bron] en [@onbekend].')
    })
    expect(findings.map((finding) => [finding.file, finding.rule])).toEqual([
      ['index.md', 'frontmatter-invalid'],
      ['01-thema.md', 'citation-unknown']
    ])
    expect(findings[0]?.hint).toBe('Did you mean `theme: kenniskaart`?')
  })
})
