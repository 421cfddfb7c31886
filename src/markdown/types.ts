import type {Data, Literal, Node, Point} from 'unist'

/** A citation found in a file, with where it stands. */
export interface CitationUse {
  ids: string[]
  /** Where the citation starts: its `[`. */
  place: Point
  /** Where each id's `@` stands, in the order of `ids`. */
  idPlaces?: Point[]
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
  data?: Data & {hName: 'sup'; hProperties: Record<string, unknown>}
}

/** What the per-file pipeline leaves in `file.data` for the per-card step. */
declare module 'vfile' {
  interface DataMap {
    citations: CitationUse[]
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
