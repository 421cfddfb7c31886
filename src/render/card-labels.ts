import type {Card} from '../card/model.js'
import {type Labels, labelsFor} from '../labels.js'

/** The labels of a card's pages: its language's, with its visual theme's overrides. */
export function cardLabels(card: Card): Labels {
  return labelsFor(card.meta.lang, card.visualTheme.labels)
}
