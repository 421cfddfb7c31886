import type {Element} from 'hast'
import {h} from 'hastscript'
import type {Theme} from '../../card/model.js'
import type {Labels} from '../../labels.js'

export interface TileOptions {
  href: string
  /** The PDF page the theme starts on; the site has none. */
  page?: number | undefined
}

/** The contents overview: one coloured tile per theme. */
export function overview(themes: Theme[], tileOptions: (theme: Theme) => TileOptions, labels: Labels, layout: {titleTag: 'h3' | 'p'} = {titleTag: 'h3'}): Element {
  return h('section', {className: ['overview'], 'aria-labelledby': 'inhoud'}, [
    h('h2', {className: ['overview-title'], id: 'inhoud'}, labels.contents),
    // role=list: the tiles drop their list style, and Safari then stops announcing a list
    h('ol', {className: ['tiles'], role: 'list'}, themes.map((theme) => tile(theme, tileOptions(theme), layout.titleTag, labels)))
  ])
}

/** In print the tile titles are not headings: the outline lists each theme once. */
function tile(theme: Theme, options: TileOptions, titleTag: 'h3' | 'p', labels: Labels): Element {
  return h('li', {className: ['tile', `theme-${theme.slug}`]}, [
    h('a', {className: ['tile-link'], href: options.href}, [
      h('span', {className: ['tile-number'], 'aria-hidden': 'true'}, String(theme.number)),
      h(titleTag, {className: ['tile-title']}, theme.title),
      options.page === undefined
        ? undefined
        : h('p', {className: ['tile-page']}, [h('span', {className: ['tile-page-label']}, `${labels.page} `), h('span', {className: ['tile-page-number']}, String(options.page))]),
      h('p', {className: ['tile-summary']}, theme.summary),
    ])
  ])
}
