import type {Point} from 'unist'
import type {CST} from 'yaml'

/**
 * Where the characters of a YAML string stand in the file. A run is a
 * stretch of the string whose source is on one line: when `width` equals
 * `length`, each character is one character of the source (plain text), so
 * character `i` of the run is at `column + i`; otherwise the whole run is
 * one thing written differently in the source (an escape such as `\"` or
 * `\u00e9`, a `''`, or a line break), which starts at `column` and is
 * `width` characters wide. A line break that YAML folded into a space (or
 * that ends a line of a literal block) has width 0 and stands at the end of
 * the line it ended: that is the nearest real place.
 */
export interface StringPositionRun {
  /** First offset in the string covered by the run. */
  offset: number
  /** How many characters (UTF-16 code units) of the string the run covers. */
  length: number
  line: number
  column: number
  /** How many characters of the source the run covers. */
  width: number
}

/**
 * A table from offsets in a string parsed from YAML to points in the file,
 * made from the YAML's own source tokens. Plain data: it can be cached and
 * sent to a worker like the rest of a file's results.
 */
export interface StringPositions {
  /** The string as YAML parsed it. */
  value: string
  /** Where the string's text starts in the file (after an opening quote or a block header's line). */
  start: Point
  /** Where the string's text ends (before a closing quote). */
  end: Point
  /** In string order; empty when the table is not exact (see `exact`). */
  runs: StringPositionRun[]
  /**
   * False when the string's source could not be followed (an alias, a
   * value that is no plain string): every point is then `start` or `end`.
   */
  exact: boolean
}

/** A table that only knows where a value starts and ends. */
export function coarseStringPositions(value: string, start: Point, end: Point): StringPositions {
  return {value, start, end, runs: [], exact: false}
}

/**
 * A table for a string written in the file as it is from `at` on: its
 * first line from `at`, each further line from column 1 of the next line.
 */
export function verbatimStringPositions(value: string, at: Point): StringPositions {
  const runs: StringPositionRun[] = []
  let offset = 0
  let line = at.line
  let column = at.column
  for (const match of value.matchAll(/\r?\n|\r/g)) {
    const text = value.slice(offset, match.index)
    if (text) runs.push({offset, length: text.length, line, column, width: text.length})
    runs.push({offset: match.index, length: match[0].length, line, column: column + text.length, width: 0})
    offset = match.index + match[0].length
    line += 1
    column = 1
  }
  const rest = value.slice(offset)
  if (rest) runs.push({offset, length: rest.length, line, column, width: rest.length})
  return {value, start: {line: at.line, column: at.column}, end: {line, column: column + rest.length}, runs, exact: true}
}

/**
 * The file point of an offset in the string: `start` for where a
 * character begins, `end` for where the character before the offset ends
 * (the end of a range). Offsets outside the string are clamped to it.
 */
export function stringPoint(positions: StringPositions, offset: number, side: 'start' | 'end'): Point {
  const at = Math.min(Math.max(0, Math.trunc(offset) || 0), positions.value.length)
  if (!positions.exact) return side === 'start' ? {...positions.start} : {...positions.end}
  if (side === 'start') {
    if (at >= positions.value.length) return {...positions.end}
    const run = runAt(positions.runs, at)
    if (!run) return {...positions.start}
    return {line: run.line, column: run.column + (run.width === run.length ? at - run.offset : 0)}
  }
  if (at === 0) return {...positions.start}
  const run = runAt(positions.runs, at - 1)
  if (!run) return {...positions.end}
  return {line: run.line, column: run.column + (run.width === run.length ? at - run.offset : run.width)}
}

/** The run covering string offset `at`, by binary search. */
function runAt(runs: readonly StringPositionRun[], at: number): StringPositionRun | undefined {
  let low = 0
  let high = runs.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const run = runs[middle]!
    if (at < run.offset) high = middle - 1
    else if (at >= run.offset + run.length) low = middle + 1
    else return run
  }
  return undefined
}

/**
 * Follow a scalar's source token character by character, the way the
 * `yaml` package resolves it (plain, single- and double-quoted, folded and
 * literal block scalars), and record where each character of the value came
 * from. `toPoint` turns an offset in the YAML text into a file point.
 * Returns undefined when the string so rebuilt is not `value` (a form of
 * YAML this does not follow): the caller then falls back to a coarse table.
 */
export function scalarStringPositions(
  token: CST.Token,
  value: string,
  toPoint: (offset: number) => Point
): StringPositions | undefined {
  const builder = new RunBuilder()
  let textStart: number
  let textEnd: number
  switch (token.type) {
    case 'scalar':
      textStart = token.offset
      textEnd = token.offset + token.source.length
      unfoldLines(builder, token.source, token.offset, false)
      break
    case 'single-quoted-scalar':
      textStart = token.offset + 1
      textEnd = token.offset + token.source.length - 1
      unfoldLines(builder, token.source.slice(1, -1), token.offset + 1, true)
      break
    case 'double-quoted-scalar':
      textStart = token.offset + 1
      textEnd = token.offset + token.source.length - 1
      doubleQuoted(builder, token.source, token.offset)
      break
    case 'block-scalar': {
      const body = blockScalar(builder, token)
      if (!body) return undefined
      ;[textStart, textEnd] = body
      break
    }
    default:
      return undefined
  }
  if (builder.value !== value) return undefined
  return {
    value,
    start: toPoint(textStart),
    end: toPoint(textEnd),
    runs: builder.runs.map((run) => {
      const point = toPoint(run.source)
      return {offset: run.offset, length: run.length, line: point.line, column: point.column, width: run.width}
    }),
    exact: true
  }
}

interface SourceRun {
  offset: number
  length: number
  /** Offset in the YAML text. */
  source: number
  width: number
}

/** Collects the value and where each piece of it came from. */
class RunBuilder {
  value = ''
  readonly runs: SourceRun[] = []

  /** Text copied as it is from the source at `source`. */
  copy(text: string, source: number): void {
    if (text === '') return
    const last = this.runs.at(-1)
    if (last && last.width === last.length && last.source + last.width === source && last.offset + last.length === this.value.length) {
      last.length += text.length
      last.width += text.length
    } else {
      this.runs.push({offset: this.value.length, length: text.length, source, width: text.length})
    }
    this.value += text
  }

  /** Text that the source writes differently: `width` characters at `source`. */
  written(text: string, source: number, width: number): void {
    if (text === '') return
    this.runs.push({offset: this.value.length, length: text.length, source, width})
    this.value += text
  }

  /** Line breaks or a space a line break became: at the break, zero wide. */
  lineBreak(text: string, source: number): void {
    for (const character of text) this.written(character, source, 0)
  }
}

/** A run of a single-quoted string's line: `''` is one `'`. */
function copyQuoted(builder: RunBuilder, text: string, source: number, singleQuoted: boolean): void {
  if (!singleQuoted) return builder.copy(text, source)
  let from = 0
  for (let quote = text.indexOf("''"); quote >= 0; quote = text.indexOf("''", from)) {
    builder.copy(text.slice(from, quote), source + from)
    builder.written("'", source + quote, 2)
    from = quote + 2
  }
  builder.copy(text.slice(from), source + from)
}

/** The offset of the line break ending a line that ends at `end` (before `\r\n` or `\n`). */
function breakStart(source: string, end: number): number {
  return source[end - 1] === '\r' ? end - 1 : end
}

/** Mirrors `unfoldLines` of yaml's resolve-flow-scalar: plain and single-quoted multi-line strings. */
function unfoldLines(builder: RunBuilder, source: string, base: number, singleQuoted: boolean): void {
  const line = /(.*?)\r?\n/sy
  let match = line.exec(source)
  if (!match) return copyQuoted(builder, source, base, singleQuoted)
  copyQuoted(builder, match[1]!.replace(/[ \t]+$/, ''), base, singleQuoted)
  let sep = ' '
  // Where the line break that `sep` stands for is
  let sepAt = base + match.index + match[1]!.length
  let pos = line.lastIndex
  while ((match = line.exec(source))) {
    const raw = match[1]!
    const content = raw.replace(/^[ \t]+|[ \t]+$/g, '')
    if (content === '') {
      if (sep === '\n') builder.lineBreak(sep, sepAt)
      else sep = '\n'
    } else {
      builder.lineBreak(sep, sepAt)
      copyQuoted(builder, content, base + match.index + raw.search(/[^ \t]/), singleQuoted)
      sep = ' '
      sepAt = base + match.index + raw.length
    }
    pos = line.lastIndex
  }
  const last = /[ \t]*(.*)/sy
  last.lastIndex = pos
  match = last.exec(source)
  builder.lineBreak(sep, sepAt)
  const rest = match?.[1] ?? ''
  copyQuoted(builder, rest, base + source.length - rest.length, singleQuoted)
}

const escapeCodes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t'
}

/** Mirrors `doubleQuotedValue` of yaml's resolve-flow-scalar. `source` includes the quotes. */
function doubleQuoted(builder: RunBuilder, source: string, base: number): void {
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i]!
    if (ch === '\r' && source[i + 1] === '\n') continue
    if (ch === '\n') {
      const at = base + breakStart(source, i)
      let fold = ''
      let next = source[i + 1]
      while (next === ' ' || next === '\t' || next === '\n' || next === '\r') {
        if (next === '\r' && source[i + 2] !== '\n') break
        if (next === '\n') fold += '\n'
        i += 1
        next = source[i + 1]
      }
      builder.lineBreak(fold || ' ', at)
    } else if (ch === '\\') {
      const escapeAt = i
      let next = source[++i]
      const code = next === undefined ? undefined : escapeCodes[next]
      if (code) {
        builder.written(code, base + escapeAt, 2)
      } else if (next === '\n') {
        next = source[i + 1]
        while (next === ' ' || next === '\t') next = source[++i + 1]
      } else if (next === '\r' && source[i + 1] === '\n') {
        next = source[++i + 1]
        while (next === ' ' || next === '\t') next = source[++i + 1]
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8
        const digits = source.substr(i + 1, length)
        const code = digits.length === length && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : NaN
        let character: string | undefined
        try {
          character = String.fromCodePoint(code)
        } catch {
          character = undefined
        }
        if (character === undefined) builder.copy(source.substr(i - 1, length + 2), base + escapeAt)
        else builder.written(character, base + escapeAt, length + 2)
        i += length
      } else {
        builder.copy(source.substr(i - 1, 2), base + escapeAt)
      }
    } else if (ch === ' ' || ch === '\t') {
      // Whitespace before a line break is dropped
      const wsStart = i
      let next = source[i + 1]
      while (next === ' ' || next === '\t') next = source[++i + 1]
      if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n')) builder.copy(source.slice(wsStart, i + 1), base + wsStart)
    } else {
      builder.copy(ch, base + i)
    }
  }
}

/**
 * Mirrors `resolveBlockScalar` of yaml's resolve-block-scalar (for a
 * document without errors). Returns where the text starts and ends.
 */
function blockScalar(builder: RunBuilder, token: CST.BlockScalar): [number, number] | undefined {
  const [header] = token.props
  if (header?.type !== 'block-scalar-header') return undefined
  const folded = header.source[0] === '>'
  let explicitIndent = 0
  let chomp = ''
  for (const ch of header.source.slice(1)) {
    if (!chomp && (ch === '-' || ch === '+')) chomp = ch
    else if (!explicitIndent && Number(ch)) explicitIndent = Number(ch)
  }
  const bodyStart = token.offset + token.props.reduce((length, prop) => length + ('source' in prop && typeof prop.source === 'string' ? prop.source.length : 0), 0)
  const source = token.source ?? ''
  const bodyEnd = bodyStart + source.length

  // [indent, content, offset of the line's start in the YAML text]
  const lines: Array<[string, string, number]> = []
  if (source) {
    const split = source.split(/\n( *)/)
    const first = split[0]!
    const leading = /^( *)/.exec(first)![1]!
    let at = bodyStart
    lines.push([leading, first.slice(leading.length), at])
    at += first.length + 1
    for (let i = 1; i < split.length; i += 2) {
      lines.push([split[i]!, split[i + 1]!, at])
      at += split[i]!.length + split[i + 1]!.length + 1
    }
  }
  /** Where the line break that ends line `i` starts. */
  const lineEnd = (i: number): number => {
    const [indent, content, at] = lines[i]!
    return at + indent.length + content.length - (content.endsWith('\r') ? 1 : 0)
  }

  let chompStart = lines.length
  for (let i = lines.length - 1; i >= 0; --i) {
    const content = lines[i]![1]
    if (content === '' || content === '\r') chompStart = i
    else break
  }
  if (chompStart === 0) {
    if (chomp === '+' && lines.length > 0) builder.lineBreak('\n'.repeat(Math.max(1, lines.length - 1)), bodyStart)
    return [bodyStart, bodyStart]
  }

  let trimIndent = token.indent + explicitIndent
  let contentStart = 0
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i]!
    if (content === '' || content === '\r') {
      if (explicitIndent === 0 && indent.length > trimIndent) trimIndent = indent.length
    } else {
      if (explicitIndent === 0) trimIndent = indent.length
      contentStart = i
      break
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i]![0].length > trimIndent) chompStart = i + 1
  }

  for (let i = 0; i < contentStart; ++i) {
    const [indent, , at] = lines[i]!
    builder.copy(indent.slice(trimIndent), at + trimIndent)
    builder.lineBreak('\n', lineEnd(i))
  }
  let sep = ''
  let sepAt = bodyStart
  let prevMoreIndented = false
  const copyLine = (i: number, indent: string, content: string) => {
    const at = lines[i]![2]
    builder.copy(indent.slice(trimIndent), at + trimIndent)
    builder.copy(content, at + indent.length)
  }
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, rawContent] = lines[i]!
    const content = rawContent.endsWith('\r') ? rawContent.slice(0, -1) : rawContent
    if (!folded) {
      builder.lineBreak(sep, sepAt)
      copyLine(i, indent, content)
      sep = '\n'
    } else if (indent.length > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n'
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n'
      builder.lineBreak(sep, sepAt)
      copyLine(i, indent, content)
      sep = '\n'
      prevMoreIndented = true
    } else if (content === '') {
      if (sep === '\n') builder.lineBreak('\n', lineEnd(i))
      else sep = '\n'
      continue
    } else {
      builder.lineBreak(sep, sepAt)
      builder.copy(content, lines[i]![2] + indent.length)
      sep = ' '
      prevMoreIndented = false
    }
    sepAt = lineEnd(i)
  }
  const textEnd = builder.runs.length > 0 ? builder.runs.at(-1)!.source + builder.runs.at(-1)!.width : bodyStart
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) {
      builder.lineBreak('\n', i > 0 ? lineEnd(i - 1) : bodyStart)
      builder.copy(lines[i]![0].slice(trimIndent), lines[i]![2] + trimIndent)
    }
    if (!builder.value.endsWith('\n')) builder.lineBreak('\n', lineEnd(lines.length - 1))
  } else if (chomp !== '-') {
    builder.lineBreak('\n', sepAt)
  }
  const first = builder.runs.find((run) => run.width > 0)
  return [first?.source ?? bodyStart, Math.min(textEnd, bodyEnd)]
}
