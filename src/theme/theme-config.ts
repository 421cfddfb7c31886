import {findNodeAtLocation, getNodeValue, type Node as JsonNode, type ParseError, ParseErrorCode, parseTree} from 'jsonc-parser'
import type {Point} from 'unist'
import {location} from 'vfile-location'
import type {VFile} from 'vfile'
import {z} from 'zod'
import {labelKeys, labelLanguages} from '../labels.js'
import {emitError} from '../report/emit.js'
import {suggest} from '../report/suggest.js'
import {parseThemeColour} from './theme-colour.js'

const colourSchema = z.string().transform((value, context) => {
  const hex = parseThemeColour(value)
  if (hex === undefined) {
    context.addIssue({code: 'custom', message: 'a colour is an opaque CSS colour: hex (`#1f6f8b`), `rgb()`, `hsl()` or a name such as `teal`'})
    return z.NEVER
  }
  return hex
})

const pathSchema = z.string().trim().min(1, 'a path must not be empty')

/**
 * A stylesheet of theme.json: a path (added after the parent theme's
 * stylesheet of that kind), or `{"file": path, "replace": true}` to use it
 * instead of the parent's.
 */
const stylesheetSchema = z.union([pathSchema, z.strictObject({file: pathSchema, replace: z.boolean().default(false)})], {
  error: 'a stylesheet is a path such as `"site.css"`, or `{"file": "site.css", "replace": true}` to replace the parent theme\'s'
})

/**
 * Text on a theme colour: a fixed colour, or the automatic choice between
 * a dark and a light colour, whichever has the higher contrast (black and
 * white when theme.json says neither).
 */
const onColorSchema = z.union(
  [colourSchema, z.literal('auto'), z.strictObject({dark: colourSchema.default('#000000'), light: colourSchema.default('#ffffff')})],
  {error: 'onColor is a colour, `"auto"`, or `{"dark": colour, "light": colour}` to choose between'}
)

/** Label overrides, per language: `{"en": {"tips": "Good to know"}}`; keys are checked against the label tables. */
const labelsSchema = z.record(z.string(), z.record(z.string(), z.string().trim().min(1, 'a label must not be empty').max(200, 'a label is at most 200 characters')))

const layerKeys = {
  name: z.string(),
  /** Theme colours, given to themes by position when a theme sets none. */
  palette: z.array(colourSchema).min(1, 'the palette needs at least one colour'),
  /** Text colour on a theme colour (tiles, bands); automatic when left out. */
  onColor: onColorSchema.optional(),
  /** `fonts` holds the @font-face rules both other stylesheets import. */
  stylesheets: z.object({site: stylesheetSchema, print: stylesheetSchema, fonts: stylesheetSchema.optional()}),
  /** Font files: paths inside the theme folder, or files of an installed npm package. */
  fonts: z.array(pathSchema).default([]),
  labels: labelsSchema.optional()
}

/** theme.json of a theme that stands alone: it names everything a theme needs. */
export const themeConfigSchema = z.object(layerKeys)

/** theme.json of a theme that `extends` another: every key but `name` is inherited when left out. */
const extendingThemeConfigSchema = z.object({
  ...layerKeys,
  extends: z.string().regex(/^[a-z\d]+(?:-[a-z\d]+)*$/, 'a theme name is lowercase letters and digits joined by dashes, such as `kenniskaart`'),
  palette: layerKeys.palette.optional(),
  stylesheets: z.object({site: stylesheetSchema.optional(), print: stylesheetSchema.optional(), fonts: stylesheetSchema.optional()}).default({}),
  fonts: z.array(pathSchema).optional()
})

/** What one theme.json declares, before what it inherits is filled in. */
export interface ThemeConfig {
  name: string
  extends?: string | undefined
  palette?: string[] | undefined
  onColor?: z.infer<typeof onColorSchema> | undefined
  stylesheets: Partial<Record<'site' | 'print' | 'fonts', z.infer<typeof stylesheetSchema>>>
  fonts?: string[] | undefined
  labels?: Record<string, Record<string, string>> | undefined
}

/** A validated theme.json, and where each of its values stands in the file. */
export interface ParsedThemeConfig {
  config: ThemeConfig
  pointAt(path: ReadonlyArray<string | number>, what?: 'key' | 'value'): Point
}

/** What a JSON parse error means, in words. */
const parseErrorText: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'an unexpected character (JSON strings use double quotes, keys too)',
  [ParseErrorCode.InvalidNumberFormat]: 'a number is not written as JSON writes numbers',
  [ParseErrorCode.PropertyNameExpected]: 'a key in double quotes was expected (no comma after the last entry)',
  [ParseErrorCode.ValueExpected]: 'a value was expected (no comma after the last entry)',
  [ParseErrorCode.ColonExpected]: 'a colon was expected after the key',
  [ParseErrorCode.CommaExpected]: 'a comma was expected between two entries',
  [ParseErrorCode.CloseBraceExpected]: 'a closing `}` was expected',
  [ParseErrorCode.CloseBracketExpected]: 'a closing `]` was expected',
  [ParseErrorCode.EndOfFileExpected]: 'the file goes on after its one value',
  [ParseErrorCode.InvalidCommentToken]: 'JSON allows no comments',
  [ParseErrorCode.UnexpectedEndOfComment]: 'a comment is not closed (and JSON allows none)',
  [ParseErrorCode.UnexpectedEndOfString]: 'a string is not closed',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'a number ends too soon',
  [ParseErrorCode.InvalidUnicode]: 'a `\\u` escape is not four hex digits',
  [ParseErrorCode.InvalidEscapeCharacter]: 'a backslash escape that JSON does not know',
  [ParseErrorCode.InvalidCharacter]: 'a control character (such as a tab or a line break) inside a string'
}

/**
 * Parse and validate a theme.json. A syntax error or a value of the wrong
 * type or form is a finding on the file at its own line and column; the
 * result is undefined then.
 */
export function parseThemeConfig(file: VFile): ParsedThemeConfig | undefined {
  const text = String(file.value)
  const place = location(file)
  const errors: ParseError[] = []
  const root = parseTree(text, errors, {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false})
  const toPoint = (offset: number): Point => place.toPoint(offset) ?? {line: 1, column: 1}

  const [syntaxError] = errors
  if (syntaxError || !root) {
    emitError(file, 'theme-config-syntax', `Invalid JSON in theme.json: ${syntaxError ? (parseErrorText[syntaxError.error] ?? 'unexpected text') : 'no value'}`, {
      place: toPoint(syntaxError?.offset ?? 0),
      hint: 'theme.json is strict JSON: keys and strings in double quotes, commas between entries and none after the last, no comments.'
    })
    return undefined
  }

  const pointAt = (path: ReadonlyArray<string | number>, what: 'key' | 'value' = 'value'): Point => {
    // The deepest node that exists on the path: a missing key is reported at the object that lacks it
    for (let length = path.length; length >= 0; length--) {
      const node = findNodeAtLocation(root, [...path.slice(0, length)])
      if (!node) continue
      const keyNode = what === 'key' && length === path.length ? propertyKey(node) : undefined
      return toPoint((keyNode ?? node).offset)
    }
    return toPoint(root.offset)
  }

  const value: unknown = getNodeValue(root)
  const extending = value !== null && typeof value === 'object' && Object.hasOwn(value, 'extends')
  const parsed = (extending ? extendingThemeConfigSchema : themeConfigSchema).safeParse(value)
  if (parsed.success) {
    const config: ThemeConfig = parsed.data
    return checkLabels(file, root, pointAt) ? {config, pointAt} : undefined
  }
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol')
    // A key that is not there at all (a union of forms, such as a stylesheet's, says `invalid_union`)
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_union') && path.length > 0 && findNodeAtLocation(root, path) === undefined
    emitError(
      file,
      'theme-config-invalid',
      path.length === 0
        ? 'theme.json is not an object of `"key": value` pairs'
        : missing
          ? `theme.json misses the key \`${path.join('.')}\``
          : `Invalid \`${path.join('.')}\` in theme.json: ${issue.message}`,
      {
        place: pointAt(path),
        hint: missing ? `Add \`"${String(path.at(-1))}"\`; the theme format is described in the README.` : 'Correct the value; the theme format is described in the README.'
      }
    )
  }
  return undefined
}

/** The key node of a property value, for findings that point at the key. */
function propertyKey(node: JsonNode): JsonNode | undefined {
  return node.parent?.type === 'property' ? node.parent.children?.[0] : undefined
}

/**
 * Check the label overrides: each language one kenniskaart has labels for,
 * each key a label there is. A mistake is an error at the key, with the
 * nearest name when it looks like a typo. False when there is one.
 */
function checkLabels(file: VFile, root: JsonNode, pointAt: ParsedThemeConfig['pointAt']): boolean {
  let valid = true
  // The keys as written: the parsed value has dropped a `__proto__` key
  const keysOf = (node: JsonNode | undefined) => (node?.type === 'object' ? (node.children ?? []).map((property) => String(property.children?.[0]?.value)) : [])
  const labelsNode = findNodeAtLocation(root, ['labels'])
  for (const language of keysOf(labelsNode)) {
    if (!/^[a-z]{2,3}$/.test(language)) {
      const meant = suggest(language.split('-')[0]!.toLowerCase(), labelLanguages)
      emitError(file, 'theme-config-invalid', `\`${language}\` in theme.json's \`labels\` is not a language`, {
        place: pointAt(['labels', language], 'key'),
        hint: `Labels are given per language, by its two- or three-letter code in lowercase (${meant === undefined ? labelLanguages.map((known) => `\`${known}\``).join(', ') : `here \`${meant}\``}); a card in \`nl-BE\` gets the labels of \`nl\`.`
      })
      valid = false
      continue
    }
    for (const key of keysOf(findNodeAtLocation(root, ['labels', language]))) {
      if ((labelKeys as string[]).includes(key)) continue
      const meant = suggest(key, labelKeys)
      emitError(file, 'theme-config-invalid', `Unknown label \`${key}\` in theme.json`, {
        place: pointAt(['labels', language, key], 'key'),
        hint: meant === undefined ? `The labels are: ${labelKeys.join(', ')}.` : `Did you mean \`${meant}\`?`
      })
      valid = false
    }
  }
  return valid
}
