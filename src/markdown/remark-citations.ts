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
    const source = String(file.value)
    const uses = (file.data.citations ??= [])

    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('[@')) return
      const matches = [...node.value.matchAll(citationPattern)]
      if (matches.length === 0) return
      // The text's value is not its source: escapes, character references and
      // block-quote or list prefixes are gone. Positions come from the same
      // citations found in the source of the node instead.
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      const inSource = start === undefined || end === undefined ? [] : [...source.slice(start, end).matchAll(citationPattern)]
      const sourceMatches = inSource.length === matches.length ? inSource : undefined

      const replacement: PhrasingContent[] = []
      let last = 0
      for (const [number, match] of matches.entries()) {
        const ids = match[1]!.split(';').map((part) => part.trim().slice(1))
        const before = node.value.slice(last, match.index)
        if (before) replacement.push({type: 'text', value: before})
        const citation: Citation = {
          type: 'citation',
          ids,
          data: {hName: 'sup', hProperties: {className: ['citation'], dataCite: ids.join(' ')}}
        }
        const inFile = sourceMatches?.[number]
        const at = (offset: number) => place.toPoint(start! + inFile!.index + offset)
        const point = inFile ? at(inFile[0].indexOf('[')) : undefined
        if (point) {
          citation.position = {start: point, end: at(inFile![0].length) ?? point}
          uses.push({ids, place: point, idPlaces: idOffsets(inFile![0]).map((offset) => at(offset) ?? point)})
        } else {
          uses.push({ids, place: node.position?.start ?? {line: 1, column: 1}})
        }
        replacement.push(citation)
        last = match.index + match[0].length
      }
      const rest = node.value.slice(last)
      if (rest) replacement.push({type: 'text', value: rest})
      parent.children.splice(index, 1, ...replacement)
      return [SKIP, index + replacement.length]
    })
  }
}

/** The offsets of the `@` of each id within one matched citation. */
function idOffsets(citation: string): number[] {
  return [...citation.matchAll(/@/g)].map((match) => match.index)
}
