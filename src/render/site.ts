import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import type {Card, Theme} from '../card/model.js'
import {type Publication, publicationPath} from '../card/publication.js'
import type {OutputFile} from '../output/output-file.js'
import type {SiteAddress} from '../site/address.js'
import type {VisualTheme} from '../theme/load-visual-theme.js'
import {cardStylesheetFile} from './card-stylesheet.js'
import {htmlDocument} from './document.js'
import {type Labels, labelsFor, themeCount} from '../labels.js'
import {cardLabels} from './card-labels.js'
import {contactBlock, literatureList} from './parts/back-matter.js'
import {cover} from './parts/cover.js'
import {themeArticle} from './parts/theme-article.js'
import {overview} from './parts/tiles.js'
import {searchBox} from './parts/search-box.js'
import {type ReferenceTargets, resolveReferences} from './resolve-references.js'
import {stringifyHtml} from './stringify.js'
import {shareTags} from './share-tags.js'
import {publishedTheme} from './theme-assets.js'
import {relativeUrl} from './urls.js'

export interface SiteOptions {
  /** The PDFs built beside the site, to offer as downloads on each card page. */
  pdfs?: Publication[]
  /** Where the site is published: canonical URLs and share tags with a site URL. */
  address?: SiteAddress | undefined
}

/** The site's search: the pages get a search box and the search client (see src/search/). */
export interface PageSearch {
  /** The search client's path in the output (`assets/search.<hash>.js`). */
  script: string
}

/** Every file of the website: pages, the themes' stylesheets and fonts, and the cards' images. */
export async function renderSite(cards: Card[], options: SiteOptions = {}): Promise<OutputFile[]> {
  return [...renderSitePages(cards, options), ...(await renderThemeAssets(cards)), ...copyCardImages(cards)]
}

/** The page files of the website: every card, every theme, and an index. */
export function renderSitePages(cards: Card[], options: SiteOptions = {}): OutputFile[] {
  const files: OutputFile[] = [renderIndexPage(cards.map(indexEntry), {address: options.address})]
  for (const card of cards) files.push(...renderCardPages(card, (options.pdfs ?? []).filter((publication) => publication.card === card), {address: options.address}))
  return files
}

/** What every page of a site depends on besides its card: where it is published, and its search. */
export interface SitePageSettings {
  address?: SiteAddress | undefined
  search?: PageSearch | undefined
}

/** The pages of one card: its stylesheet (named by its hash), its page (offering `pdfs`) and a page per theme; with `search`, each with the search box. */
export function renderCardPages(card: Card, pdfs: Publication[], settings: SitePageSettings = {}): OutputFile[] {
  return [cardStylesheetFile(card), renderCardPage(card, pdfs, settings), ...card.themes.map((theme) => renderThemePage(card, theme, settings))]
}

/** What the index page shows of a card. */
export interface IndexEntry {
  slug: string
  label: string
  title: string
  themeCount: number
  lang: string
  visualTheme: string
  /** The label overrides of the card's visual theme (the index page takes the first card's language and labels). */
  labels?: Labels
  /** The output path of its visual theme's site stylesheet, named by its hash (`assets/kenniskaart/site.3f9a01c2d4.css`). */
  siteStylesheet: string
}

export function indexEntry(card: Card): IndexEntry {
  return {
    slug: card.slug,
    label: card.meta.label,
    title: card.meta.title,
    themeCount: card.themes.length,
    lang: card.meta.lang,
    visualTheme: card.visualTheme.name,
    labels: cardLabels(card),
    siteStylesheet: publishedTheme(card.visualTheme).site
  }
}

/** The stylesheets and fonts of the visual themes the cards use. */
export async function renderThemeAssets(cards: Card[]): Promise<OutputFile[]> {
  return renderVisualThemeAssets([...new Map(cards.map((card) => [card.visualTheme.name, card.visualTheme])).values()])
}

/** The stylesheets and fonts of these visual themes, named by their hashes (see theme-assets.ts). */
export async function renderVisualThemeAssets(themes: readonly VisualTheme[]): Promise<OutputFile[]> {
  return themes.flatMap((theme) => publishedTheme(theme).files)
}

/**
 * The images the cards use, beside the card pages: the bytes the card step
 * checked (and, for SVG, sanitized), never the file as it is on disk now.
 */
export function copyCardImages(cards: Card[]): OutputFile[] {
  return cards.flatMap((card) => card.images.map((image) => ({path: `${card.slug}/${image.path}`, contents: image.contents})))
}

/** The index page, listing `cards` in the order given; with `search`, with the search box. */
export function renderIndexPage(cards: readonly IndexEntry[], settings: SitePageSettings = {}): OutputFile {
  const {address, search} = settings
  const page = 'index.html'
  const lang = cards[0]?.lang ?? 'nl'
  const labels = cards[0]?.labels ?? labelsFor(lang)
  const tree = htmlDocument({
    lang,
    title: labels.cardsTitle,
    head: shareTags({path: page, title: labels.cardsTitle, type: 'website', lang, siteName: labels.cardsTitle}, address),
    stylesheets: [...new Set(cards.map((card) => card.siteStylesheet))],
    scripts: search && [relativeUrl(page, search.script)],
    bodyClass: ['page', 'page-index'],
    body: [
      h('a', {className: ['skip-link'], href: '#main'}, labels.skipToContent),
      h('header', {className: ['site-header']}, [h('span', {className: ['site-header-label']}, labels.cardsTitle), search && searchBox(page, labels)]),
      h('main', {id: 'main', className: ['card-index']}, [
        h('h1', {className: ['card-index-title']}, labels.cardsTitle),
        h(
          'ul',
          {className: ['card-list'], role: 'list'},
          cards.map((card) =>
            h('li', {className: ['card-list-item']}, [
              h('a', {className: ['card-list-link'], href: relativeUrl(page, `${card.slug}/`)}, [
                h('span', {className: ['card-list-label']}, card.label),
                h('h2', {className: ['card-list-title']}, card.title),
                h('span', {className: ['card-list-count']}, themeCount(labels, lang, card.themeCount))
              ])
            ])
          )
        )
      ]),
      h('footer', {className: ['site-footer']}, [h('p', {className: ['site-footer-made']}, labels.madeWith)])
    ]
  })
  return {path: page, contents: stringifyHtml(tree)}
}

function renderCardPage(card: Card, pdfs: Publication[], settings: SitePageSettings): OutputFile {
  const {address, search} = settings
  const page = `${card.slug}/index.html`
  const targets = siteTargets(card, page)
  const numbered = card.sources.map((source, index) => ({source, number: index + 1}))
  const labels = cardLabels(card)
  const main: ElementContent[] = [
    cover(card, resolveReferences(card.intro, targets, cardPageIds)),
    overview(card.themes, (theme) => ({href: relativeUrl(page, `${card.slug}/${theme.slug}/`)}), labels),
    downloads(page, pdfs, labels, search !== undefined),
    contactBlock(card),
    literatureList(numbered, (source) => sourceAnchor(source.id), labels)
  ].filter((part) => part !== undefined)
  return page_(card, page, card.meta.title, ['page', 'page-card'], main, {type: 'website', color: card.themes[0]?.color, address}, search && {...search, title: card.meta.title})
}

function downloads(page: string, pdfs: Publication[], labels: Labels, search: boolean): ElementContent | undefined {
  if (pdfs.length === 0) return undefined
  return h('section', {className: ['downloads'], 'aria-labelledby': 'downloads', dataPagefindIgnore: search ? '' : undefined}, [
    h('h2', {className: ['downloads-title'], id: 'downloads'}, labels.downloads),
    h(
      'ul',
      {className: ['downloads-list']},
      pdfs.map((publication) =>
        h('li', [
          h('a', {className: ['download-link'], href: relativeUrl(page, publicationPath(publication)), download: ''}, [
            h('span', {className: ['download-title']}, publication.kind === 'card' ? labels.wholeCardPdf : publication.title),
            ' ',
            h('span', {className: ['download-format']}, `${labels.pdf}, ${publication.size}`)
          ])
        ])
      )
    )
  ])
}

function renderThemePage(card: Card, theme: Theme, settings: SitePageSettings): OutputFile {
  const {address, search} = settings
  const page = `${card.slug}/${theme.slug}/index.html`
  const targets = siteTargets(card, page)
  const labels = cardLabels(card)
  const article = themeArticle(theme, {
    labels,
    titleLevel: 1,
    cardTitle: card.meta.title,
    body: resolveReferences(theme.body, targets, new Set([...pageIds, `${theme.slug}-title`, `${theme.slug}-tips`])),
    tips: theme.tips && {
      heading: theme.tips.heading && resolveReferences(theme.tips.heading, targets),
      items: theme.tips.items.map((item) => resolveReferences(item, targets))
    }
  })
  const previous = card.themes[theme.number - 2]
  const next = card.themes[theme.number]
  // The search index holds the theme's text and filters it by theme, not the links to the next ones
  if (search) article.properties.dataPagefindFilter = `theme:${card.slug}/${theme.slug}`
  const navigation = h('nav', {className: ['theme-nav'], 'aria-label': labels.themesNavigation, dataPagefindIgnore: search ? '' : undefined}, [
    previous ? themeNavLink(page, card, previous, 'prev', labels) : h('span', {className: ['theme-nav-prev', 'theme-nav-empty']}),
    h('a', {className: ['theme-nav-overview'], href: relativeUrl(page, `${card.slug}/`)}, labels.overview),
    next ? themeNavLink(page, card, next, 'next', labels) : h('span', {className: ['theme-nav-next', 'theme-nav-empty']})
  ])
  return page_(
    card,
    page,
    `${theme.title} – ${card.meta.title}`,
    ['page', 'page-theme', `theme-${theme.slug}`],
    [article, navigation],
    {type: 'article', color: theme.color, description: theme.summary, address},
    search && {...search, title: theme.title}
  )
}

function themeNavLink(page: string, card: Card, theme: Theme, rel: 'prev' | 'next', labels: Labels): ElementContent {
  return h('a', {className: [`theme-nav-${rel}`], rel, href: relativeUrl(page, `${card.slug}/${theme.slug}/`)}, [
    h('span', {className: ['theme-nav-label']}, rel === 'prev' ? labels.previous : labels.next),
    h('span', {className: ['theme-nav-title']}, theme.title)
  ])
}

/** How a page presents itself when shared (see share-tags.ts): a theme page by its theme's colour and summary. */
interface PageSharing {
  type: 'website' | 'article'
  color: string | undefined
  description?: string | undefined
  address: SiteAddress | undefined
}

/**
 * A page of a card. With `search`, the header has the search box and the
 * main content is what the search index holds of the page (Pagefind's
 * `data-pagefind-*` attributes): filtered by card, with the page's
 * title (`search.title`) and the card's as the result's title and card.
 */
function page_(card: Card, page: string, title: string, bodyClass: string[], main: ElementContent[], sharing: PageSharing, search?: PageSearch & {title: string}): OutputFile {
  const labels = cardLabels(card)
  const description = sharing.description ?? card.meta.description
  const tree = htmlDocument({
    lang: card.meta.lang,
    title,
    description,
    head: shareTags({path: page, title, description, type: sharing.type, lang: card.meta.lang, siteName: card.meta.publisher ?? labels.cardsTitle, themeColor: sharing.color}, sharing.address),
    stylesheets: [relativeUrl(page, publishedTheme(card.visualTheme).site), relativeUrl(page, cardStylesheetFile(card).path)],
    scripts: search && [relativeUrl(page, search.script)],
    bodyClass,
    body: [
      h('a', {className: ['skip-link'], href: '#main'}, labels.skipToContent),
      h('header', {className: ['site-header']}, [
        h('a', {className: ['site-header-card'], href: relativeUrl(page, `${card.slug}/`)}, [
          h('span', {className: ['site-header-label']}, card.meta.label),
          ' ',
          h('span', {className: ['site-header-title']}, card.meta.title)
        ]),
        h('a', {className: ['site-header-all'], href: relativeUrl(page, 'index.html')}, labels.allCards),
        search && searchBox(page, labels, card.slug)
      ]),
      h('main', {id: 'main', ...(search && searchAttributes(card, search.title))}, main),
      h('footer', {className: ['site-footer']}, [
        card.meta.publisher ? h('p', [`${labels.publishedBy} `, card.meta.publisher]) : undefined,
        h('p', {className: ['site-footer-made']}, labels.madeWith)
      ])
    ]
  })
  return {path: page, contents: stringifyHtml(tree)}
}

/**
 * What the search index reads of a page's main content (Pagefind's
 * attributes): all of it, filtered by card (its slug), with the title and
 * the card's title as the result's. The titles are read from attributes,
 * never parsed out of an attribute's value, so any text is safe there.
 */
function searchAttributes(card: Card, title: string): Record<string, string> {
  return {
    dataPagefindBody: '',
    dataPagefindFilter: `card:${card.slug}`,
    dataPagefindMeta: 'title[data-search-title], card[data-search-card]',
    dataSearchTitle: title,
    dataSearchCard: card.meta.title
  }
}

/** Ids every page uses itself; content headings never take them. */
const pageIds = new Set(['main', 'site-search-input', 'site-search-status', 'site-search-results'])

/** Ids of the card page's own sections. */
const cardPageIds = new Set([...pageIds, 'inhoud', 'downloads', 'contact', 'gebruikte-literatuur'])

/** Source anchors use the id, so links stay stable when numbers change. */
export function sourceAnchor(id: string): string {
  return `bron-${id}`
}

function siteTargets(card: Card, page: string): ReferenceTargets {
  const numbers = new Map(card.sources.map((source, index) => [source.id, index + 1]))
  return {
    sourceNumber: (id) => numbers.get(id),
    sourceHref: (id) => `${relativeUrl(page, `${card.slug}/`)}#${sourceAnchor(id)}`.replace(/^\.\/#/, '#'),
    themeHref: (slug, fragment) => {
      if (!card.themes.some((theme) => theme.slug === slug)) return undefined
      return relativeUrl(page, `${card.slug}/${slug}/`) + (fragment ? `#${fragment}` : '')
    },
    imageSrc: (cardPath) => relativeUrl(page, `${card.slug}/${cardPath}`)
  }
}
