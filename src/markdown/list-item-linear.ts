import type {Element} from 'hast'
import type {List, ListItem, Parents} from 'mdast'
import {defaultHandlers, type State} from 'mdast-util-to-hast'

/*
 * mdast-util-to-hast (13.2) asks, for every item of a list, whether the whole
 * list is loose, by looking at each of its items: a tight list of 8,000 items
 * took 1.7 s, quadratic in its length. The answer is the same for every item,
 * so it is worked out once per list and handed to the default handler as a
 * list of no items with that `spread`: the output is unchanged.
 */

const looseness = new WeakMap<List, boolean>()

function isLoose(list: List): boolean {
  let loose = looseness.get(list)
  if (loose === undefined) {
    loose = Boolean(list.spread) || list.children.some((item) => (item.spread ?? item.children.length > 1))
    looseness.set(list, loose)
  }
  return loose
}

/** The `listItem` handler of mdast-util-to-hast, linear in the length of the list. */
export function listItemLinear(state: State, node: ListItem, parent: Parents | undefined): Element {
  if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent)
  const summary: List = {type: 'list', spread: isLoose(parent), children: []}
  return defaultHandlers.listItem(state, node, summary)
}
