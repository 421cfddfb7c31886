import type {Paragraph, PhrasingContent, Root, RootContent} from 'mdast'
import type {ContainerDirective, LeafDirective, TextDirective} from 'mdast-util-directive'
import {toString} from 'mdast-util-to-string'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {emitWarning} from '../report/emit.js'
import {repeatsHeadingAbove} from './repeats-heading.js'

type Directive = ContainerDirective | LeafDirective | TextDirective

/**
 * Give meaning to the directives kenniskaart knows and undo the rest.
 *
 * `::figure[Caption]` is a figure placeholder: a figure the publication names
 * but whose picture is not there (yet); `::figure[Caption]{src="x.svg" alt="…"}`
 * is a figure with its picture. A text directive such as `:30` in "10:30" is
 * ordinary text that remark-directive took for syntax: it is put back as text.
 */
export default function remarkDirectives() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (!isDirective(node) || !parent || index === undefined) return
      if (node.type === 'textDirective') {
        parent.children.splice(index, 1, ...(asText(node) as never[]))
        return [SKIP, index]
      }
      if (node.type === 'leafDirective' && node.name === 'figure') {
        parent.children.splice(index, 1, figure(node, repeatsHeadingAbove(parent, index, toString(node))) as never)
        return SKIP
      }
      emitWarning(file, 'directive-unknown', `Unknown directive \`${node.type === 'leafDirective' ? '::' : ':::'}${node.name}\` is shown as text`, {
        place: node.position?.start,
        hint: 'Known directives: `::figure[Caption]{src="image.png" alt="…"}`.'
      })
      const paragraph: Paragraph = {type: 'paragraph', children: [{type: 'text', value: toString(node)}]}
      parent.children.splice(index, 1, paragraph as never)
      return SKIP
    })
  }
}

function isDirective(node: {type: string}): node is Directive {
  return node.type === 'textDirective' || node.type === 'leafDirective' || node.type === 'containerDirective'
}

function asText(node: TextDirective): PhrasingContent[] {
  const label: PhrasingContent[] = node.children.length > 0 ? [{type: 'text', value: '['}, ...node.children, {type: 'text', value: ']'}] : []
  return [{type: 'text', value: `:${node.name}`}, ...label]
}

/** A placeholder whose caption repeats the heading above it gets no caption: the heading names it. */
function figure(node: LeafDirective, namedByHeading: boolean): RootContent {
  const src = node.attributes?.src ?? undefined
  const alt = node.attributes?.alt ?? toString(node)
  const caption = {
    type: 'paragraph',
    children: node.children,
    data: {hName: 'figcaption'}
  } as Paragraph
  const picture = src
    ? ({type: 'image', url: src, alt, position: node.position} as PhrasingContent)
    : ({
        type: 'text',
        // The layout puts the label in, in the card's language (render/figure-placeholders.ts)
        value: '',
        data: {hName: 'div', hProperties: {className: ['figure-placeholder'], ariaHidden: 'true'}}
      } as unknown as PhrasingContent)
  return {
    type: 'paragraph',
    children: namedByHeading && !src ? [picture] : [picture, caption as unknown as PhrasingContent],
    position: node.position,
    data: {hName: 'figure', hProperties: {className: src ? ['figure'] : ['figure', 'figure-pending']}}
  } as Paragraph
}
