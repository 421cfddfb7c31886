import type {Parent, Root, Text} from 'mdast'
import type {Processor} from 'unified'
import type {Point} from 'unist'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {emitError} from '../report/emit.js'
import {citationFromMarkdown} from './mdast-citation.js'
import {citationSyntax} from './micromark-citation.js'
import type {Citation, CitationUse} from './types.js'

/** Pandoc's author-in-text `@id`: not after a word character, a `\` escape or a bracket. */
const inTextPattern = /(?<![\p{L}\p{N}_\\@.:/[-])@([\p{L}\p{N}_]+(?:[:.#$%&\-+?<>~/]+[\p{L}\p{N}_]+)*)/gu

/**
 * Pandoc citations: `[@a]`, `[@a; @b]`, `[zie @a, p. 12]`, `[-@a]`, parsed by
 * a micromark extension (so positions are the parser's and scanning is
 * linear). Each citation is recorded with its position in
 * `file.data.citations`; an author-in-text `@id` in `file.data.inTextCitations`
 * (only the card knows whether it names a source). Brackets that look like a
 * citation but are not one are a `citation-malformed` error, so they are
 * never published as typed. Numbers are given per card, later.
 */
export default function remarkCitations(this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(citationSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(citationFromMarkdown())

  return (tree: Root, file: VFile) => {
    const place = location(file)
    const source = String(file.value)
    const uses = (file.data.citations ??= [])
    const inTextUses = (file.data.inTextCitations ??= [])
    const linkTexts = new Set<Text>()
    visit(tree, ['link', 'linkReference'], (link) => {
      visit(link, 'text', (text: Text) => {
        linkTexts.add(text)
      })
    })

    /** Parents left with an empty text node; cleaned once at the end, so many citations stay linear. */
    const emptied = new Set<Parent>()
    visit(tree, (node, index, parent) => {
      if (node.type === 'citation') {
        const citation = node as Citation
        const {start, end} = citation.position ?? {start: {line: 1, column: 1}, end: undefined}
        uses.push({
          ids: citation.ids,
          place: start,
          end,
          idPlaces: citation.items.map((item) => item.idPosition?.start ?? start),
          idEnds: citation.items.map((item) => item.idPosition?.end ?? start)
        })
        // The number hangs on the word before it: `woord [@a]` reads `woord¹`.
        const before = index === undefined ? undefined : parent?.children[index - 1]
        if (before?.type === 'text') {
          before.value = before.value.trimEnd()
          if (!before.value) emptied.add(parent!)
        }
        return
      }
      if (node.type !== 'text') return
      const from = node.position?.start.offset
      const to = node.position?.end.offset
      if (from === undefined || to === undefined) return
      const text = source.slice(from, to)
      const at = (offset: number): Point => place.toPoint(from + offset) ?? node.position!.start
      const mistakes = malformedCitations(text)
      for (const mistake of mistakes) {
        emitError(file, 'citation-malformed', `Malformed citation \`${shorten(mistake.shown)}\`: ${mistake.reason}`, {
          place: {start: at(mistake.start), end: at(mistake.end)},
          hint: 'Write a citation as [@id], [@id, p. 12], [zie @id; @ander] or [-@id]. To show the brackets as text, write \\[@…].'
        })
      }
      // An `@id` in link text or in a malformed citation is not an in-text citation.
      if (linkTexts.has(node)) return
      let nextMistake = 0
      for (const match of text.matchAll(inTextPattern)) {
        while (nextMistake < mistakes.length && mistakes[nextMistake]!.end <= match.index) nextMistake++
        if (nextMistake < mistakes.length && mistakes[nextMistake]!.start <= match.index) continue
        const start = at(match.index)
        const end = at(match.index + match[0].length)
        inTextUses.push({ids: [match[1]!], place: start, end, idPlaces: [start], idEnds: [end]})
      }
    })
    for (const parent of emptied) parent.children = parent.children.filter((child) => child.type !== 'text' || child.value !== '') as typeof parent.children
  }
}

/**
 * A copy of a use with every point moved (for fragments from the
 * frontmatter): starts by `start`, ends by `end`, which may differ where the
 * source writes one character as several (an escape in YAML).
 */
export function shiftCitationUse(use: CitationUse, start: (point: Point) => Point, end: (point: Point) => Point = start): CitationUse {
  return {
    ...use,
    place: start(use.place),
    end: use.end && end(use.end),
    idPlaces: use.idPlaces?.map(start),
    idEnds: use.idEnds?.map(end)
  }
}

interface MalformedCitation {
  start: number
  end: number
  reason: string
  /** The citation as written, without quote markers of continuation lines. */
  shown: string
}

/**
 * Find brackets in the source of a text node that look like a citation:
 * the parser did not take them, so they would be published as typed.
 * Each `[` is looked at up to the next bracket, so this is linear too.
 */
export function malformedCitations(text: string): MalformedCitation[] {
  const found: MalformedCitation[] = []
  let open = text.indexOf('[')
  while (open >= 0) {
    let close = open + 1
    while (close < text.length && text[close] !== '[' && text[close] !== ']') close++
    // Quote markers of continuation lines are in the source, not in the citation.
    const inner = text.slice(open + 1, close).replace(/\n[ \t]*(?:>[ \t]?)*/g, '\n')
    if (!isEscaped(text, open) && looksLikeCitation(inner)) {
      const closed = text[close] === ']'
      found.push({
        start: open,
        end: closed ? close + 1 : open + 1 + unclosedLength(inner),
        reason: whyMalformed(inner, text[close], text[open - 1], text[close + 1]),
        shown: `[${inner}${closed ? ']' : ''}`
      })
    }
    open = close < text.length ? text.indexOf('[', close) : -1
  }
  return found
}

/** How much of an unclosed citation to mark: its leading `@id`, or all that was scanned. */
function unclosedLength(inner: string): number {
  return /^\s*-?@[^\s;]*/.exec(inner)?.[0].length ?? inner.trimEnd().length
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0
  while (text[index - 1 - backslashes] === '\\') backslashes++
  return backslashes % 2 === 1
}

function looksLikeCitation(inner: string): boolean {
  return /^\s*-?@/.test(inner) || /(?:^|[\s;])-?@[\p{L}\p{N}_]/u.test(inner)
}

/** Say what is wrong, in the order an editor would fix it. */
function whyMalformed(inner: string, closing: string | undefined, before: string | undefined, after: string | undefined): string {
  if (closing === '[') return 'a `[` inside a citation is not allowed'
  if (closing !== ']') return 'no `]` closes it before the next bracket, code span, other markup or the end of the paragraph'
  if (before === '!') return 'after `!` it reads as an image'
  for (const part of inner.split(';')) {
    const item = part.trim()
    if (!item) return 'it has an empty part between `;`'
    const ids = [...item.matchAll(/(?:^|\s)-?@([\p{L}\p{N}_]?)/gu)]
    if (ids.length === 0) return `the part \`${shorten(item)}\` names no source (write \`@id\` in it)`
    if (ids.some((id) => !id[1])) return '`@` must be followed by a source id (starting with a letter, digit or `_`)'
    if (ids.length > 1) return 'two ids need a `;` between them'
  }
  if (inner.includes('`')) return 'a backtick inside a citation is not allowed'
  if (after === '(') return 'the `(` after it makes it a link, which did not form'
  return 'it is not valid citation syntax'
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ')
  return oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine
}
