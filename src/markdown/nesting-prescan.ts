import type {Point} from 'unist'

/**
 * Find the first line whose container prefix (quote markers `>`, list
 * markers, indentation) nests deeper than `limit`, without parsing: the
 * Markdown parser slows down with every open quote or list, so absurd
 * nesting is refused before it runs. A list level counts two (the list
 * and its item), a column of indentation one, a `>` one. As the parser's
 * time grows with the open levels on every line, their sum over the file
 * has a limit too (`totalLimit`). Directive containers (`:::name` …
 * `:::`) stay open across blank lines and are re-checked on every line
 * like quotes, so each open one counts one level on every line. Linear
 * in the text.
 */
export function findDeepLinePrefix(text: string, limit: number, totalLimit = Infinity): {place: Point; total: boolean} | undefined {
  let line = 1
  let total = 0
  let index = 0
  let openContainers = 0
  while (index < text.length) {
    let depth = 0
    let column = 0
    let at = index
    for (;;) {
      const char = text[at]
      if (char === ' ') column++
      else if (char === '\t') column += 4 - (column % 4)
      else if (char === '>') depth++
      else if ((char === '-' || char === '*' || char === '+') && isSpaceOrEnd(text[at + 1])) depth += 2
      else if (char !== undefined && char >= '0' && char <= '9') {
        let end = at
        while (end - at < 9 && text[end]! >= '0' && text[end]! <= '9') end++
        if ((text[end] === '.' || text[end] === ')') && isSpaceOrEnd(text[end + 1])) {
          depth += 2
          column += end - at
          at = end
        } else break
      } else break
      if (depth + column > limit) return {place: {line, column: at - index + 1}, total: false}
      at++
    }
    containerFence.lastIndex = at
    const fence = containerFence.exec(text)
    if (fence?.[1]) openContainers++
    else if (fence && openContainers > 0) openContainers--
    if (depth + column + openContainers > limit) return {place: {line, column: at - index + 1}, total: false}
    total += depth + column + openContainers
    if (total > totalLimit) return {place: {line, column: 1}, total: true}
    const next = text.indexOf('\n', at)
    if (next === -1) break
    index = next + 1
    line++
  }
  return undefined
}

/** `:::name` opens a directive container (group 1 is its name's first letter); `:::` alone closes one. */
const containerFence = /:{3,}[ \t]*(?:([A-Za-z])|\r?(?:\n|$))/y

function isSpaceOrEnd(char: string | undefined): boolean {
  return char === undefined || char === ' ' || char === '\t' || char === '\n' || char === '\r'
}
