import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {closest, distance} from 'fastest-levenshtein'
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml'
import type {z} from 'zod'
import {emitError, emitWarning} from '../report/emit.js'
import {coarseStringPositions, scalarStringPositions, type StringPositions} from './yaml-string-positions.js'

/** The YAML block of a file and where its first line is in that file. */
export interface FrontmatterBlock {
  value: string
  /** 1-based line in the file of the YAML's first line (the line after `---`). */
  startLine: number
}

/** Frontmatter parsed into a document that still knows where each value stands. */
export interface ParsedFrontmatter {
  data: unknown
  /** Find the file position of the value at a path, e.g. `['sources', 3, 'id']`. */
  pointAt(path: ReadonlyArray<PropertyKey>, what?: 'key' | 'value' | 'text'): Point
  /**
   * Where each character of the string at a path stands in the file, from
   * the YAML's own source (so a line of a folded or literal block, or a
   * character after an escape, is found at its real line and column).
   */
  stringPositionsAt(path: ReadonlyArray<PropertyKey>): StringPositions
}

/**
 * Parse a frontmatter block. YAML syntax errors are reported on the file at
 * their own line and column; the result is undefined when the YAML is broken.
 */
export function parseFrontmatter(file: VFile, block: FrontmatterBlock): ParsedFrontmatter | undefined {
  const lineCounter = new LineCounter()
  const document = parseDocument(block.value, {lineCounter, prettyErrors: true, uniqueKeys: true, keepSourceTokens: true})
  const toFilePoint = (offset: number): Point => {
    const {line, col} = lineCounter.linePos(offset)
    return {line: block.startLine + line - 1, column: col}
  }

  // Only the first YAML error: the ones after it are mostly its echoes.
  const [error] = document.errors
  if (error) {
    // The library counts lines from the block's start; the finding carries the file's own.
    const reason = (error.message.split('\n')[0] ?? error.message).replace(/\s*at line \d+, column \d+:?\s*$/, '').replace(/:$/, '')
    // A missing closing quote is found at the end of the text; the quote to close is where the reader must look.
    const quote = error.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(reason)?.[1] : undefined
    const opening = quote ? block.value.lastIndexOf(quote, error.pos[0] - 1) : -1
    emitError(file, 'yaml-syntax', `Invalid YAML in the frontmatter: ${reason}`, {
      place: toFilePoint(opening >= 0 ? opening : error.pos[0]),
      hint: quote
        ? `Close the quote with ${quote} at the end of the value, or leave the quotes out.`
        : error.code === 'TAB_AS_INDENT'
          ? 'Indent with spaces: YAML does not allow tabs for indentation.'
          : 'Check the indentation and quote values that contain `:`, `#`, `[` or start with `@` or `*`.'
    })
    return undefined
  }

  let data: unknown
  try {
    data = document.toJS({maxAliasCount: 100}) ?? {}
  } catch (error) {
    // Aliases that expand beyond reason (a "billion laughs") end up here.
    emitError(file, 'yaml-syntax', `Invalid YAML in the frontmatter: ${(error as Error).message}`, {
      place: {line: block.startLine, column: 1},
      hint: 'Write the values out instead of using YAML anchors (`&`) and aliases (`*`).'
    })
    return undefined
  }
  const pointAt: ParsedFrontmatter['pointAt'] = (path, what = 'value') => {
    // An empty block has no node to point at: point at its opening `---`.
    if (!document.contents) return {line: block.startLine - 1, column: 1}
    return toFilePoint(offsetAt(document, path, what))
  }
  const stringPositionsAt: ParsedFrontmatter['stringPositionsAt'] = (path) => {
    const text = valueAt(data, path)
    const value = typeof text === 'string' ? text : ''
    const {node} = nodeAt(document, path)
    if (isScalar(node) && typeof node.value === 'string' && node.srcToken) {
      const exact = scalarStringPositions(node.srcToken, node.value, toFilePoint)
      if (exact?.value === value) return exact
    }
    // An alias, or a form of YAML not followed: the value's start and end
    const start = pointAt(path, 'text')
    const range = (node as YamlNode | null | undefined)?.range
    return coarseStringPositions(value, start, range ? toFilePoint(range[1]) : start)
  }
  return {data, pointAt, stringPositionsAt}
}

/**
 * Validate frontmatter against a schema. Every problem is reported at the
 * key or value it concerns; unknown keys are warnings (with a near miss
 * suggested) and are left out of the result.
 */
export function validateFrontmatter<Schema extends z.ZodType>(
  file: VFile,
  frontmatter: ParsedFrontmatter,
  schema: Schema
): z.infer<Schema> | undefined {
  let data = frontmatter.data
  const first = schema.safeParse(data)
  if (first.success) return first.data

  const unknownKeys = first.error.issues.filter((issue) => issue.code === 'unrecognized_keys')
  for (const issue of unknownKeys) {
    for (const key of issue.keys) {
      const known = knownKeysAt(schema, issue.path)
      const suggestion = known.length > 0 ? closest(key, known) : undefined
      const isNearMiss = suggestion !== undefined && levenshteinClose(key, suggestion)
      emitWarning(file, 'frontmatter-unknown-key', `Unknown key \`${key}\` is ignored`, {
        place: frontmatter.pointAt([...issue.path, key], 'key'),
        hint: isNearMiss ? `Did you mean \`${suggestion}\`?` : `Known keys here: ${known.join(', ')}.`
      })
    }
    data = withoutKeys(data, issue.path, issue.keys)
  }

  const second = unknownKeys.length > 0 ? schema.safeParse(data) : first
  if (second.success) return second.data

  for (const issue of second.error.issues) {
    if (issue.code === 'unrecognized_keys') continue
    const key = issue.path.at(-1)
    const value = valueAt(data, issue.path)
    if (issue.path.length === 0) {
      emitError(file, 'frontmatter-invalid', 'The frontmatter is not a list of `key: value` lines', {
        place: frontmatter.pointAt([]),
        hint: 'Write one `key: value` per line, starting with `title:`.'
      })
    } else if (issue.code === 'invalid_type' && value === undefined) {
      emitError(file, 'frontmatter-required', `Missing required key \`${String(key)}\``, {
        place: frontmatter.pointAt(issue.path.slice(0, -1)),
        hint: `Add \`${String(key)}:\` to the frontmatter.`
      })
    } else if (issue.code === 'invalid_type' && value === null) {
      emitError(file, 'frontmatter-required', `The key \`${formatPath(issue.path)}\` has no value`, {
        place: frontmatter.pointAt(issue.path, 'key'),
        hint: `Write the value after \`${String(key)}:\`, on the same line.`
      })
    } else {
      emitError(file, 'frontmatter-invalid', `Invalid \`${formatPath(issue.path)}\`: ${issue.message}`, {
        place: frontmatter.pointAt(issue.path),
        hint: 'Correct the value; the content format is described in the README.'
      })
    }
  }
  return undefined
}

/**
 * The offset of a node in the YAML text. `text` is where a string's own
 * text starts: after its opening quote.
 */
function offsetAt(document: Document, path: ReadonlyArray<PropertyKey>, what: 'key' | 'value' | 'text'): number {
  const {node, keyNode} = nodeAt(document, path)
  const target = what === 'key' && keyNode ? keyNode : (node as YamlNode | null)
  const start = target?.range?.[0] ?? 0
  const isQuoted = isScalar(target) && (target.type === 'QUOTE_DOUBLE' || target.type === 'QUOTE_SINGLE')
  return what === 'text' && isQuoted ? start + 1 : start
}

/** The node at a path, or the deepest one on the way to it, and the key it stands under. */
function nodeAt(document: Document, path: ReadonlyArray<PropertyKey>): {node: unknown; keyNode: YamlNode | undefined} {
  let node: unknown = document.contents
  let keyNode: YamlNode | undefined
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) break
      keyNode = pair.key as YamlNode
      node = pair.value ?? pair.key
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      keyNode = undefined
      node = node.items[segment]
    } else {
      break
    }
  }
  return {node, keyNode}
}

function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current: unknown = schema
  for (const segment of path) {
    current = unwrap(current)
    const def = (current as {def?: {type?: string; shape?: Record<string, unknown>; element?: unknown; options?: unknown[]}}).def
    if (def?.type === 'object' && def.shape) current = Object.hasOwn(def.shape, String(segment)) ? def.shape[String(segment)] : undefined
    else if (def?.type === 'array') current = def.element
    else return []
  }
  current = unwrap(current)
  const def = (current as {def?: {type?: string; shape?: Record<string, unknown>; options?: unknown[]}}).def
  if (def?.type === 'object' && def.shape) return Object.keys(def.shape)
  if (def?.type === 'union' && def.options) {
    return def.options.flatMap((option) => knownKeysAt(option as z.ZodType, []))
  }
  return []
}

function unwrap(schema: unknown): unknown {
  let current = schema as {def?: {type?: string; innerType?: unknown; in?: unknown}}
  while (current?.def && ['optional', 'default', 'nullable', 'pipe'].includes(current.def.type ?? '')) {
    current = (current.def.innerType ?? current.def.in) as typeof current
  }
  return current
}

function levenshteinClose(a: string, b: string): boolean {
  return distance(a, b) <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 3))
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = data
  for (const segment of path) {
    // Keys come from content: only the data's own members, never `constructor` of its prototype
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined
    current = (current as Record<PropertyKey, unknown>)[segment]
  }
  return current
}

function withoutKeys(data: unknown, path: ReadonlyArray<PropertyKey>, keys: readonly string[]): unknown {
  if (data === null || typeof data !== 'object') return data
  const copy: Record<PropertyKey, unknown> = Array.isArray(data) ? [...data] as unknown as Record<PropertyKey, unknown> : {...data}
  const [head, ...rest] = path
  if (head === undefined) {
    for (const key of keys) delete copy[key]
  } else {
    copy[head] = withoutKeys(copy[head], rest, keys)
  }
  return copy
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`)).join('')
}
