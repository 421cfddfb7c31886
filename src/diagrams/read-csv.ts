/** One cell of a CSV line: its text (quotes removed) and its columns on the line, end exclusive. */
export interface CsvCell {
  text: string
  column: number
  endColumn: number
}

/**
 * Split one CSV line into cells: commas separate, double quotes may wrap a
 * cell (`"12,5"`), and `""` inside quotes is a quote. Columns count from 1.
 */
export function splitCsvLine(line: string): CsvCell[] {
  const cells: CsvCell[] = []
  let index = 0
  for (;;) {
    const start = index
    let text = ''
    while (line[index] === ' ' || line[index] === '\t') index++
    if (line[index] === '"') {
      index++
      while (index < line.length) {
        if (line[index] === '"' && line[index + 1] === '"') {
          text += '"'
          index += 2
        } else if (line[index] === '"') {
          index++
          break
        } else {
          text += line[index]
          index++
        }
      }
      while (index < line.length && line[index] !== ',') index++
    } else {
      const comma = line.indexOf(',', index)
      const end = comma === -1 ? line.length : comma
      text = line.slice(index, end)
      index = end
    }
    const written = line.slice(start, index)
    const lead = written.length - written.trimStart().length
    const trail = written.length - written.trimEnd().length
    cells.push({text: text.trim(), column: start + lead + 1, endColumn: Math.max(start + lead + 1, index - trail + 1)})
    if (index >= line.length) return cells
    index++ // the comma
  }
}
