import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build, type BuildResult} from '../../src/build.js'
import {cardPublication, handoutPublication} from '../../src/card/publication.js'
import {labelKeys, labelsFor, labelTables, themeCount} from '../../src/labels.js'
import {renderPrintDocument} from '../../src/render/print-document.js'
import {findingsOf, repoRoot, tempContent, type TempContent, themeMarkdown} from '../helpers/content.js'
import {pageText, parsePage, text} from '../helpers/html.js'

/** The Dutch labels that English writes otherwise ("Tips" and "Contact" are the same in both). */
const dutchOnly = labelKeys.filter((key) => labelTables.nl![key] !== labelTables.en![key]).map((key) => labelTables.nl![key])

/** The words of the Dutch labels that could show up in a page's text: placeholders and counts taken apart. */
const dutchWords = [...new Set(dutchOnly.flatMap((label) => label.split(/\{\w+\}/)).map((part) => part.trim()).filter((part) => part.length > 2))]

describe('the label tables', () => {
  it('give every label in every language', () => {
    for (const table of Object.values(labelTables)) expect(Object.keys(table)).toEqual(labelKeys)
  })

  it('pick the table by the primary language, Dutch when there is none, and let a theme override single labels', () => {
    expect(labelsFor('en-GB').contents).toBe('Contents')
    expect(labelsFor('nl-BE').contents).toBe('Inhoud')
    expect(labelsFor('de').contents).toBe('Inhoud')
    expect(labelsFor('en', {en: {contents: 'In this card'}, nl: {contents: 'Inhoudsopgave'}}).contents).toBe('In this card')
    expect(labelsFor('de', {de: {contents: 'Inhalt'}}).contents).toBe('Inhalt')
  })

  it('count themes in the plural form of the language', () => {
    expect([1, 2, 0].map((count) => themeCount(labelsFor('nl'), 'nl', count))).toEqual(['1 thema', '2 thema\'s', '0 thema\'s'])
    expect([1, 2, 0].map((count) => themeCount(labelsFor('en'), 'en', count))).toEqual(['1 theme', '2 themes', '0 themes'])
  })
})

describe('a card in English', () => {
  let temp: TempContent
  let result: BuildResult

  beforeAll(async () => {
    temp = await tempContent()
    await temp.writeCard('card', {
      'index.md': [
        '---',
        'title: Learning together',
        'lang: en',
        'publisher: The Publisher',
        'contact:',
        '  phone: 070 123 45 67',
        '  email: info@example.org',
        '  visit: Street 1, Town',
        '  post: Box 2, Town',
        'sources:',
        '  - id: smith2020',
        '    text: Smith (2020). A book.',
        'handouts:',
        '  - slug: first',
        '    themes: [first]',
        '---',
        '',
        'What this card is about [@smith2020].',
        ''
      ].join('\n'),
      '01-first.md': themeMarkdown('First', 'Some text.\n\n::figure[A figure still to draw]', 'tips:\n  - A tip.\n'),
      '02-second.md': themeMarkdown('Second', 'More text.')
    })
    result = await build({contentDir: temp.dir, pdf: false})
  })

  afterAll(async () => {
    await temp.remove()
  })

  const visibleText = (pagePath: string) => {
    const tree = parsePage(result.pages, pagePath)
    return `${text(tree)} ${[...pageText(result.pages, pagePath).matchAll(/aria-label="([^"]*)"/g)].map((match) => match[1]).join(' ')}`
  }

  it('builds without findings', () => {
    expect(findingsOf(...result.files)).toEqual([])
  })

  it('has English labels on the card page, the theme pages and the index', () => {
    const card = visibleText('card/index.html')
    for (const label of ['Knowledge card Learning together', 'Skip to content', 'All knowledge cards', 'Contents', 'References', 'Contact', 'Phone', 'Email', 'Visiting address', 'Postal address', 'Published by', 'Made with kenniskaart']) {
      expect(card).toContain(label)
    }
    const theme = visibleText('card/first/index.html')
    for (const label of ['Theme 1', 'Tips', 'Figure', 'Overview', 'Next', 'Themes']) expect(theme).toContain(label)
    expect(visibleText('card/second/index.html')).toContain('Previous')
    expect(visibleText('index.html')).toContain('2 themes')
    expect(visibleText('index.html')).toContain('Knowledge cards')
  })

  it('has English labels in its print documents, the footer\'s page counter too', () => {
    const [card] = result.cards
    for (const publication of [cardPublication(card!), handoutPublication(card!, card!.handouts[0]!)]) {
      const document = renderPrintDocument(publication, new Map([['thema-first', 2]]))
      const printed = text(parsePage([{path: 'x', contents: document.html}], 'x'))
      for (const label of ['Knowledge card', 'Contents', 'page 2', 'Theme 1', 'Tips', 'Figure']) expect(printed).toContain(label)
      if (publication.kind === 'card') expect(printed).toContain('References')
      expect(document.stylesheet.contents).toContain('content: "page " counter(page) " of " counter(pages);')
      if (publication.kind === 'handout') expect(printed).toContain('From the knowledge card Learning together')
      for (const word of dutchWords) expect(printed, `a Dutch label in the ${publication.kind}'s print document`).not.toContain(word)
    }
  })

  it('shows no Dutch label anywhere on its pages', () => {
    for (const page of result.pages.filter((file) => file.path.endsWith('.html'))) {
      const shown = visibleText(page.path)
      for (const word of dutchWords) expect(shown, `"${word}" on ${page.path}`).not.toContain(word)
    }
  })
})

describe('the layouts', () => {
  it('hold no Dutch label in a string literal: every fixed text comes from the label tables', async () => {
    const renderDir = path.join(repoRoot, 'src', 'render')
    const files = (await readdir(renderDir, {recursive: true})).filter((name) => name.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(5)
    const found: string[] = []
    for (const name of files) {
      // Comments may quote a label; code may not
      const source = (await readFile(path.join(renderDir, name), 'utf8')).replace(/\/\*[^]*?\*\/|^\s*\/\/.*$/gm, '')
      // String literals: '…', "…" and the text parts of `…`
      const literals = [...source.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((match) => (match[1] ?? match[2] ?? match[3] ?? '').replace(/\$\{[^}]*\}/g, ' '))
      for (const literal of literals) {
        // Ids and class names (`thema-${slug}`, `gebruikte-literatuur`) are names for links, kept stable across languages: never shown
        if (/^[a-z\d -]+$/.test(literal)) continue
        for (const word of dutchWords) if (literal.includes(word)) found.push(`${name}: ${JSON.stringify(literal)}`)
      }
    }
    expect(found).toEqual([])
  })
})

describe('an unsupported card language', () => {
  let temp: TempContent

  beforeAll(async () => {
    temp = await tempContent()
  })

  afterAll(async () => {
    await temp.remove()
  })

  it('is a warning at `lang` naming the languages there are, and the pages get the Dutch labels', async () => {
    await temp.writeCard('karte', {'index.md': '---\ntitle: Karte\nlang: de\n---\n\nText.\n', '01-eins.md': themeMarkdown('Eins')})
    const result = await build({contentDir: temp.dir, pdf: false})
    expect(findingsOf(...result.files).map((finding) => [finding.rule, finding.severity, finding.line, finding.column, finding.hint])).toEqual([
      ['lang-unsupported', 'warning', 3, 7, 'The languages with labels are `nl` and `en`; a visual theme can give the labels of another language in its `labels` (see the README).']
    ])
    expect(pageText(result.pages, 'karte/index.html')).toContain('<html lang="de">')
    expect(pageText(result.pages, 'karte/index.html')).toContain('>Inhoud</h2>')
  })
})
