import type {Root} from 'hast'
import type {VFile} from 'vfile'
import type {CardFrontmatter, Handout, Source} from '../content/schema.js'
import type {VisualTheme} from '../theme/load-visual-theme.js'

/** A source of the literature list, its text already Markdown-rendered. */
export interface CardSource extends Source {
  textTree: Root
}

/** The TIPS box of a theme. */
export interface Tips {
  heading: Root | undefined
  items: Root[]
}

/** One content theme of a card, ready to render. */
export interface Theme {
  slug: string
  /** Position in the card, from 1. */
  number: number
  file: VFile
  title: string
  summary: string
  /** The theme colour and the text colour used on it. */
  color: string
  textColor: string
  body: Root
  tips: Tips | undefined
  /** Ids of the sources this theme cites, in order of first citation. */
  cites: string[]
}

/** A card, assembled from its files: everything a page or PDF needs. */
export interface Card {
  slug: string
  dir: string
  file: VFile
  /** The frontmatter, its `label` filled in from the card's language when it sets none. */
  meta: CardFrontmatter & {label: string}
  intro: Root
  sources: CardSource[]
  themes: Theme[]
  contact: Array<{key: string; lines: string[]}>
  handouts: Handout[]
  visualTheme: VisualTheme
  /** The images the pages use, checked and (SVG) sanitized: these bytes are published. */
  images: CardImage[]
}

/** An image of a card: its card-relative path and the contents to publish. */
export interface CardImage {
  path: string
  contents: string | Uint8Array
}
