import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'

/**
 * Put the label in each figure placeholder (`::figure[…]` without a
 * picture): the per-file step leaves them empty, as it knows no language.
 * Changes the tree in place; call it on a copy (see `resolveReferences`).
 */
export function labelFigurePlaceholders(tree: Root, label: string): Root {
  visit(tree, 'element', (element: Element) => {
    const className = element.properties.className
    if (element.tagName === 'div' && Array.isArray(className) && className.includes('figure-placeholder')) {
      element.children = [{type: 'text', value: label}]
    }
  })
  return tree
}
