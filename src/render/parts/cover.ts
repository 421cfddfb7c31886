import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import type {Card} from '../../card/model.js'
import {cardLabels} from '../card-labels.js'
import {labelFigurePlaceholders} from '../figure-placeholders.js'

/** The cover: label, title, the introduction and who publishes the card. */
export function cover(card: Card, intro: Root): Element {
  const labels = cardLabels(card)
  return h('header', {className: ['cover']}, [
    h('p', {className: ['cover-label']}, card.meta.label),
    h('h1', {className: ['cover-title']}, card.meta.title),
    h('div', {className: ['cover-intro']}, labelFigurePlaceholders(intro, labels.figurePending).children as Element[]),
    card.meta.publisher ? h('p', {className: ['cover-publisher']}, [`${labels.publishedBy} `, h('strong', card.meta.publisher)]) : undefined,
    // The card's own colours as a stripe: decoration, from whatever colours the themes have
    h('ul', {className: ['cover-palette'], 'aria-hidden': 'true'}, card.themes.map((theme) => h('li', {className: [`theme-${theme.slug}`]})))
  ])
}
