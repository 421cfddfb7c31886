import type {CompileContext, Extension, Token} from 'mdast-util-from-markdown'
import {decodeString} from 'micromark-util-decode-string'
import type {Point} from 'unist'
import type {Citation, CitationItem} from './types.js'

/**
 * Turn the tokens of micromark-citation into a `citation` node, with the
 * parser's own positions for the whole citation, each item and each id.
 */
export function citationFromMarkdown(): Extension {
  return {
    enter: {citation: enterCitation, citationItem: enterItem, citationKeyMarker: enterKeyMarker},
    exit: {
      citation: exitCitation,
      citationItem: exitItem,
      citationPrefix: exitPrefix,
      citationSuppressAuthor: exitSuppressAuthor,
      citationKey: exitKey,
      citationSuffix: exitSuffix
    }
  }
}

function pointOf(point: Token['start']): Point {
  return {line: point.line, column: point.column, offset: point.offset}
}

/** The citation being built: the node on top of the stack. */
function current(context: CompileContext): Citation {
  return context.stack[context.stack.length - 1] as unknown as Citation
}

function currentItem(context: CompileContext): CitationItem {
  return current(context).items.at(-1)!
}

/** Prefix and suffix text as it reads: escapes and references decoded, white space collapsed. */
function textOf(context: CompileContext, token: Token): string {
  return decodeString(context.sliceSerialize(token)).replace(/\s+/g, ' ').trim()
}

function enterCitation(this: CompileContext, token: Token): undefined {
  const citation: Citation = {type: 'citation', ids: [], items: []}
  this.enter(citation as never, token)
}

function exitCitation(this: CompileContext, token: Token): undefined {
  const citation = current(this)
  citation.ids = citation.items.map((item) => item.id)
  const details = citation.items.some((item) => item.prefix || item.locator)
  citation.data = {
    hName: 'sup',
    hProperties: {
      className: ['citation'],
      // The ids, or (when there is more than ids) the items as JSON: the one
      // attribute the sanitizer lets through on a citation.
      dataCite: details ? JSON.stringify(citation.items.map(({id, prefix, locator}) => ({id, prefix, locator}))) : citation.ids.join(' ')
    }
  }
  this.exit(token)
}

function enterItem(this: CompileContext, token: Token): undefined {
  current(this).items.push({id: '', suppressAuthor: false, position: {start: pointOf(token.start), end: pointOf(token.end)}})
}

function exitItem(this: CompileContext, token: Token): undefined {
  currentItem(this).position!.end = pointOf(token.end)
}

function enterKeyMarker(this: CompileContext, token: Token): undefined {
  currentItem(this).idPosition = {start: pointOf(token.start), end: pointOf(token.end)}
}

function exitKey(this: CompileContext, token: Token): undefined {
  const item = currentItem(this)
  item.id = this.sliceSerialize(token)
  item.idPosition!.end = pointOf(token.end)
}

function exitPrefix(this: CompileContext, token: Token): undefined {
  const prefix = textOf(this, token)
  if (prefix) currentItem(this).prefix = prefix
}

function exitSuppressAuthor(this: CompileContext): undefined {
  currentItem(this).suppressAuthor = true
}

function exitSuffix(this: CompileContext, token: Token): undefined {
  // `[@a, p. 12]` and `[@a p. 12]` both have the locator `p. 12`.
  const locator = textOf(this, token).replace(/^,\s*/, '')
  if (locator) currentItem(this).locator = locator
}
