/**
 * The one way a value reaches generated CSS. Content (titles, slugs,
 * colours) never goes into a stylesheet as it is: a string is written as a
 * CSS string, a name as an escaped identifier, a colour only once it is
 * known to be a colour. Whatever the value holds (CR, FF, LF, quotes,
 * backslashes, NUL, `</style>`, `}`, `@import`, `/*`), the stylesheet keeps
 * exactly the rules kenniskaart meant to write.
 *
 * The escapes follow CSSOM's "serialize a string" and "serialize an
 * identifier", with `<` escaped as well, so `</style>` cannot appear even
 * when a stylesheet is inlined into HTML.
 */

/** A code point as a CSS hex escape; the space ends the escape and is not part of the value. */
function hexEscape(codePoint: number): string {
  return `\\${codePoint.toString(16)} `
}

/** Control characters: C0, DEL. CSS cannot hold them as they are. */
function isControl(codePoint: number): boolean {
  return (codePoint >= 0x1 && codePoint <= 0x1f) || codePoint === 0x7f
}

/** `text` as a double-quoted CSS string, e.g. for `content:`. */
export function cssString(text: string): string {
  let result = '"'
  for (const character of text) {
    const codePoint = character.codePointAt(0)!
    if (codePoint === 0) result += '\uFFFD'
    else if (isControl(codePoint) || character === '<') result += hexEscape(codePoint)
    else if (character === '"' || character === '\\') result += `\\${character}`
    // A lone surrogate cannot be written as UTF-8: CSS would read it as U+FFFD anyway
    else if (codePoint >= 0xd800 && codePoint <= 0xdfff) result += '\uFFFD'
    else result += character
  }
  return `${result}"`
}

/**
 * `name` as a CSS identifier (a class name, a page name, a keyword), escaped
 * so that it stays one identifier token whatever it holds.
 */
export function cssIdentifier(name: string): string {
  if (name === '') throw new Error('A CSS identifier cannot be empty')
  if (name === '-') return '\\-'
  let result = ''
  const characters = [...name]
  for (const [index, character] of characters.entries()) {
    const codePoint = character.codePointAt(0)!
    const isDigit = codePoint >= 0x30 && codePoint <= 0x39
    if (codePoint === 0) result += '\uFFFD'
    else if (codePoint >= 0xd800 && codePoint <= 0xdfff) result += '\uFFFD'
    else if (isControl(codePoint) || character === '<') result += hexEscape(codePoint)
    // A digit may not start an identifier, nor follow a leading dash
    else if (isDigit && (index === 0 || (index === 1 && characters[0] === '-'))) result += hexEscape(codePoint)
    else if (codePoint >= 0x80 || isDigit || /[-_a-z]/i.test(character)) result += character
    else result += `\\${character}`
  }
  return result
}

/** A hex colour, the one form colours have once they are validated (`#rgb` or `#rrggbb`, maybe with alpha). */
const hexColorPattern = /^#(?:[\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i

/**
 * A colour for a declaration value. Colours are validated where they are
 * read (frontmatter, theme.json) and normalized to hex; anything else here
 * is a bug, and is refused rather than written.
 */
export function cssColor(color: string): string {
  if (!hexColorPattern.test(color)) throw new Error(`Not a validated colour: ${JSON.stringify(color)}`)
  return color.toLowerCase()
}

/** Text for a `/* … *\/` comment: letters, digits, spaces and `.,:;_-` are kept, anything else becomes `_`. */
export function cssComment(text: string): string {
  return `/* ${text.replace(/[^\p{L}\p{N} .,:;_-]/gu, '_')} */`
}
