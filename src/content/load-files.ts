import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {maxLinePrefixDepth, maxTotalPrefixDepth} from '../markdown/limits.js'
import {findDeepLinePrefix} from '../markdown/nesting-prescan.js'
import {withinParseLimits} from '../markdown/parse-guard.js'
import {processMarkdown, processMarkdownFragment} from '../markdown/processor.js'
import {emitError} from '../report/emit.js'
import {type ParsedFrontmatter, parseFrontmatter, validateFrontmatter} from './frontmatter.js'
import {type FrontmatterRanges, type RangeAt, rangeLookup, tabulateRanges} from './frontmatter-ranges.js'
import {type CardFrontmatter, cardFrontmatterSchema, type ThemeFrontmatter, themeFrontmatterSchema} from './schema.js'
import {slugFromFileName} from './slug.js'

/**
 * A theme file after the per-file step: parsed, validated, not yet
 * numbered. Plain data (no functions, no file), so it can be cached and
 * passed between threads; `themeDraft` joins it to its file again.
 */
export interface ThemeDraftData {
  slug: string
  meta: ThemeFrontmatter
  body: Root
  tips: {heading: Root | undefined; items: Root[]} | undefined
  headingIds: Set<string>
  /** Where each frontmatter value stands, for findings made per card. */
  ranges: FrontmatterRanges
  /**
   * Frontmatter keys whose value is not known (see `ValidatedFrontmatter`):
   * `*` when the frontmatter could not be read at all. Its errors are on the file.
   */
  invalid: ReadonlySet<string>
}

/** A theme's draft with its file, for the per-card step. */
export interface ThemeDraft extends ThemeDraftData {
  file: VFile
  rangeAt: RangeAt
}

/** The card's index.md after the per-file step: plain data, like a theme's. */
export interface CardDraftData {
  meta: CardFrontmatter
  intro: Root
  sourceTexts: Root[]
  /** The ids of the intro's headings, for `#heading` links. */
  headingIds: Set<string>
  ranges: FrontmatterRanges
  /** As for a theme: keys whose value is not known, `*` for all of them. */
  invalid: ReadonlySet<string>
}

/** The card's draft with its file, for the per-card step. */
export interface CardDraft extends CardDraftData {
  file: VFile
  rangeAt: RangeAt
}

/** Join a theme's plain draft to its file. */
export function themeDraft(file: VFile, data: ThemeDraftData): ThemeDraft {
  return {...data, file, rangeAt: rangeLookup(data.ranges)}
}

/** Join a card's plain draft to its file. */
export function cardDraft(file: VFile, data: CardDraftData): CardDraft {
  return {...data, file, rangeAt: rangeLookup(data.ranges)}
}

/** Nothing of the frontmatter is known. */
const unknownFrontmatter: ReadonlySet<string> = new Set(['*'])

/**
 * The per-file step for a theme: depends on the file alone, so it can be
 * cached by content and run in parallel. Returns undefined (with messages
 * on the file) when the file cannot be read or parsed. A frontmatter with
 * errors still gives a draft, with what is valid of it, so the body's
 * findings and the card's checks of this file are reported too.
 */
export async function loadThemeFile(file: VFile): Promise<ThemeDraftData | undefined> {
  if (!file.data.readable) return undefined
  const processed = await processSafely(file)
  if (!processed) return undefined
  const {tree, frontmatter} = processed
  const slug = slugFromFileName(file.basename ?? '')
  const headingIds = collectHeadingIds(tree)
  const parsed = readFrontmatter(file, frontmatter)
  const validated = parsed && validateFrontmatter(file, parsed, themeFrontmatterSchema)
  if (!parsed || !validated) {
    return {slug, meta: {title: '', summary: ''}, body: tree, tips: undefined, headingIds, ranges: {}, invalid: unknownFrontmatter}
  }
  const meta = validated.data
  const ranges = tabulateRanges(meta, atWritten(parsed, validated.rawPath))

  let tips: ThemeDraft['tips']
  if (meta.tips) {
    const isList = Array.isArray(meta.tips)
    const items = isList ? (meta.tips as string[]) : (meta.tips as {items: string[]}).items
    const heading = isList ? undefined : (meta.tips as {heading?: string}).heading
    const itemPath = isList ? ['tips'] : ['tips', 'items']
    tips = {
      heading: heading === undefined ? undefined : await processMarkdownFragment(file, heading, parsed.stringPositionsAt(validated.rawPath(['tips', 'heading']))),
      items: await Promise.all(items.map((item, index) => processMarkdownFragment(file, item, parsed.stringPositionsAt(validated.rawPath([...itemPath, index])))))
    }
  }
  return {slug, meta, body: tree, tips, headingIds, ranges, invalid: validated.invalid}
}

/**
 * The per-file step for a card's index.md. It always gives a draft: when
 * the file or its frontmatter cannot be read (the errors are on the file),
 * one that knows nothing, so the card's other files are still checked.
 */
export async function loadCardFile(file: VFile): Promise<CardDraftData> {
  const processed = file.data.readable ? await processSafely(file) : undefined
  if (!processed) return unknownCardDraft({type: 'root', children: []})
  const {tree, frontmatter} = processed
  const parsed = readFrontmatter(file, frontmatter)
  const validated = parsed && validateFrontmatter(file, parsed, cardFrontmatterSchema)
  if (!parsed || !validated) return unknownCardDraft(tree)
  const meta = validated.data
  const ranges = tabulateRanges(meta, atWritten(parsed, validated.rawPath))
  const sourceTexts = await Promise.all(
    meta.sources.map((source, index) => processMarkdownFragment(file, source.text, parsed.stringPositionsAt(validated.rawPath(['sources', index, 'text']))))
  )
  return {meta, intro: tree, sourceTexts, headingIds: collectHeadingIds(tree), ranges, invalid: validated.invalid}
}

/** Positions of validated values, looked up where they are written (list items left out move the rest). */
function atWritten(parsed: ParsedFrontmatter, rawPath: (path: ReadonlyArray<PropertyKey>) => PropertyKey[]): RangeAt {
  return (path, what) => parsed.rangeAt(rawPath(path), what)
}

/** A card whose frontmatter is not known: the defaults, and every key marked unknown. */
function unknownCardDraft(intro: Root): CardDraftData {
  const meta = cardFrontmatterSchema.parse({title: 'x'})
  return {meta: {...meta, title: ''}, intro, sourceTexts: [], headingIds: collectHeadingIds(intro), ranges: {}, invalid: unknownFrontmatter}
}

/**
 * Run the Markdown pipeline on a file. Absurd nesting of quotes and lists
 * is refused before parsing (the parser slows down with every open level);
 * the pipeline itself cuts off nesting below what its recursive tree walks
 * survive (see remark-limits). Running out of stack anyway is a finding
 * about the file, not a crash.
 */
async function processSafely(file: VFile): Promise<Awaited<ReturnType<typeof processMarkdown>> | undefined> {
  if (!withinParseLimits(file)) return undefined
  const deep = findDeepLinePrefix(blankFrontmatter(String(file.value)), maxLinePrefixDepth, maxTotalPrefixDepth)
  if (deep) {
    const reason = deep.total
      ? `The quotes, lists, ::: containers and indentation at the start of the lines up to here add up to more than ${maxTotalPrefixDepth} levels`
      : `The quotes, lists, ::: containers and indentation at the start of this line nest more than ${maxLinePrefixDepth} levels deep`
    emitError(file, 'markdown-too-deep', reason, {
      place: deep.place,
      hint: 'Nest quotes, lists and containers a few levels deep at most, close each `:::name` container with `:::`, indent lines by less than 200 columns, and split very long files.'
    })
    return undefined
  }
  try {
    return await processMarkdown(file)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    emitError(file, 'markdown-too-deep', 'The Markdown nests too deeply to be processed', {
      place: {line: 1, column: 1},
      hint: 'Nest quotes, lists and HTML elements a few levels deep at most.'
    })
    return undefined
  }
}

/**
 * The text with the lines of its frontmatter emptied (line numbers stay):
 * YAML indentation is no Markdown nesting, and too deep YAML has its own finding.
 */
function blankFrontmatter(text: string): string {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text)
  if (!open) return text
  const close = /\n---[ \t]*\r?(?:\n|$)/g
  close.lastIndex = open[0].length - 1
  const end = close.exec(text)
  if (!end) return text
  return text.slice(0, open[0].length) + text.slice(open[0].length, end.index).replace(/[^\r\n]+/g, '') + text.slice(end.index)
}

function readFrontmatter(file: VFile, block: Parameters<typeof parseFrontmatter>[1] | undefined): ParsedFrontmatter | undefined {
  if (!block) {
    const text = String(file.value)
    const opens = /^---[ \t]*\r?(?:\n|$)/.test(text)
    const later = !opens && /^(?:[ \t]*\r?\n)+---[ \t]*\r?(?:\n|$)/.test(text)
    emitError(file, 'frontmatter-missing', opens ? 'The frontmatter block is not closed' : 'The file has no frontmatter', {
      place: {line: 1, column: 1},
      hint: opens
        ? 'End the frontmatter with a line holding only `---`.'
        : later
          ? 'The first line of the file must be `---`: remove the empty lines above it.'
          : 'Start the file with a block between `---` lines, holding at least `title:`.'
    })
    return undefined
  }
  return parseFrontmatter(file, block)
}

function collectHeadingIds(tree: Root): Set<string> {
  const ids = new Set<string>()
  visit(tree, 'element', (element: Element) => {
    if (/^h[1-6]$/.test(element.tagName) && typeof element.properties.id === 'string') ids.add(element.properties.id)
  })
  return ids
}
