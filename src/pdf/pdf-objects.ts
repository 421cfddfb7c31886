/**
 * A small reader of the PDFs Chromium prints (and of the ones kenniskaart
 * finishes from them): a cross-reference table, plain objects, no object or
 * cross-reference streams. It reads only the objects asked for, which makes
 * finding a PDF's named destinations some ten times faster than parsing the
 * whole document with pdf-lib. Anything it does not know throws an
 * `UnreadablePdf`; callers then fall back to pdf-lib.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly number: number,
    readonly generation: number
  ) {}

  get key(): string {
    return `${this.number} ${this.generation}`
  }
}

export class PdfString {
  constructor(readonly text: string) {}
}

/** A dictionary, with where each entry is written (from its key to the end of its value). */
export class PdfDict {
  readonly entries = new Map<string, PdfValue>()
  readonly spans = new Map<string, {start: number; end: number}>()

  constructor(
    readonly start: number,
    public end: number
  ) {}

  get(key: string): PdfValue | undefined {
    return this.entries.get(key)
  }
}

export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict

/** A PDF this reader cannot read; the caller uses pdf-lib instead. */
export class UnreadablePdf extends Error {
  constructor(why: string) {
    super(`cannot read this PDF lightly: ${why}`)
    this.name = 'UnreadablePdf'
  }
}

const whitespace = new Set(['\0', '\t', '\n', '\f', '\r', ' '])
const delimiters = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%'])

/** A PDF's objects, read on demand through its cross-reference table(s). */
export class PdfObjects {
  /** The file as a string of bytes (latin1), so string offsets are byte offsets. */
  readonly text: string
  /** Where each object starts, newest definition first. */
  readonly offsets = new Map<number, number>()
  /** The newest trailer. */
  readonly trailer: PdfDict
  /** Where the newest cross-reference section starts. */
  readonly startXref: number
  /** The highest object number plus one, as the trailer says. */
  readonly size: number

  constructor(bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    const at = this.text.lastIndexOf('startxref')
    if (at < 0) throw new UnreadablePdf('no startxref')
    const [offset] = this.readValue(at + 'startxref'.length)
    if (typeof offset !== 'number') throw new UnreadablePdf('startxref names no offset')
    this.startXref = offset
    let trailer: PdfDict | undefined
    const seen = new Set<number>()
    for (let section: number | undefined = offset; section !== undefined; ) {
      if (seen.has(section) || seen.size > 64) throw new UnreadablePdf('cross-reference sections loop')
      seen.add(section)
      const sectionTrailer = this.readXrefSection(section)
      trailer ??= sectionTrailer
      const previous = sectionTrailer.get('Prev')
      section = typeof previous === 'number' ? previous : undefined
    }
    this.trailer = trailer!
    const size = this.trailer.get('Size')
    if (typeof size !== 'number') throw new UnreadablePdf('the trailer has no /Size')
    this.size = size
  }

  /** The object a reference points to (or the value itself when it is none). */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    for (let depth = 0; value instanceof PdfRef; depth++) {
      if (depth > 32) throw new UnreadablePdf('references loop')
      value = this.object(value.number).value
    }
    return value
  }

  /** A dictionary, directly or through a reference; undefined when it is something else. */
  dict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value)
    return resolved instanceof PdfDict ? resolved : undefined
  }

  /** Object `number` (newest definition): its value and where the object is written. */
  object(number: number): {value: PdfValue; start: number; end: number} {
    const start = this.offsets.get(number)
    if (start === undefined) throw new UnreadablePdf(`object ${number} is not in use`)
    const [objectNumber, afterNumber] = this.readValue(start)
    const [, afterGeneration] = this.readValue(afterNumber)
    const keywordAt = this.skip(afterGeneration)
    if (objectNumber !== number || !this.text.startsWith('obj', keywordAt)) throw new UnreadablePdf(`object ${number} is not where the table says`)
    const [value, end] = this.readValue(keywordAt + 3)
    return {value, start, end}
  }

  private readXrefSection(offset: number): PdfDict {
    let position = this.skip(offset)
    if (!this.text.startsWith('xref', position)) throw new UnreadablePdf('a cross-reference stream')
    position += 4
    for (;;) {
      position = this.skip(position)
      if (this.text.startsWith('trailer', position)) break
      const [first, afterFirst] = this.readValue(position)
      const [count, afterCount] = this.readValue(afterFirst)
      if (typeof first !== 'number' || typeof count !== 'number') throw new UnreadablePdf('a broken cross-reference table')
      position = this.skip(afterCount)
      for (let index = 0; index < count; index++) {
        // Each entry is 20 bytes: 10 digits offset, 5 digits generation, n or f
        const entry = this.text.slice(position, position + 20)
        const match = /^(\d{10}) (\d{5}) ([nf])/.exec(entry)
        if (!match) throw new UnreadablePdf('a broken cross-reference entry')
        if (match[3] === 'n' && !this.offsets.has(first + index)) this.offsets.set(first + index, Number(match[1]))
        position += 20
      }
    }
    const [trailer] = this.readValue(position + 'trailer'.length)
    if (!(trailer instanceof PdfDict)) throw new UnreadablePdf('a trailer that is no dictionary')
    if (trailer.get('XRefStm') !== undefined) throw new UnreadablePdf('a hybrid cross-reference')
    return trailer
  }

  /** Past whitespace and comments. */
  private skip(position: number): number {
    const {text} = this
    while (position < text.length) {
      const char = text[position]!
      if (whitespace.has(char)) position++
      else if (char === '%') {
        while (position < text.length && text[position] !== '\n' && text[position] !== '\r') position++
      } else break
    }
    return position
  }

  /** The value written at `position`, and where it ends. */
  readValue(position: number, depth = 0): [PdfValue, number] {
    if (depth > 64) throw new UnreadablePdf('values nest too deep')
    const {text} = this
    position = this.skip(position)
    const char = text[position]
    if (char === undefined) throw new UnreadablePdf('the file ends inside a value')
    if (char === '<' && text[position + 1] === '<') return this.readDict(position, depth)
    if (char === '<') {
      const end = text.indexOf('>', position)
      if (end < 0) throw new UnreadablePdf('an unterminated hex string')
      return [new PdfString(hexText(text.slice(position + 1, end))), end + 1]
    }
    if (char === '[') {
      const items: PdfValue[] = []
      position++
      for (;;) {
        position = this.skip(position)
        if (text[position] === ']') return [items, position + 1]
        const [item, end] = this.readValue(position, depth + 1)
        items.push(item)
        position = end
      }
    }
    if (char === '(') return this.readLiteralString(position)
    if (char === '/') {
      let end = position + 1
      while (end < text.length && !whitespace.has(text[end]!) && !delimiters.has(text[end]!)) end++
      return [new PdfName(text.slice(position + 1, end).replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))), end]
    }
    const word = /^[^\0\t\n\f\r ()<>[\]{}/%]+/.exec(text.slice(position, position + 64))?.[0]
    if (word === undefined) throw new UnreadablePdf(`an unexpected ${JSON.stringify(char)}`)
    const end = position + word.length
    if (word === 'true' || word === 'false') return [word === 'true', end]
    if (word === 'null') return [null, end]
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) throw new UnreadablePdf(`an unexpected ${JSON.stringify(word)}`)
    // `12 0 R` is a reference
    const reference = /^\s+(\d+)\s+R(?=[\0\t\n\f\r ()<>[\]{}/%]|$)/.exec(text.slice(end, end + 32))
    if (reference && /^\d+$/.test(word)) return [new PdfRef(Number(word), Number(reference[1])), end + reference[0].length]
    return [Number(word), end]
  }

  private readDict(position: number, depth: number): [PdfDict, number] {
    const {text} = this
    const dict = new PdfDict(position, position)
    position += 2
    for (;;) {
      position = this.skip(position)
      if (text.startsWith('>>', position)) {
        dict.end = position + 2
        return [dict, position + 2]
      }
      const keyStart = position
      const [key, afterKey] = this.readValue(position, depth + 1)
      if (!(key instanceof PdfName)) throw new UnreadablePdf('a dictionary key that is no name')
      const [value, end] = this.readValue(afterKey, depth + 1)
      dict.entries.set(key.name, value)
      dict.spans.set(key.name, {start: keyStart, end})
      position = end
    }
  }

  private readLiteralString(position: number): [PdfString, number] {
    const {text} = this
    let result = ''
    let nesting = 0
    for (let index = position + 1; index < text.length; index++) {
      const char = text[index]!
      if (char === '\\') {
        const next = text[index + 1] ?? ''
        const escapes: Record<string, string> = {n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\'}
        if (next in escapes) {
          result += escapes[next]
          index++
        } else if (/[0-7]/.test(next)) {
          const octal = /^[0-7]{1,3}/.exec(text.slice(index + 1, index + 4))![0]
          result += String.fromCharCode(Number.parseInt(octal, 8) & 0xff)
          index += octal.length
        } else if (next === '\r' || next === '\n') {
          // A line continuation
          index += next === '\r' && text[index + 2] === '\n' ? 2 : 1
        }
        continue
      }
      if (char === '(') nesting++
      if (char === ')') {
        if (nesting === 0) return [new PdfString(decodeTextBytes(result)), index + 1]
        nesting--
      }
      result += char
    }
    throw new UnreadablePdf('an unterminated string')
  }
}

function hexText(hex: string): string {
  const digits = hex.replace(/[^0-9a-fA-F]/g, '')
  let bytes = ''
  for (let index = 0; index < digits.length; index += 2) bytes += String.fromCharCode(Number.parseInt(digits.slice(index, index + 2).padEnd(2, '0'), 16))
  return decodeTextBytes(bytes)
}

/** A PDF text string's bytes (latin1) as text: UTF-16BE with its mark, or else taken as PDFDocEncoding ≈ latin1. */
function decodeTextBytes(bytes: string): string {
  if (bytes.startsWith('\xfe\xff')) {
    const utf16 = Buffer.from(bytes.slice(2, 2 + ((bytes.length - 2) & ~1)), 'latin1')
    return utf16.swap16().toString('utf16le')
  }
  return bytes
}
