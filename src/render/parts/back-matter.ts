import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {Card, CardSource} from '../../card/model.js'
import {contactLabel, type Labels} from '../../labels.js'
import {cardLabels} from '../card-labels.js'

/** The contact block; known keys get a label in the card's language and a link. */
export function contactBlock(card: Card): Element | undefined {
  if (card.contact.length === 0) return undefined
  const labels = cardLabels(card)
  return h('section', {className: ['contact'], 'aria-labelledby': 'contact'}, [
    h('h2', {className: ['contact-title'], id: 'contact'}, labels.contact),
    h('address', {className: ['contact-block']}, card.contact.map(({key, lines}) => contactItem(key, lines, labels)))
  ])
}

function contactItem(key: string, lines: string[], labels: Labels): Element {
  const label = contactLabel(labels, key)
  const value = lines.join(' ')
  let content: ElementContent[]
  if (key === 'email') content = [h('a', {href: `mailto:${value}`}, value)]
  // A phone number must not break over two lines: its spaces do not break
  else if (key === 'phone') content = [h('a', {href: `tel:${value.replace(/[^\d+]/g, '')}`}, value.replace(/ /g, '\u00A0'))]
  else if (key === 'website') content = [h('a', {href: /^https?:\/\//.test(value) ? value : `https://${value}`}, value)]
  else content = lines.flatMap((line, index) => (index === 0 ? [line] : [h('br'), line])) as ElementContent[]
  return h('p', {className: ['contact-item', `contact-${key}`]}, [h('span', {className: ['contact-label']}, label), h('span', {className: ['contact-value']}, content)])
}

/** The numbered literature list; each entry is a citation target. */
export function literatureList(sources: Array<{source: CardSource; number: number}>, idOf: (source: CardSource) => string, labels: Labels): Element | undefined {
  if (sources.length === 0) return undefined
  return h('section', {className: ['literature'], 'aria-labelledby': 'gebruikte-literatuur'}, [
    h('h2', {className: ['literature-title'], id: 'gebruikte-literatuur'}, labels.literature),
    h(
      'ol',
      {className: ['sources']},
      sources.map(({source, number}) =>
        h('li', {className: ['source'], id: idOf(source), value: number}, [
          ...(unwrapParagraph(source.textTree.children as ElementContent[])),
          source.url ? [' ', h('a', {className: ['source-url'], href: source.url}, source.url)] : []
        ].flat())
      )
    )
  ])
}

/** Inline Markdown comes back as one paragraph; keep just its content. */
export function unwrapParagraph(nodes: ElementContent[]): ElementContent[] {
  const elements = nodes.filter((node) => node.type !== 'text' || node.value.trim() !== '')
  const [only] = elements
  if (elements.length === 1 && only?.type === 'element' && only.tagName === 'p') return only.children
  return nodes
}
