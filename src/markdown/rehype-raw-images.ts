import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {emitWarning} from '../report/emit.js'
import {claimCardImage} from './card-image.js'

/**
 * Hold images written as raw HTML (`<img src="figuren/x.png" width="200">`)
 * to the rules of Markdown images: a remote or outside address is an error,
 * a card file is checked and copied like any other. Runs after the HTML
 * sanitizer, which keeps raw HTML from forging `data-asset`: an `img`
 * without it here was written as HTML.
 */
export default function rehypeRawImages() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (element: Element) => {
      if (element.tagName !== 'img' || element.properties.dataAsset !== undefined) return
      const src = element.properties.src
      if (typeof src !== 'string' || src.trim() === '') return
      const place = element.position?.start
      const alt = element.properties.alt
      if (typeof alt !== 'string' || alt.trim() === '') {
        emitWarning(file, 'image-alt-missing', 'Image has no alt text', {place, hint: 'Describe the image in its `alt` attribute: `<img alt="What the image shows" src="…">`.'})
      }
      const claimed = claimCardImage(file, src, place)
      if (claimed.kind === 'card') element.properties.dataAsset = claimed.path
      else delete element.properties.src
    })
  }
}
