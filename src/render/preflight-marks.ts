import type {Element} from 'hast'
import {h} from 'hastscript'
import type {Position} from 'unist'

/** What the preflight watches in a printed theme. */
export type WatchedKind = 'tips' | 'figure' | 'table'

/**
 * A box that must not be split across pages, or a block whose end shows
 * how far the content of its page goes: marked by empty elements whose
 * ids a hidden link points to, so Chromium writes a destination (page and
 * height) for each into the PDF.
 */
export interface PreflightMark {
  /** The theme the box or block belongs to. */
  theme: string
  /** A watched box, or another block of the theme's body. */
  kind: WatchedKind | 'block'
  /** Id of the mark at its start. */
  startId: string
  /** Id of the mark at its end. */
  endId: string
  /** Where the box or block is written in the theme's Markdown, when known. */
  position: Position | undefined
}

const markClass = 'preflight-mark'

/**
 * Add preflight marks to a theme's article (in place): a start and an end
 * mark inside each block of its body (a table's in its first and last
 * cell) and inside its TIPS box. Add `markLinks` of all marks once to the
 * document, so Chromium writes their destinations.
 */
export function markTheme(article: Element, theme: string, tipsPosition: Position | undefined, counter: {next: number}): PreflightMark[] {
  const marks: PreflightMark[] = []
  const newId = () => `pf-${counter.next++}`
  for (const part of article.children) {
    if (part.type !== 'element') continue
    if (hasClass(part, 'tips')) marks.push(markBox(part, 'tips', theme, tipsPosition, newId))
    if (!hasClass(part, 'theme-body')) continue
    for (const block of part.children) {
      if (block.type !== 'element') continue
      const kind = watchedKind(block)
      if (kind) {
        marks.push(markBox(block, kind, theme, block.position, newId))
        continue
      }
      marks.push({...markBox(block, 'figure', theme, block.position, newId), kind: 'block'})
    }
  }
  return marks
}

/** The hidden links that make Chromium write a destination for every mark. */
export function markLinks(marks: readonly PreflightMark[]): Element {
  const ids = marks.flatMap((entry) => [entry.startId, entry.endId])
  return h('div', {hidden: true, className: ['preflight-links']}, ids.map((id) => h('a', {href: `#${id}`, tabIndex: -1})))
}

function markBox(box: Element, kind: WatchedKind | 'block', theme: string, position: Position | undefined, newId: () => string): PreflightMark {
  const startId = newId()
  const endId = newId()
  innermost(box, 'first').children.unshift(mark(startId))
  innermost(box, 'last').children.push(mark(endId))
  return {theme, kind, startId, endId, position: position ?? firstPosition(box)}
}

function watchedKind(element: Element): WatchedKind | undefined {
  if (element.tagName === 'figure') return 'figure'
  if (element.tagName === 'table') return 'table'
  if (element.tagName === 'aside' && hasClass(element, 'tips')) return 'tips'
  return undefined
}

function mark(id: string): Element {
  return h('span', {id, className: [markClass]})
}

/** Elements a mark cannot go in (it would not be laid out, or not as text). */
const closed = new Set(['svg', 'img', 'br', 'hr', 'math', 'video', 'audio', 'iframe', 'input', 'table', 'thead', 'tbody', 'tfoot', 'tr'])

/**
 * The element a mark goes in, at the start or the end of `element`: as deep
 * as its first (last) child elements go, so that no element stops being
 * `:first-child` or `:last-child` (the theme styles those) and the mark
 * sits on the box's first (last) line. A table's is its first (last) cell.
 */
function innermost(element: Element, end: 'first' | 'last'): Element {
  let current = element
  for (let depth = 0; depth < 64; depth++) {
    const children = current.children.filter((child) => !(child.type === 'text' && child.value.trim() === '') && child.type !== 'comment')
    const edge = end === 'first' ? children[0] : children.at(-1)
    if (current.tagName === 'table' || current.tagName === 'thead' || current.tagName === 'tbody' || current.tagName === 'tfoot' || current.tagName === 'tr') {
      const rows = current.children.filter((child): child is Element => child.type === 'element')
      const next = end === 'first' ? rows[0] : rows.at(-1)
      if (!next) return current
      current = next
      continue
    }
    if (edge?.type !== 'element' || closed.has(edge.tagName)) return current
    current = edge
  }
  return current
}

function firstPosition(element: Element): Position | undefined {
  if (element.position) return element.position
  for (const child of element.children) {
    if (child.type === 'element') {
      const found = firstPosition(child)
      if (found) return found
    } else if ('position' in child && child.position) return child.position
  }
  return undefined
}

function hasClass(element: Element, name: string): boolean {
  const classes = element.properties.className
  return Array.isArray(classes) && classes.includes(name)
}
