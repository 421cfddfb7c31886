import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {select, selectAll} from 'hast-util-select'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build, type BuildResult} from '../src/build.js'
import {bundledContentDir, findingsOf, fixtureCardsDir, tempContent, themeMarkdown} from './helpers/content.js'
import {hashedPath, unhashed} from './helpers/hashed.js'
import {classesOf, idsOf, pageText, parsePage, resolveHref, text} from './helpers/html.js'

/** What a whole-build test needs to know about a card to check its site. */
interface CardCase {
  name: string
  contentDir: string
  card: string | undefined
  slug: string
  themes: string[]
  sourceIds: string[]
  /** The themes that have a TIPS box, in card order. */
  tipsThemes: string[]
  quoteTheme: string
}

const bundled: CardCase = {
  name: 'the bundled card',
  contentDir: bundledContentDir,
  card: 'professionele-leercultuur',
  slug: 'professionele-leercultuur',
  themes: [
    'basis-voor-professionalisering',
    'competentieontwikkeling',
    'loopbaanontwikkeling',
    'begeleiding-starters',
    'leiderschap',
    'beleidsvorming',
    'borging-in-de-organisatie'
  ],
  sourceIds: [
    'meurs2013',
    'creemers2015',
    'hulsbos2016',
    'merchie2016',
    'ocw-duo2014',
    'ocw2015',
    'noordegraaf2015',
    'nro-duo2014',
    'oberon2014a',
    'oberon2014b',
    'oberon2014c',
    'snoek2017',
    'vanlieshout2015',
    'wessel2015',
    'voion2016'
  ],
  tipsThemes: ['begeleiding-starters'],
  quoteTheme: 'beleidsvorming'
}

const secondBundled: CardCase = {
  name: 'the second bundled card',
  contentDir: bundledContentDir,
  card: 'collectief-leren',
  slug: 'collectief-leren',
  themes: [
    'wat-is-collectief-leren',
    'vijf-fasen',
    'tien-principes',
    'ervoor-erbij-ernaast-erbuiten',
    'cyclus-van-collectief-leren',
    'leren-met-externen',
    'opbrengsten-en-advies'
  ],
  sourceIds: ['hargreaves-oconnor', 'waller1932', 'sono-ol22', 'tribune', 'avs-leergang', 'senge', 'taleb', 'kahneman', 'marquardt'],
  tipsThemes: ['ervoor-erbij-ernaast-erbuiten', 'cyclus-van-collectief-leren', 'opbrengsten-en-advies'],
  quoteTheme: 'vijf-fasen'
}

const fixture: CardCase = {
  name: 'the fixture card three-themes',
  contentDir: fixtureCardsDir,
  card: 'three-themes',
  slug: 'three-themes',
  themes: ['voorbereiden', 'in-de-klas', 'terugblikken'],
  sourceIds: ['devries2019', 'jansen2021', 'bakker2020', 'achtergrond2018'],
  tipsThemes: ['terugblikken'],
  quoteTheme: 'in-de-klas'
}

const parsed = new WeakMap<BuildResult, Map<string, Root>>()

/** A page of a build, parsed once per build. */
function pageTree(result: BuildResult, pagePath: string): Root {
  let trees = parsed.get(result)
  if (!trees) parsed.set(result, (trees = new Map()))
  let tree = trees.get(pagePath)
  if (!tree) trees.set(pagePath, (tree = parsePage(result.pages, pagePath)))
  return tree
}

/** Every page with its parsed tree, for checks that go over the whole site. */
function htmlPages(result: BuildResult): Array<{path: string; tree: Root}> {
  return result.pages.filter((file) => file.path.endsWith('.html')).map((file) => ({path: file.path, tree: pageTree(result, file.path)}))
}

describe.each([bundled, secondBundled, fixture])('building $name in memory', (cardCase) => {
  let result: BuildResult
  let cardPage: Root
  const cardPagePath = `${cardCase.slug}/index.html`
  const themePagePath = (theme: string) => `${cardCase.slug}/${theme}/index.html`

  beforeAll(async () => {
    result = await build({contentDir: cardCase.contentDir, ...(cardCase.card ? {card: cardCase.card} : {}), pdf: false})
    cardPage = parsePage(result.pages, cardPagePath)
  })

  it('succeeds without errors or warnings', () => {
    expect(findingsOf(...result.files)).toEqual([])
    expect(result.failed).toBe(false)
    expect(result.cards.map((card) => card.slug)).toEqual([cardCase.slug])
  })

  it('renders the site index, the card page, one page per theme and the stylesheets', () => {
    const paths = result.pages.map((file) => file.path)
    expect(paths.map(unhashed)).toEqual(
      expect.arrayContaining([
        'index.html',
        cardPagePath,
        ...cardCase.themes.map(themePagePath),
        `${cardCase.slug}/card.css`,
        'assets/kenniskaart/site.css',
        'assets/kenniskaart/print.css'
      ])
    )
    expect(paths.filter((page) => page.endsWith('.html'))).toHaveLength(cardCase.themes.length + 2)
    expect(new Set(paths).size).toBe(paths.length)
  })

  it('runs nothing: no page holds a script, and none the dev server\'s client', () => {
    for (const file of result.pages.filter((page) => page.path.endsWith('.html'))) {
      const html = String(file.contents)
      expect(html, file.path).not.toMatch(/<script/i)
      expect(html, file.path).not.toContain('__kenniskaart')
    }
  })

  it('shows one tile per theme, in card order, each linking to a theme page that exists', () => {
    const tiles = selectAll('.overview ol.tiles > li.tile', cardPage)
    expect(tiles).toHaveLength(cardCase.themes.length)
    const targets = tiles.map((tile) => resolveHref(cardPagePath, String(select('a.tile-link', tile)?.properties.href))?.path)
    expect(targets).toEqual(cardCase.themes.map(themePagePath))
    expect(tiles.map((tile) => text(select('.tile-number', tile)))).toEqual(cardCase.themes.map((_, index) => String(index + 1)))
    const titles = result.cards[0]!.themes.map((theme) => theme.title)
    expect(tiles.map((tile) => text(select('.tile-title', tile)))).toEqual(titles)
    for (const target of targets) expect(result.pages.some((file) => file.path === target)).toBe(true)
  })

  it('lists every source in frontmatter order, with id bron-<id> and its number', () => {
    const items = selectAll('section.literature ol.sources > li.source', cardPage)
    expect(items.map((item) => item.properties.id)).toEqual(cardCase.sourceIds.map((id) => `bron-${id}`))
    expect(items.map((item) => Number(item.properties.value))).toEqual(cardCase.sourceIds.map((_, index) => index + 1))
  })

  it('links every citation to an element that exists on the target page, numbered by the source’s position', () => {
    let count = 0
    for (const page of htmlPages(result)) {
      for (const link of selectAll('sup.citation > a.citation-link', page.tree)) {
        const target = resolveHref(page.path, String(link.properties.href))
        expect(target?.fragment, `${page.path}: ${String(link.properties.href)}`).toMatch(/^bron-/)
        const targetTree = pageTree(result, target!.path)
        expect(idsOf(targetTree), `${page.path} → ${target!.path}#${target!.fragment}`).toContain(target!.fragment)
        const position = cardCase.sourceIds.indexOf(target!.fragment!.slice('bron-'.length)) + 1
        expect(text(link)).toBe(String(position))
        count++
      }
    }
    expect(count).toBeGreaterThan(cardCase.themes.length)
  })

  it('leaves no citation unresolved and no link to a Markdown file', () => {
    for (const page of htmlPages(result)) {
      expect(selectAll('.citation-unknown', page.tree), page.path).toEqual([])
      expect(selectAll('[data-cite], [data-theme-link], [data-asset]', page.tree), page.path).toEqual([])
      const mdLinks = selectAll('a[href]', page.tree).filter((link) => /\.md(?:#|$)/.test(String(link.properties.href)))
      expect(mdLinks, page.path).toEqual([])
    }
  })

  it('links only to pages, files and fragments the build produces', () => {
    const broken: string[] = []
    for (const page of htmlPages(result)) {
      const references = [
        ...selectAll('a[href]', page.tree).map((element) => String(element.properties.href)),
        ...selectAll('link[href]', page.tree).map((element) => String(element.properties.href)),
        ...selectAll('img[src]', page.tree).map((element) => String(element.properties.src))
      ]
      for (const reference of references) {
        const target = resolveHref(page.path, reference)
        if (!target) continue
        if (!result.pages.some((file) => file.path === target.path)) {
          broken.push(`${page.path}: ${reference} (no file ${target.path})`)
        } else if (target.fragment && !idsOf(pageTree(result, target.path)).includes(target.fragment)) {
          broken.push(`${page.path}: ${reference} (no #${target.fragment})`)
        }
      }
    }
    expect(broken).toEqual([])
  })

  it('gives each element on a page its own id', () => {
    for (const page of htmlPages(result)) {
      const ids = idsOf(page.tree)
      const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index)
      expect(duplicates, page.path).toEqual([])
    }
  })

  it('shows the TIPS box on the themes that have tips, and only there', () => {
    for (const theme of cardCase.tipsThemes) {
      const tips = select('aside.tips', parsePage(result.pages, themePagePath(theme)))
      expect(text(select('.tips-title', tips)), theme).toBe('Tips')
      expect(selectAll('ul.tips-list > li', tips ?? {type: 'root', children: []}).length, theme).toBeGreaterThan(0)
    }
    const withTips = cardCase.themes.filter((theme) => select('aside.tips', parsePage(result.pages, themePagePath(theme))))
    expect(withTips).toEqual(cardCase.tipsThemes)
  })

  it('shows the pull quote in the body of its theme', () => {
    const quote = select('article .theme-body blockquote', parsePage(result.pages, themePagePath(cardCase.quoteTheme)))
    expect(text(quote).length).toBeGreaterThan(10)
  })

  it('numbers and titles each theme page, and links it to its neighbours in card order', () => {
    for (const [index, theme] of cardCase.themes.entries()) {
      const pagePath = themePagePath(theme)
      const tree = parsePage(result.pages, pagePath)
      expect(text(select('article .theme-number', tree))).toBe(`Thema ${index + 1}`)
      expect(text(select('h1', tree))).toBe(result.cards[0]!.themes[index]!.title)
      expect(classesOf(select('body', tree))).toContain(`theme-${theme}`)
      const previous = select('nav.theme-nav a[rel=prev]', tree)
      const next = select('nav.theme-nav a[rel=next]', tree)
      expect(previous && resolveHref(pagePath, String(previous.properties.href))?.path).toBe(index > 0 ? themePagePath(cardCase.themes[index - 1]!) : undefined)
      expect(next && resolveHref(pagePath, String(next.properties.href))?.path).toBe(
        index < cardCase.themes.length - 1 ? themePagePath(cardCase.themes[index + 1]!) : undefined
      )
    }
  })

  it('gives every theme its colour in the card stylesheet', () => {
    const css = pageText(result.pages, hashedPath(result.pages, `${cardCase.slug}/card.css`))
    for (const theme of result.cards[0]!.themes) {
      expect(css).toMatch(new RegExp(`\\.theme-${theme.slug} \\{[^}]*--theme-color: ${theme.color};`))
    }
  })

  it('lists the card on the site index', () => {
    const index = parsePage(result.pages, 'index.html')
    const links = selectAll('a.card-list-link', index)
    expect(links.map((link) => resolveHref('index.html', String(link.properties.href))?.path)).toEqual([cardPagePath])
    expect(text(select('.card-list-title', index))).toBe(result.cards[0]!.meta.title)
  })
})

describe('building every bundled card together', () => {
  it('builds each card folder in content/ without findings, and lists each on the site index', async () => {
    const folders = await readdir(bundledContentDir, {withFileTypes: true})
    const slugs = folders.filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name)).map((entry) => entry.name)
    expect(slugs.length).toBeGreaterThan(1)
    const result = await build({contentDir: bundledContentDir, pdf: false})
    expect(findingsOf(...result.files)).toEqual([])
    expect(result.failed).toBe(false)
    expect(result.cards.map((card) => card.slug).sort()).toEqual([...slugs].sort())
    const index = parsePage(result.pages, 'index.html')
    const listed = selectAll('a.card-list-link', index).map((link) => resolveHref('index.html', String(link.properties.href))?.path)
    expect([...listed].sort()).toEqual(slugs.map((slug) => `${slug}/index.html`).sort())
  })
})

describe('building the fixture card three-themes: its own features', () => {
  let result: BuildResult
  const page = (theme: string) => parsePage(result.pages, `three-themes/${theme}/index.html`)

  beforeAll(async () => {
    result = await build({contentDir: fixtureCardsDir, card: 'three-themes', pdf: false})
  })

  it('puts the tiles in `themes` order, which differs from file-name order', () => {
    const tiles = selectAll('li.tile .tile-title', parsePage(result.pages, 'three-themes/index.html')).map((title) => text(title))
    expect(tiles).toEqual(['Voorbereiden', 'In de klas', 'Terugblikken'])
  })

  it('renders a multi-citation as one sup with a link per source', () => {
    const sup = select('.theme-body p sup.citation', page('voorbereiden'))
    expect(text(sup)).toBe('1,2')
    expect(selectAll('a.citation-link', sup as Element).map((link) => link.properties.href)).toEqual(['../#bron-devries2019', '../#bron-jansen2021'])
  })

  it('renders a citation in a heading inside the heading', () => {
    const heading = select('.theme-body h2#rollen-in-de-klas', page('in-de-klas'))
    expect(text(select('sup.citation a.citation-link', heading as Element))).toBe('3')
  })

  it('renders a citation in the tips heading', () => {
    expect(select('aside.tips .tips-heading sup.citation a[href="../#bron-bakker2020"]', page('terugblikken'))).toBeDefined()
  })

  it('turns links to other themes’ files into links to their pages, keeping the heading', () => {
    expect(select('.theme-body a:not(.citation-link)', page('voorbereiden'))?.properties.href).toBe('../terugblikken/')
    expect(select('.theme-body a:not(.citation-link)', page('in-de-klas'))?.properties.href).toBe('../voorbereiden/#taken-verdelen')
    expect(select('aside.tips li a', page('terugblikken'))?.properties.href).toBe('../voorbereiden/')
    expect(select('.cover-intro a', parsePage(result.pages, 'three-themes/index.html'))?.properties.href).toBe('voorbereiden/')
  })

  it('renders the GFM table', () => {
    const table = select('.theme-body table', page('voorbereiden'))
    expect(selectAll('thead th', table as Element).map((cell) => text(cell))).toEqual(['Taak', 'Leraar A', 'Leraar B'])
    expect(selectAll('tbody tr', table as Element)).toHaveLength(3)
  })

  it('renders the image as a figure with its alt text and caption, and copies the file', async () => {
    const figure = select('.theme-body figure.figure:not(.figure-pending)', page('in-de-klas'))
    const image = select('img', figure as Element)
    expect(image?.properties).toMatchObject({src: '../figuren/twee-leraren.png', alt: 'Twee leraren staan samen voor een klas'})
    expect(text(select('figcaption', figure as Element))).toBe('Twee leraren, één klas')
    const copy = result.pages.find((file) => file.path === 'three-themes/figuren/twee-leraren.png')
    const original = await readFile(path.join(fixtureCardsDir, 'three-themes/figuren/twee-leraren.png'))
    expect(copy && Buffer.from(copy.contents)).toEqual(original)
  })

  it('renders the figure placeholder with its caption', () => {
    const figure = select('.theme-body figure.figure-pending', page('in-de-klas'))
    expect(text(select('figcaption', figure as Element))).toBe('Schema: wie doet wat tijdens de les')
    expect(select('.figure-placeholder', figure as Element)).toBeDefined()
  })

  it('links a source with a url to that url', () => {
    const item = select('li#bron-jansen2021', parsePage(result.pages, 'three-themes/index.html'))
    expect(select('a.source-url', item as Element)?.properties.href).toBe('https://example.org/jansen2021')
    expect(select('li#bron-devries2019 em', parsePage(result.pages, 'three-themes/index.html'))).toBeDefined()
  })

  it('renders the contact block with links and address lines', () => {
    const contact = select('section.contact address', parsePage(result.pages, 'three-themes/index.html')) as Element
    expect(select('.contact-email a', contact)?.properties.href).toBe('mailto:info@samenleren.example')
    expect(select('.contact-website a', contact)?.properties.href).toBe('https://samenleren.example')
    expect(selectAll('.contact-visit br', contact)).toHaveLength(1)
    const lines = select('.contact-visit .contact-value', contact)?.children.filter((node) => node.type === 'text').map((node) => node.value)
    expect(lines).toEqual(['Schoolstraat 12', '3511 AB Utrecht'])
  })

  it('uses the custom colour for the theme that sets one', () => {
    expect(pageText(result.pages, hashedPath(result.pages, 'three-themes/card.css'))).toContain('.theme-in-de-klas {\n  --theme-color: #8b2252;')
  })

  it('puts the publisher on the cover and in the footer, and the description in the head', () => {
    const tree = parsePage(result.pages, 'three-themes/index.html')
    expect(text(select('.cover-publisher', tree))).toBe('Een uitgave van Stichting Samen Leren')
    expect(text(select('footer', tree))).toContain('Stichting Samen Leren')
    expect(select('meta[name=description]', tree)?.properties.content).toBe('Wat twee leraren in één klas van elkaar kunnen leren.')
  })
})

describe('building content with errors', () => {
  it('renders no pages and reports failure', async () => {
    const temp = await tempContent()
    try {
      await temp.writeCard('kaart', {'index.md': '---\ntitle: Kaart\n---\n\nIntro.\n', '01-een.md': themeMarkdown('Een', 'Tekst[@onbekend].')})
      const result = await build({contentDir: temp.dir, pdf: false})
      expect(result.failed).toBe(true)
      expect(result.pages).toEqual([])
      expect(findingsOf(...result.files).map((finding) => finding.rule)).toEqual(['citation-unknown'])
    } finally {
      await temp.remove()
    }
  })
})

describe('a card’s own settings', () => {
  let result: BuildResult
  const temp = tempContent()

  beforeAll(async () => {
    const content = await temp
    await content.writeCard('factsheet', {
      'index.md': '---\ntitle: Co-teaching\nlabel: Factsheet\nlang: en\n---\n\nAn introduction.\n',
      '01-een.md': themeMarkdown('Een')
    })
    result = await build({contentDir: content.dir, pdf: false})
  })

  afterAll(async () => {
    await (await temp).remove()
  })

  it('writes the card’s language on every page of the card', () => {
    for (const pagePath of ['factsheet/index.html', 'factsheet/een/index.html']) {
      expect(select('html', parsePage(result.pages, pagePath))?.properties.lang, pagePath).toBe('en')
    }
  })

  it('shows the card’s label on the cover and in the header', () => {
    const tree = parsePage(result.pages, 'factsheet/index.html')
    expect(text(select('.cover-label', tree))).toBe('Factsheet')
    expect(text(select('.site-header-label', tree))).toBe('Factsheet')
  })

  it('leaves out the parts the card has nothing for: publisher, contact, literature', () => {
    const tree = parsePage(result.pages, 'factsheet/index.html')
    expect(select('.cover-publisher', tree)).toBeUndefined()
    expect(select('section.contact', tree)).toBeUndefined()
    expect(select('section.literature', tree)).toBeUndefined()
  })
})

describe('ids on generated pages', () => {
  const temp = tempContent()

  afterAll(async () => {
    await (await temp).remove()
  })

  it('stay unique when a section heading repeats the theme’s name', async () => {
    const content = await temp
    await content.writeCard('kaart', {
      'index.md': '---\ntitle: Kaart\n---\n\nIntro.\n',
      '01-evaluatie.md': themeMarkdown('Evaluatie', '## Evaluatie\n\nTekst.')
    })
    const result = await build({contentDir: content.dir, card: 'kaart', pdf: false})
    expect(result.failed).toBe(false)
    const ids = idsOf(parsePage(result.pages, 'kaart/evaluatie/index.html'))
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
  })

  it('stay unique when the introduction has a heading named like a part of the card page', async () => {
    const content = await temp
    await content.writeCard('kaart2', {
      'index.md': '---\ntitle: Kaart\n---\n\n## Inhoud\n\nWat er in deze kaart staat.\n',
      '01-een.md': themeMarkdown('Een')
    })
    const result = await build({contentDir: content.dir, card: 'kaart2', pdf: false})
    expect(result.failed).toBe(false)
    const ids = idsOf(parsePage(result.pages, 'kaart2/index.html'))
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
  })
})
