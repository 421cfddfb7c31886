import type {Root} from 'hast'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'

/**
 * The unified pipeline's own HTML compiler, frozen once and shared: every
 * page and print document is written by it, with its default settings
 * (those of `hast-util-to-html`, which it calls).
 */
const compiler = unified().use(rehypeStringify).freeze()

/** A page's tree as HTML. */
export function stringifyHtml(tree: Root): string {
  return compiler.stringify(tree)
}
