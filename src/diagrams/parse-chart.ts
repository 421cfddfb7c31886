import {splitCsvLine} from './read-csv.js'
import {readYamlLabels} from './read-yaml-labels.js'
import type {BodyPoint, ChartPoint, DiagramParse, DiagramProblem} from './types.js'

/** More rows than this do not fit legibly in a column. */
export const maxChartRows = 24

const number = /^[-+]?\d+(?:[.,]\d+)?$/

/**
 * A ```chart block: a YAML header (`type: bar` or `line`, `title`, and `x`
 * and `y` naming columns), a line `---`, then CSV with a header row. Each
 * mistake is placed where it is written: a value that is not a number at
 * its own line and column.
 */
export function parseChart(body: string, blockStart: BodyPoint): DiagramParse {
  const lines = body.split(/\r?\n/)
  const separator = lines.findIndex((line) => line.trim() === '---')
  if (separator === -1) {
    return {
      spec: undefined,
      problems: [{
        ruleId: 'diagram-chart-csv',
        severity: 'error',
        reason: 'The chart has no `---` line between its settings and its data',
        hint: 'Write the settings (`type`, `title`, `x`, `y`), then a line `---`, then the data as CSV with a header row.',
        start: blockStart
      }]
    }
  }
  const header = readYamlLabels(lines.slice(0, separator).join('\n'), 1, {required: ['type', 'x', 'y'], optional: ['title']}, 'chart settings', blockStart)
  const problems: DiagramProblem[] = [...header.problems]
  const type = header.labels.get('type')
  if (type && type.value !== 'bar' && type.value !== 'line') {
    problems.push({
      ruleId: 'diagram-yaml-invalid',
      severity: 'error',
      reason: `The chart type \`${type.value}\` is not one kenniskaart draws`,
      hint: 'Use `type: bar` or `type: line`.',
      start: type.start,
      end: type.end
    })
  }

  const rows = lines.map((text, index) => ({text, line: index + 1})).slice(separator + 1).filter((row) => row.text.trim() !== '')
  const headRow = rows[0]
  if (!headRow) {
    problems.push({
      ruleId: 'diagram-chart-csv',
      severity: 'error',
      reason: 'The chart has no data after its `---` line',
      hint: 'Write a header row naming the columns, then one row per value: `Jaar,Uitval`, `2012,15`.',
      start: {line: separator + 1, column: 1}
    })
    return {spec: undefined, problems}
  }
  const columns = splitCsvLine(headRow.text)
  const columnIndex = (key: 'x' | 'y'): number | undefined => {
    const label = header.labels.get(key)
    if (!label) return undefined
    const index = columns.findIndex((cell) => cell.text === label.value)
    if (index !== -1) return index
    problems.push({
      ruleId: 'diagram-chart-column',
      severity: 'error',
      reason: `The chart's \`${key}\` names a column \`${label.value}\` that the data does not have`,
      hint: `The header row (line ${headRow.line} of the block) names ${columns.map((cell) => `\`${cell.text}\``).join(', ')}.`,
      start: label.start,
      end: label.end
    })
    return undefined
  }
  const xIndex = columnIndex('x')
  const yIndex = columnIndex('y')

  const data = rows.slice(1)
  if (data.length === 0) {
    problems.push({
      ruleId: 'diagram-chart-csv',
      severity: 'error',
      reason: 'The chart has a header row but no rows of data',
      hint: 'Write one row per value under the header row.',
      start: {line: headRow.line, column: 1}
    })
  } else if (data.length > maxChartRows) {
    problems.push({
      ruleId: 'diagram-chart-csv',
      severity: 'error',
      reason: `The chart has ${data.length} rows of data; it can draw at most ${maxChartRows}`,
      hint: 'Show fewer values (group them), or give the data as a table.',
      start: {line: data[maxChartRows]!.line, column: 1}
    })
  }
  const points: ChartPoint[] = []
  for (const row of data) {
    const cells = splitCsvLine(row.text)
    if (cells.length !== columns.length) {
      const extra = cells[columns.length]
      problems.push({
        ruleId: 'diagram-chart-csv',
        severity: 'error',
        reason: `This row has ${cells.length} cell${cells.length === 1 ? '' : 's'}; the header row has ${columns.length}`,
        hint: 'Give every row as many comma-separated cells as the header row; quote a cell that holds a comma: `"12,5"`.',
        start: extra ? {line: row.line, column: extra.column} : {line: row.line, column: row.text.trimEnd().length + 1}
      })
      continue
    }
    if (xIndex === undefined || yIndex === undefined) continue
    const cell = cells[yIndex]!
    if (!number.test(cell.text)) {
      problems.push({
        ruleId: 'diagram-chart-value',
        severity: 'error',
        reason: cell.text === '' ? `The \`${columns[yIndex]!.text}\` value is empty` : `The \`${columns[yIndex]!.text}\` value \`${cell.text}\` is not a number`,
        hint: 'Write the value as a number, such as `15` or `12.5`, without a unit: name the unit in the column (`Uitval (%)`).',
        start: {line: row.line, column: cell.column},
        end: {line: row.line, column: cell.endColumn}
      })
      continue
    }
    points.push({label: cells[xIndex]!.text, written: cell.text, value: Number(cell.text.replace(',', '.'))})
  }
  if (problems.some((problem) => problem.severity === 'error')) return {spec: undefined, problems}
  const title = header.labels.get('title')?.value
  return {
    spec: {
      kind: 'chart',
      type: type!.value as 'bar' | 'line',
      ...(title ? {title} : {}),
      x: header.labels.get('x')!.value,
      y: header.labels.get('y')!.value,
      points
    },
    problems
  }
}
