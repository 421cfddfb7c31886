import {h} from 'hastscript'
import {labelsFor} from '../labels.js'
import type {OutputFile} from '../output/output-file.js'
import type {SiteAddress} from '../site/address.js'
import {htmlDocument} from './document.js'
import type {IndexEntry} from './site.js'
import {stringifyHtml} from './stringify.js'
import {encodePath} from './urls.js'

/**
 * `404.html`, the page a host shows for an address that leads nowhere, in
 * the look and language of the first card (as the index page). A host
 * serves it at any depth (`/kennis/a/b/c`), so, unlike every other page,
 * its stylesheet and links are absolute paths from the base.
 */
export function renderNotFoundPage(cards: readonly IndexEntry[], address: SiteAddress): OutputFile {
  const first = cards[0]
  const lang = first?.lang ?? 'nl'
  const labels = first?.labels ?? labelsFor(lang)
  const tree = htmlDocument({
    lang,
    title: `${labels.notFoundTitle} – ${labels.cardsTitle}`,
    head: [h('meta', {name: 'robots', content: 'noindex'})],
    stylesheets: first ? [address.base + encodePath(first.siteStylesheet)] : [],
    bodyClass: ['page', 'page-not-found'],
    body: [
      h('a', {className: ['skip-link'], href: '#main'}, labels.skipToContent),
      h('header', {className: ['site-header']}, [h('a', {className: ['site-header-all'], href: address.base}, labels.cardsTitle)]),
      h('main', {id: 'main', className: ['not-found']}, [
        h('h1', {className: ['not-found-title']}, labels.notFoundTitle),
        h('p', {className: ['not-found-text']}, labels.notFoundText),
        h('p', [h('a', {className: ['not-found-link'], href: address.base}, labels.allCards)])
      ]),
      h('footer', {className: ['site-footer']}, [h('p', {className: ['site-footer-made']}, labels.madeWith)])
    ]
  })
  return {path: '404.html', contents: stringifyHtml(tree)}
}
