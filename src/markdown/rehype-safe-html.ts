import type {Element, ElementContent, Nodes, Properties, Root, RootContent} from 'hast'
import {raw} from 'hast-util-raw'
import {defaultSchema, sanitize, type Schema} from 'hast-util-sanitize'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {emitWarning} from '../report/emit.js'

/**
 * Elements whose content goes with them: their text is code or fallback,
 * never something a reader should see as text.
 */
const stripped = ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'textarea', 'select', 'title']

/** URL schemes a link may use; everything else (`javascript:`, `data:`, …) goes. */
const protocols = {...defaultSchema.protocols, href: [...(defaultSchema.protocols?.href ?? []), 'tel']}

/**
 * What raw HTML in Markdown may hold: GitHub's allow-list, plus the
 * figure elements. Ids and names get a prefix, so they cannot clobber
 * globals or the page's own ids.
 */
export const rawHtmlSchema: Schema = {
  ...defaultSchema,
  // `input` is in GitHub's list for task lists, which come from Markdown, not HTML.
  tagNames: [...(defaultSchema.tagNames ?? []).filter((name) => name !== 'input'), 'figure', 'figcaption'],
  strip: stripped,
  protocols
}

/**
 * What the Markdown pipeline itself makes: the same allow-list plus the
 * attributes kenniskaart's plugins add, which raw HTML may not forge
 * (`data-cite`, `data-theme-link`, `data-asset` name files and sources).
 * Its ids are generated, so they keep their form.
 */
export const markdownSchema: Schema = {
  ...rawHtmlSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), 'dataThemeLink', 'dataFragment'],
    img: [...(defaultSchema.attributes?.img ?? []), 'dataAsset'],
    sup: [['className', 'citation'], 'dataCite'],
    figure: [['className', 'figure', 'figure-pending', 'diagram-figure'], 'dataDiagram'],
    div: [...(defaultSchema.attributes?.div ?? []), ['className', 'figure-placeholder'], 'ariaHidden']
  }
}

export interface Options {
  /** Allow-list for elements written as HTML in the Markdown. */
  rawSchema?: Schema
  /** Allow-list for elements made from Markdown syntax. */
  markdownSchema?: Schema
}

type Verdict = {kind: 'keep'; properties: Properties} | {kind: 'unwrap'} | {kind: 'drop'}

/**
 * Parse the raw HTML in a Markdown file (with `hast-util-raw`) and make the
 * whole tree safe (with `hast-util-sanitize`), one element at a time, so
 * each removal is reported where it stands in the file. Elements written
 * as HTML are held to the raw-HTML allow-list; elements made from Markdown
 * syntax to one that also admits kenniskaart's own attributes. Both forbid
 * scripts, event handlers and `javascript:` or `data:` URLs.
 */
export default function rehypeSafeHtml(options: Options = {}) {
  const schemas = {raw: options.rawSchema ?? rawHtmlSchema, markdown: options.markdownSchema ?? markdownSchema}
  return (tree: Root, file: VFile): Root => {
    const rawRanges = collectRawRanges(tree)
    const parsed = rawRanges.length > 0 ? (raw(tree, {file}) as Root) : tree
    const fromRaw = (element: Element) => {
      const offset = element.position?.start.offset
      return offset !== undefined && inRanges(rawRanges, offset)
    }

    const ancestors: Element[] = []
    const clean = (parent: Root | Element) => {
      let index = 0
      while (index < parent.children.length) {
        const child = parent.children[index]!
        if (child.type === 'comment' || child.type === 'doctype') {
          // Comments are notes for editors and never shown: dropped without a word.
          parent.children.splice(index, 1)
          continue
        }
        if (child.type !== 'element') {
          index++
          continue
        }
        const isRaw = fromRaw(child)
        const verdict = judge(child, ancestors, isRaw ? schemas.raw : schemas.markdown)
        const place = child.position?.start ?? ancestors.findLast((ancestor) => ancestor.position)?.position?.start
        report(file, child, verdict, isRaw, place)
        if (verdict.kind === 'drop') {
          parent.children.splice(index, 1)
        } else if (verdict.kind === 'unwrap') {
          parent.children.splice(index, 1, ...(child.children as RootContent[] & ElementContent[]))
        } else {
          child.properties = verdict.properties
          ancestors.push(child)
          clean(child)
          ancestors.pop()
          index++
        }
      }
    }
    clean(parsed)
    return parsed
  }
}

/** The offsets of the raw HTML in the tree, before it is parsed. */
function collectRawRanges(tree: Root): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  const walk = (node: Nodes) => {
    if (node.type === 'raw') {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start !== undefined && end !== undefined) ranges.push([start, end])
    }
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return ranges.sort((a, b) => a[0] - b[0])
}

/** Whether an offset lies in one of the ranges, which are in document order and do not overlap. */
function inRanges(ranges: Array<[number, number]>, offset: number): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const [start, end] = ranges[middle]!
    if (offset < start) high = middle - 1
    else if (offset >= end) low = middle + 1
    else return true
  }
  return false
}

/**
 * Ask the sanitizer about one element alone (its children are judged on
 * their own): kept with which properties, replaced by its content, or gone.
 */
function judge(element: Element, ancestors: Element[], schema: Schema): Verdict {
  const probe: Element = {
    type: 'element',
    tagName: element.tagName,
    properties: element.properties,
    children: [{type: 'text', value: '', data: {probe: true} as never}],
    data: {probe: true} as never
  }
  // The sanitizer only asks whether an element has an ancestor of some name
  // (a `td` needs a `table`): one of each name is enough, however deep the tree.
  let tree: Element = probe
  for (const tagName of new Set(ancestors.map((ancestor) => ancestor.tagName))) {
    tree = {type: 'element', tagName, properties: {}, children: [tree]}
  }
  const result = sanitize(tree, schema)
  const found = findProbe(result)
  if (found?.type === 'element') return {kind: 'keep', properties: found.properties}
  return found ? {kind: 'unwrap'} : {kind: 'drop'}
}

function findProbe(node: Nodes): Nodes | undefined {
  if ((node.data as {probe?: boolean} | undefined)?.probe) return node
  if (!('children' in node)) return undefined
  for (const child of node.children) {
    const found = findProbe(child)
    if (found?.type === 'element') return found
    if (found) return found
  }
  return undefined
}

function report(file: VFile, element: Element, verdict: Verdict, isRaw: boolean, place: Point | undefined): void {
  const tag = `<${element.tagName}>`
  if (verdict.kind !== 'keep') {
    const reason =
      verdict.kind === 'drop'
        ? `Removed the HTML element \`${tag}\` and its content`
        : `Removed the HTML element \`${tag}\`, which is not allowed${element.children.length > 0 ? ' (its content is kept)' : ''}`
    emitWarning(file, 'html-removed', reason, {
      place,
      hint: 'HTML in Markdown may use plain elements only (such as <b>, <sup>, <table>): no scripts, styles, frames, forms or embedded objects. Write it in Markdown, or leave it out.'
    })
    return
  }
  for (const [key, value] of Object.entries(element.properties)) {
    if (value === undefined || value === null || value === false) continue
    const kept = Object.hasOwn(verdict.properties, key) ? verdict.properties[key] : undefined
    const isKept = kept !== undefined && kept !== null && (!Array.isArray(value) || !Array.isArray(kept) || kept.length === value.length)
    if (isKept) continue
    const attribute = attributeName(key)
    const scheme = typeof value === 'string' && urlProperties.has(key) ? /^\s*([a-z][a-z\d+.-]*):/i.exec(value)?.[1] : undefined
    const rule = isRaw ? 'html-removed' : 'link-unsafe'
    if (/^on[A-Z]/.test(key)) {
      emitWarning(file, rule, `Removed the event handler \`${attribute}\` from \`${tag}\``, {
        place,
        hint: 'Scripts never run on a kenniskaart page; remove the attribute.'
      })
    } else if (scheme) {
      emitWarning(file, rule, `Removed the \`${scheme.toLowerCase()}:\` address from the \`${attribute}\` of \`${tag}\``, {
        place,
        hint: 'Links and images may use http(s), mailto and tel addresses, or paths inside the card.'
      })
    } else {
      emitWarning(file, rule, `Removed the attribute \`${attribute}\` from \`${tag}\``, {
        place,
        hint: 'The attribute is not on the allow-list (the look comes from the visual theme); remove it.'
      })
    }
  }
}

const urlProperties = new Set(['href', 'src', 'cite', 'longDesc', 'srcSet', 'action', 'formAction', 'poster'])

/** `onError` → `onerror`, `dataCite` → `data-cite`, `className` → `class`. */
function attributeName(property: string): string {
  if (property === 'className') return 'class'
  if (property === 'htmlFor') return 'for'
  if (/^on[A-Z]/.test(property)) return property.toLowerCase()
  if (/^(data|aria)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
  return property.toLowerCase()
}
