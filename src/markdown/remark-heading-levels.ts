import type {Heading, Root} from 'mdast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {emitWarning} from '../report/emit.js'

export interface Options {
  /** The level of the body's top sections; the page title is the level above. */
  topLevel?: number
}

/**
 * Warn where a heading skips a level, so screen readers and the PDF's
 * outline keep a sane structure. A body's sections start at `##`.
 */
export default function remarkHeadingLevels(options: Options = {}) {
  const topLevel = options.topLevel ?? 2
  return (tree: Root, file: VFile) => {
    let previous = topLevel - 1
    visit(tree, 'heading', (heading: Heading) => {
      if (heading.depth > previous + 1 || heading.depth < topLevel) {
        const expected = heading.depth < topLevel ? topLevel : previous + 1
        const reason =
          heading.depth < topLevel
            ? `Heading level ${heading.depth} is the level of the page title`
            : `Heading level ${heading.depth} follows level ${previous}${previous === topLevel - 1 ? ' (the page title)' : ''}`
        emitWarning(file, 'heading-level-skipped', reason, {
          place: heading.position?.start,
          hint: `Use ${'#'.repeat(expected)} here: the page title is the only level-${topLevel - 1} heading and levels go down one at a time.`
        })
      }
      previous = heading.depth
    })
  }
}
