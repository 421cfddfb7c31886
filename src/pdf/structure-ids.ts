/** A structure element's ID as Chromium writes it: `/ID (node00000748)`. */
const structureId = /\/ID \(node(\d{8})\)/g

/**
 * Chromium names the tagged elements it gives an ID (table headers, for the
 * cells that point at them) after the browser's DOM node numbers, which
 * count every node the browser made before: the same page printed later in
 * the same browser gets other IDs, and so other bytes. Renumber them in
 * place, 1, 2, 3 … in their order, so the IDs are the page's own. Each
 * keeps its length and its place among the others, so the cross-reference
 * offsets and the sorted ID tree stay valid.
 */
export function renumberStructureIds(bytes: Buffer): void {
  const text = bytes.toString('latin1')
  const numbers = [...new Set([...text.matchAll(structureId)].map((match) => match[1]!))].sort()
  if (numbers.length === 0) return
  const renumbered = new Map(numbers.map((number, position) => [number, String(position + 1).padStart(8, '0')]))
  // Every literal string naming one of them: the elements' own IDs, the ID tree's keys, the cells' `/Headers`
  for (const match of text.matchAll(/\(node(\d{8})\)/g)) {
    const replacement = renumbered.get(match[1]!)
    if (replacement !== undefined) bytes.write(replacement, match.index + '(node'.length, 'latin1')
  }
}
