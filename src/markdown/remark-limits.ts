import type {Html, Nodes, Parents, Root, Table} from 'mdast'
import {Tokenizer, type Token} from 'parse5'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {emitError} from '../report/emit.js'
import {maxHeadingLength, maxNestingDepth, maxTableCells} from './limits.js'

export interface Options {
  /** Deepest level a node of the tree may stand at (the root's children are level 1). */
  maxDepth?: number
  maxTableCells?: number
  maxHeadingLength?: number
}

/** Elements that never hold content, so they never nest. */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
/** Elements a second one of the same name closes (`<li>` … `<li>`). */
const selfClosingSiblings = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'rb', 'rt', 'rp'])

/**
 * Refuse structure that later stages cannot handle, right after parsing and
 * before any plugin walks or expands the tree, with an iterative walk:
 * - nesting deeper than `maxDepth` (counting the elements raw HTML opens,
 *   which the HTML parser nests further), cut off at the first node past it;
 * - tables with more cells than `maxTableCells` (HTML pads every row to the
 *   widest), removed;
 * - headings longer than `maxHeadingLength` characters.
 * Each is an error at its place, so the rest of the file is still checked.
 */
export default function remarkLimits(options: Options = {}) {
  const maxDepth = options.maxDepth ?? maxNestingDepth
  const cellLimit = options.maxTableCells ?? maxTableCells
  const headingLimit = options.maxHeadingLength ?? maxHeadingLength
  return (tree: Root, file: VFile) => {
    let reportedDepth = false
    const reportDepth = (place: Point | undefined) => {
      if (reportedDepth) return
      reportedDepth = true
      emitError(file, 'markdown-too-deep', `The Markdown nests more than ${maxDepth} levels deep here`, {
        place,
        hint: 'Nest quotes, lists and HTML elements a few levels deep at most (each quote, list, list item and element is a level).'
      })
    }
    const rawHtml = new RawHtmlNesting()
    const stack: Array<[Parents, number]> = [[tree, 0]]
    while (stack.length > 0) {
      const [parent, depth] = stack.pop()!
      if (depth >= maxDepth && parent.children.length > 0) {
        reportDepth(parent.children[0]!.position?.start)
        parent.children = []
        continue
      }
      const children = parent.children as Nodes[]
      for (let index = 0; index < children.length; index++) {
        const child = children[index]!
        if (child.type === 'table' && tableCells(child) > cellLimit) {
          emitError(file, 'table-too-large', `The table has ${tableCells(child)} cells, more than the limit of ${cellLimit}`, {
            place: child.position?.start,
            hint: 'Split the table, or leave out columns: every row has as many cells as the widest row.'
          })
          children.splice(index--, 1)
          continue
        }
        if (child.type === 'heading') {
          const length = textLength(child)
          if (length > headingLimit) {
            emitError(file, 'heading-too-long', `The heading is ${length} characters long, more than the limit of ${headingLimit}`, {
              place: child.position?.start,
              hint: 'Keep headings short; put the rest in the text below.'
            })
          }
        }
        if (child.type === 'html') {
          const tooDeep = rawHtml.add(child, depth + 1, maxDepth)
          if (tooDeep) {
            reportDepth(tooDeep)
            child.value = ''
          }
        }
      }
      // In reverse, so the nodes are visited in document order (raw HTML nests across siblings)
      for (let index = children.length - 1; index >= 0; index--) {
        const child = children[index]!
        if ('children' in child) stack.push([child, depth + 1])
      }
    }
  }
}

/** Rows (with the header) times the widest row: what HTML makes of a table. */
function tableCells(table: Table): number {
  let widest = table.align?.length ?? 0
  for (const row of table.children) widest = Math.max(widest, row.children.length)
  return table.children.length * widest
}

function textLength(node: Nodes): number {
  let length = 0
  const stack: Nodes[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()!
    if ('value' in current && typeof current.value === 'string') length += current.value.length
    if ('children' in current) stack.push(...(current.children as Nodes[]))
  }
  return length
}

/**
 * The elements raw HTML leaves open, counted through the whole file: the
 * HTML parser nests everything after an unclosed `<div>` inside it. An
 * upper bound (Markdown containers that close raw elements are not
 * counted), from parse5's own tokenizer.
 */
class RawHtmlNesting {
  private open: string[] = []

  /** Add one HTML node at a tree depth; returns the place of the tag past `maxDepth`, if any. */
  add(node: Html, depth: number, maxDepth: number): Point | undefined {
    const before = [...this.open]
    let pastAt: number | undefined
    const ignore = () => undefined
    const tokenizer = new Tokenizer(
      {sourceCodeLocationInfo: true},
      {
        onComment: ignore,
        onDoctype: ignore,
        onEof: ignore,
        onCharacter: ignore,
        onNullCharacter: ignore,
        onWhitespaceCharacter: ignore,
        onStartTag: (token: Token.TagToken) => {
          const name = token.tagName
          if (voidElements.has(name)) return
          if (selfClosingSiblings.has(name) && this.open.at(-1) === name) return
          this.open.push(name)
          if (pastAt === undefined && depth + this.open.length > maxDepth) pastAt = token.location?.startOffset ?? 0
        },
        onEndTag: (token: Token.TagToken) => {
          const index = this.open.lastIndexOf(token.tagName)
          if (index !== -1) this.open.length = index
        }
      }
    )
    tokenizer.write(node.value, true)
    if (pastAt === undefined) return undefined
    this.open = before
    return pointIn(node, pastAt)
  }
}

/** A file point for an offset in a node's value (lines after the first lose their container prefix). */
function pointIn(node: Html, offset: number): Point | undefined {
  const start = node.position?.start
  if (!start) return undefined
  const before = node.value.slice(0, offset)
  const newlines = before.split('\n').length - 1
  if (newlines === 0) return {line: start.line, column: start.column + offset}
  return {line: start.line + newlines, column: offset - before.lastIndexOf('\n')}
}
