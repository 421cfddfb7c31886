import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {Theme, Tips} from '../../card/model.js'
import type {Labels} from '../../labels.js'
import {labelFigurePlaceholders} from '../figure-placeholders.js'
import {unwrapParagraph} from './back-matter.js'

export interface ThemeArticleOptions {
  /** Heading level of the theme title: 1 on its own page, 2 inside a PDF. */
  titleLevel: 1 | 2
  cardTitle: string
  /** The body and tips with their references already resolved. */
  body: Root
  tips: Tips | undefined
  /** An id for the article, where something links to it. */
  id?: string
  labels: Labels
}

/** A theme: its coloured band with the title, its sections and its TIPS box. */
export function themeArticle(theme: Theme, options: ThemeArticleOptions): Element {
  const titleTag = `h${options.titleLevel}`
  const {labels} = options
  return h('article', {className: ['theme', `theme-${theme.slug}`], id: options.id, 'aria-labelledby': `${theme.slug}-title`}, [
    h('header', {className: ['theme-band']}, [
      h('p', {className: ['theme-kicker']}, [
        h('span', {className: ['theme-number']}, `${labels.theme} ${theme.number}`),
        ' ',
        h('span', {className: ['theme-card']}, options.cardTitle)
      ]),
      h(titleTag, {className: ['theme-title'], id: `${theme.slug}-title`}, theme.title)
    ]),
    h('div', {className: ['theme-body']}, labelFigurePlaceholders(options.body, labels.figurePending).children as ElementContent[]),
    options.tips ? tipsBox(theme, options.tips, options.titleLevel + 1, labels) : undefined
  ])
}

function tipsBox(theme: Theme, tips: Tips, level: number, labels: Labels): Element {
  return h('aside', {className: ['tips'], 'aria-labelledby': `${theme.slug}-tips`}, [
    h(`h${level}`, {className: ['tips-title'], id: `${theme.slug}-tips`}, labels.tips),
    tips.heading ? h(`h${level + 1}`, {className: ['tips-heading']}, unwrapParagraph(tips.heading.children as ElementContent[])) : undefined,
    h('ul', {className: ['tips-list']}, tips.items.map((item) => h('li', unwrapParagraph(item.children as ElementContent[]))))
  ])
}
