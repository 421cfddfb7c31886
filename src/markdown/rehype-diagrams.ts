import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import {renderDiagram} from '../diagrams/render-diagram.js'
import {type DiagramSpec, diagramKinds} from '../diagrams/types.js'

/**
 * Draw the figures `remark-diagrams` marked as inline SVG. It runs after
 * the sanitizer, which lets the marker through only on figures made from
 * Markdown; the SVG is built here as a tree, so the content's text is
 * escaped when the page is written, and no SVG written in the content
 * reaches the page this way.
 */
export default function rehypeDiagrams() {
  return (tree: Root) => {
    visit(tree, 'element', (element: Element) => {
      const data = element.properties.dataDiagram
      if (element.tagName !== 'figure' || typeof data !== 'string') return
      delete element.properties.dataDiagram
      const spec = JSON.parse(data) as DiagramSpec
      if (!(diagramKinds as readonly string[]).includes(spec.kind)) return
      element.children.unshift(renderDiagram(spec))
    })
  }
}
