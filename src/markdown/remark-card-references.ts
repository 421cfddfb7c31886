import path from 'node:path/posix'
import type {Definition, Image, ImageReference, Link, Root} from 'mdast'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {emitWarning} from '../report/emit.js'
import {claimCardImage, decodePath, externalUrl} from './card-image.js'

/**
 * Find the links and images that point at files of the card itself and
 * mark them for the per-card step, which knows where each will end up:
 * a link to `02-opbrengsten.md` becomes a link to that theme's page, an
 * image `figuren/x.png` is copied beside the pages.
 */
export default function remarkCardReferences() {
  return (tree: Root, file: VFile) => {
    const themeLinks = (file.data.themeLinks ??= [])
    const fragmentLinks = (file.data.fragmentLinks ??= [])
    resolveImageReferences(tree)

    visit(tree, (node) => {
      if (node.type === 'link') {
        const link = node as Link
        const [target = '', fragment] = link.url.split('#', 2)
        if (externalUrl.test(link.url)) return
        if (target === '' && fragment) {
          fragmentLinks.push({target: '', fragment: decodePath(fragment), place: link.position?.start ?? {line: 1, column: 1}})
          return
        }
        if (!target.toLowerCase().endsWith('.md')) return
        const normalized = path.normalize(decodePath(target))
        themeLinks.push({target: normalized, fragment: fragment === undefined ? undefined : decodePath(fragment), place: link.position?.start ?? {line: 1, column: 1}})
        link.data = {...link.data, hProperties: {...link.data?.hProperties, dataThemeLink: normalized, dataFragment: fragment}}
      } else if (node.type === 'image') {
        const image = node as Image
        const place = image.position?.start
        if (!image.alt?.trim()) {
          emitWarning(file, 'image-alt-missing', 'Image has no alt text', {
            place,
            hint: 'Describe the image in the brackets: `![What the image shows](path.png)`.'
          })
        }
        const claimed = claimCardImage(file, image.url, place)
        if (claimed.kind === 'refused') image.url = ''
        if (claimed.kind !== 'card') return
        image.data = {...image.data, hProperties: {...image.data?.hProperties, dataAsset: claimed.path}}
      }
    })
  }
}

/**
 * Turn `![alt][ref]` with its `[ref]: url` into a plain image, so an image
 * by reference is checked, copied and refused exactly like `![alt](url)`.
 * A reference without a definition stays text, as Markdown renders it.
 */
function resolveImageReferences(tree: Root): void {
  const definitions = new Map<string, Definition>()
  visit(tree, 'definition', (definition: Definition) => {
    // The first definition of an identifier wins, as in CommonMark.
    if (!definitions.has(definition.identifier)) definitions.set(definition.identifier, definition)
  })
  if (definitions.size === 0) return
  visit(tree, 'imageReference', (reference: ImageReference, index, parent) => {
    const definition = definitions.get(reference.identifier)
    if (!definition || !parent || index === undefined) return
    const image: Image = {type: 'image', url: definition.url, title: definition.title ?? null, alt: reference.alt ?? null}
    if (reference.position) image.position = reference.position
    parent.children[index] = image
    return SKIP
  })
}
