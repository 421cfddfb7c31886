import path from 'node:path/posix'
import type {Image, Link, Root} from 'mdast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {emitError, emitWarning} from '../report/emit.js'

/** A URL with a scheme (`https:`, `mailto:`) or protocol-relative: not a card file. */
const externalUrl = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i

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
    const images = (file.data.images ??= [])

    visit(tree, (node) => {
      if (node.type === 'link') {
        const link = node as Link
        const [target = '', fragment] = link.url.split('#', 2)
        if (externalUrl.test(link.url)) return
        if (target === '' && fragment) {
          fragmentLinks.push({target: '', fragment: decode(fragment), place: link.position?.start ?? {line: 1, column: 1}})
          return
        }
        if (!target.toLowerCase().endsWith('.md')) return
        const normalized = path.normalize(decode(target))
        themeLinks.push({target: normalized, fragment: fragment === undefined ? undefined : decode(fragment), place: link.position?.start ?? {line: 1, column: 1}})
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
        if (externalUrl.test(image.url)) return
        const normalized = path.normalize(decode(image.url.split(/[?#]/, 1)[0]!))
        if (normalized === '..' || normalized.startsWith('../') || path.isAbsolute(normalized)) {
          emitError(file, 'image-outside-card', `Image \`${image.url}\` lies outside the card folder`, {
            place,
            hint: 'Put the image inside the card folder (for example in `figuren/`) and link to it relative to the card.'
          })
          image.url = ''
          return
        }
        images.push({target: normalized, fragment: undefined, place: place ?? {line: 1, column: 1}})
        image.data = {...image.data, hProperties: {...image.data?.hProperties, dataAsset: normalized}}
      }
    })
  }
}

/**
 * Percent-decode a path as written, `%23` (`#`) and `%3F` (`?`) too, so
 * any file name can be written; a malformed escape is kept as written.
 */
function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
