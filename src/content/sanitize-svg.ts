import * as csstree from 'css-tree'
import type {Element, ElementContent, Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {toXml} from 'xast-util-to-xml'
import {escapeTerminal} from '../report/escape-terminal.js'

const svgNamespace = 'http://www.w3.org/2000/svg'
const xlinkNamespace = 'http://www.w3.org/1999/xlink'
const xmlNamespace = 'http://www.w3.org/XML/1998/namespace'

/**
 * The SVG elements a picture is drawn with. Everything else goes: `script`,
 * `foreignObject` (HTML inside the picture), the animation elements (`set`
 * and `animate` can turn an `href` into `javascript:`), `handler`, `cursor`
 * and SVG fonts.
 */
const allowedElements = new Set([
  'a', 'circle', 'clipPath', 'defs', 'desc', 'ellipse', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite',
  'feConvolveMatrix', 'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA',
  'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset',
  'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence', 'filter', 'g', 'image', 'line',
  'linearGradient', 'marker', 'mask', 'metadata', 'path', 'pattern', 'polygon', 'polyline', 'radialGradient', 'rect',
  'stop', 'style', 'svg', 'switch', 'symbol', 'text', 'textPath', 'title', 'tspan', 'use', 'view'
])

/**
 * Drawing programs' own bookkeeping (Inkscape, Sodipodi, RDF metadata):
 * never drawn, never active, so it is dropped without a finding.
 */
const editorNamespaces = new Set([
  'http://www.inkscape.org/namespaces/inkscape',
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'http://creativecommons.org/ns#',
  'http://purl.org/dc/elements/1.1/',
  'http://ns.adobe.com/AdobeIllustrator/10.0/',
  'http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/'
])

/** Embedded raster pictures (`<image href="data:image/png;base64,…">`) stay: they load nothing and run nothing. */
const embeddedRaster = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[a-z\d+/=\s]*$/i

/** CSS functions that load something; only `url(#local)` may stay. */
const loadingFunctions = new Set(['url', 'src', 'image', 'image-set', '-webkit-image-set', 'cross-fade', 'element', 'paint'])

/** At-rules that only group rules; `@import`, `@font-face`, `@namespace` and the rest go. */
const allowedAtRules = new Set(['media', 'supports', 'keyframes', '-webkit-keyframes'])

/** Deeper nesting than this is refused rather than walked. */
const maxDepth = 256

export type SanitizedSvg =
  | {ok: true; contents: string; removed: string[]}
  | {ok: false; reason: string; hint: string}

/**
 * Parse an SVG as XML and keep only what draws: no script, no event
 * handlers, no `foreignObject`, no reference to anything outside the file
 * (`href` other than `#fragment` or an embedded raster, `url()` other than
 * `url(#fragment)`, `@import`, `xml-stylesheet`), no `javascript:`. Returns
 * the serialized result (what gets published) and a list of what was
 * removed, or why the file is no usable SVG.
 */
export function sanitizeSvg(text: string): SanitizedSvg {
  let tree: Root
  try {
    tree = fromXml(text)
  } catch (error) {
    if (error instanceof RangeError) return tooDeep()
    const {line, column} = error as {line?: number; column?: number}
    const cause = (error as {cause?: {message?: string}}).cause?.message?.split('\n', 1)[0]?.replace(/ \(line \d+, column \d+\)$/, '')
    return {
      ok: false,
      reason: `is not a well-formed SVG file: the XML does not parse${line ? ` (line ${line}, column ${column ?? 1}${cause ? `: ${cause}` : ''})` : ''}`,
      hint: 'Export the picture again as plain SVG from your drawing program, or save it as PNG.'
    }
  }
  const root = tree.children.find((node): node is Element => node.type === 'element')
  if (!root || namespaceOf(root.name, root.attributes, new Map(), true) !== svgNamespace || localName(root.name) !== 'svg') {
    const reason = !root
      ? 'is not an SVG image: it holds no element'
      : localName(root.name) === 'svg'
        ? 'is not an SVG image: its `<svg>` element is not in the SVG namespace (`xmlns="http://www.w3.org/2000/svg"`)'
        : `is not an SVG image: its root element is \`<${root.name}>\`, not \`<svg>\``
    return {
      ok: false,
      reason,
      hint: 'An SVG file starts with `<svg xmlns="http://www.w3.org/2000/svg" …>`; export the picture again as SVG, or save it as PNG.'
    }
  }
  const removed: string[] = []
  if (tree.children.some((node) => node.type === 'instruction' && node.name === 'xml-stylesheet')) removed.push('an `<?xml-stylesheet?>` instruction')
  try {
    const clean = sanitizeElement(root, new Map(), removed, 0)
    if (!clean) return tooDeep()
    const contents = toXml({type: 'root', children: [clean]})
    return {ok: true, contents, removed: [...new Set(removed)]}
  } catch (error) {
    if (error instanceof RangeError) return tooDeep()
    throw error
  }
}

function tooDeep(): SanitizedSvg {
  return {ok: false, reason: `nests its elements more than ${maxDepth} deep`, hint: 'Simplify the picture (ungroup it) in your drawing program, or save it as PNG.'}
}

/** The element cleaned, or `undefined` when the nesting is too deep. */
function sanitizeElement(element: Element, parentScope: ReadonlyMap<string, string>, removed: string[], depth: number): Element | undefined {
  if (depth > maxDepth) return undefined
  const scope = scopeOf(element.attributes, parentScope)
  const attributes: Element['attributes'] = {}
  for (const [name, value] of Object.entries(element.attributes)) {
    if (value === null || value === undefined) continue
    const problem = attributeProblem(element, name, value, scope)
    if (problem === 'quiet') continue
    if (problem) {
      removed.push(problem)
      continue
    }
    if (name === 'style') {
      const css = sanitizeCss(value, 'declarationList', removed)
      if (css.trim() !== '') attributes[name] = css
      continue
    }
    attributes[name] = value
  }

  const local = localName(element.name)
  const children: ElementContent[] = []
  if (local === 'style') {
    const css = element.children.map((child) => (child.type === 'text' || child.type === 'cdata' ? child.value : '')).join('')
    children.push({type: 'text', value: sanitizeCss(css, 'stylesheet', removed)})
    return {type: 'element', name: element.name, attributes, children}
  }
  for (const child of element.children) {
    if (child.type === 'text' || child.type === 'cdata') {
      children.push({type: 'text', value: child.value})
      continue
    }
    if (child.type !== 'element') continue
    const namespace = namespaceOf(child.name, child.attributes, scope, true)
    if (namespace !== undefined && editorNamespaces.has(namespace)) continue
    if (namespace !== svgNamespace || !allowedElements.has(localName(child.name))) {
      removed.push(`\`<${child.name}>\``)
      continue
    }
    const clean = sanitizeElement(child, scope, removed, depth + 1)
    if (!clean) return undefined
    children.push(clean)
  }
  return {type: 'element', name: element.name, attributes, children}
}

/**
 * What is wrong with an attribute, as it is named in the finding; `quiet`
 * for editor bookkeeping that goes without one; `undefined` when it stays.
 */
function attributeProblem(element: Element, name: string, value: string, scope: ReadonlyMap<string, string>): string | 'quiet' | undefined {
  if (name === 'xmlns' || name.startsWith('xmlns:')) return undefined
  const namespace = namespaceOf(name, {}, scope, false)
  const local = localName(name)
  if (namespace !== undefined && editorNamespaces.has(namespace)) return 'quiet'
  if (/^on/i.test(local)) return `the event handler \`${name}\``
  if (namespace === xmlNamespace && local === 'base') return '`xml:base`'
  // Browsers skip whitespace and control characters inside a scheme: `java\tscript:` runs too.
  const bare = [...value].filter((character) => character.charCodeAt(0) > 0x20 && !/\s/.test(character)).join('').toLowerCase()
  if (/(?:java|vb)script:/.test(bare)) return `a \`javascript:\` address in \`${name}\``
  if (local === 'href' || local === 'src') {
    if (namespace !== undefined && namespace !== xlinkNamespace) return `the attribute \`${name}\``
    const target = value.trim()
    if (target.startsWith('#')) return undefined
    if ((localName(element.name) === 'image' || localName(element.name) === 'feImage') && embeddedRaster.test(target)) return undefined
    return `the outside reference ${name}="${shorten(target)}"`
  }
  if (namespace !== undefined && namespace !== xlinkNamespace && namespace !== xmlNamespace) return 'quiet'
  if (name !== 'style' && (value.includes('(') || value.includes('\\')) && !isLocalCssValue(value)) {
    return `the outside reference in \`${name}="${shorten(value)}"\``
  }
  return undefined
}

/** A presentation attribute value (`fill="url(#verloop)"`) that loads nothing from outside. */
function isLocalCssValue(value: string): boolean {
  let local = true
  try {
    const ast = csstree.parse(value, {context: 'value', onParseError: () => (local = false)})
    csstree.walk(ast, (node) => {
      if (loadsFromOutside(node)) local = false
    })
  } catch {
    return false
  }
  return local
}

/**
 * CSS from a `style` attribute or element, with every declaration that
 * loads something from outside, every at-rule but the grouping ones and
 * anything the parser could not read taken out.
 */
function sanitizeCss(css: string, context: 'stylesheet' | 'declarationList', removed: string[]): string {
  let ast: csstree.CssNode
  try {
    ast = csstree.parse(css, {context, parseValue: true, onParseError: () => {}})
  } catch {
    removed.push('a style the CSS parser could not read')
    return ''
  }
  csstree.walk(ast, {
    enter(node: csstree.CssNode, item: csstree.ListItem<csstree.CssNode>, list: csstree.List<csstree.CssNode>) {
      if (!list) return
      if (node.type === 'Atrule' && !allowedAtRules.has(node.name.toLowerCase())) {
        removed.push(`the rule \`@${node.name}\` in a style`)
        list.remove(item)
        return csstree.walk.skip
      } else if (node.type === 'Raw' && /[(@\\<]/.test(node.value)) {
        removed.push('a style the CSS parser could not read')
        list.remove(item)
      } else if (node.type === 'Declaration' && declarationLoads(node)) {
        removed.push(`the outside reference in the style \`${shorten(csstree.generate(node))}\``)
        list.remove(item)
        return csstree.walk.skip
      }
      return undefined
    }
  })
  return csstree.generate(ast)
}

function declarationLoads(declaration: csstree.Declaration): boolean {
  if (/^(?:behavior|-moz-binding)$/i.test(declaration.property)) return true
  let loads = false
  csstree.walk(declaration.value, (node) => {
    if (loadsFromOutside(node)) loads = true
  })
  return loads || csstree.generate(declaration.value).includes('\\')
}

function loadsFromOutside(node: csstree.CssNode): boolean {
  if (node.type === 'Url') return !node.value.trim().startsWith('#')
  if (node.type === 'Function') return node.name.includes('\\') || loadingFunctions.has(node.name.toLowerCase())
  if (node.type === 'Raw') return /[(\\]/.test(node.value)
  return false
}

/** The namespace declarations in force on an element. */
function scopeOf(attributes: Element['attributes'], parent: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let scope: Map<string, string> | undefined
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value !== 'string' || (name !== 'xmlns' && !name.startsWith('xmlns:'))) continue
    scope ??= new Map(parent)
    scope.set(name === 'xmlns' ? '' : name.slice('xmlns:'.length), value)
  }
  return scope ?? parent
}

/**
 * The namespace of an element or attribute name. Unprefixed attributes
 * have none; unprefixed elements take the default namespace. An element's
 * own `xmlns` declarations count for its name.
 */
function namespaceOf(name: string, ownAttributes: Element['attributes'], scope: ReadonlyMap<string, string>, isElement: boolean): string | undefined {
  const colon = name.indexOf(':')
  const prefix = colon === -1 ? '' : name.slice(0, colon)
  if (prefix === 'xml') return xmlNamespace
  if (prefix === '' && !isElement) return undefined
  return scopeOf(ownAttributes, scope).get(prefix)
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1)
}

/** A value from the SVG as a finding shows it: one line, short, control characters written out. */
function shorten(text: string): string {
  const flat = [...escapeTerminal(text.replace(/\s+/g, ' '))]
  return flat.length > 60 ? `${flat.slice(0, 57).join('')}…` : flat.join('')
}
