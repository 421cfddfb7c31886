import type {Data, Literal, Node, Point, Position} from 'unist'

/** A citation found in a file, with where it stands. */
export interface CitationUse {
  ids: string[]
  /** Where the citation starts: its `[` (for an in-text `@id`, its `@`). */
  place: Point
  /** Where the citation ends: just after its `]` (or after the id). */
  end?: Point
  /** Where each id's `@` stands, in the order of `ids`. */
  idPlaces?: Point[]
  /** Where each id ends, in the order of `ids`. */
  idEnds?: Point[]
}

/** One cited source inside the brackets: `zie -@a, p. 12`. */
export interface CitationItem {
  id: string
  /** Text before the id (`zie`), escapes decoded, spaces collapsed. */
  prefix?: string
  /** Text after the id (`p. 12` for `, p. 12`), without its leading comma. */
  locator?: string
  /** `-@a`: Pandoc's suppressed author. Cited by number, it renders as `@a`. */
  suppressAuthor: boolean
  /** From the item's first character to its last. */
  position?: Position
  /** From the `@` to the end of the id. */
  idPosition?: Position
}

/** A reference from a file to another file of the card (a theme or an image). */
export interface CardReference {
  /** Card-relative path as written, without `./`. */
  target: string
  /** A `#fragment`, if any. */
  fragment: string | undefined
  place: Point
}

/** An mdast node for `[@a; @b]`; becomes a `<sup class="citation">`. */
export interface Citation extends Node {
  type: 'citation'
  ids: string[]
  items: CitationItem[]
  data?: Data & {hName: 'sup'; hProperties: Record<string, unknown>}
}

/** What the per-file pipeline leaves in `file.data` for the per-card step. */
declare module 'vfile' {
  interface DataMap {
    citations: CitationUse[]
    /** Pandoc's author-in-text `@id` outside brackets; checked against the sources per card. */
    inTextCitations: CitationUse[]
    themeLinks: CardReference[]
    /** Links within the file itself (`#heading`); `target` is empty. */
    fragmentLinks: CardReference[]
    images: CardReference[]
    headingIds: string[]
  }
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: Citation
  }
  interface RootContentMap {
    citation: Citation
  }
}

export type {Literal}
