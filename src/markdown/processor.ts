import type {Root as HastRoot} from 'hast'
import type {Yaml} from 'mdast'
import type {Point} from 'unist'
import rehypeSlug from 'rehype-slug'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from './remark-gfm-linear.js'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {FrontmatterBlock} from '../content/frontmatter.js'
import {type StringPositions, stringPoint, verbatimStringPositions} from '../content/yaml-string-positions.js'
import {listItemLinear} from './list-item-linear.js'
import {withinParseLimits} from './parse-guard.js'
import remarkCardReferences from './remark-card-references.js'
import remarkCitations, {shiftCitationUse} from './remark-citations.js'
import remarkDiagrams from './remark-diagrams.js'
import remarkDirectives from './remark-directives.js'
import remarkHeadingLevels from './remark-heading-levels.js'
import remarkImageFigures from './remark-image-figures.js'
import rehypeDiagrams from './rehype-diagrams.js'
import rehypeRawImages from './rehype-raw-images.js'
import remarkLimits from './remark-limits.js'
import rehypeSafeHtml from './rehype-safe-html.js'

/** The Markdown of one file as a hast tree, and its frontmatter block. */
export interface ProcessedMarkdown {
  tree: HastRoot
  frontmatter: FrontmatterBlock | undefined
}

const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkDirective)
  .use(remarkLimits)
  .use(remarkDirectives)
  .use(remarkDiagrams)
  .use(remarkCitations)
  .use(remarkCardReferences)
  .use(remarkImageFigures)
  .use(remarkHeadingLevels)
  .use(remarkRehype, {allowDangerousHtml: true, handlers: {listItem: listItemLinear}})
  .use(rehypeSafeHtml)
  .use(rehypeRawImages)
  .use(rehypeDiagrams)
  .use(rehypeSlug)
  .freeze()

const inlineProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkDirective)
  .use(remarkLimits)
  .use(remarkDirectives)
  .use(remarkCitations)
  .use(remarkCardReferences)
  .use(remarkRehype, {allowDangerousHtml: true, handlers: {listItem: listItemLinear}})
  .use(rehypeSafeHtml)
  .use(rehypeRawImages)
  .freeze()

/**
 * Run one file through the per-file pipeline. Positions in messages are the
 * file's own: the frontmatter is part of the parsed document, not cut off.
 */
export async function processMarkdown(file: VFile): Promise<ProcessedMarkdown> {
  const mdast = processor.parse(file)
  const yaml = mdast.children[0]?.type === 'yaml' ? (mdast.children[0] as Yaml) : undefined
  const tree = (await processor.run(mdast, file)) as HastRoot
  return {
    tree,
    frontmatter: yaml ? {value: yaml.value, startLine: (yaml.position?.start.line ?? 1) + 1} : undefined
  }
}

/**
 * Run a short Markdown string from the frontmatter (a tip, a source text)
 * through the inline pipeline. What it finds (citations, links, messages)
 * is recorded on `file`, each start and end at the place in the file where
 * that character of the string is written: `positions` maps the string
 * through its YAML source (escapes, folded and literal lines). `markdown`
 * is the string as YAML parsed it, or that string trimmed. A point instead
 * of a table says the string is written as it is from there on.
 */
export async function processMarkdownFragment(file: VFile, markdown: string, where: StringPositions | Point): Promise<HastRoot> {
  const positions = 'runs' in where ? where : verbatimStringPositions(markdown, where)
  const fragment = new VFile({path: file.path, value: markdown})
  const tree = withinParseLimits(fragment) ? ((await inlineProcessor.run(inlineProcessor.parse(fragment), fragment)) as HastRoot) : {type: 'root' as const, children: []}
  const fragmentPlace = location(fragment)
  // The schema trims strings: the fragment may start after leading white space of the YAML value
  const skip = positions.value.trim() === markdown ? positions.value.length - positions.value.trimStart().length : 0
  const toFile = (point: Point, side: 'start' | 'end'): Point => {
    const offset = fragmentPlace.toOffset(point) ?? (side === 'start' ? 0 : markdown.length)
    return stringPoint(positions, skip + offset, side)
  }
  const start = (point: Point): Point => toFile(point, 'start')
  const end = (point: Point): Point => toFile(point, 'end')

  for (const message of fragment.messages) {
    const place = message.place
    const mapped = place === undefined
      ? start({line: 1, column: 1})
      : 'start' in place
        ? {start: start(place.start), end: end(place.end)}
        : start(place)
    const copy = file.message(message.reason, {place: mapped, ruleId: message.ruleId, source: message.source ?? undefined})
    copy.fatal = message.fatal
    copy.note = message.note
    copy.url = message.url
    copy.expected = message.expected
    copy.actual = message.actual
  }
  ;(file.data.citations ??= []).push(...(fragment.data.citations ?? []).map((use) => shiftCitationUse(use, start, end)))
  ;(file.data.inTextCitations ??= []).push(...(fragment.data.inTextCitations ?? []).map((use) => shiftCitationUse(use, start, end)))
  ;(file.data.themeLinks ??= []).push(...(fragment.data.themeLinks ?? []).map((link) => ({...link, place: start(link.place)})))
  ;(file.data.fragmentLinks ??= []).push(...(fragment.data.fragmentLinks ?? []).map((link) => ({...link, place: start(link.place)})))
  ;(file.data.images ??= []).push(...(fragment.data.images ?? []).map((image) => ({...image, place: start(image.place)})))
  return tree
}
