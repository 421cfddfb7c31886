import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {maxLinePrefixDepth, maxTotalPrefixDepth} from '../markdown/limits.js'
import {findDeepLinePrefix} from '../markdown/nesting-prescan.js'
import {withinParseLimits} from '../markdown/parse-guard.js'
import {processMarkdown, processMarkdownFragment} from '../markdown/processor.js'
import {emitError} from '../report/emit.js'
import {type ParsedFrontmatter, parseFrontmatter, validateFrontmatter} from './frontmatter.js'
import {type CardFrontmatter, cardFrontmatterSchema, type ThemeFrontmatter, themeFrontmatterSchema} from './schema.js'
import {slugFromFileName} from './slug.js'

/** A theme file after the per-file step: parsed, validated, not yet numbered. */
export interface ThemeDraft {
  slug: string
  file: VFile
  meta: ThemeFrontmatter
  body: Root
  tips: {heading: Root | undefined; items: Root[]} | undefined
  headingIds: Set<string>
  pointAt: ParsedFrontmatter['pointAt']
}

/** The card's index.md after the per-file step. */
export interface CardDraft {
  file: VFile
  meta: CardFrontmatter
  intro: Root
  sourceTexts: Root[]
  /** The ids of the intro's headings, for `#heading` links. */
  headingIds: Set<string>
  /** Where a frontmatter value stands, for findings made per card. */
  pointAt: ParsedFrontmatter['pointAt']
}

/**
 * The per-file step for a theme: depends on the file alone, so it can be
 * cached by content and run in parallel. Returns undefined (with messages
 * on the file) when the file cannot be used.
 */
export async function loadThemeFile(file: VFile): Promise<ThemeDraft | undefined> {
  if (!file.data.readable) return undefined
  const processed = await processSafely(file)
  if (!processed) return undefined
  const {tree, frontmatter} = processed
  const parsed = readFrontmatter(file, frontmatter)
  const meta = parsed && validateFrontmatter(file, parsed, themeFrontmatterSchema)
  if (!parsed || !meta) return undefined

  let tips: ThemeDraft['tips']
  if (meta.tips) {
    const isList = Array.isArray(meta.tips)
    const items = isList ? (meta.tips as string[]) : (meta.tips as {items: string[]}).items
    const heading = isList ? undefined : (meta.tips as {heading?: string}).heading
    const itemPath = isList ? ['tips'] : ['tips', 'items']
    tips = {
      heading: heading === undefined ? undefined : await processMarkdownFragment(file, heading, parsed.stringPositionsAt(['tips', 'heading'])),
      items: await Promise.all(items.map((item, index) => processMarkdownFragment(file, item, parsed.stringPositionsAt([...itemPath, index]))))
    }
  }
  return {slug: slugFromFileName(file.basename ?? ''), file, meta, body: tree, tips, headingIds: collectHeadingIds(tree), pointAt: parsed.pointAt}
}

/** The per-file step for a card's index.md. */
export async function loadCardFile(file: VFile): Promise<CardDraft | undefined> {
  if (!file.data.readable) return undefined
  const processed = await processSafely(file)
  if (!processed) return undefined
  const {tree, frontmatter} = processed
  const parsed = readFrontmatter(file, frontmatter)
  const meta = parsed && validateFrontmatter(file, parsed, cardFrontmatterSchema)
  if (!parsed || !meta) return undefined
  const sourceTexts = await Promise.all(
    meta.sources.map((source, index) => processMarkdownFragment(file, source.text, parsed.stringPositionsAt(['sources', index, 'text'])))
  )
  return {file, meta, intro: tree, sourceTexts, headingIds: collectHeadingIds(tree), pointAt: parsed.pointAt}
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
  const deep = findDeepLinePrefix(String(file.value), maxLinePrefixDepth, maxTotalPrefixDepth)
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
