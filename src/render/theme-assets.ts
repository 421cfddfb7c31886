import {readFileSync} from 'node:fs'
import path from 'node:path'
import {parse, walk} from 'css-tree'
import type {OutputFile} from '../output/output-file.js'
import {hashedName} from '../output/hashed-name.js'
import type {VisualTheme} from '../theme/load-visual-theme.js'
import {encodePath, relativeUrl} from './urls.js'

/** A visual theme as published: its files under hashed names, and where its two stylesheets are. */
export interface PublishedTheme {
  /** The fonts, `fonts.css`, `site.css` and `print.css`, each named by its contents (see `hashedName`). */
  files: OutputFile[]
  /** The output path of the site stylesheet, such as `assets/kenniskaart/site.3f9a01c2d4.css`. */
  site: string
  /** The output path of the print stylesheet. */
  print: string
}

const published = new WeakMap<VisualTheme, PublishedTheme>()

/**
 * A visual theme's files as the output holds them: each named by a hash of
 * its contents, so a host can cache them for ever. A stylesheet names the
 * fonts and `fonts.css` by their hashed names (its `url()`s and `@import`s
 * rewritten), so its own hash changes with theirs: fonts first, then
 * `fonts.css`, then `site.css` and `print.css`. Made once per loaded theme;
 * the font files are read here (a theme is loaded anew for each build).
 */
export function publishedTheme(theme: VisualTheme): PublishedTheme {
  let done = published.get(theme)
  if (!done) {
    done = publish(theme)
    published.set(theme, done)
  }
  return done
}

function publish(theme: VisualTheme): PublishedTheme {
  const folder = `assets/${theme.name}`
  const files: OutputFile[] = []
  const names = new Map<string, string>()
  const add = (original: string, contents: string | Uint8Array) => {
    const name = hashedName(original, contents)
    names.set(original, name)
    files.push({path: name, contents})
    return name
  }
  for (const font of theme.fontFiles) add(`${folder}/fonts/${path.basename(font)}`, readFileSync(font))
  if (theme.fontsStylesheet) add(`${folder}/fonts.css`, rewriteUrls(theme.fontsStylesheet, `${folder}/fonts.css`, names))
  const site = add(`${folder}/site.css`, rewriteUrls(theme.siteStylesheet, `${folder}/site.css`, names))
  const print = add(`${folder}/print.css`, rewriteUrls(theme.printStylesheet, `${folder}/print.css`, names))
  return {files, site, print}
}

/** Any origin will do: URLs are resolved against it to tell which output file they name. */
const origin = 'https://kenniskaart.invalid/'

/**
 * A stylesheet at output path `from` with each `url()` and `@import`
 * string that names a file in `names` rewritten to that file's new name,
 * relative as before (a query or fragment kept). Everything else in the
 * text stays byte for byte as it was; a stylesheet that cannot be parsed
 * is left as it is.
 */
export function rewriteUrls(css: string, from: string, names: ReadonlyMap<string, string>): string {
  const edits: Array<{start: number; end: number; text: string}> = []
  let tree
  try {
    tree = parse(css, {positions: true, parseValue: true, parseAtrulePrelude: true, parseRulePrelude: false})
  } catch {
    return css
  }
  const base = origin + encodePath(from)
  walk(tree, function (node) {
    const isImportString = node.type === 'String' && this.atrule?.name.toLowerCase() === 'import' && this.atrulePrelude !== null
    if ((node.type !== 'Url' && !isImportString) || !node.loc) return
    const value = (node as {value: string}).value
    let url: URL
    try {
      url = new URL(value, base)
    } catch {
      return
    }
    if (url.origin !== new URL(origin).origin) return
    let target: string
    try {
      target = decodeURIComponent(url.pathname.slice(1))
    } catch {
      return
    }
    const renamed = names.get(target)
    if (renamed === undefined) return
    const href = relativeUrl(from, renamed) + url.search + url.hash
    edits.push({start: node.loc.start.offset, end: node.loc.end.offset, text: node.type === 'Url' ? `url(${JSON.stringify(href)})` : JSON.stringify(href)})
  })
  let result = css
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end)
  return result
}
