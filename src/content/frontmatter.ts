import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml'
import type {z} from 'zod'
import {emitError, emitWarning} from '../report/emit.js'
import {coarseStringPositions, scalarStringPositions, type StringPositions} from './yaml-string-positions.js'
import {suggest} from '../report/suggest.js'

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
   * The range of the key or value at a path, from its first character to
   * just after its last, for findings that underline what is wrong. A path
   * that is not written ends at the deepest node on the way: a point there.
   */
  rangeAt(path: ReadonlyArray<PropertyKey>, what?: 'key' | 'value'): Position
  /**
   * Where each character of the string at a path stands in the file, from
   * the YAML's own source (so a line of a folded or literal block, or a
   * character after an escape, is found at its real line and column).
   */
  stringPositionsAt(path: ReadonlyArray<PropertyKey>): StringPositions
}

const tooDeepReason = 'Invalid YAML in the frontmatter: a value nests too deeply (lists or mappings inside each other hundreds of levels deep)'
const tooDeepHint = 'Frontmatter values nest a few levels at most: write the value as plain text, or in quotes if it starts with `[` or `{`.'

/** Lists and mappings inside each other: the content format needs four levels; far more is a mistake or an attack. */
export const maxYamlDepth = 64

/** The first list or mapping nested deeper than `limit`, found without recursion. */
function nodeDeeperThan(root: unknown, limit: number): YamlNode | undefined {
  const stack: Array<{node: unknown; depth: number}> = [{node: root, depth: 0}]
  while (stack.length > 0) {
    const {node, depth} = stack.pop()!
    if (!isMap(node) && !isSeq(node)) continue
    if (depth >= limit) return node as YamlNode
    for (const item of node.items) {
      if (isPair(item)) stack.push({node: item.value, depth: depth + 1}, {node: item.key, depth: depth + 1})
      else stack.push({node: item, depth: depth + 1})
    }
  }
  return undefined
}

/** The start of the last line at or before `offset` that starts at the left margin: a top-level key. */
function topLevelLineStart(text: string, offset: number): number {
  let start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1
  while (start > 0 && /^(?:[ \t#\r\n]|$)/.test(text.slice(start, start + 1))) start = text.lastIndexOf('\n', start - 2) + 1
  return start
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
    // The parser runs out of stack on values nested hundreds of levels deep
    const tooDeep = /Maximum call stack/i.test(reason)
    emitError(file, 'yaml-syntax', tooDeep ? tooDeepReason : `Invalid YAML in the frontmatter: ${reason}`, {
      // How deep the parser got depends on the stack: point at the key the value belongs to
      place: toFilePoint(tooDeep ? topLevelLineStart(block.value, error.pos[0]) : opening >= 0 ? opening : error.pos[0]),
      hint: tooDeep
        ? tooDeepHint
        : quote
        ? `Close the quote with ${quote} at the end of the value, or leave the quotes out.`
        : error.code === 'TAB_AS_INDENT'
          ? 'Indent with spaces: YAML does not allow tabs for indentation.'
          : 'Check the indentation and quote values that contain `:`, `#`, `[` or start with `@` or `*`.'
    })
    return undefined
  }

  // Past a fixed depth a value is refused, whatever stack the process has: the
  // parser and toJS recurse, so without it the finding would depend on where they ran out.
  const deep = nodeDeeperThan(document.contents, maxYamlDepth)
  if (deep) {
    emitError(file, 'yaml-syntax', tooDeepReason, {place: toFilePoint(topLevelLineStart(block.value, deep.range?.[0] ?? 0)), hint: tooDeepHint})
    return undefined
  }

  let data: unknown
  try {
    data = document.toJS({maxAliasCount: 100}) ?? {}
  } catch (error) {
    // Aliases that expand beyond reason (a "billion laughs") end up here, and values too deep to convert.
    const tooDeep = error instanceof RangeError
    emitError(file, 'yaml-syntax', tooDeep ? tooDeepReason : `Invalid YAML in the frontmatter: ${(error as Error).message}`, {
      place: {line: block.startLine, column: 1},
      hint: tooDeep ? tooDeepHint : 'Write the values out instead of using YAML anchors (`&`) and aliases (`*`).'
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
  const rangeAt: ParsedFrontmatter['rangeAt'] = (path, what = 'value') => {
    const start = pointAt(path, what)
    const {node, keyNode, found} = nodeAt(document, path)
    const target = what === 'key' && keyNode ? keyNode : (node as YamlNode | null | undefined)
    // range[1] is where the value ends, before a comment or the line break after it
    const end = found && target?.range ? toFilePoint(target.range[1]) : start
    return {start, end}
  }
  return {data, pointAt, rangeAt, stringPositionsAt}
}

/** Frontmatter that passed validation, with what had to be left out or filled in. */
export interface ValidatedFrontmatter<T> {
  data: T
  /**
   * Top-level keys whose value was invalid and could not be kept as written:
   * left out (a default took its place) or filled in blank. `*` when the
   * frontmatter as a whole was unusable. Checks that depend on such a key
   * cannot know the answer and are skipped.
   */
  invalid: ReadonlySet<string>
  /**
   * The path in the frontmatter as written of a path in `data`: list items
   * left out move the ones after them up, so positions are looked up here.
   */
  rawPath(path: ReadonlyArray<PropertyKey>): PropertyKey[]
}

/** True when `key` was invalid: left out, defaulted or blank (see {@link ValidatedFrontmatter}). */
export function isInvalidKey(validated: {invalid: ReadonlySet<string>}, key: string): boolean {
  return validated.invalid.has('*') || validated.invalid.has(key)
}

/**
 * Validate frontmatter against a schema. Every problem is reported at the
 * key or value it concerns; unknown keys are warnings (with a near miss
 * suggested) and are left out of the result. What is valid is kept, so the
 * file's other checks still run: an invalid optional value is left out (its
 * default applies), a required text keeps what was written (a number as its
 * text) or is blank, and an invalid list item or entry is left out. The
 * errors stop the build all the same.
 */
export function validateFrontmatter<Schema extends z.ZodType>(
  file: VFile,
  frontmatter: ParsedFrontmatter,
  schema: Schema
): ValidatedFrontmatter<z.infer<Schema>> | undefined {
  let data = frontmatter.data
  const invalid = new Set<string>()
  const removed: Removed[] = []
  const rawPath = (path: Path) => rawPathOf(path, removed)
  const first = schema.safeParse(data)
  if (first.success) return {data: first.data, invalid, rawPath}

  const unknownKeys = first.error.issues.filter((issue) => issue.code === 'unrecognized_keys')
  for (const issue of unknownKeys) {
    for (const key of issue.keys) {
      const known = knownKeysAt(schema, issue.path)
      const suggestion = suggest(key, known)
      emitWarning(file, 'frontmatter-unknown-key', `Unknown key \`${key}\` is ignored`, {
        place: frontmatter.rangeAt([...issue.path, key], 'key'),
        hint: suggestion === undefined ? `Known keys here: ${known.join(', ')}.` : `Did you mean \`${suggestion}\`?`
      })
    }
    data = withoutKeys(data, issue.path, issue.keys)
  }

  let result = unknownKeys.length > 0 ? schema.safeParse(data) : first
  if (result.success) return {data: result.data, invalid, rawPath}
  const lines = sourceLines(file)
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') reportIssue(file, frontmatter, data, issue, lines, schemaAt(schema, issue.path))
  }

  // Keep what is valid: repair until the schema accepts it. A repair leaves
  // something out or fills it in, so a few rounds always end.
  const filled: Filled[] = []
  for (let round = 0; !result.success && round < 20; round++) {
    const paths = result.error.issues.filter((issue) => issue.code !== 'unrecognized_keys').map((issue) => issue.path)
    // From the end backwards: taking out a list item does not move the items still to repair
    for (const path of paths.sort(compareBackwards)) data = repair(data, schema, path, invalid, {filled, removed})
    result = schema.safeParse(data)
  }
  if (!result.success) return undefined
  let repaired: unknown = result.data
  for (const {path, value} of filled) {
    // Only where the stand-in still is: never make up a place for it
    if (typeof valueAt(repaired, path) === 'string') repaired = withValue(repaired, path, value)
  }
  return {data: repaired as z.infer<Schema>, invalid, rawPath}
}

/** A list item left out, at its index in the list as it was then. */
interface Removed {
  list: PropertyKey[]
  index: number
}

/** Undo the moves of left-out list items, latest first. */
function rawPathOf(path: Path, removed: Removed[]): PropertyKey[] {
  const raw = [...path]
  for (let step = removed.length - 1; step >= 0; step--) {
    const {list, index} = removed[step]!
    const position = raw[list.length]
    if (typeof position === 'number' && position >= index && samePath(raw.slice(0, list.length), list)) raw[list.length] = position + 1
  }
  return raw
}

type Path = ReadonlyArray<PropertyKey>

/** A required text that was invalid: validated as a stand-in, then given back this value. */
interface Filled {
  path: PropertyKey[]
  value: string
}

function reportIssue(file: VFile, frontmatter: ParsedFrontmatter, data: unknown, issue: z.core.$ZodIssue, lines: () => string[], node: unknown): void {
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
    const place = frontmatter.rangeAt(issue.path, 'key')
    emitError(file, 'frontmatter-required', `The key \`${formatPath(issue.path)}\` has no value`, {
      place,
      hint: commentHint(lines()[place.start.line - 1], key) ?? `Write the value after \`${String(key)}:\`, on the same line.`
    })
  } else {
    const place = frontmatter.rangeAt(issue.path)
    emitError(file, 'frontmatter-invalid', `Invalid \`${formatPath(issue.path)}\`: ${issue.message}`, {
      place,
      hint:
        (issue.code === 'invalid_type' && issue.expected === 'string' && acceptsAsText(node, value) ? quoteHint(lines()[place.start.line - 1], place.start.column, key, value) : undefined) ??
        'Correct the value; the content format is described in the README.'
    })
  }
}

/** Whether the value, written as text, would be valid here: only then is quoting it the fix. */
function acceptsAsText(node: unknown, value: unknown): boolean {
  const schema = node as z.ZodType | undefined
  return typeof schema?.safeParse === 'function' && schema.safeParse(String(value)).success
}

/**
 * `color: #b8461b` is a key without a value and a comment: YAML starts a
 * comment at a `#` after a space. The raw line tells.
 */
function commentHint(line: string | undefined, key: PropertyKey | undefined): string | undefined {
  const comment = line === undefined ? undefined : /^\s*(?:-\s+)?(?:[^\s#:][^#]*?:)?\s+#(.*)$/.exec(line)?.[1]?.trim()
  if (comment === undefined) return undefined
  const written = `${typeof key === 'string' ? `${key}: ` : '- '}"#${comment.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
  return `YAML reads \`#\` after a space as the start of a comment, so this value is empty: put it in quotes, such as \`${written}\`.`
}

/** `title: 1984` and `title: true` are a number and a boolean to YAML: quoting keeps them text. */
function quoteHint(line: string | undefined, column: number, key: PropertyKey | undefined, value: unknown): string | undefined {
  if (typeof value !== 'number' && typeof value !== 'boolean') return undefined
  const raw = line?.slice(column - 1).replace(/\s+#.*$/, '').trim()
  const shown = raw && !/[,\]}]/.test(raw) ? raw : String(value)
  const written = `${typeof key === 'string' ? `${key}: ` : '- '}"${shown.replaceAll('"', '\\"')}"`
  return `YAML reads \`${shown}\` as a ${typeof value === 'number' ? 'number' : 'true/false value'}, not as text: put it in quotes, such as \`${written}\`.`
}

function sourceLines(file: VFile): () => string[] {
  let lines: string[] | undefined
  return () => (lines ??= String(file.value ?? '').split(/\r?\n|\r/))
}

/**
 * Make the value at `path` acceptable: a required text keeps its text (a
 * stand-in is validated, the text is given back afterwards); anything else
 * is left out, from the nearest place that may go without it: an optional
 * key, a key of a record, or a list item.
 */
function repair(data: unknown, schema: z.ZodType, path: Path, invalid: Set<string>, {filled, removed}: {filled: Filled[]; removed: Removed[]}): unknown {
  const top = path.length === 0 ? '*' : String(path[0])
  if (path.length === 0) {
    invalid.add('*')
    filled.length = 0
    removed.length = 0
    return {}
  }
  const node = schemaAt(schema, path)
  const value = valueAt(data, path)
  if (node && !isOptional(node) && acceptsText(node)) {
    const kept = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
    if (kept.trim() === '') invalid.add(top)
    const existing = filled.find((entry) => samePath(entry.path, path))
    if (existing) existing.value = kept
    else filled.push({path: [...path], value: kept})
    // The stand-in passes every text rule of the schema (a slug, an id, a title)
    return withValue(data, path, 'x')
  }
  invalid.add(top)
  for (let depth = path.length; depth > 0; depth--) {
    const prefix = path.slice(0, depth)
    const last = prefix.at(-1)
    const parent = valueAt(data, prefix.slice(0, -1))
    if (typeof last === 'number' && Array.isArray(parent)) {
      shiftFilled(filled, prefix.slice(0, -1), last)
      removed.push({list: [...prefix.slice(0, -1)], index: last})
      return withValue(data, prefix.slice(0, -1), parent.filter((_, index) => index !== last))
    }
    const parentNode = schemaAt(schema, prefix.slice(0, -1))
    if (isOptional(schemaAt(schema, prefix)) || defType(parentNode) === 'record') {
      return withoutKeys(data, prefix.slice(0, -1), [String(last)])
    }
  }
  invalid.add('*')
  filled.length = 0
  removed.length = 0
  return {}
}

/** A list item was taken out: the filled-in values after it move up one place. */
function shiftFilled(filled: Filled[], list: Path, removed: number): void {
  for (let index = filled.length - 1; index >= 0; index--) {
    const entry = filled[index]!
    if (entry.path.length <= list.length || !samePath(entry.path.slice(0, list.length), list)) continue
    const position = entry.path[list.length]
    if (position === removed) filled.splice(index, 1)
    else if (typeof position === 'number' && position > removed) entry.path[list.length] = position - 1
  }
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index])
}

/** Deeper paths first, and later list items before earlier ones. */
function compareBackwards(a: Path, b: Path): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const x = a[index]
    const y = b[index]
    if (x === y) continue
    if (typeof x === 'number' && typeof y === 'number') return y - x
    return String(x) < String(y) ? -1 : 1
  }
  return b.length - a.length
}

type SchemaDef = {type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown; innerType?: unknown; in?: unknown; out?: unknown}

function defType(schema: unknown): string | undefined {
  return (schema as {def?: SchemaDef} | undefined)?.def?.type
}

function isOptional(schema: unknown): boolean {
  const type = defType(schema)
  return type === 'optional' || type === 'default'
}

function acceptsText(schema: unknown): boolean {
  return defType(unwrapAll(schema)) === 'string'
}

/** The schema of the value at `path`, as declared (optional and default wrappers kept). */
function schemaAt(schema: unknown, path: Path): unknown {
  let current = schema
  for (const segment of path) {
    const def = (unwrapAll(current) as {def?: SchemaDef} | undefined)?.def
    if (def?.type === 'object' && def.shape) current = Object.hasOwn(def.shape, String(segment)) ? def.shape[String(segment)] : undefined
    else if (def?.type === 'array') current = def.element
    else if (def?.type === 'record') current = def.valueType
    else return undefined
  }
  return current
}

/** Past optional, default and pipe wrappers (a preprocess step's output, a transform's input). */
function unwrapAll(schema: unknown): unknown {
  let current = schema as {def?: SchemaDef} | undefined
  for (let steps = 0; current?.def && steps < 20; steps++) {
    const def: SchemaDef = current.def
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') current = def.innerType as typeof current
    else if (def.type === 'pipe') current = (defType(def.in) === 'transform' ? def.out : def.in) as typeof current
    else break
  }
  return current
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
function nodeAt(document: Document, path: ReadonlyArray<PropertyKey>): {node: unknown; keyNode: YamlNode | undefined; found: boolean} {
  let node: unknown = document.contents
  let keyNode: YamlNode | undefined
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) return {node, keyNode, found: false}
      keyNode = pair.key as YamlNode
      node = pair.value ?? pair.key
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      keyNode = undefined
      node = node.items[segment]
    } else {
      return {node, keyNode, found: false}
    }
  }
  return {node, keyNode, found: true}
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

function withValue(data: unknown, path: Path, value: unknown): unknown {
  const [head, ...rest] = path
  if (head === undefined) return value
  const copy: Record<PropertyKey, unknown> =
    data !== null && typeof data === 'object' ? (Array.isArray(data) ? ([...data] as unknown as Record<PropertyKey, unknown>) : {...data}) : {}
  copy[head] = withValue(Object.hasOwn(copy, head) ? copy[head] : undefined, rest, value)
  return copy
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`)).join('')
}
