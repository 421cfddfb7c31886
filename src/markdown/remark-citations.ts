import type {PhrasingContent, Root, Text} from 'mdast'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {Citation} from './types.js'

/** `[@a]` or `[@a; @b]`: Pandoc's bracketed citation syntax, ids only. */
const citationPattern = /\s*\[(@[a-z][\w-]*(?:\s*;\s*@[a-z][\w-]*)*)\]/gi

/**
 * Turn Pandoc citations in text into `citation` nodes and record each use
 * with its position in `file.data.citations`. Numbers are given per card,
 * later: this plugin only needs the file itself.
 */
export default function remarkCitations() {
  return (tree: Root, file: VFile) => {
    const place = location(file)
    const uses = (file.data.citations ??= [])

    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('[@')) return
      const replacement: PhrasingContent[] = []
      const startOffset = node.position?.start.offset
      let last = 0
      for (const match of node.value.matchAll(citationPattern)) {
        const ids = match[1]!.split(';').map((part) => part.trim().slice(1))
        const before = node.value.slice(last, match.index)
        if (before) replacement.push({type: 'text', value: before})
        const bracketOffset = match.index + match[0].indexOf('[')
        const point = startOffset === undefined ? undefined : place.toPoint(startOffset + bracketOffset)
        const citation: Citation = {
          type: 'citation',
          ids,
          data: {hName: 'sup', hProperties: {className: ['citation'], dataCite: ids.join(' ')}}
        }
        if (point) {
          citation.position = {start: point, end: place.toPoint(startOffset! + match.index + match[0].length) ?? point}
          uses.push({ids, place: point})
        } else {
          uses.push({ids, place: node.position?.start ?? {line: 1, column: 1}})
        }
        replacement.push(citation)
        last = match.index + match[0].length
      }
      if (replacement.length === 0) return
      const rest = node.value.slice(last)
      if (rest) replacement.push({type: 'text', value: rest})
      parent.children.splice(index, 1, ...replacement)
      return [SKIP, index + replacement.length]
    })
  }
}
