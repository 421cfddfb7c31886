import type {Element, ElementContent, Root} from 'hast'
import {shiftHeading} from 'hast-util-shift-heading'
import {h} from 'hastscript'
import type {Position} from 'unist'
import type {Theme} from '../card/model.js'
import {visit} from 'unist-util-visit'
import type {Publication} from '../card/publication.js'
import {cardStylesheetFile} from './card-stylesheet.js'
import {cssColor, cssComment, cssIdentifier, cssString} from './css.js'
import {htmlDocument} from './document.js'
import type {Labels} from '../labels.js'
import {cardLabels} from './card-labels.js'
import {contactBlock, literatureList} from './parts/back-matter.js'
import {cover} from './parts/cover.js'
import {themeArticle} from './parts/theme-article.js'
import {overview} from './parts/tiles.js'
import {markLinks, markTheme, type PreflightMark} from './preflight-marks.js'
import {type ReferenceTargets, resolveReferences} from './resolve-references.js'
import {sourceAnchor} from './site.js'
import {stringifyHtml} from './stringify.js'
import {publishedTheme} from './theme-assets.js'
import {encodePath, relativeUrl} from './urls.js'

/** A publication as one HTML document to print, and the files only it needs. */
export interface PrintDocument {
  /** Where the document is served, below the site's root. */
  path: string
  html: string
  /** Generated stylesheet: page size, footer text, named pages per theme. */
  stylesheet: {path: string; contents: string}
  /** The marks the print preflight reads back from the PDF (see preflight-marks.ts). */
  marks: PreflightMark[]
}

/** The id of a theme's article in a print document; tiles link to it. */
export function themeAnchor(slug: string): string {
  return `thema-${slug}`
}

/**
 * Lay out a publication for print: cover, "Inhoud" with the page each theme
 * starts on (when known), the themes, then contact and literature. The same
 * parts as the website, with headings one level down inside one document.
 */
export function renderPrintDocument(publication: Publication, startPages?: ReadonlyMap<string, number>): PrintDocument {
  const {card} = publication
  const path = `${card.slug}/print-${publication.kind}-${publication.slug}.html`
  const stylesheetPath = `${card.slug}/print-${publication.kind}-${publication.slug}.css`
  const targets = printTargets(publication)
  const labels = cardLabels(card)

  const themes = publication.themes.map((theme) =>
    themeArticle(theme, {
      labels,
      titleLevel: 2,
      cardTitle: card.meta.title,
      body: prefixIds(shifted(resolveReferences(theme.body, targets)), theme.slug),
      tips: theme.tips && {
        heading: theme.tips.heading && resolveReferences(theme.tips.heading, targets),
        items: theme.tips.items.map((item) => resolveReferences(item, targets))
      },
      id: themeAnchor(theme.slug)
    })
  )
  const counter = {next: 1}
  const marks = themes.flatMap((article, index) => {
    const theme = publication.themes[index]!
    return markTheme(article, theme.slug, theme.tips && tipsKeyPosition(theme), counter)
  })

  const isHandout = publication.kind === 'handout'
  const body: ElementContent[] = [
    h('div', {className: ['print-front']}, [
      isHandout ? handoutCover(publication, labels) : cover(card, resolveReferences(card.intro, targets)),
      overview(
        publication.themes,
        (theme) => ({href: `#${themeAnchor(theme.slug)}`, page: startPages?.get(themeAnchor(theme.slug)) ?? 0}),
        labels,
        {titleTag: 'p'}
      )
    ]),
    ...themes,
    h('div', {className: ['print-back']}, [
      isHandout ? undefined : contactBlock(card),
      literatureList(publication.sources, (source) => sourceAnchor(source.id), labels)
    ]),
    markLinks(marks)
  ]

  const tree = htmlDocument({
    lang: card.meta.lang,
    title: publication.title,
    description: card.meta.description,
    stylesheets: [
      relativeUrl(path, publishedTheme(card.visualTheme).print),
      relativeUrl(path, cardStylesheetFile(card).path),
      relativeUrl(path, stylesheetPath)
    ],
    bodyClass: ['print', `print-${publication.kind}`, `size-${publication.size.toLowerCase()}`],
    body,
    securityPolicy: false
  })
  return {path, html: stringifyHtml(tree), stylesheet: {path: stylesheetPath, contents: printStylesheet(publication, labels)}, marks}
}

function handoutCover(publication: Publication, labels: Labels): Element {
  const {card} = publication
  return h('header', {className: ['cover', 'cover-handout']}, [
    h('p', {className: ['cover-label']}, card.meta.label),
    h('h1', {className: ['cover-title']}, publication.title),
    h('p', {className: ['cover-subtitle']}, `${labels.fromCard} ${card.meta.title}`),
    card.meta.publisher ? h('p', {className: ['cover-publisher']}, [`${labels.publishedBy} `, h('strong', card.meta.publisher)]) : undefined,
    h('ul', {className: ['cover-palette'], 'aria-hidden': 'true'}, publication.themes.map((theme) => h('li', {className: [`theme-${theme.slug}`]})))
  ])
}

/**
 * The publication's own print rules: its page size, the footer on every
 * page but the first, and a named page per theme for its colour.
 */
export function printStylesheet(publication: Publication, labels: Labels): string {
  const footerTitle = cssString(publication.title)
  const pageCounter = pageCounterContent(labels.pageOfPages)
  const themeRules = publication.themes.map((theme) => {
    const page = cssIdentifier(`theme-${theme.slug}`)
    const color = cssColor(theme.color)
    return `article.${page} { page: ${page}; }\n@page ${page} {\n  @bottom-left { color: ${color}; }\n  @bottom-right { color: ${color}; }\n}`
  })
  return [
    cssComment(`Print rules of ${publication.kind} ${publication.slug}; generated by kenniskaart.`),
    `@page {\n  size: ${cssIdentifier(publication.size)};\n  @bottom-left { content: ${footerTitle}; }\n  @bottom-right { content: ${pageCounter}; }\n}`,
    '@page :first {\n  @bottom-left { content: none; }\n  @bottom-right { content: none; }\n}',
    ...themeRules,
    ''
  ].join('\n')
}

function printTargets(publication: Publication): ReferenceTargets {
  const numbers = new Map(publication.sources.map(({source, number}) => [source.id, number]))
  const themeSlugs = new Set(publication.themes.map((theme) => theme.slug))
  return {
    sourceNumber: (id) => numbers.get(id),
    sourceHref: (id) => `#${sourceAnchor(id)}`,
    themeHref: (slug, fragment) => {
      if (!themeSlugs.has(slug)) return undefined
      return fragment ? `#${slug}--${fragment}` : `#${themeAnchor(slug)}`
    },
    imageSrc: (cardPath) => encodePath(cardPath)
  }
}

/**
 * Where a theme's TIPS are written: the `tips` key of its frontmatter
 * (a tip's own nodes carry places in the tip's text, not in the file).
 */
function tipsKeyPosition(theme: Theme): Position | undefined {
  const text = String(theme.file.value)
  const frontmatter = /^---\r?\n[\s\S]*?\r?\n---/.exec(text)?.[0] ?? ''
  const at = frontmatter.search(/^tips[ \t]*:/m)
  if (at < 0) return undefined
  const line = text.slice(0, at).split('\n').length
  return {start: {line, column: 1}, end: {line, column: 5}}
}

/** Inside one document the theme title is h2, so its sections go one level down. */
function shifted(tree: Root): Root {
  shiftHeading(tree, 1)
  return tree
}

/** Heading ids repeat across themes ("proces"); in one document each gets its theme's prefix. */
function prefixIds(tree: Root, slug: string): Root {
  visit(tree, 'element', (element: Element) => {
    if (typeof element.properties.id === 'string') element.properties.id = `${slug}--${element.properties.id}`
  })
  return tree
}

/**
 * The footer's page counter as CSS `content`: the label's text around
 * `{page}` and `{pages}` ("pagina {page} van {pages}" →
 * `"pagina " counter(page) " van " counter(pages)`).
 */
function pageCounterContent(label: string): string {
  return label
    .split(/(\{pages?\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ')
}
