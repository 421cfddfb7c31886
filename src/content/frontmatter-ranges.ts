import type {Position} from 'unist'

/** Where a frontmatter value (or its key) is written in the file. */
export type RangeAt = (path: ReadonlyArray<PropertyKey>, what?: 'key' | 'value') => Position

/**
 * Where every value of a validated frontmatter is written, as plain data:
 * by path (`["sources",2,"id"]`), the range of its value and of its key.
 * Unlike a parsed YAML document, the table can be cached and sent to
 * another thread; `rangeLookup` answers from it as the document would.
 */
export type FrontmatterRanges = Record<string, {value: Position; key?: Position}>

/** Tabulate the place of every value in `data`, the validated frontmatter, and of the frontmatter itself. */
export function tabulateRanges(data: unknown, rangeAt: RangeAt): FrontmatterRanges {
  const ranges: FrontmatterRanges = {}
  const visit = (value: unknown, path: PropertyKey[]) => {
    ranges[pathKey(path)] = path.length === 0 ? {value: rangeAt(path)} : {value: rangeAt(path), key: rangeAt(path, 'key')}
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]))
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) visit(item, [...path, key])
  }
  visit(data, [])
  return ranges
}

/**
 * Look a place up in the table. A path the table does not hold (a value
 * left out as invalid) is pointed at through the nearest value that holds
 * it; with nothing known at all, at the file's start.
 */
export function rangeLookup(ranges: FrontmatterRanges): RangeAt {
  return (path, what = 'value') => {
    for (let length = path.length; length >= 0; length--) {
      const entry = ranges[pathKey(path.slice(0, length))]
      if (!entry) continue
      return length === path.length && what === 'key' && entry.key ? entry.key : entry.value
    }
    return {start: {line: 1, column: 1}, end: {line: 1, column: 1}}
  }
}

function pathKey(path: ReadonlyArray<PropertyKey>): string {
  return JSON.stringify(path.map((part) => (typeof part === 'symbol' ? String(part) : part)))
}
