import type {Element} from 'hast'
import {h} from 'hastscript'
import type {Labels} from '../../labels.js'
import {relativeUrl} from '../urls.js'

/**
 * The search box of a page header: hidden until the search script
 * (client/search.js) shows it, so a page read without JavaScript, or from
 * `file://`, has no box that cannot work. It carries the relative URL of
 * the site's root, where the index is (`pagefind/`), so the site finds its
 * index under any folder it is served from; and the labels the script
 * shows, in the page's language. On a card's pages (`card`, its slug), a
 * checkbox narrows the search to that card (the index's `card` filter).
 */
export function searchBox(page: string, labels: Labels, card?: string): Element {
  const toIndex = relativeUrl(page, 'index.html')
  return h(
    'div',
    {
      className: ['site-search'],
      role: 'search',
      hidden: true,
      dataSearchRoot: toIndex.slice(0, -'index.html'.length) || './',
      dataLabelResultsOne: labels.searchResultsOne,
      dataLabelResultsOther: labels.searchResultsOther,
      dataLabelNoResults: labels.searchNoResults,
      dataLabelFailed: labels.searchFailed
    },
    [
      h('label', {className: ['site-search-label'], for: 'site-search-input'}, labels.search),
      h('input', {
        className: ['site-search-input'],
        id: 'site-search-input',
        type: 'search',
        placeholder: labels.searchPlaceholder,
        autoComplete: 'off',
        spellCheck: 'false',
        ariaControls: 'site-search-results',
        ariaDescribedBy: 'site-search-status'
      }),
      card === undefined
        ? undefined
        : h('label', {className: ['site-search-scope']}, [h('input', {className: ['site-search-scope-input'], type: 'checkbox', value: card}), ' ', labels.searchThisCard]),
      h('p', {className: ['site-search-status'], id: 'site-search-status', role: 'status'}),
      h('ol', {className: ['site-search-results'], id: 'site-search-results', hidden: true})
    ]
  )
}
