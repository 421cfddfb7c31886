import {isDeepStrictEqual} from 'node:util'
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {isMap, isScalar, isSeq, parse, parseDocument, type Scalar} from 'yaml'

/** What adding a theme to a card's `themes:` list came to. */
export type ThemeListEdit =
  /** index.md lists no themes: they follow the file names, nothing to change. */
  | {kind: 'no-list'}
  /** The slug is in the list already (a theme whose file was missing). */
  | {kind: 'listed'}
  /** The new text of index.md: the list with the slug added, every other byte as it was. */
  | {kind: 'edited'; text: string}
  /** The list cannot be edited safely; nothing is changed. */
  | {kind: 'unreadable'; reason: string}

/**
 * Add a slug at the end of the `themes:` list in the frontmatter of a
 * card's index.md, if it has one. The `yaml` package's document finds the
 * list and its last item; the new item is then written into the text
 * beside it, in the list's own style (`- slug` with the same indentation,
 * or `, slug` in a `[…]` list), so the user's comments, quotes, line
 * widths and line endings stay byte for byte. The result is parsed again:
 * if it reads as anything but the same frontmatter with one more theme, it
 * is not used.
 */
export function addToThemeList(indexText: string, slug: string): ThemeListEdit {
  const bom = indexText.startsWith('\uFEFF') ? '\uFEFF' : ''
  const text = indexText.slice(bom.length)
  const block = frontmatterOf(text)
  if (!block) return {kind: 'unreadable', reason: 'index.md has no frontmatter block (`---` lines) that can be read'}
  const yaml = text.slice(block.start, block.end)
  const document = parseDocument(yaml, {uniqueKeys: true})
  if (document.errors.length > 0 || !isMap(document.contents)) return {kind: 'unreadable', reason: 'the frontmatter of index.md is not valid YAML'}
  const list = document.contents.get('themes', true)
  if (list === undefined) return {kind: 'no-list'}
  if (!isSeq(list)) return {kind: 'unreadable', reason: '`themes` in index.md is not a list'}
  const items = list.items.filter((item): item is Scalar<string> => isScalar(item) && typeof item.value === 'string')
  if (items.length !== list.items.length) return {kind: 'unreadable', reason: '`themes` in index.md holds something other than slugs'}
  if (items.some((item) => item.value === slug)) return {kind: 'listed'}

  const lineBreak = yaml.includes('\r\n') ? '\r\n' : '\n'
  const item = asYamlItem(slug)
  let edited: string | undefined
  const last = items.at(-1)
  if (list.flow) {
    // `[a, b]` → `[a, b, slug]`; `[]` → `[slug]`
    const at = last ? last.range![1] : list.range![0] + 1
    edited = yaml.slice(0, at) + (last ? `, ${item}` : item) + yaml.slice(at)
  } else if (last) {
    // The new `- slug` line goes after the line the last item ends on, with that item's indentation
    const start = last.range![0]
    const lineStart = yaml.lastIndexOf('\n', start - 1) + 1
    const indicator = /^[ \t]*-[ \t]+$/.exec(yaml.slice(lineStart, start))?.[0]
    if (indicator !== undefined) {
      const lineEnd = yaml.indexOf('\n', last.range![1])
      const at = lineEnd === -1 ? yaml.length : yaml[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd
      edited = yaml.slice(0, at) + lineBreak + indicator + item + yaml.slice(at)
    }
  }
  if (edited === undefined || !readsAsAdded(yaml, edited, slug)) {
    return {kind: 'unreadable', reason: '`themes` in index.md is written in a form kenniskaart cannot add to without changing it'}
  }
  return {kind: 'edited', text: bom + text.slice(0, block.start) + edited + text.slice(block.end)}
}

/** Where the YAML of the frontmatter lies in the text, found as the build finds it (remark-frontmatter). */
function frontmatterOf(text: string): {start: number; end: number} | undefined {
  const tree: Root = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(text)
  const node = tree.children[0]
  if (node?.type !== 'yaml' || node.position?.start.offset === undefined) return undefined
  const start = text.indexOf('\n', node.position.start.offset) + 1
  if (start === 0 || !text.startsWith(node.value, start)) return undefined
  return {start, end: start + node.value.length}
}

/** A slug as a list item: plain, unless YAML would read it as something else (`null`, `true`, `123`). */
function asYamlItem(slug: string): string {
  return parse(slug) === slug ? slug : JSON.stringify(slug)
}

/** True when the edited YAML holds what the old one held, with the slug added to `themes`. */
function readsAsAdded(before: string, after: string, slug: string): boolean {
  const old = parse(before) as {themes: string[]}
  const now = parseDocument(after, {uniqueKeys: true})
  if (now.errors.length > 0) return false
  return isDeepStrictEqual(now.toJS(), {...old, themes: [...old.themes, slug]})
}
