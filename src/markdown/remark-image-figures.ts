import type {Image, Paragraph, Root} from 'mdast'
import {visit} from 'unist-util-visit'

/**
 * An image that stands alone in its paragraph is a figure; its title, when
 * given (`![alt](x.png "Caption")`), is the caption.
 */
export default function remarkImageFigures() {
  return (tree: Root) => {
    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      const [only, ...rest] = paragraph.children
      if (!only || rest.length > 0 || only.type !== 'image') return
      const image = only as Image
      const caption = image.title
        ? [{type: 'text', value: image.title, data: {hName: 'figcaption'}} as unknown as Paragraph['children'][number]]
        : []
      image.title = null
      paragraph.data = {...paragraph.data, hName: 'figure', hProperties: {className: ['figure']}}
      paragraph.children = [image, ...caption]
    })
  }
}
