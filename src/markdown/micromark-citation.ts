import type {Code, Construct, Effects, Extension, State, TokenizeContext} from 'micromark-util-types'

/*
 * Pandoc's bracketed citation as a micromark text construct:
 *
 *   citation := '[' item (';' item)* ']'
 *   item     := prefix? '-'? '@' key suffix?
 *
 * The prefix is text that ends in a space before `@` or `-@`; the suffix is
 * text up to `;` or `]`. A key starts with a letter, digit or `_` and may hold
 * `:.#$%&-+?<>~/` between such characters (Pandoc's rule). Brackets, a
 * backtick, or a second `@id` without `;` inside make it no citation: the
 * tokenizer stops at the first of them, so every character is scanned by at
 * most one attempt and parsing stays linear in the input. A citation followed
 * by `(`, by `[ref]` with a definition, or whose own label has a definition
 * (`[@a]: url`), is left to CommonMark as a link.
 */

const codes = {
  tab: -2,
  virtualSpace: -1,
  space: 32,
  dash: 45,
  at: 64,
  leftBracket: 91,
  backslash: 92,
  rightBracket: 93,
  semicolon: 59,
  leftParen: 40,
  backtick: 96,
  colon: 58,
  slash: 47
} as const

/** Punctuation a key may hold between letters and digits. */
const internalPunctuation = new Set([...':.#$%&-+?<>~/'].map((character) => character.charCodeAt(0)))

function isLineEnding(code: Code): boolean {
  return code !== null && code < codes.tab
}

function isWhitespace(code: Code): boolean {
  return code !== null && (code < 0 || code === codes.space)
}

/** A letter, digit or `_`: what a key starts with and ends with. */
export function isKeyCharacter(code: Code): boolean {
  if (code === null || code < 0) return false
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code))
}

function isAsciiPunctuation(code: Code): boolean {
  return code !== null && ((code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126))
}

/** `-@`: the suppressed-author mark, looked at before it is taken. */
const suppressAuthorAhead: Construct = {tokenize: tokenizeSuppressAuthorAhead, partial: true}
/** Punctuation inside a key: only when a key character (or `/` after `:` or `/`) follows. */
const internalPunctuationAhead: Construct = {tokenize: tokenizeInternalPunctuationAhead, partial: true}

const definedLabelAhead: Construct = {tokenize: tokenizeDefinedLabelAhead, partial: true}

const citationConstruct: Construct = {name: 'citation', tokenize: tokenizeCitation}

/** The micromark extension: citations start at `[`, before links do. */
export function citationSyntax(): Extension {
  return {text: {[codes.leftBracket]: citationConstruct}}
}

function tokenizeCitation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  /** Labels with a definition (`[@a]: url`), known before text is parsed. */
  const defined = this.parser.defined
  /** The bracketed text, to tell whether `[@a]: url` defines it as a link. */
  let label = ''
  /** Whether the previous character of a prefix or suffix was white space. */
  let afterSpace = true

  const take = (code: Code) => {
    label += code === null || code < 0 ? ' ' : String.fromCharCode(code)
    effects.consume(code)
  }

  return start

  function start(code: Code): State | undefined {
    if (code !== codes.leftBracket) return nok(code)
    effects.enter('citation')
    effects.enter('citationMarker')
    effects.consume(code)
    effects.exit('citationMarker')
    return itemBefore
  }

  function itemBefore(code: Code): State | undefined {
    if (!isWhitespace(code)) return itemStart(code)
    effects.enter(isLineEnding(code) ? 'lineEnding' : 'citationWhitespace')
    take(code)
    effects.exit(isLineEnding(code) ? 'lineEnding' : 'citationWhitespace')
    return itemBefore
  }

  function itemStart(code: Code): State | undefined {
    if (code === null || code === codes.semicolon || code === codes.rightBracket || code === codes.leftBracket || code === codes.backtick) return nok(code)
    effects.enter('citationItem')
    if (code === codes.at) return keyMarker(code)
    afterSpace = true
    if (code === codes.dash) return effects.check(suppressAuthorAhead, suppressAuthor, prefixStart)(code)
    return prefixStart(code)
  }

  function prefixStart(code: Code): State | undefined {
    effects.enter('citationPrefix')
    return prefixInside(code)
  }

  function prefixInside(code: Code): State | undefined {
    if (code === null || code === codes.semicolon || code === codes.rightBracket || code === codes.leftBracket || code === codes.backtick) return nok(code)
    if (afterSpace && code === codes.at) {
      effects.exit('citationPrefix')
      return keyMarker(code)
    }
    if (afterSpace && code === codes.dash) return effects.check(suppressAuthorAhead, prefixEnd, prefixCharacter)(code)
    return prefixCharacter(code)
  }

  function prefixCharacter(code: Code): State | undefined {
    afterSpace = isWhitespace(code)
    const escape = code === codes.backslash
    take(code)
    return escape ? prefixEscaped : prefixInside
  }

  function prefixEscaped(code: Code): State | undefined {
    if (!isAsciiPunctuation(code)) return prefixInside(code)
    take(code)
    return prefixInside
  }

  function prefixEnd(code: Code): State | undefined {
    effects.exit('citationPrefix')
    return suppressAuthor(code)
  }

  function suppressAuthor(code: Code): State | undefined {
    effects.enter('citationSuppressAuthor')
    take(code)
    effects.exit('citationSuppressAuthor')
    return keyMarker
  }

  function keyMarker(code: Code): State | undefined {
    effects.enter('citationKeyMarker')
    take(code)
    effects.exit('citationKeyMarker')
    return keyStart
  }

  function keyStart(code: Code): State | undefined {
    if (!isKeyCharacter(code)) return nok(code)
    effects.enter('citationKey')
    take(code)
    return keyInside
  }

  function keyInside(code: Code): State | undefined {
    if (isKeyCharacter(code)) {
      take(code)
      return keyInside
    }
    if (code !== null && internalPunctuation.has(code)) return effects.check(internalPunctuationAhead, keyPunctuation, keyEnd)(code)
    return keyEnd(code)
  }

  function keyPunctuation(code: Code): State | undefined {
    take(code)
    return keyInside
  }

  function keyEnd(code: Code): State | undefined {
    effects.exit('citationKey')
    if (code === codes.semicolon || code === codes.rightBracket) {
      effects.exit('citationItem')
      return itemEnd(code)
    }
    effects.enter('citationSuffix')
    afterSpace = false
    return suffixInside(code)
  }

  function suffixInside(code: Code): State | undefined {
    if (code === codes.semicolon || code === codes.rightBracket) {
      effects.exit('citationSuffix')
      effects.exit('citationItem')
      return itemEnd(code)
    }
    // A second `@id` without `;` is a mistake, not a suffix: leave it to the malformed check.
    if (code === null || code === codes.leftBracket || code === codes.backtick || (afterSpace && code === codes.at)) return nok(code)
    afterSpace = isWhitespace(code)
    const escape = code === codes.backslash
    take(code)
    return escape ? suffixEscaped : suffixInside
  }

  function suffixEscaped(code: Code): State | undefined {
    if (!isAsciiPunctuation(code)) return suffixInside(code)
    take(code)
    return suffixInside
  }

  function itemEnd(code: Code): State | undefined {
    if (code === codes.semicolon) {
      effects.enter('citationSeparator')
      take(code)
      effects.exit('citationSeparator')
      return itemBefore
    }
    effects.enter('citationMarker')
    effects.consume(code)
    effects.exit('citationMarker')
    return after
  }

  function after(code: Code): State | undefined {
    // `[@a](url)`, `[@a][ref]` with `ref` defined and a defined `[@a]` are links, as CommonMark says.
    if (code === codes.leftParen) return nok(code)
    if (defined.length === 0) return finish(code)
    if (defined.includes(normalizeLabel(label))) return nok(code)
    if (code === codes.leftBracket) return effects.check(definedLabelAhead, nok, finish)(code)
    return finish(code)
  }

  function finish(code: Code): State | undefined {
    effects.exit('citation')
    return ok(code)
  }
}

/** `[ref]` where `ref` has a definition: a reference link's label (at most 999 characters, as CommonMark says). */
function tokenizeDefinedLabelAhead(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const defined = this.parser.defined
  let label = ''
  return (code: Code) => {
    effects.enter('citationMarker')
    effects.consume(code)
    return inside
  }

  function inside(code: Code): State | undefined {
    if (code === null || code === codes.leftBracket || label.length > 999) return nok(code)
    if (code === codes.rightBracket) {
      effects.consume(code)
      effects.exit('citationMarker')
      const isDefined = defined.includes(normalizeLabel(label))
      return (next: Code) => (isDefined ? ok(next) : nok(next))
    }
    label += code < 0 ? ' ' : String.fromCharCode(code)
    effects.consume(code)
    return inside
  }
}

function tokenizeSuppressAuthorAhead(effects: Effects, ok: State, nok: State): State {
  return (code: Code) => {
    effects.enter('citationSuppressAuthor')
    effects.consume(code)
    effects.exit('citationSuppressAuthor')
    return (next: Code) => (next === codes.at ? ok(next) : nok(next))
  }
}

function tokenizeInternalPunctuationAhead(effects: Effects, ok: State, nok: State): State {
  return (code: Code) => {
    const slashMayFollow = code === codes.colon || code === codes.slash
    effects.enter('citationKey')
    effects.consume(code)
    effects.exit('citationKey')
    return (next: Code) => (isKeyCharacter(next) || (slashMayFollow && next === codes.slash) ? ok(next) : nok(next))
  }
}

/** CommonMark's label normalization (micromark-util-normalize-identifier). */
function normalizeLabel(value: string): string {
  return value.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase()
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    citation: 'citation'
    citationMarker: 'citationMarker'
    citationWhitespace: 'citationWhitespace'
    citationItem: 'citationItem'
    citationPrefix: 'citationPrefix'
    citationSuppressAuthor: 'citationSuppressAuthor'
    citationKeyMarker: 'citationKeyMarker'
    citationKey: 'citationKey'
    citationSuffix: 'citationSuffix'
    citationSeparator: 'citationSeparator'
  }
}
